/** The window frame: header with navigation, meeting actions and the sync status, then the page. */
import type { ReactNode } from "react";
import { Anchor, Box, Group, Text } from "@mantine/core";
import { SyncStatus } from "../sync/SyncStatus";
import { JoinMeetingButton } from "../meeting/JoinMeeting";
import { MeetingIndicator } from "../meeting/MeetingIndicator";
import { useToday } from "../today/use-today";
import { hrefOf, type Route } from "../ui/route";
import classes from "./Shell.module.css";

function NavLink({ to, active, children, label }: { to: string; active: boolean; children: ReactNode; label?: string }) {
  return (
    <Anchor href={to} className={classes.navLink} data-active={active || undefined} aria-current={active ? "page" : undefined} aria-label={label} underline="never">
      {children}
    </Anchor>
  );
}

export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <div className={classes.frame}>
      <header className={classes.header}>
        <Group gap="lg" wrap="nowrap" className={classes.left}>
          <a href={hrefOf({ page: "today" })} className={classes.brand} aria-label="Baton, today">
            <Logo />
            <Text fw={700} size="md" c="bright">
              Baton
            </Text>
          </a>
          <nav aria-label="Main">
            <Group gap={4} wrap="nowrap">
              <TodayLink active={route.page === "today" || route.page === "call"} />
              <NavLink to={hrefOf({ page: "accounts" })} active={route.page === "accounts" || route.page === "new-account" || route.page === "account"}>
                Accounts
              </NavLink>
              <NavLink to={hrefOf({ page: "pipeline" })} active={route.page === "pipeline"}>
                Pipeline
              </NavLink>
              <NavLink to={hrefOf({ page: "transfer" })} active={route.page === "transfer"}>
                Import &amp; export
              </NavLink>
              <NavLink to={hrefOf({ page: "settings" })} active={route.page === "settings"}>
                Settings
              </NavLink>
            </Group>
          </nav>
        </Group>
        <Group gap="sm" wrap="nowrap" className={classes.right}>
          <MeetingIndicator className={classes.meeting} />
          <JoinMeetingButton />
          <SyncStatus />
        </Group>
      </header>
      <Box component="main" className={classes.main}>
        {children}
      </Box>
    </div>
  );
}

/**
 * "Today" with how many calls and items are overdue (red) and due later today. The link's
 * name says the counts in words ("Today, 2 overdue"); the digits are drawn by CSS from
 * `data-count`, so they are not text of the link that its name would have to contain.
 */
function TodayLink({ active }: { active: boolean }) {
  const { view } = useToday();
  const overdue = view?.counts.overdue ?? 0;
  const today = view?.counts.today ?? 0;
  const said = [overdue && `${overdue} overdue`, today && `${today} due today`].filter(Boolean).join(", ");
  return (
    <NavLink to={hrefOf({ page: "today" })} active={active} label={said ? `Today, ${said}` : "Today"}>
      <Group gap={6} wrap="nowrap" component="span">
        Today
        {overdue > 0 && <span className={classes.count} data-tone="overdue" data-count={overdue} aria-hidden="true" />}
        {today > 0 && <span className={classes.count} data-tone="today" data-count={today} aria-hidden="true" />}
      </Group>
    </NavLink>
  );
}

function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="2" y="2" width="20" height="20" rx="6" fill="var(--mantine-primary-color-filled)" />
      <path d="M7 16.5 L16.5 7" stroke="var(--mantine-color-white)" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="16.5" cy="7" r="1.9" fill="var(--mantine-color-white)" />
    </svg>
  );
}
