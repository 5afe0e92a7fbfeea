/**
 * The account below its stage bar, one tab per part of the account so each stays
 * legible: promises & plan (requirements → commitments → milestones, and the gaps
 * between them), contacts, risks, order & payment, the most important call, the
 * relationship, the timeline. Only the open tab is drawn (a long timeline costs
 * nothing while another tab is open). Tabs are keyboard-operable (arrow keys).
 */
import { memo, type ReactNode } from "react";
import { Badge, Stack, Tabs } from "@mantine/core";
import {
  commitmentsOf,
  contactsOf,
  gapsOf,
  milestonesOf,
  mostImportantCallOf,
  paymentState,
  requirementsOf,
  risksOf,
} from "../../../shared";
import { today } from "../ui/clock";
import { Gaps } from "./gaps/Gaps";
import { Requirements } from "./requirements/Requirements";
import { Commitments } from "./commitments/Commitments";
import { DeliveryPlan } from "./delivery-plan/DeliveryPlan";
import { Contacts } from "./contacts/Contacts";
import { CustomerSection } from "./contacts/CustomerSection";
import { Risks } from "./risks/Risks";
import { OrderAndPayment } from "./order/OrderAndPayment";
import { MostImportantCall } from "./call/MostImportantCall";
import { Relationship } from "./relationship/Relationship";
import { Timeline } from "./timeline/Timeline";
import { Handoff } from "./handoff/Handoff";
import { Recap } from "./recap/Recap";
import { useAccountQuery, useAccountSnapshot } from "../document/hooks";
import classes from "./AccountTabs.module.css";
import { SectionBoundary } from "../ui/SectionBoundary";
import { DamagedItems, useDamageIn } from "../damage/AccountDamage";

export const ACCOUNT_TABS = ["plan", "contacts", "risks", "order", "call", "handoff", "recap", "relationship", "timeline"] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];

/** Each tab's name, and the parts of the account it shows (where their damaged items are listed). */
const TAB_PARTS: Record<AccountTab, { label: string; parts: readonly string[] }> = {
  plan: { label: "Promises & plan", parts: ["requirements", "commitments", "milestones"] },
  contacts: { label: "Contacts", parts: ["domain", "phone", "contacts"] },
  risks: { label: "Risks", parts: ["risks"] },
  order: { label: "Order & payment", parts: ["order", "payment"] },
  call: { label: "Most important call", parts: ["concerns"] },
  handoff: { label: "Handoff", parts: ["handoff"] },
  recap: { label: "Customer recap", parts: [] },
  relationship: { label: "Relationship", parts: ["relationship"] },
  timeline: { label: "Timeline", parts: ["activities"] },
};

/** The tab that shows a part of the account, or null for parts shown above the tabs. */
export function tabOfPart(part: string): { tab: AccountTab; label: string } | null {
  for (const tab of ACCOUNT_TABS) if (TAB_PARTS[tab].parts.includes(part)) return { tab, label: TAB_PARTS[tab].label };
  return null;
}

/** A tab's content: what cannot be drawn says so without taking the page down; its damaged items first (the plan's sections list their own). */
function TabPanel({ tab, children }: { tab: AccountTab; children: ReactNode }) {
  const { stored } = useAccountSnapshot();
  return (
    <SectionBoundary name={TAB_PARTS[tab].label} resetKey={stored}>
      {tab !== "plan" && <DamagedItems parts={TAB_PARTS[tab].parts} />}
      {children}
    </SectionBoundary>
  );
}

export interface AccountTabsProps {
  tab: AccountTab;
  onTab: (tab: AccountTab) => void;
}

function Count({ n, color = "gray", what }: { n: number; color?: string; what?: string }) {
  if (!n) return null;
  return (
    <Badge size="sm" variant="light" color={color} radius="sm" className={classes.count}>
      {n}
      {what ? ` ${what}` : ""}
    </Badge>
  );
}

/** "1 of 2 signed" while a sign-off is pending; "signed" once both have. */
function HandoffBadge({ signOffs: n }: { signOffs: number }) {
  if (!n) return null;
  return (
    <Badge size="sm" variant="light" color={n >= 2 ? "teal" : "yellow"} radius="sm" className={classes.count}>
      {n >= 2 ? "signed" : "1 of 2 signed"}
    </Badge>
  );
}

/**
 * The tabs themselves do not redraw when the account changes (Mantine redraws every tab
 * whenever the tab strip does): each part below reads the account from the open
 * account's session and redraws on its own (document/hooks.tsx).
 */
