/** One account: header, meeting, stage bar, then the account's parts in tabs — all live with the other laptop. */
import { useCallback, useState } from "react";
import { Alert, Anchor, Loader, Stack, Text, Title } from "@mantine/core";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { headerOf, ReadOnlyDocumentError, TimelineReader, type AccountDoc, type Damage } from "../../../shared";
import { useAccount } from "../sync/use-account";
import { useClientSelector } from "../sync/context";
import { hrefOf } from "../app/route";
import { sentence } from "../ui/labels";
import { MeetingPanel } from "../meeting/HostMeeting";
import { MeetingMode } from "../meeting/MeetingMode";
import { useHandoffCompletion } from "./handoff/Handoff";
import { AccountHeader } from "./AccountHeader";
import { AccountTabs, type AccountTab } from "./AccountTabs";
import { StageBar } from "./stage/StageBar";
import { useEditor } from "./use-editor";
import { useDocQuery } from "./doc-parts";
import { AccountDocProvider } from "./account-doc";
import { DocumentChangesProvider } from "../sync/document-changes";
import classes from "./AccountPage.module.css";
import { FollowUpsSection } from "../follow-ups/FollowUpsSection";
import { SectionBoundary } from "../ui/SectionBoundary";
import { AccountDamageProvider, DamageBanner } from "./damage/AccountDamage";
import { tabOfPart } from "./AccountTabs";

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
  const load = useAccount(documentId);
  const damaged = useClientSelector((s) => s.status?.damaged.find((d) => d.documentId === documentId && !d.restored));

  if (load.state === "ready") return <AccountView documentId={documentId} handle={load.handle} doc={load.doc} damage={load.damage} />;
  if (load.state === "invalid")
    return <Problem title="This account cannot be found">The link does not name a Baton account (“{documentId}”).</Problem>;
  if (load.state === "failed") return <Problem title="This account could not be opened">{load.message}</Problem>;
  if (damaged)
    return (
      <Problem title={`“${damaged.name ?? "This account"}” is damaged on this device`}>
        {sentence(damaged.reason)} It will open again once it is recovered from the other laptop or the team server.
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

function AccountView({ documentId, handle, doc, damage }: { documentId: string; handle: DocHandle<AccountDoc>; doc: AccountDoc; damage: readonly Damage[] }) {
  const edit = useEditor(handle);
  // Each section redraws only when the parts of the account it reads changed (doc-parts.ts):
  // a keystroke in a commitment redraws that commitment, not the whole page.
  const header = useDocQuery(doc, headerOf);
  const [tab, setTab] = useState<AccountTab>("plan");
  const showRisks = useCallback(() => setTab("risks"), []);
  const showTab = useCallback((t: string) => setTab(t as AccountTab), []);
  // One reader per open account: each redraw reads only the changes since the last (the page remounts per account).
  const [timeline] = useState(() => new TimelineReader());
  useHandoffCompletion(doc, edit, header.readOnly);

  return (
    <DocumentChangesProvider handle={handle as DocHandle<unknown>}>
      <AccountDamageProvider damage={damage} handle={handle} edit={edit} readOnly={header.readOnly}>
        <Stack gap="lg" data-read-only={header.readOnly || undefined} className={classes.page}>
          <BackLink />
          <Title order={1} className="visually-hidden">
            {header.name || "Account"}
          </Title>
          {/* Each part draws on its own: one that fails says so, the rest of the page stays. */}
          <SectionBoundary name="The account's header" resetKey={doc}>
            <AccountHeader documentId={documentId} header={header} edit={edit} />
          </SectionBoundary>
          <DamageBanner tabOf={tabOfPart} onShowTab={showTab} />
          {header.readOnly && (
            <Alert color="yellow" variant="light" title="Read-only" role="alert">
              {new ReadOnlyDocumentError(header.schemaVersion).message}
            </Alert>
          )}
          <SectionBoundary name="The meeting" resetKey={doc}>
            <MeetingPanel documentId={documentId} />
            <MeetingMode documentId={documentId} handle={handle} doc={doc} edit={edit} readOnly={header.readOnly} />
          </SectionBoundary>
          <SectionBoundary name="The stage" resetKey={doc}>
            <StageBar doc={doc} edit={edit} readOnly={header.readOnly} onShowRisks={showRisks} />
          </SectionBoundary>
          <SectionBoundary name="Calls and follow-ups" resetKey={doc}>
            <FollowUpsSection documentId={documentId} doc={doc} edit={edit} readOnly={header.readOnly} />
          </SectionBoundary>
          <AccountDocProvider doc={doc}>
            <AccountTabs tab={tab} onTab={setTab} handle={handle} edit={edit} readOnly={header.readOnly} timeline={timeline} />
          </AccountDocProvider>
        </Stack>
      </AccountDamageProvider>
    </DocumentChangesProvider>
  );
}
