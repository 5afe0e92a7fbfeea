/**
 * What the search dialog (Ctrl/Cmd+K) offers for what was typed: Baton's commands and the
 * accounts on this device whose name matches, from the summaries (no account is opened).
 */
import type { AppCommand } from "../../../shared/app-commands";
import type { AccountSummary } from "../../../shared/queries/summary";
import { SEARCH_WORDS } from "../words/commands";

export interface SearchResult {
  label: string;
  command: AppCommand;
}

/** Most accounts listed at once: a name narrows them down. */
export const MAX_ACCOUNTS = 8;

const COMMANDS: SearchResult[] = [
  { label: SEARCH_WORDS.newAccount, command: { type: "new-account" } },
  { label: SEARCH_WORDS.today, command: { type: "go", page: "today" } },
  { label: SEARCH_WORDS.accounts, command: { type: "go", page: "accounts" } },
  { label: SEARCH_WORDS.settings, command: { type: "go", page: "settings" } },
  { label: SEARCH_WORDS.joinMeeting, command: { type: "join-meeting" } },
  { label: SEARCH_WORDS.hostMeeting, command: { type: "host-meeting" } },
];

/** Lower case without accents: "Müller" is found by "muller". */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function searchResults(query: string, accounts: readonly AccountSummary[]): SearchResult[] {
  const q = folded(query.trim());
  const accountResults = accounts
    .filter((a) => q === "" || folded(a.name).includes(q))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_ACCOUNTS)
    .map((a): SearchResult => ({ label: SEARCH_WORDS.open(a.name.trim() || "Untitled account"), command: { type: "open-account", documentId: a.documentId } }));
  const commands = COMMANDS.filter((c) => q === "" || folded(c.label).includes(q));
  // With nothing typed the commands come first; with a name typed, the accounts it finds.
  return q === "" ? [...commands, ...accountResults] : [...accountResults, ...commands];
}