export const AccountTabs = memo(function AccountTabs({ tab, onTab }: AccountTabsProps) {
  return (
    <Tabs value={tab} onChange={(v) => v && onTab(v as AccountTab)} keepMounted={false} className={classes.tabs} classNames={{ tab: classes.tab }}>
      <TabCounts />
      <Tabs.Panel value="plan" className={classes.panel}>
        {tab === "plan" && <TabPanel tab="plan"><PlanTab /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="contacts" className={classes.panel}>
        {tab === "contacts" && <TabPanel tab="contacts"><ContactsTab /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="risks" className={classes.panel}>
        {tab === "risks" && <TabPanel tab="risks"><RisksTab /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="order" className={classes.panel}>
        {tab === "order" && <TabPanel tab="order"><OrderAndPayment /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="call" className={classes.panel}>
        {tab === "call" && <TabPanel tab="call"><MostImportantCall /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="handoff" className={classes.panel}>
        {tab === "handoff" && <TabPanel tab="handoff"><Handoff /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="recap" className={classes.panel}>
        {tab === "recap" && <TabPanel tab="recap"><Recap /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="relationship" className={classes.panel}>
        {tab === "relationship" && <TabPanel tab="relationship"><Relationship /></TabPanel>}
      </Tabs.Panel>
      <Tabs.Panel value="timeline" className={classes.panel}>
        {tab === "timeline" && <TabPanel tab="timeline"><Timeline /></TabPanel>}
      </Tabs.Panel>
    </Tabs>
  );
});

/** The counts on the tabs, from the account; the strip redraws only when a count changes. */
function TabCounts() {
  const day = today();
  const gaps = useAccountQuery((d) => gapsOf(d, day).length, [day]);
  const contacts = useAccountQuery((d) => contactsOf(d).length);
  const openRisks = useAccountQuery((d) => risksOf(d).filter((r) => r.status === "open").length);
  const paymentOverdue = useAccountQuery((d) => paymentState(d, day).state === "overdue", [day]);
  const callScheduled = useAccountQuery((d) => {
    const call = mostImportantCallOf(d);
    return !!call && !call.outcome;
  });
  const signOffs = useAccountQuery((d) => Object.keys(d.handoff.signOffs).length);
  const damage = useDamageIn(ACCOUNT_TABS.flatMap((t) => TAB_PARTS[t].parts));
  const damagedKey = ACCOUNT_TABS.map((t) => damage.filter((d) => TAB_PARTS[t].parts.includes(String(d.path[0]))).length).join(",");
  return <TabList gaps={gaps} contacts={contacts} openRisks={openRisks} paymentOverdue={paymentOverdue} callScheduled={callScheduled} signOffs={signOffs} damaged={damagedKey} />;
}

/** The promises and the plan: each section reads what it shows; the views keep their identity when equal by value. */
function PlanTab() {
  const day = today();
  const requirements = useAccountQuery(requirementsOf);
  const commitments = useAccountQuery(commitmentsOf);
  const milestones = useAccountQuery(milestonesOf);
  const gaps = useAccountQuery((d) => gapsOf(d, day), [day]);
  return <PlanPanel gaps={gaps} requirements={requirements} commitments={commitments} milestones={milestones} />;
}

function ContactsTab() {
  const contacts = useAccountQuery(contactsOf);
  return (
    <Stack gap="lg">
      <CustomerSection />
      <Contacts contacts={contacts} />
    </Stack>
  );
}

function RisksTab() {
  return <Risks risks={useAccountQuery(risksOf)} />;
}

const PlanPanel = memo(function PlanPanel({
  gaps,
  requirements,
  commitments,
  milestones,
}: {
  gaps: ReturnType<typeof gapsOf>;
  requirements: ReturnType<typeof requirementsOf>;
  commitments: ReturnType<typeof commitmentsOf>;
  milestones: ReturnType<typeof milestonesOf>;
}) {
  return (
    <Stack gap="lg">
      <Gaps gaps={gaps} />
      <Requirements requirements={requirements} commitments={commitments} />
      <Commitments commitments={commitments} requirements={requirements} milestones={milestones} />
      <DeliveryPlan milestones={milestones} commitments={commitments} />
    </Stack>
  );
});

/** The tab names with their counts; redrawn only when a count changes. */
const TabList = memo(function TabList({
  gaps,
  contacts,
  openRisks,
  paymentOverdue,
  callScheduled,
  signOffs,
  damaged,
}: {
  gaps: number;
  contacts: number;
  openRisks: number;
  paymentOverdue: boolean;
  callScheduled: boolean;
  signOffs: number;
  /** Damaged items per tab, in `ACCOUNT_TABS` order, joined by commas (a string keeps the memo cheap). */
  damaged: string;
}) {
  const damagedIn = Object.fromEntries(damaged.split(",").map((n, i) => [ACCOUNT_TABS[i], Number(n)]));
  const damageBadge = (tab: AccountTab) => <Count n={damagedIn[tab] ?? 0} color="red" what="damaged" />;
  return (
    <Tabs.List aria-label="Parts of the account" className={classes.list}>
      <Tabs.Tab value="plan" rightSection={<>{damageBadge("plan")}<Count n={gaps} color="orange" what={gaps === 1 ? "gap" : "gaps"} /></>}>
        Promises &amp; plan
      </Tabs.Tab>
      <Tabs.Tab value="contacts" rightSection={<>{damageBadge("contacts")}<Count n={contacts} /></>}>
        Contacts
      </Tabs.Tab>
      <Tabs.Tab value="risks" rightSection={<>{damageBadge("risks")}<Count n={openRisks} color="orange" what="open" /></>}>
        Risks
      </Tabs.Tab>
      <Tabs.Tab value="order" rightSection={<>{damageBadge("order")}{paymentOverdue ? <Badge size="sm" color="red" variant="light" radius="sm" className={classes.count}>overdue</Badge> : null}</>}>
        Order &amp; payment
      </Tabs.Tab>
      <Tabs.Tab
        value="call"
        rightSection={
          <>
            {damageBadge("call")}
            {callScheduled ? (
              <span className={classes.dot} title="Scheduled">
                <span className="visually-hidden">scheduled</span>
              </span>
            ) : null}
          </>
        }
      >
        Most important call
      </Tabs.Tab>
      <Tabs.Tab value="handoff" rightSection={<>{damageBadge("handoff")}<HandoffBadge signOffs={signOffs} /></>}>
        Handoff
      </Tabs.Tab>
      <Tabs.Tab value="recap">Customer recap</Tabs.Tab>
      <Tabs.Tab value="relationship" rightSection={damageBadge("relationship")}>
        Relationship
      </Tabs.Tab>
      <Tabs.Tab value="timeline" rightSection={damageBadge("timeline")}>
        Timeline
      </Tabs.Tab>
    </Tabs.List>
  );
});

