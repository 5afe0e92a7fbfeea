/** Every account on this device, drawn from the node's summaries (no document is opened). */
import { useMemo, useState } from "react";
import { Badge, Button, EmptyState, Group, Loader, Paper, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import type { AccountSummary } from "../../../shared";
import { useClientState } from "../sync/context";
import { hrefOf } from "../app/route";
import { formatDay, isOverdue, label, ROLE_LABEL, STAGE_COLOR, STAGE_LABEL } from "../ui/labels";
import { NewAccountForm } from "./NewAccountForm";
import { OpenSharedAccountForm } from "./OpenSharedAccountForm";
import classes from "./AccountsPage.module.css";

export function AccountsPage() {
  const { accounts, status } = useClientState();
  const damaged = useMemo(() => new Set((status?.damaged ?? []).filter((d) => !d.restored).map((d) => d.documentId)), [status]);
  const [creating, setCreating] = useState(false);
  const [opening, setOpening] = useState(false);
  const sorted = useMemo(() => (accounts ? [...accounts].sort((a, b) => a.name.localeCompare(b.name) || a.documentId.localeCompare(b.documentId)) : null), [accounts]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Accounts</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {sorted === null ? "Loading…" : sorted.length === 0 ? "None on this device yet" : sorted.length === 1 ? "1 account on this device" : `${String(sorted.length)} accounts on this device`}
          </Text>
        </div>
        <Group gap="sm">
          {!opening && (
            <Button variant="default" onClick={() => { setOpening(true); setCreating(false); }}>
              Open a shared account
            </Button>
          )}
          {!creating && (
            <Button onClick={() => { setCreating(true); setOpening(false); }}>
              New account
            </Button>
          )}
        </Group>
      </Group>

      {creating && <NewAccountForm onCancel={() => setCreating(false)} />}
      {opening && <OpenSharedAccountForm onCancel={() => setOpening(false)} />}

      {sorted === null ? (
        <Group justify="center" p="xl">
          <Loader size="sm" aria-label="Loading accounts" />
        </Group>
      ) : sorted.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            title="No accounts yet"
            description="Create an account with New account, or join a meeting a colleague is hosting with Join meeting at the top of the window."
          />
        </Paper>
      ) : (
        <Paper withBorder radius="md" className={classes.table}>
          <div className={classes.head} aria-hidden="true">
            <span>Account</span>
            <span>Stage</span>
            <span>Owner</span>
            <span>Next due</span>
            <span className={classes.num}>Open risks</span>
          </div>
          <ul className="plain" aria-label="Accounts">
            {sorted.map((a) => (
              <AccountRow key={a.documentId} account={a} damaged={damaged.has(a.documentId)} />
            ))}
          </ul>
        </Paper>
      )}
    </Stack>
  );
}

function AccountRow({ account: a, damaged }: { account: AccountSummary; damaged: boolean }) {
  const overdue = a.nextDue ? isOverdue(a.nextDue.when) : false;
  const name = a.name.trim() || "Untitled account";
  return (
    <li className={classes.row}>
      <div className={classes.nameCell}>
        <a href={hrefOf({ page: "account", documentId: a.documentId })} className={classes.name} title={name}>
          {name}
        </a>
        {damaged && (
          <Badge size="xs" variant="light" color="red" ml={8} style={{ flexShrink: 0 }}>
            Damaged
          </Badge>
        )}
        {a.readOnly && (
          <Badge size="xs" variant="outline" color="gray" ml={8} style={{ flexShrink: 0 }}>
            Read-only
          </Badge>
        )}
      </div>
      <div>
        <VisuallyHidden>Stage: </VisuallyHidden>
        <Badge variant="light" color={STAGE_COLOR[a.stage] ?? "gray"} radius="sm" className={classes.stage}>
          {label(STAGE_LABEL, a.stage)}
        </Badge>
      </div>
      <div className={classes.cell}>
        <VisuallyHidden>Owner: </VisuallyHidden>
        <Text size="sm" truncate="end">
          {a.ownerName ?? "—"}
        </Text>
        <Text size="xs" c="dimmed">
          {label(ROLE_LABEL, a.owner)}
        </Text>
      </div>
      <div className={classes.cell}>
        <VisuallyHidden>Next due: </VisuallyHidden>
        {a.nextDue ? (
          <>
            <Text size="sm" truncate="end" title={a.nextDue.what}>
              {a.nextDue.what || "Untitled"}
            </Text>
            <Text size="xs" c={overdue ? "red.7" : "dimmed"}>
              {a.nextDue.kind === "follow-up" ? "Follow-up" : a.nextDue.kind === "milestone" ? "Milestone" : "Commitment"} · {overdue ? "overdue since " : ""}
              {formatDay(a.nextDue.when)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing due
          </Text>
        )}
      </div>
      <div className={classes.num}>
        <VisuallyHidden>Open risks: </VisuallyHidden>
        {a.openRisks > 0 ? (
          <Badge color="red" variant="light" radius="sm">
            {a.openRisks}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            0
          </Text>
        )}
      </div>
    </li>
  );
}
