/** A question before something that changes the account for everyone: what will happen, in plain words, and two clear buttons. */
import type { ReactNode } from "react";
import { Button, Group, Modal, Text } from "@mantine/core";
import { HISTORY_WORDS as W } from "../../words/history";

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  /** The confirming button's words: what it does ("Restore the whole account"). */
  confirm: string;
  /** Red when it cannot be taken back. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function ConfirmDialog({ opened, title, confirm, danger, onConfirm, onCancel, children }: ConfirmDialogProps) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered size="md">
      <Text size="sm">{children}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          {W.cancel}
        </Button>
        <Button color={danger ? "red" : undefined} onClick={onConfirm} data-autofocus>
          {confirm}
        </Button>
      </Group>
    </Modal>
  );
}
