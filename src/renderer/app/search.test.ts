import { describe, expect, it } from "vitest";
import type { AccountSummary } from "../../../shared/queries/summary";
import type { SearchHit } from "../../../shared/queries/search";
import { MAX_ACCOUNTS, searchResults } from "./search";

function account(documentId: string, name: string): AccountSummary {
  return { documentId, name, stage: "ordered", owner: "rep", ownerName: null, commitments: 0, milestones: 0, openRisks: 0, nextDue: null, readOnly: false };
}

const accounts = [account("d1", "Müller & Söhne"), account("d2", "Acme"), account("d3", "Northwind Traders")];
const hit = (h: Partial<SearchHit>): SearchHit => ({ documentId: "d2", kind: "account", itemId: "d2", title: "Acme", accountName: "Acme", detail: "", rank: 0, ...h });

describe("search results", () => {
  it("offers the commands first when nothing is typed, then the first accounts", () => {
    const labels = searchResults("", [], accounts).map((r) => r.label);
    expect(labels.slice(0, 5)).toEqual(["New account", "Go to Today", "Go to Accounts", "Go to Pipeline", "Go to Settings"]);
    expect(labels).toContain("Open Acme");
    const many = Array.from({ length: 30 }, (_, i) => account(`d${i}`, `Account ${String(i).padStart(2, "0")}`));
    expect(searchResults("", [], many).filter((r) => r.command.type === "open-account")).toHaveLength(MAX_ACCOUNTS);
  });

  it("lists what the index found first, each opening its account, with what it is and where", () => {
    const results = searchResults("dana", [hit({ kind: "contact", itemId: "k1", title: "Dana Miller", detail: "dana@acme.example" })], accounts);
    expect(results).toEqual([{ label: "Dana Miller", detail: "Contact · dana@acme.example · on Acme", command: { type: "open-account", documentId: "d2" } }]);
  });

  it("finds a command by what it does, and nothing for punctuation only", () => {
    expect(searchResults("new acc", [], accounts)).toEqual([{ label: "New account", command: { type: "new-account" } }]);
    expect(searchResults("meeting", [], accounts).map((r) => r.command.type)).toEqual(["join-meeting", "host-meeting"]);
    expect(searchResults("?!…", [], accounts)).toEqual([]);
  });
});
