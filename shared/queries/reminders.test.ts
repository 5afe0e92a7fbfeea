import { describe, expect, it } from "vitest";
import type { AccountSummary, SummaryCall } from "./summary";
import { dueReminders, nextReminderAt, reminderKey, type ReminderPerson } from "./reminders";

const ana: ReminderPerson = { id: "ana", leadMinutes: 0, timeZone: "Europe/Berlin" };
const dana: ReminderPerson = { id: "dana", leadMinutes: 0, timeZone: "Europe/Berlin" };

function call(id: string, at: string, assigneeId = "ana"): SummaryCall {
  return { id, purpose: "follow-up", agreedTime: at, timeZone: "Europe/Berlin", reason: "Price", assigneeId, assigneeName: assigneeId };
}

function summary(documentId: string, calls: SummaryCall[], parts: Partial<AccountSummary> = {}): AccountSummary {
  return {
    documentId, name: `Account ${documentId}`, stage: "follow-up", owner: "rep", ownerName: null, commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false,
    calls, ownerId: "ana", ...parts,
  };
}

describe("reminders", () => {
  const accounts = [summary("d1", [call("f1", "2026-03-02T09:00:00.000Z"), call("f2", "2026-03-02T15:00:00.000Z")]), summary("d2", [call("f1", "2026-03-02T08:00:00.000Z")])];

  it("are due at the agreed time, oldest first", () => {
    expect(dueReminders(accounts, "2026-03-02T08:59:59.000Z", new Set(), ana).map((r) => r.key)).toEqual([reminderKey("d2", "f1", "2026-03-02T08:00:00.000Z")]);
    expect(dueReminders(accounts, "2026-03-02T09:00:00.000Z", new Set(), ana).map((r) => r.key)).toEqual(["d2/f1@2026-03-02T08:00:00.000Z", "d1/f1@2026-03-02T09:00:00.000Z"]);
    expect(nextReminderAt(accounts, "2026-03-02T09:00:00.000Z", ana)).toBe("2026-03-02T15:00:00.000Z");
  });

  it("come the person's lead time before a call, and at once for a call agreed for sooner than that", () => {
    const early = { ...ana, leadMinutes: 10 };
    expect(nextReminderAt(accounts, "2026-03-02T09:00:00.000Z", early)).toBe("2026-03-02T14:50:00.000Z");
    expect(dueReminders(accounts, "2026-03-02T14:49:59.000Z", new Set(["d2/f1@2026-03-02T08:00:00.000Z", "d1/f1@2026-03-02T09:00:00.000Z"]), early)).toEqual([]);
    const [r] = dueReminders(accounts, "2026-03-02T14:50:00.000Z", new Set(["d2/f1@2026-03-02T08:00:00.000Z", "d1/f1@2026-03-02T09:00:00.000Z"]), early);
    expect(r).toMatchObject({ key: "d1/f2@2026-03-02T15:00:00.000Z", remindAt: "2026-03-02T14:50:00.000Z", agreedTime: "2026-03-02T15:00:00.000Z" });
    // A call agreed five minutes from now with a ten-minute lead reminds now, once.
    const soon = [summary("d3", [call("f9", "2026-03-02T12:05:00.000Z")])];
    expect(dueReminders(soon, "2026-03-02T12:00:00.000Z", new Set(), early).map((x) => x.key)).toEqual(["d3/f9@2026-03-02T12:05:00.000Z"]);
    expect(dueReminders(soon, "2026-03-02T12:00:00.000Z", new Set(["d3/f9@2026-03-02T12:05:00.000Z"]), early)).toEqual([]);
    // A lead time longer than the longest allowed counts as the longest (one day).
    expect(nextReminderAt(soon, "2026-03-01T00:00:00.000Z", { ...ana, leadMinutes: 1e9 })).toBe("2026-03-01T12:05:00.000Z");
  });

  it("fire only for the person assigned: the rep's callback never reminds the lead", () => {
    const mixed = [summary("d1", [call("f1", "2026-03-02T09:00:00.000Z", "ana"), call("f2", "2026-03-02T09:30:00.000Z", "dana")])];
    expect(dueReminders(mixed, "2026-03-02T10:00:00.000Z", new Set(), ana).map((r) => r.itemId)).toEqual(["f1"]);
    expect(dueReminders(mixed, "2026-03-02T10:00:00.000Z", new Set(), dana).map((r) => r.itemId)).toEqual(["f2"]);
  });

  it("remind of milestones and commitments on their due day, and of an invoice on its due day, at 09:00 in the person's zone, to whoever has them", () => {
    const s = summary("d1", [], {
      ownerId: "dana",
      milestonesDue: [{ id: "m1", title: "Install", endDate: "2026-03-03", assigneeId: "dana", assigneeName: "Dana" }],
      commitmentsDue: [{ id: "c1", text: "Train admins", dueDate: "2026-03-03", assigneeId: "ana", assigneeName: "Ana" }],
      paymentDue: "2026-03-03",
    });
    expect(dueReminders([s], "2026-03-03T07:59:00.000Z", new Set(), dana)).toEqual([]);
    const due = dueReminders([s], "2026-03-03T08:00:00.000Z", new Set(), dana);
    expect(due.map((r) => [r.kind, r.key, r.remindAt])).toEqual([
      ["milestone", "d1/milestone.m1@2026-03-03T00:00:00.000Z", "2026-03-03T08:00:00.000Z"],
      ["payment", "d1/payment@2026-03-03T00:00:00.000Z", "2026-03-03T08:00:00.000Z"],
    ]);
    expect(dueReminders([s], "2026-03-03T08:00:00.000Z", new Set(), ana).map((r) => [r.kind, r.reason])).toEqual([["commitment", "Train admins"]]);
    expect(nextReminderAt([s], "2026-03-02T12:00:00.000Z", dana)).toBe("2026-03-03T08:00:00.000Z");
  });

  it("fire once per person: a key shown on this laptop, or on another of the person's laptops (recorded in the account), is not due again", () => {
    const fired = new Set(["d2/f1@2026-03-02T08:00:00.000Z", "d1/f1@2026-03-02T09:00:00.000Z"]);
    expect(dueReminders(accounts, "2026-03-02T10:00:00.000Z", fired, ana)).toEqual([]);
    const shownElsewhere = [summary("d1", [call("f1", "2026-03-02T09:00:00.000Z")], { remindersShown: ["ana d1/f1@2026-03-02T09:00:00.000Z"] })];
    expect(dueReminders(shownElsewhere, "2026-03-02T10:00:00.000Z", new Set(), ana)).toEqual([]);
    // The other person's record is not theirs.
    const lead = [summary("d1", [call("f1", "2026-03-02T09:00:00.000Z")], { remindersShown: ["dana d1/f1@2026-03-02T09:00:00.000Z"] })];
    expect(dueReminders(lead, "2026-03-02T10:00:00.000Z", new Set(), ana)).toHaveLength(1);
  });

  it("fire again when the call moves to a new agreed time (a retry is a new reminder)", () => {
    const fired = new Set(["d1/f1@2026-03-02T09:00:00.000Z"]);
    const moved = [summary("d1", [call("f1", "2026-03-03T09:00:00.000Z")])];
    expect(dueReminders(moved, "2026-03-03T09:00:00.000Z", fired, ana).map((r) => r.key)).toEqual(["d1/f1@2026-03-03T09:00:00.000Z"]);
  });

  it("show a missed reminder at the next start, unless it is weeks old or the account was lost", () => {
    expect(dueReminders(accounts, "2026-03-10T09:00:00.000Z", new Set(), ana)).toHaveLength(3);
    expect(dueReminders(accounts, "2026-04-10T09:00:00.000Z", new Set(), ana)).toEqual([]);
    expect(dueReminders([summary("d3", [call("f1", "2026-03-02T09:00:00.000Z")], { stage: "lost" })], "2026-03-03T09:00:00.000Z", new Set(), ana)).toEqual([]);
  });
});
