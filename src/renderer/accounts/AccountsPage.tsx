/** Every account on this device, drawn from the node's summaries (no document is opened). */
import { useMemo, useState } from "react";
import { Button, Checkbox, EmptyState, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { ACCOUNT_SORTS, listAccounts, NO_FILTER, ownersOf, STAGES, type AccountFilter, type AccountSort, type AccountSummary, type Stage } from "../../../shared";
import { useClientState } from "../sync/context";
import { useNow } from "../ui/use-now";
import { viewerTimeZone } from "../words/calls";
import { LIST_WORDS } from "../words/find";
import { navigate } from "../ui/route";
import { label, STAGE_LABEL } from "../words/labels";
import { KEEPING_WORDS } from "../words/history";
import { NewAccountForm } from "./NewAccountForm";
import { OpenSharedAccountForm } from "./OpenSharedAccountForm";
import { AccountRows } from "./AccountRows";

/** `startCreating`: open with the new account form shown (#/accounts/new: the menu and Ctrl/Cmd+N). */
export function AccountsPage({ startCreating = false }: { startCreating?: boolean }) {
  const { accounts, status } = useClientState();
  const damaged = useMemo(() => new Set((status?.damaged ?? []).filter((d) => !d.restored).map((d) => d.documentId)), [status]);
  const [creating, setCreating] = useState(startCreating);
  const [opening, setOpening] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const archived = useMemo(() => new Set(status?.archived ?? []), [status]);
  const archivedCount = accounts ? accounts.filter((a) => archived.has(a.documentId)).length : 0;
  const [filter, setFilter] = useState<AccountFilter>(NO_FILTER);
  const [sort, setSort] = useState<AccountSort>("name");
  const hour = Math.floor(useNow(60_000) / 3_600_000);
  const timeZone = useMemo(() => viewerTimeZone(), []);
  // Archived accounts (on this device) are listed only on request.
  const sorted = useMemo(
    () => (accounts ? listAccounts(accounts.filter((a) => showArchived || !archived.has(a.documentId)), NO_FILTER, "name", { now: new Date(hour * 3_600_000), timeZone }) : null),
    [accounts, archived, showArchived, hour, timeZone],
  );
  const shown = useMemo(() => (sorted ? listAccounts(sorted, filter, sort, { now: new Date(hour * 3_600_000), timeZone }) : null), [sorted, filter, sort, hour, timeZone]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Accounts</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {accounts === null ? "Loading…" : accounts.length === 0 ? "None on this device yet" : accounts.length === 1 ? "1 account on this device" : `${String(accounts.length)} accounts on this device`}
            {archivedCount > 0 && !showArchived ? `, ${KEEPING_WORDS.archivedCount(archivedCount)}` : ""}
          </Text>
        </div>
        <Group gap="sm">
          {(archivedCount > 0 || showArchived) && (
            <Button variant="subtle" onClick={() => setShowArchived((v) => !v)} aria-pressed={showArchived}>
              {showArchived ? KEEPING_WORDS.hideArchived : KEEPING_WORDS.showArchived(archivedCount)}
            </Button>
          )}
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

      {creating && (
        <NewAccountForm
          onCancel={() => {
            setCreating(false);
            // Leave #/accounts/new, so the next Ctrl/Cmd+N opens the form again.
            if (startCreating) navigate({ page: "accounts" });
          }}
        />
      )}
      {opening && <OpenSharedAccountForm onCancel={() => setOpening(false)} />}

      {sorted === null ? (
        <Group justify="center" p="xl">
          <Loader size="sm" aria-label="Loading accounts" />
        </Group>
      ) : sorted.length === 0 && archivedCount > 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text size="sm" c="dimmed">
            {KEEPING_WORDS.allArchived}
          </Text>
        </Paper>
      ) : sorted.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            title="No accounts yet"
            description="Create an account with New account, or join a meeting a colleague is hosting with Join meeting at the top of the window."
          />
        </Paper>
      ) : (
        <>
        <AccountFilters accounts={sorted} filter={filter} onFilter={setFilter} sort={sort} onSort={setSort} shown={shown?.length ?? 0} />
        {shown?.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text size="sm">{LIST_WORDS.noneMatch}</Text>
            <Button variant="subtle" size="xs" mt="xs" onClick={() => setFilter(NO_FILTER)}>
              {LIST_WORDS.clear}
            </Button>
          </Paper>
        ) : (
        <AccountRows accounts={shown ?? []} damaged={damaged} archived={archived} />
        )}
        </>
      )}
    </Stack>
  );
}

/** Stage, owner, open risks, due this week; and the order of the rows. */
function AccountFilters({ accounts, filter, onFilter, sort, onSort, shown }: { accounts: readonly AccountSummary[]; filter: AccountFilter; onFilter: (f: AccountFilter) => void; sort: AccountSort; onSort: (s: AccountSort) => void; shown: number }) {
  // The owner filtered by stays a choice even once no account has them, so the select shows what filters.
  const owners = useMemo(() => {
    const all = ownersOf(accounts);
    return filter.owner !== null && !all.includes(filter.owner) ? [...all, filter.owner] : all;
  }, [accounts, filter.owner]);
  const filtered = filter.stage !== null || filter.owner !== null || filter.openRisks || filter.dueThisWeek;
  return (
    <Group gap="md" align="flex-end" role="group" aria-label={LIST_WORDS.filters}>
      <NativeSelect
        label={LIST_WORDS.stage}
        w={170}
        data={[{ value: "", label: LIST_WORDS.anyStage }, ...STAGES.map((s) => ({ value: s, label: label(STAGE_LABEL, s) }))]}
        value={filter.stage ?? ""}
        onChange={(e) => onFilter({ ...filter, stage: e.currentTarget.value ? (e.currentTarget.value as Stage) : null })}
      />
      <NativeSelect
        label={LIST_WORDS.owner}
        w={170}
        data={[{ value: "", label: LIST_WORDS.anyOwner }, ...owners.map((o) => ({ value: o, label: o }))]}
        value={filter.owner ?? ""}
        onChange={(e) => onFilter({ ...filter, owner: e.currentTarget.value || null })}
      />
      <Checkbox label={LIST_WORDS.openRisks} checked={filter.openRisks} onChange={(e) => onFilter({ ...filter, openRisks: e.currentTarget.checked })} mb={8} />
      <Checkbox label={LIST_WORDS.dueThisWeek} checked={filter.dueThisWeek} onChange={(e) => onFilter({ ...filter, dueThisWeek: e.currentTarget.checked })} mb={8} />
      <NativeSelect
        label={LIST_WORDS.sort}
        w={210}
        data={ACCOUNT_SORTS.map((s) => ({ value: s, label: LIST_WORDS.sorts[s] }))}
        value={sort}
        onChange={(e) => onSort(e.currentTarget.value as AccountSort)}
      />
      <Text size="sm" c="dimmed" mb={8} role="status">
        {LIST_WORDS.shown(shown, accounts.length)}
      </Text>
      {filtered && (
        <Button variant="subtle" size="xs" mb={4} onClick={() => onFilter(NO_FILTER)}>
          {LIST_WORDS.clear}
        </Button>
      )}
    </Group>
  );
}
