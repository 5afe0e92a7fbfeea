/**
 * 7e. Today with per-person filtering over 10,000 account summaries, in the bench process:
 * `todayOf(summaries, { person })` — the rep's own calls, milestones, commitments, payments
 * and risks. Baseline: `todayOf` of the same summaries for everyone (Today as it was before
 * it was per person), in the same run. The summaries come from real accounts made with
 * Baton's commands (rep's callbacks, a handoff that passes the delivery work to the lead),
 * summarised by `summarize` and repeated under 10,000 document ids.
 */
import * as A from "@automerge/automerge";
import type { AccountDoc, AccountSummary, CommandArgs, CommandName, Person, Profile } from "../../shared";
import { prepareChange, summarize, todayOf } from "../../shared";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, round } from "../lib/stats";

type Doc = A.Doc<AccountDoc>;
const REP: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const LEAD: Profile = { id: "p-lead", name: "Dana Lead", role: "delivery-lead" };
const ACCOUNTS = 10_000;
const NOW = new Date("2026-03-02T09:00:00.000Z");

function run<N extends CommandName>(doc: Doc, by: Person, name: N, args: CommandArgs<N>): Doc {
  const change = prepareChange(by, name, args, doc);
  return A.change(doc, { message: change.message }, change.run);
}

/** One account of each shape: before the order (the rep's), and handed off (the lead's delivery work). */
function shapes(): AccountSummary[] {
  const at = "2026-02-20T09:00:00.000Z";
  const out: AccountSummary[] = [];
  for (let i = 0; i < 20; i++) {
    let doc = run(A.init<AccountDoc>(), REP, "createAccount", { name: `Account ${String(i)}`, by: REP, at });
    for (let c = 0; c < 3; c++) {
      const when = new Date(NOW.getTime() + ((i * 3 + c) % 15 - 5) * 86_400_000 / 2).toISOString();
      doc = run(doc, REP, "recordFollowUp", { id: `f${String(c)}`, agreedTime: when, timeZone: "Europe/Berlin", reason: "Price objection", by: REP, at });
    }
    doc = run(doc, REP, "addCommitment", { id: "c1", text: "Train two admins", dueDate: `2026-03-0${String(1 + (i % 8))}`, by: REP, at });
    doc = run(doc, REP, "addMilestone", { id: "m1", title: "Install", endDate: `2026-03-0${String(1 + (i % 9))}`, by: REP, at });
    doc = run(doc, REP, "addRisk", { id: "x1", kind: "competitor", description: "Rival discount", severity: "high", by: REP, at });
    doc = run(doc, REP, "setPayment", { dueDate: `2026-0${String(2 + (i % 2))}-0${String(1 + (i % 5))}` });
    if (i % 2) {
      doc = run(doc, REP, "signOffHandoff", { role: "rep", by: REP, at, heads: A.getHeads(doc), customerAgreedBy: "Kim" });
      doc = run(doc, LEAD, "signOffHandoff", { role: "delivery-lead", by: LEAD, at, heads: A.getHeads(doc) });
    }
    out.push(summarize(`shape-${String(i)}`, doc));
  }
  return out;
}

export function todayPerPersonRow(cfg: BenchConfig): ScenarioResult {
  const base = shapes();
  const summaries = Array.from({ length: ACCOUNTS }, (_, i) => ({ ...base[i % base.length]!, documentId: `doc-${String(i)}`, name: `Account ${String(i)}` }));
  const options = { now: NOW, timeZone: "Europe/Berlin" };
  const runs = cfg.quick ? 10 : 30;
  const mine: number[] = [];
  const everyone: number[] = [];
  let shown = { mine: 0, everyone: 0 };
  for (let i = -3; i < runs; i++) {
    let t0 = performance.now();
    const m = todayOf(summaries, { ...options, person: REP.id });
    const mineMs = performance.now() - t0;
    t0 = performance.now();
    const e = todayOf(summaries, options);
    const everyoneMs = performance.now() - t0;
    if (i < 0) continue; // warm-up
    mine.push(mineMs);
    everyone.push(everyoneMs);
    const count = (v: typeof m) => v.calls.overdue.length + v.calls.today.length + v.calls.upcoming.length + v.milestones.length + v.payments.length + v.risks.length;
    shown = { mine: count(m), everyone: count(e) };
  }
  const value = distribution(mine).p50;
  const d = (s: number[]) => {
    const x = distribution(s);
    return { n: x.n, min: round(x.min), p50: round(x.p50), p90: round(x.p90), max: round(x.max) };
  };
  return row({
    name: `7. Today for one person over ${ACCOUNTS.toLocaleString("en-US")} account summaries`,
    value: round(value, 2),
    unit: "ms",
    goal: "≤ 200 ms",
    baseline: round(distribution(everyone).p50, 2),
    baselineIs: "todayOf of the same summaries for everyone (no person filter), in the same run",
    pass: value <= 200,
    distribution: d(mine),
    baselineDistribution: d(everyone),
    notes: `todayOf with the rep's person id, median of ${String(runs)} after 3 warm-ups; the rep's Today holds ${String(shown.mine)} rows, everyone's ${String(shown.everyone)}`,
    details: { accounts: ACCOUNTS, rowsMine: shown.mine, rowsEveryone: shown.everyone },
  });
}
