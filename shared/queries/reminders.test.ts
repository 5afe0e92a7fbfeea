import { describe, expect, it } from "vitest";
import type { AccountSummary } from "./summary";
import { dueReminders, nextReminderAt, reminderKey } from "./reminders";

function summary(documentId: string, calls: { id: string; at: string }[], stage: AccountSummary["stage"] = "follow-up"): AccountSummary {
  return {
    documentId, name: `Account ${documentId}`, stage, owner: "rep", ownerName: null, commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false,
    calls: calls.map((c) => ({ id: c.id, purpose: "follow-up", agreedTime: c.at, timeZone: "Europe/Berlin", reason: "Price" })),
  };
}

describe("reminders", () => {
  const accounts = [summary("d1", [{ id: "f1", at: "2026-03-02T09:00:00.000Z" }, { id: "f2", at: "2026-03-02T15:00:00.000Z" }]), summary("d2", [{ id: "f1", at: "2026-03-02T08:00:00.000Z" }])];

  it("are due at the agreed time, oldest first", () => {
    expect(dueReminders(accounts, "2026-03-02T08:59:59.000Z", new Set()).map((r) => r.key)).toEqual([reminderKey("d2", "f1", "2026-03-02T08:00:00.000Z")]);
    expect(dueReminders(accounts, "2026-03-02T09:00:00.000Z", new Set()).map((r) => r.key)).toEqual(["d2/f1@2026-03-02T08:00:00.000Z", "d1/f1@2026-03-02T09:00:00.000Z"]);
    expect(nextReminderAt(accounts, "2026-03-02T09:00:00.000Z")).toBe("2026-03-02T15:00:00.000Z");
  });

  it("fire once per person: a key that fired is not due again, whichever laptop or window asks", () => {
    const fired = new Set(["d2/f1@2026-03-02T08:00:00.000Z", "d1/f1@2026-03-02T09:00:00.000Z"]);
    expect(dueReminders(accounts, "2026-03-02T10:00:00.000Z", fired)).toEqual([]);
  });

  it("fire again when the call moves to a new agreed time (a retry is a new reminder)", () => {
    const fired = new Set(["d1/f1@2026-03-02T09:00:00.000Z"]);
    const moved = [summary("d1", [{ id: "f1", at: "2026-03-03T09:00:00.000Z" }])];
    expect(dueReminders(moved, "2026-03-03T09:00:00.000Z", fired).map((r) => r.key)).toEqual(["d1/f1@2026-03-03T09:00:00.000Z"]);
  });

  it("show a missed reminder at the next start, unless it is weeks old or the account was lost", () => {
    expect(dueReminders(accounts, "2026-03-10T09:00:00.000Z", new Set())).toHaveLength(3);
    expect(dueReminders(accounts, "2026-04-10T09:00:00.000Z", new Set())).toEqual([]);
    expect(dueReminders([summary("d3", [{ id: "f1", at: "2026-03-02T09:00:00.000Z" }], "lost")], "2026-03-03T09:00:00.000Z", new Set())).toEqual([]);
  });
});
