/** The account's name (edited live, merging with the other laptop), stage and owner. */
import { memo } from "react";
import { Badge, Group, Text } from "@mantine/core";
import { accountNameSchema, check, type AccountHeaderView } from "../../../shared";
import { LiveTextField } from "../ui/LiveTextField";
import { CUSTOMER_WORDS, label, ROLE_LABEL, STAGE_COLOR, STAGE_LABEL } from "../words/labels";
import { HostMeetingButton } from "../meeting/MeetingPanel";
import { ShareAccountButton } from "./ShareAccount";
import classes from "./AccountPage.module.css";
import { useAccountSession, useEdit } from "../document/hooks";

export const AccountHeader = memo(function AccountHeader({ documentId, header }: { documentId: string; header: AccountHeaderView }) {
  const edit = useEdit();
  // The account as it was is only read: no sharing or meeting from it.
  const now = useAccountSession().past === null;
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
      <div className={classes.headerMain}>
        <LiveTextField
          label="Account name"
          value={header.name}
          placeholder="Account name"
          disabled={header.readOnly}
          size="lg"
          multiline
          noLineBreaks
          inputClassName={classes.nameInput}
          validate={(name) => {
            const r = check(accountNameSchema, name);
            return r.ok ? null : r.message;
          }}
          onChange={(name) => edit("renameAccount", { name })}
        />
        <Group gap="lg" mt={6} className={classes.meta}>
          {(header.domain || header.phone) && (
            <Text size="sm" aria-label={CUSTOMER_WORDS.inHeader}>
              {[header.domain, header.phone].filter(Boolean).join(" · ")}
            </Text>
          )}
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              Stage
            </Text>
            <Badge variant="light" radius="sm" color={STAGE_COLOR[header.stage] ?? "gray"} style={{ textTransform: "none" }}>
              {label(STAGE_LABEL, header.stage)}
            </Badge>
          </Group>
          <Text size="sm">
            <Text span c="dimmed">
              Owner{" "}
            </Text>
            {header.ownerPerson?.name ?? "not set"}{" "}
            <Text span c="dimmed">
              ({label(ROLE_LABEL, header.owner)})
            </Text>
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              Rep{" "}
            </Text>
            {header.rep?.name ?? "—"}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              Delivery lead{" "}
            </Text>
            {header.deliveryLead?.name ?? "—"}
          </Text>
        </Group>
      </div>
      {now && (
        <Group gap="sm" wrap="nowrap">
          <ShareAccountButton documentId={documentId} />
          <HostMeetingButton documentId={documentId} />
        </Group>
      )}
    </Group>
  );
});
