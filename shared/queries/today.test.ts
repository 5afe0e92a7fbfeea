import { describe, expect, it } from "vitest";
import type { AccountSummary, SummaryCall } from "./summary";
import { todayOf } from "./today";
import { localTimeOf } from "../calendar";

function summary(documentId: string, name: string, parts: Partial<AccountSummary> = {}): AccountSummary {
  return { documentId, name, stage: "follow-up", owner: "rep", ownerName: null, commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false, version: 2, ...parts };
}
const call = (id: string, agreedTime: string, timeZone = "Europe/Berlin", purpose: SummaryCall["purpose"] = "follow-up"): SummaryCall => ({ id, purpose, agreedTime, timeZone, reason: `Reason ${id}`, assigneeId: "ana", assigneeName: "Ana" });

// Monday 2 March 2026, 10:00 in Berlin.
const NOW = "2026-03-02T09:00:00.000Z";

describe("Today", () => {
  it("sorts calls into overdue, today and upcoming by the viewer's day, and counts the rest as later", () => {
    const view = todayOf(
      [
        summary("a", "Acme", { calls: [call("f1", "2026-03-02T08:00:00.000Z"), call("f2", "2026-03-02T22:59:00.000Z"), call("f3", "2026-03-02T23:00:00.000Z")], openCalls: 3 }),
        summary("b", "Beta", { stage: "ordered", calls: [call("most-important-call", "2026-03-03T08:00:00.000Z", "Europe/Berlin", "most-important-call"), call("h1", "2026-03-20T09:00:00.000Z", "UTC", "handoff-meeting")], openCalls: 7 }),
      ],
      { now: NOW, timeZone: "Europe/Berlin" },
    );
    expect(view.date).toBe("2026-03-02");
    expect(view.calls.overdue.map((c) => c.followUpId)).toEqual(["f1"]);
    expect(view.calls.today.map((c) => c.followUpId)).toEqual(["f2"]); // 23:59 Berlin
    expect(view.calls.upcoming.map((c) => [c.accountName, c.followUpId, c.purpose])).toEqual([
      ["Acme", "f3", "follow-up"], // midnight Berlin: tomorrow
      ["Beta", "most-important-call", "most-important-call"],
    ]);
    expect(view.calls.later).toBe(1 + 5); // the handoff beyond 7 days, and 5 calls Beta's summary did not keep
    expect(view.counts).toEqual({ overdue: 1, today: 1 });
  });

  it("shows a callback agreed in another zone on the viewer's calendar at the viewer's local time", () => {
    // Agreed 17:00 in New York on Monday = 23:00 in Berlin on Monday, but 07:00 on Tuesday in Tokyo.
    const ny = summary("a", "Acme", { calls: [call("f1", "2026-03-02T22:00:00.000Z", "America/New_York")] });
    const berlin = todayOf([ny], { now: NOW, timeZone: "Europe/Berlin" });
    expect(berlin.calls.today.map((c) => c.followUpId)).toEqual(["f1"]);
    expect(localTimeOf(berlin.calls.today[0]!.agreedTime, "Europe/Berlin")).toBe("23:00");
    expect(localTimeOf(berlin.calls.today[0]!.agreedTime, berlin.calls.today[0]!.timeZone)).toBe("17:00");
    const tokyo = todayOf([ny], { now: NOW, timeZone: "Asia/Tokyo" });
    expect(tokyo.date).toBe("2026-03-02");
    expect(tokyo.calls.upcoming.map((c) => c.followUpId)).toEqual(["f1"]);
    expect(localTimeOf(tokyo.calls.upcoming[0]!.agreedTime, "Asia/Tokyo")).toBe("07:00");
  });

  it("lists milestones overdue or due within the week, overdue payments, and accounts with open risks, worst first", () => {
    const view = todayOf(
      [
        summary("a", "Acme", { milestonesDue: [{ id: "m1", title: "Install", endDate: "2026-02-27", assigneeId: "ana", assigneeName: "Ana" }, { id: "m2", title: "Train", endDate: "2026-03-09", assigneeId: "ana", assigneeName: "Ana" }, { id: "m3", title: "Later", endDate: "2026-03-10", assigneeId: "ana", assigneeName: "Ana" }], paymentDue: "2026-02-20", openRisks: 1, risks: [{ id: "r1", kind: "credit", severity: "medium", description: "Slow payer" }] }),
        summary("b", "Beta", { paymentDue: "2026-03-02", openRisks: 2, risks: [{ id: "r2", kind: "competitor", severity: "high", description: "Rival discount" }] }),
        summary("c", "Gone", { stage: "lost", openRisks: 3, milestonesDue: [{ id: "m9", title: "X", endDate: "2026-03-01", assigneeId: "ana", assigneeName: "Ana" }], paymentDue: "2026-02-01" }),
      ],
      { now: NOW, timeZone: "Europe/Berlin" },
    );
    expect(view.milestones.map((m) => [m.title, m.overdue])).toEqual([["Install", true], ["Train", false]]);
    expect(view.payments).toEqual([
      { documentId: "c", accountName: "Gone", dueDate: "2026-02-01", daysOverdue: 29 },
      { documentId: "a", accountName: "Acme", dueDate: "2026-02-20", daysOverdue: 10 },
      // Due today: on Today on its due day, not counted as overdue.
      { documentId: "b", accountName: "Beta", dueDate: "2026-03-02", daysOverdue: 0 },
    ]);
    expect(view.risks.map((r) => [r.accountName, r.worst, r.openRisks])).toEqual([["Beta", "high", 2], ["Acme", "medium", 1]]);
    expect(view.counts.overdue).toBe(1 + 2);
  });

  it("is drawn for 1,000 accounts from summaries alone, quickly", () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      summary(`d${i}`, `Account ${i}`, {
        calls: Array.from({ length: 5 }, (_, j) => call(`f${j}`, new Date(Date.parse(NOW) + (i * 5 + j - 2000) * 3_600_000).toISOString(), j % 2 ? "America/New_York" : "Europe/Berlin")),
        milestonesDue: [{ id: "m", title: "Install", endDate: "2026-03-05", assigneeId: "ana", assigneeName: "Ana" }],
        paymentDue: i % 3 ? null : "2026-02-01",
        openRisks: i % 4,
        risks: i % 4 ? [{ id: "r", kind: "competitor", severity: "high", description: "Rival" }] : [],
      }),
    );
    todayOf(many, { now: NOW, timeZone: "Europe/Berlin" });
    const t0 = performance.now();
    const view = todayOf(many, { now: NOW, timeZone: "Europe/Berlin" });
    const ms = performance.now() - t0;
    expect(view.calls.overdue.length + view.calls.today.length + view.calls.upcoming.length + view.calls.later).toBe(5000);
    // The bench measures this properly (npm run bench); here only a generous guard.
    expect(ms).toBeLessThan(200);
  });

  it("holds only a person's own work on \"Mine\": their calls, milestones and commitments, and the payments and risks of the accounts they own", () => {
    const lead = (id: string) => ({ assigneeId: "dana", assigneeName: "Dana", id });
    const accounts = [
      summary("a", "Acme", {
        ownerId: "dana",
        calls: [call("f1", "2026-03-02T10:00:00.000Z"), { ...call("f2", "2026-03-02T11:00:00.000Z"), ...lead("f2") }],
        openCallsBy: { ana: 3, dana: 1 },
        milestonesDue: [{ ...lead("m1"), title: "Install", endDate: "2026-03-03" }],
        commitmentsDue: [{ id: "c1", text: "Train admins", dueDate: "2026-03-04", assigneeId: "ana", assigneeName: "Ana" }],
        paymentDue: "2026-03-02",
        openRisks: 1,
        risks: [{ id: "r1", kind: "credit", severity: "medium", description: "Slow payer" }],
      }),
    ];
    const ana = todayOf(accounts, { now: NOW, timeZone: "Europe/Berlin", person: "ana" });
    expect(ana.calls.today.map((c) => c.followUpId)).toEqual(["f1"]);
    expect(ana.calls.later).toBe(2);
    expect(ana.milestones.map((m) => [m.kind, m.title])).toEqual([["commitment", "Train admins"]]);
    expect(ana.payments).toEqual([]);
    expect(ana.risks).toEqual([]);
    const dana = todayOf(accounts, { now: NOW, timeZone: "Europe/Berlin", person: "dana" });
    expect(dana.calls.today.map((c) => [c.followUpId, c.assigneeName])).toEqual([["f2", "Dana"]]);
    expect(dana.calls.later).toBe(0);
    expect(dana.milestones.map((m) => m.title)).toEqual(["Install"]);
    expect(dana.payments.map((p) => p.daysOverdue)).toEqual([0]);
    expect(dana.risks).toHaveLength(1);
    const everyone = todayOf(accounts, { now: NOW, timeZone: "Europe/Berlin" });
    expect(everyone.calls.today).toHaveLength(2);
    expect(everyone.milestones).toHaveLength(2);
  });
});
