/**
 * Archive, delete from this laptop, erase the history: each asks first, in words that say
 * what happens, what stays on other people's laptops and what cannot be reached; the node
 * does the work (src/node/accounts/keeping.ts).
 */
import { useState } from "react";
import { Button, Menu, Text } from "@mantine/core";
import { headerOf } from "../../../../shared";
import { useClient, useClientSelector } from "../../sync/context";
import { useNotices } from "../../ui/notices";
import { navigate } from "../../ui/route";
import { KEEPING_WORDS as W } from "../../words/history";
import { useAccountQuery } from "../../document/hooks";
import { ConfirmDialog } from "../history/ConfirmDialog";

type Asking = "archive" | "delete" | "erase" | null;

export function ManageAccount({ documentId }: { documentId: string }) {
  const client = useClient();
  const { notify } = useNotices();
  const name = useAccountQuery((d) => headerOf(d).name) || "This account";
  const archived = useClientSelector((s) => s.status?.archived.includes(documentId) ?? false);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      notify({ tone: "error", message: W.failed(what, e instanceof Error ? e.message : String(e)) });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" size="xs" aria-label={W.menuLabel} loading={busy}>
            {W.menu}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {archived ? (
            <Menu.Item
              onClick={() =>
                void run(W.unarchive, async () => {
                  await client.api.archiveAccount({ documentId, archived: false });
                  notify({ message: W.unarchived(name) });
                })
              }
            >
              {W.unarchive}
            </Menu.Item>
          ) : (
            <Menu.Item onClick={() => setAsking("archive")}>{W.archive}</Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => setAsking("delete")}>
            {W.delete}
          </Menu.Item>
          <Menu.Item color="red" onClick={() => setAsking("erase")}>
            {W.erase}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={asking === "archive"}
        title={W.archiveTitle(name)}
        confirm={W.archiveButton}
        onCancel={() => setAsking(null)}
        onConfirm={() =>
          void run(W.archiveButton, async () => {
            await client.api.archiveAccount({ documentId, archived: true });
            notify({ message: W.archived(name) });
            navigate({ page: "accounts" });
          })
        }
      >
        {W.archiveText}
      </ConfirmDialog>
      <ConfirmDialog
        opened={asking === "delete"}
        title={W.deleteTitle(name)}
        confirm={W.deleteButton}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() =>
          void run(W.deleteButton, async () => {
            const { server } = await client.api.deleteAccount({ documentId });
            notify({ message: W.deleted(name, server) });
            navigate({ page: "accounts" });
          })
        }
      >
        {W.deleteText}
      </ConfirmDialog>
      <ConfirmDialog
        opened={asking === "erase"}
        title={W.eraseTitle(name)}
        confirm={W.eraseButton}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() =>
          void run(W.eraseButton, async () => {
            const erased = await client.api.eraseAccount({ documentId });
            notify({ message: W.erased(name, erased.reachedServer) });
            navigate({ page: "account", documentId: erased.documentId });
          })
        }
      >
        {W.eraseText}
        <Text size="sm" mt="sm" c="dimmed" component="span" display="block">
          {W.eraseCannot}
        </Text>
      </ConfirmDialog>
    </>
  );
}
