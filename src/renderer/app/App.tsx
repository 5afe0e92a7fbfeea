/** What the window shows: nothing but the profile form until the profile is set, then the pages. */
import { useClient, useClientSelector } from "../sync/context";
import { FirstStart } from "../profile/FirstStart";
import { AccountsPage } from "../accounts/AccountsPage";
import { AccountPage } from "../account/AccountPage";
import { SettingsPage } from "../settings/SettingsPage";
import { TransferPage } from "../transfer/TransferPage";
import { TodayPage } from "../today/TodayPage";
import { PipelinePage } from "../pipeline/PipelinePage";
import { CallGuidePage } from "../follow-ups/CallGuidePage";
import { Reminders } from "../reminders/Reminders";
import { CenteredMessage } from "./CenteredMessage";
import { Shell } from "./Shell";
import { Commands } from "./Commands";
import { useRoute } from "../ui/route";
import { SectionBoundary } from "../ui/SectionBoundary";
import { useWarmAimedAccounts } from "./warm-aimed";

export function App() {
  const client = useClient();
  // Only what decides which screen shows: the app does not redraw on every status change.
  const connected = useClientSelector((s) => s.status !== null);
  const hasProfile = useClientSelector((s) => !!s.status?.profile);
  const problem = useClientSelector((s) => s.problem);
  const route = useRoute();
  useWarmAimedAccounts(client);

  if (!connected) {
    if (problem)
      return (
        <CenteredMessage
          title="Cannot reach this device's sync node"
          description={`${problem} Baton keeps trying; you can also try again now.`}
          action={{ label: "Try again", run: () => void client.refresh() }}
        />
      );
    return <CenteredMessage loading title="Connecting to this device's sync node…" />;
  }
  if (!hasProfile) return <FirstStart />;

  return (
    <Shell route={route}>
      <Commands route={route} />
      <Reminders />
      {/* A page that cannot be drawn says so inside the frame: the window never goes blank. */}
      <SectionBoundary name="This page" resetKey={route}>
        {route.page === "today" && <TodayPage />}
        {route.page === "accounts" && <AccountsPage key="list" />}
        {route.page === "new-account" && <AccountsPage key="new" startCreating />}
        {route.page === "open" && <CenteredMessage loading title="Opening the account…" />}
        {route.page === "account" && <AccountPage key={route.documentId} documentId={route.documentId} />}
        {route.page === "call" && <CallGuidePage key={`${route.documentId}/${route.followUpId}`} documentId={route.documentId} followUpId={route.followUpId} />}
        {route.page === "pipeline" && <PipelinePage />}
        {route.page === "settings" && <SettingsPage />}
        {route.page === "transfer" && <TransferPage />}
        {route.page === "unknown" && (
          <CenteredMessage title="Nothing here" description={`Baton has no page at “${route.path}”.`} action={{ label: "Go to Today", run: () => (window.location.hash = "#/") }} />
        )}
      </SectionBoundary>
    </Shell>
  );
}
