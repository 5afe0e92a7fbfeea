/**
 * Every view the node and the window build from an account, run at once: the tests that
 * feed damaged documents through `checkAccount` use it to show nothing downstream throws.
 */
import type { Doc } from "@automerge/automerge";
import type { AccountDoc } from "../account/schema";
import { STAGES } from "../account/schema";
import { commitmentsOf, headerOf, milestonesOf } from "../queries/account-view";
import { callGuideOf, concernsOf, followUpsOf, mostImportantCallOf } from "../queries/call-guide";
import { changedSinceHandoff, changesBetween } from "../queries/changes";
import { contactsOf } from "../queries/contacts";
import { decisionProcessOf, feedbackOf, followUpGuideOf, followUpRecordsOf } from "../queries/follow-ups";
import { gapsOf } from "../queries/gaps";
import { handoffOf, meetingAgenda } from "../queries/handoff";
import { orderOf, paymentOf, paymentState } from "../queries/payment";
import { recapHtml, recapMarkdown, recapOf } from "../queries/recap";
import { relationshipOf } from "../queries/relationship";
import { dueReminders } from "../queries/reminders";
import { requirementsOf } from "../queries/requirements";
import { risksOf } from "../queries/risks";
import { checksOf, isWon, openItemsForMove, stageChecklist, stageHistoryOf, stageOf } from "../queries/stage-checklist";
import { summarize } from "../queries/summary";
import { timelineOf } from "../queries/timeline";
import { todayOf } from "../queries/today";

const TODAY = "2026-03-10";
const NOW = "2026-03-10T10:00:00.000Z";

/** Build every view of `account` (what `checkAccount` returned for `stored`); throws if any view does. */
export function everyView(stored: Doc<AccountDoc>, account: AccountDoc): unknown[] {
  const summary = summarize("doc-1", stored);
  const out: unknown[] = [
    headerOf(account),
    commitmentsOf(account),
    milestonesOf(account),
    contactsOf(account),
    requirementsOf(account),
    risksOf(account),
    followUpsOf(account),
    followUpRecordsOf(account),
    callGuideOf(account),
    mostImportantCallOf(account),
    gapsOf(account, TODAY),
    handoffOf(account),
    meetingAgenda(account),
    stageChecklist(account, TODAY),
    stageHistoryOf(account),
    stageOf(account),
    checksOf(account),
    orderOf(account),
    paymentOf(account),
    paymentState(account, TODAY),
    relationshipOf(account),
    concernsOf(account),
    isWon(account),
    decisionProcessOf(account),
    feedbackOf(account),
    timelineOf(account as Doc<AccountDoc>),
    changedSinceHandoff(account as Doc<AccountDoc>),
    changesBetween(account as Doc<AccountDoc>, []),
    summary,
    todayOf([summary], { now: NOW, timeZone: "Europe/Berlin" }),
    dueReminders([summary], NOW, new Set(), { id: summary.ownerId ?? "", leadMinutes: 10, timeZone: "Europe/Berlin" }),
  ];
  for (const f of followUpsOf(account)) out.push(followUpGuideOf(account, f.id, NOW));
  for (const to of STAGES) out.push(openItemsForMove(account, stageOf(account), to, TODAY));
  const recap = recapOf(stored, { today: TODAY, includeChanges: true });
  out.push(recapMarkdown(recap), recapHtml(recap));
  return out;
}
