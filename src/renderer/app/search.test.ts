import { describe, expect, it } from "vitest";
import type { AccountSummary } from "../../../shared/queries/summary";
import { MAX_ACCOUNTS, searchResults } from "./search";

function account(documentId: string, name: string): AccountSummary {
  return { documentId, name, stage: "ordered", owner: "rep", ownerName: null, commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false };
}

const accounts = [account("d1", "Müller & Söhne"), account("d2", "Acme"), account("d3", "Northwind Traders")];

describe("search", () => {
  it("offers the commands first when nothing is typed, then the accounts", () => {
    const labels = searchResults("", accounts).map((r) => r.label);
    expect(labels.slice(0, 4)).toEqual(["New account", "Go to Today", "Go to Accounts", "Go to Settings"]);
    expect(labels).toContain("Open Acme");
  });

  it("finds an account by part of its name, accents and case aside", () => {
    const [first] = searchResults("muller", accounts);
    expect(first).toEqual({ label: "Open Müller & Söhne", command: { type: "open-account", documentId: "d1" } });
    expect(searchResults("TRADERS", accounts)[0]!.command).toEqual({ type: "open-account", documentId: "d3" });
  });

  it("finds a command by what it does", () => {
    expect(searchResults("new acc", accounts)).toEqual([{ label: "New account", command: { type: "new-account" } }]);
    expect(searchResults("meeting", accounts).map((r) => r.command.type)).toEqual(["join-meeting", "host-meeting"]);
  });

  it("lists a few accounts at most, and nothing for what matches nothing", () => {
    const many = Array.from({ length: 30 }, (_, i) => account(`d${i}`, `Account ${String(i).padStart(2, "0")}`));
    expect(searchResults("account ", many).filter((r) => r.command.type === "open-account")).toHaveLength(MAX_ACCOUNTS);
    expect(searchResults("zzz", accounts)).toEqual([]);
  });
});
