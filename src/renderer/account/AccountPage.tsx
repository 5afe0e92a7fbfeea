/** One account: header, meeting, stage bar, then the account's parts in tabs — all live with the other laptop. */
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { Alert, Anchor, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { headerOf, ReadOnlyDocumentError } from "../../../shared";
import { useOpenAccount } from "../document/open-account";
import { AccountSessionProvider, useAccountQuery, useAccountSession, useAccountSnapshot, useReadOnly } from "../document/hooks";
import { HistoryProvider, useHistoryState } from "./history/history";
import { PastBanner } from "./history/PastBanner";
import { HistoryMenu } from "./history/HistoryMenu";
import { CompareDialog } from "./history/CompareDialog";
import { ManageAccount } from "./manage/ManageAccount";
import { useClientSelector } from "../sync/context";
import { hrefOf } from "../ui/route";
import { sentence } from "../words/labels";
import { MeetingPanel } from "../meeting/MeetingPanel";
import { MeetingMode } from "../meeting/MeetingMode";
import { useHandoffCompletion } from "./handoff/Handoff";
import { useOwnContactKept } from "./own-contact";
import { AccountHeader } from "./AccountHeader";
import { AccountTabs, type AccountTab } from "./AccountTabs";
import { StageBar } from "./stage/StageBar";
import classes from "./AccountPage.module.css";
import { FollowUpsSection } from "../follow-ups/FollowUpsSection";
import { SectionBoundary } from "../ui/SectionBoundary";
import { DamageBanner } from "../damage/AccountDamage";
import { tabOfPart } from "./AccountTabs";
import { SinceLastLooked } from "./catch-up/SinceLastLooked";
import { RestoreFromBackup } from "../damage/RestoreFromBackup";

function BackLink() {
  return (
    <Anchor href={hrefOf({ page: "accounts" })} size="sm" c="dimmed">
      ← All accounts
    </Anchor>
  );
}

function Problem({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="md">
      <BackLink />
      <Alert color="orange" variant="light" title={title} role="alert">
        {children}
      </Alert>
    </Stack>
  );
}

export function AccountPage({ documentId }: { documentId: string }) {
  const load = useOpenAccount(documentId);
  const damaged = useClientSelector((s) => s.status?.damaged.find((d) => d.documentId === documentId && !d.restored));

  if (load.state === "ready")
    return (
      <AccountSessionProvider session={load.session}>
        <AccountView documentId={documentId} />
      </AccountSessionProvider>
    );
  if (load.state === "invalid")
    return <Problem title="This account cannot be found">The link does not name a Baton account (“{documentId}”).</Problem>;
  if (load.state === "failed") return <Problem title="This account could not be opened">{load.message}</Problem>;
  if (damaged)
    return (
      <Problem title={`“${damaged.name ?? "This account"}” is damaged on this device`}>
        {sentence(damaged.reason)} It will open again once it is recovered from the other laptop or the team server.
        <RestoreFromBackup damaged={damaged} />
      </Problem>
    );
  if (load.state === "unavailable")
    return (
      <Problem title="This account is not on this device">
        Baton keeps looking: if the account is shared with you in a meeting or through the team server, it opens here as soon as it
        arrives.
      </Problem>
    );
  return (
    <Stack gap="md" align="flex-start">
      <BackLink />
      <Stack align="center" w="100%" py="xl" gap="xs">
        <Loader size="sm" aria-label="Opening the account" />
        <Text size="sm" c="dimmed">
          {load.slow ? "Still waiting for this device's sync node to hand over the account…" : "Opening the account…"}
        </Text>
      </Stack>
    </Stack>
  );
}

/**
 * The page of an open account. It does not redraw when the account changes: each part
 * below reads what it shows from the session and redraws on its own, so a keystroke from
 * the other laptop redraws the commitment it changed, not the page.
 */
function AccountView({ documentId }: { documentId: string }) {
  const session = useAccountSession();
  const [tab, setTab] = useState<AccountTab>("plan");
  const history = useHistoryState();
  useHandoffCompletion();
  useOwnContactKept();

  return (
    <HistoryProvider actions={history.actions}>
      {history.past ? (
        <Stack gap="lg">
          <BackLink />
          <PastBanner past={history.past} now={session} actions={history.actions} />
          {/* The same screens, drawn from the account as it was (read-only). */}
          <AccountSessionProvider session={history.past}>
            <AccountBody documentId={documentId} tab={tab} onTab={setTab} />
          </AccountSessionProvider>
        </Stack>
      ) : (
        <AccountBody documentId={documentId} tab={tab} onTab={setTab} />
      )}
      {history.comparison && <CompareDialog comparison={history.comparison} onClose={history.closeComparison} />}
      {history.dialogs}
    </HistoryProvider>
  );
}

/** The account's parts, from the session above: the account now, or as it was at a point (then read-only, without the meeting). */
function AccountBody({ documentId, tab, onTab }: { documentId: string; tab: AccountTab; onTab: (tab: AccountTab) => void }) {
  const stored = useAccountQuery(headerOf);
  const readOnly = useReadOnly();
  const session = useAccountSession();
  const header = useMemo(() => (readOnly && !stored.readOnly ? { ...stored, readOnly } : stored), [stored, readOnly]);
  const showRisks = useCallback(() => onTab("risks"), [onTab]);
  const showTab = useCallback((t: string) => onTab(t as AccountTab), [onTab]);
  const showTimeline = useCallback(() => onTab("timeline"), [onTab]);
  const now = session.past === null;

  return (
    <Stack gap="lg" data-read-only={header.readOnly || undefined} data-past={now ? undefined : ""} className={classes.page}>
      {now && <BackLink />}
      <Title order={1} className="visually-hidden">
        {header.name || "Account"}
      </Title>
      {/* Each part draws on its own: one that fails says so, the rest of the page stays. */}
      <Part name="The account's header">
        <AccountHeader documentId={documentId} header={header} />
      </Part>
      {now && (
        <Group justify="flex-end" gap="xs" mt={-12}>
          <HistoryMenu onShowTimeline={showTimeline} />
          <ManageAccount documentId={documentId} />
        </Group>
      )}
      <DamageBanner tabOf={tabOfPart} onShowTab={showTab} />
      {now && (
        <Part name="Since you last looked">
          <SinceLastLooked documentId={documentId} />
        </Part>
      )}
      {stored.readOnly && (
        <Alert color="yellow" variant="light" title="Read-only" role="alert">
          {new ReadOnlyDocumentError(stored.schemaVersion).message}
        </Alert>
      )}
      {now && (
        <Part name="The meeting">
          <MeetingPanel documentId={documentId} />
          <MeetingMode documentId={documentId} />
        </Part>
      )}
      <Part name="The stage">
        <StageBar onShowRisks={showRisks} />
      </Part>
      <Part name="Calls and follow-ups">
        <FollowUpsSection documentId={documentId} />
      </Part>
      <AccountTabs tab={tab} onTab={onTab} />
    </Stack>
  );
}

/** A part of the page that says so when it cannot be drawn, and tries again after the account's next change. */
function Part({ name, children }: { name: string; children: ReactNode }) {
  // Redrawing this does not redraw `children` (the same elements): only a failed part draws again.
  const { stored } = useAccountSnapshot();
  return (
    <SectionBoundary name={name} resetKey={stored}>
      {children}
    </SectionBoundary>
  );
}
