/** Settings: who you are, the team sync server, where the data lives, and damaged accounts. */
import { Code, CopyButton, Button, Group, Stack, Title } from "@mantine/core";
import { useClientState } from "../sync/context";
import { ProfileForm } from "../profile/ProfileForm";
import { ServerForm } from "./ServerForm";
import { DamagedAccounts } from "./DamagedAccounts";
import { PageSection as Section } from "../ui/PageSection";
import { BackupsSection } from "./BackupsSection";
import { ServerAccounts } from "./ServerAccounts";
import { KEEPING } from "../words/keeping";

export function SettingsPage() {
  const { status } = useClientState();
  if (!status) return null;
  return (
    <Stack gap="lg" maw={860}>
      <Title order={1}>Settings</Title>
      <Section id="settings-profile" title="Your profile" hint="Every change you make to an account is recorded with this name.">
        <ProfileForm profile={status.profile} />
      </Section>
      <Section
        id="settings-server"
        title="Team sync server"
        hint="Optional. When set, this laptop syncs its accounts through your team's server whenever it is online."
      >
        <ServerForm server={status.server} links={status.links} />
        {status.server && <ServerAccounts />}
      </Section>
      <Section id="settings-data" title="Data on this device" hint="Every account is kept in full on this laptop and works offline.">
        <Group gap="sm" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere", whiteSpace: "pre-wrap" }} aria-label="Data folder">
            {status.dataDir}
          </Code>
          <CopyButton value={status.dataDir} timeout={2000}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} size="sm">
                {copied ? "Copied" : "Copy path"}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Section>
      <Section id="settings-backups" title="Backups" hint={KEEPING.backupsHint}>
        <BackupsSection backups={status.backups} />
      </Section>
      <Section id="settings-damaged" title="Damaged accounts" hint="Accounts this device could not read. Every other account still opens.">
        <DamagedAccounts damaged={status.damaged} />
      </Section>
    </Stack>
  );
}
