/**
 * The account below its stage bar, one tab per part of the account so each stays
 * legible: promises & plan (requirements → commitments → milestones, and the gaps
 * between them), contacts, risks, order & payment, the most important call, the
 * relationship, the timeline. Only the open tab is drawn (a long timeline costs
 * nothing while another tab is open). Tabs are keyboard-operable (arrow keys).
 */
import { useMemo } from "react";
import type { DocHandle } from "@automerge/automerge-repo/slim";
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
  type AccountDoc,
  type TimelineReader,
} from "../../../shared";
import { today } from "../ui/clock";
import type { Edit } from "./use-editor";
import { Gaps } from "./gaps/Gaps";
import { Requirements } from "./requirements/Requirements";
import { Commitments } from "./commitments/Commitments";
import { DeliveryPlan } from "./delivery-plan/DeliveryPlan";
import { Contacts } from "./contacts/Contacts";
import { Risks } from "./risks/Risks";
import { OrderAndPayment } from "./order/OrderAndPayment";
import { MostImportantCall } from "./call/MostImportantCall";
import { Relationship } from "./relationship/Relationship";
import { Timeline } from "./timeline/Timeline";
import { Handoff } from "./handoff/Handoff";
import { Recap } from "./recap/Recap";
import classes from "./AccountTabs.module.css";

export const ACCOUNT_TABS = ["plan", "contacts", "risks", "order", "call", "handoff", "recap", "relationship", "timeline"] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];

export interface AccountTabsProps {
  tab: AccountTab;
  onTab: (tab: AccountTab) => void;
  handle: DocHandle<AccountDoc>;
  doc: AccountDoc;
  edit: Edit;
  readOnly: boolean;
  timeline: TimelineReader;
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
function HandoffBadge({ doc }: { doc: AccountDoc }) {
  const n = Object.keys(doc.handoff?.signOffs ?? {}).length;
  if (!n) return null;
  return (
    <Badge size="sm" variant="light" color={n >= 2 ? "teal" : "yellow"} radius="sm" className={classes.count}>
      {n >= 2 ? "signed" : "1 of 2 signed"}
    </Badge>
  );
}

export function AccountTabs({ tab, onTab, handle, doc, edit, readOnly, timeline }: AccountTabsProps) {
  const day = today();
  const requirements = useMemo(() => requirementsOf(doc), [doc]);
  const commitments = useMemo(() => commitmentsOf(doc), [doc]);
  const milestones = useMemo(() => milestonesOf(doc), [doc]);
  const gaps = useMemo(() => gapsOf(doc, day), [doc, day]);
  const contacts = useMemo(() => contactsOf(doc), [doc]);
  const risks = useMemo(() => risksOf(doc), [doc]);
  const payment = useMemo(() => paymentState(doc, day), [doc, day]);
  const call = useMemo(() => mostImportantCallOf(doc), [doc]);
  const openRisks = risks.filter((r) => r.status === "open").length;

  return (
    <Tabs value={tab} onChange={(v) => v && onTab(v as AccountTab)} keepMounted={false} className={classes.tabs} classNames={{ tab: classes.tab }}>
      <Tabs.List aria-label="Parts of the account" className={classes.list}>
        <Tabs.Tab value="plan" rightSection={<Count n={gaps.length} color="orange" what={gaps.length === 1 ? "gap" : "gaps"} />}>
          Promises &amp; plan
        </Tabs.Tab>
        <Tabs.Tab value="contacts" rightSection={<Count n={contacts.length} />}>
          Contacts
        </Tabs.Tab>
        <Tabs.Tab value="risks" rightSection={<Count n={openRisks} color="orange" what="open" />}>
          Risks
        </Tabs.Tab>
        <Tabs.Tab value="order" rightSection={payment.state === "overdue" ? <Badge size="sm" color="red" variant="light" radius="sm" className={classes.count}>overdue</Badge> : null}>
          Order &amp; payment
        </Tabs.Tab>
        <Tabs.Tab
          value="call"
          rightSection={
            call && !call.outcome ? (
              <span className={classes.dot} title="Scheduled">
                <span className="visually-hidden">scheduled</span>
              </span>
            ) : null
          }
        >
          Most important call
        </Tabs.Tab>
        <Tabs.Tab value="handoff" rightSection={<HandoffBadge doc={doc} />}>
          Handoff
        </Tabs.Tab>
        <Tabs.Tab value="recap">Customer recap</Tabs.Tab>
        <Tabs.Tab value="relationship">Relationship</Tabs.Tab>
        <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="plan" className={classes.panel}>
        <Stack gap="lg">
          <Gaps gaps={gaps} edit={edit} readOnly={readOnly} />
          <Requirements handle={handle} requirements={requirements} commitments={commitments} edit={edit} readOnly={readOnly} />
          <Commitments handle={handle} commitments={commitments} requirements={requirements} milestones={milestones} edit={edit} readOnly={readOnly} />
          <DeliveryPlan handle={handle} milestones={milestones} commitments={commitments} edit={edit} readOnly={readOnly} />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="contacts" className={classes.panel}>
        <Contacts contacts={contacts} edit={edit} readOnly={readOnly} />
      </Tabs.Panel>
      <Tabs.Panel value="risks" className={classes.panel}>
        <Risks risks={risks} edit={edit} readOnly={readOnly} />
      </Tabs.Panel>
      <Tabs.Panel value="order" className={classes.panel}>
        <OrderAndPayment doc={doc} edit={edit} readOnly={readOnly} />
      </Tabs.Panel>
      <Tabs.Panel value="call" className={classes.panel}>
        <MostImportantCall doc={doc} edit={edit} readOnly={readOnly} />
      </Tabs.Panel>
      <Tabs.Panel value="handoff" className={classes.panel}>
        <Handoff doc={doc} edit={edit} readOnly={readOnly} timeline={timeline} />
      </Tabs.Panel>
      <Tabs.Panel value="recap" className={classes.panel}>
        <Recap doc={doc} />
      </Tabs.Panel>
      <Tabs.Panel value="relationship" className={classes.panel}>
        <Relationship doc={doc} edit={edit} readOnly={readOnly} />
      </Tabs.Panel>
      <Tabs.Panel value="timeline" className={classes.panel}>
        <Timeline doc={doc} reader={timeline} edit={edit} readOnly={readOnly} />
      </Tabs.Panel>
    </Tabs>
  );
}
