/** One account: header, meeting, stage bar, then the account's parts in tabs — all live with the other laptop. */
import { useCallback, useState, type ReactNode } from "react";
import { Alert, Anchor, Loader, Stack, Text, Title } from "@mantine/core";
import { headerOf, ReadOnlyDocumentError } from "../../../shared";
import { useOpenAccount } from "../document/open-account";
import { AccountSessionProvider, useAccountQuery, useAccountSnapshot } from "../document/hooks";
import { useClientSelector } from "../sync/context";
import { hrefOf } from "../ui/route";
import { sentence } from "../words/labels";
import { MeetingPanel } from "../meeting/MeetingPanel";
import { MeetingMode } from "../meeting/MeetingMode";
import { useHandoffCompletion } from "./handoff/Handoff";
import { AccountHeader } from "./AccountHeader";
import { AccountTabs, type AccountTab } from "./AccountTabs";
import { StageBar } from "./stage/StageBar";
import classes from "./AccountPage.module.css";
import { FollowUpsSection } from "../follow-ups/FollowUpsSection";
import { SectionBoundary } from "../ui/SectionBoundary";
import { DamageBanner } from "../damage/AccountDamage";
import { tabOfPart } from "./AccountTabs";
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
  const header = useAccountQuery(headerOf);
  const [tab, setTab] = useState<AccountTab>("plan");
  const showRisks = useCallback(() => setTab("risks"), []);
  const showTab = useCallback((t: string) => setTab(t as AccountTab), []);
  useHandoffCompletion();

  return (
    <Stack gap="lg" data-read-only={header.readOnly || undefined} className={classes.page}>
      <BackLink />
      <Title order={1} className="visually-hidden">
        {header.name || "Account"}
      </Title>
      {/* Each part draws on its own: one that fails says so, the rest of the page stays. */}
      <Part name="The account's header">
        <AccountHeader documentId={documentId} header={header} />
      </Part>
      <DamageBanner tabOf={tabOfPart} onShowTab={showTab} />
      {header.readOnly && (
        <Alert color="yellow" variant="light" title="Read-only" role="alert">
          {new ReadOnlyDocumentError(header.schemaVersion).message}
        </Alert>
      )}
      <Part name="The meeting">
        <MeetingPanel documentId={documentId} />
        <MeetingMode documentId={documentId} />
      </Part>
      <Part name="The stage">
        <StageBar onShowRisks={showRisks} />
      </Part>
      <Part name="Calls and follow-ups">
        <FollowUpsSection documentId={documentId} />
      </Part>
      <AccountTabs tab={tab} onTab={setTab} />
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
