import { describe, expect, it } from "vitest";
import type { Stage } from "../account/schema";
import { addDecimals } from "../money";
import type { AccountSummary } from "./summary";
import { pipelineOf, quietDealsOf } from "./pipeline";
import { endOfWeek, listAccounts, NO_FILTER } from "./account-list";

const NOW = "2026-03-12T10:00:00.000Z"; // a Thursday
const ZONE = "Europe/Berlin";

function summary(id: string, stage: Stage, more: Partial<AccountSummary> = {}): AccountSummary {
  return { documentId: id, name: id, stage, owner: "rep", ownerName: "Riley Rep", commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false, orderValue: null, lastContact: null, ...more };
}

describe("addDecimals", () => {
  it("adds exactly, whatever the fraction digits", () => {
    expect(addDecimals("0.1", "0.2")).toBe("0.3");
    expect(addDecimals("18400.5", "99.75")).toBe("18500.25");
    expect(addDecimals("999999999999999999999", "1")).toBe("1000000000000000000000");
    expect(addDecimals("0.05", "0.95")).toBe("1");
  });
});

describe("the pipeline board", () => {
  const accounts = [
    summary("a", "ordered", { orderValue: { amount: "1000.10", currency: "EUR" }, lastContact: "2026-03-11T15:00:00.000Z" }),
    summary("b", "ordered", { orderValue: { amount: "0.2", currency: "EUR" }, lastContact: "2026-03-01T09:00:00.000Z" }),
    summary("c", "ordered", { orderValue: { amount: "500", currency: "USD" } }),
    summary("d", "promised"),
    summary("e", "lost", { orderValue: { amount: "9", currency: "EUR" } }),
  ];

  it("sums the order values per currency in each stage and leaves lost deals off", () => {
    const board = pipelineOf(accounts, { now: NOW, timeZone: ZONE });
    const ordered = board.columns.find((c) => c.stage === "ordered")!;
    expect(ordered.totals).toEqual([
      { currency: "EUR", amount: "1000.3" },
      { currency: "USD", amount: "500" },
    ]);
    expect(board.columns.map((c) => c.stage)).toEqual(["follow-up", "promised", "ordered", "handed-off", "delivering", "delivered", "paid", "relationship"]);
    expect(board.ended).toBe(1);
    expect(board.columns.reduce((n, c) => n + c.cards.length, 0)).toBe(4);
  });

  it("puts the quietest first: never reached, then the most days since the last contact", () => {
    const ordered = pipelineOf(accounts, { now: NOW, timeZone: ZONE }).columns.find((c) => c.stage === "ordered")!;
    expect(ordered.cards.map((c) => [c.documentId, c.daysQuiet])).toEqual([
      ["c", null],
      ["b", 11],
      ["a", 1],
    ]);
  });

  it("flags promised, ordered and delivering deals quiet for the person's number of days", () => {
    const quiet = quietDealsOf([...accounts, summary("f", "delivering", { lastContact: "2026-03-05T08:00:00.000Z" }), summary("g", "follow-up")], { now: NOW, timeZone: ZONE, days: 7 });
    expect(quiet.map((q) => [q.documentId, q.daysQuiet])).toEqual([
      ["c", null],
      ["d", null],
      ["b", 11],
      ["f", 7],
    ]);
    expect(quietDealsOf(accounts, { now: NOW, timeZone: ZONE, days: 12 }).map((q) => q.documentId)).toEqual(["c", "d"]);
  });
});

describe("the accounts list", () => {
  const accounts = [
    summary("Zeta", "ordered", { openRisks: 2, nextDue: { what: "Kickoff", kind: "milestone", when: "2026-03-15" } }),
    summary("Alpha", "promised", { ownerName: "Dana Lead", nextDue: { what: "Call", kind: "follow-up", when: "2026-03-16T09:00:00.000Z" } }),
    summary("Mid", "delivering", { orderValue: { amount: "20", currency: "EUR" }, lastContact: "2026-03-10T09:00:00.000Z" }),
  ];
  const opts = { now: NOW, timeZone: ZONE };
  const names = (list: AccountSummary[]) => list.map((a) => a.name);

  it("filters by stage, owner, open risks and due this week (through Sunday)", () => {
    expect(endOfWeek("2026-03-12")).toBe("2026-03-15");
    expect(endOfWeek("2026-03-15")).toBe("2026-03-15");
    expect(names(listAccounts(accounts, { ...NO_FILTER, stage: "promised" }, "name", opts))).toEqual(["Alpha"]);
    expect(names(listAccounts(accounts, { ...NO_FILTER, owner: "Riley Rep" }, "name", opts))).toEqual(["Mid", "Zeta"]);
    expect(names(listAccounts(accounts, { ...NO_FILTER, openRisks: true }, "name", opts))).toEqual(["Zeta"]);
    expect(names(listAccounts(accounts, { ...NO_FILTER, dueThisWeek: true }, "name", opts))).toEqual(["Zeta"]);
  });

  it("sorts by stage, next due, open risks, order value and longest without contact", () => {
    expect(names(listAccounts(accounts, NO_FILTER, "stage", opts))).toEqual(["Alpha", "Zeta", "Mid"]);
    expect(names(listAccounts(accounts, NO_FILTER, "next-due", opts))).toEqual(["Zeta", "Alpha", "Mid"]);
    expect(names(listAccounts(accounts, NO_FILTER, "open-risks", opts))).toEqual(["Zeta", "Alpha", "Mid"]);
    expect(names(listAccounts(accounts, NO_FILTER, "order-value", opts))).toEqual(["Mid", "Alpha", "Zeta"]);
    expect(names(listAccounts(accounts, NO_FILTER, "last-contact", opts))).toEqual(["Alpha", "Zeta", "Mid"]);
  });
});
