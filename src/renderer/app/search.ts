/**
 * What the search dialog (Ctrl/Cmd+K) offers for what was typed: Baton's commands, and the
 * accounts, contacts, commitments and milestones the node's search index finds (no account
 * is opened). With nothing typed: the commands, then the first accounts by name.
 */
import type { AppCommand } from "../../../shared/app-commands";
import type { AccountSummary } from "../../../shared/queries/summary";
import { foldText, queryWords, type SearchHit } from "../../../shared/queries/search";
import { SEARCH_WORDS } from "../words/commands";

export interface SearchResult {
  label: string;
  /** A second line: what the item is and which account it is on. */
  detail?: string;
  command: AppCommand;
}

/** Most accounts listed before anything is typed: a name narrows them down. */
export const MAX_ACCOUNTS = 8;

const COMMANDS: SearchResult[] = [
  { label: SEARCH_WORDS.newAccount, command: { type: "new-account" } },
  { label: SEARCH_WORDS.today, command: { type: "go", page: "today" } },
  { label: SEARCH_WORDS.accounts, command: { type: "go", page: "accounts" } },
  { label: SEARCH_WORDS.pipeline, command: { type: "go", page: "pipeline" } },
  { label: SEARCH_WORDS.settings, command: { type: "go", page: "settings" } },
  { label: SEARCH_WORDS.joinMeeting, command: { type: "join-meeting" } },
  { label: SEARCH_WORDS.hostMeeting, command: { type: "host-meeting" } },
];

const untitled = (name: string) => name.trim() || SEARCH_WORDS.untitled;

/** One hit of the node's index as a result. */
export function hitResult(hit: SearchHit): SearchResult {
  const command: AppCommand = { type: "open-account", documentId: hit.documentId };
  if (hit.kind === "account") return { label: SEARCH_WORDS.open(untitled(hit.title)), command };
  const detail = [SEARCH_WORDS.kind[hit.kind], hit.detail, SEARCH_WORDS.on(untitled(hit.accountName))].filter(Boolean).join(" · ");
  return { label: hit.title, detail, command };
}

/** The results for `query`: what the index found (`hits`, best first), then the commands whose words match. */
export function searchResults(query: string, hits: readonly SearchHit[], accounts: readonly AccountSummary[]): SearchResult[] {
  const words = queryWords(query);
  if (!query.trim()) {
    const first = [...accounts]
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_ACCOUNTS)
      .map((a): SearchResult => ({ label: SEARCH_WORDS.open(untitled(a.name)), command: { type: "open-account", documentId: a.documentId } }));
    return [...COMMANDS, ...first];
  }
  const commands = words.length ? COMMANDS.filter((c) => words.every((w) => foldText(c.label).includes(w))) : [];
  return [...hits.map(hitResult), ...commands];
}
