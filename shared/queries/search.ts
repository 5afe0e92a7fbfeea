/**
 * Search across accounts, contacts, commitments and milestones (Ctrl/Cmd+K).
 *
 * The sync node keeps the entries of every account (`searchEntriesOf`, made when it
 * summarises an account) so that a keystroke never opens an account; each keystroke is a
 * scan of prepared, folded strings (`prepareEntry` once per entry, `rankSearch` per query):
 * ≈ 5 ms for 10,000 accounts of a dozen items each (bench scenario 8).
 *
 * Ranking: every word typed must occur in the entry (in its title or its detail). An entry
 * whose title is the query ranks first, then titles that start with it, then titles with
 * a word that starts with each word typed, then anything that only contains them; among
 * equals an account before a contact before a commitment before a milestone, then the
 * shorter title, then by name.
 */
import type { AccountDoc } from "../account/schema";
import { checkAccount } from "../account/check";
import { contactsOf } from "./contacts";
import { commitmentsOf, headerOf, milestonesOf } from "./account-view";

/** What an entry is. */
export type SearchKind = "account" | "contact" | "commitment" | "milestone";

/** One thing search can find. */
export interface SearchEntry {
  documentId: string;
  kind: SearchKind;
  /** The item's id; the account's own entry has the document id. */
  itemId: string;
  /** What the entry is called: the account's or contact's name, the commitment's wording, the milestone's title. */
  title: string;
  /** The account it belongs to (its own name for an account). */
  accountName: string;
  /** More to match and show: a contact's role, email and phone; a commitment's or milestone's date. */
  detail: string;
}

/** A found entry with its rank (lower is better). */
export interface SearchHit extends SearchEntry {
  rank: number;
}

/** Longest query searched: past it, more characters cannot narrow anything down (a pasted page). */
export const SEARCH_QUERY_MAX = 200;
/** Most hits answered at once. */
export const SEARCH_LIMIT = 20;
/** Longest title or detail kept in the index: it is for finding and showing in one line. */
const TEXT_MAX = 160;

const KIND_ORDER: Record<SearchKind, number> = { account: 0, contact: 1, commitment: 2, milestone: 3 };

/** Lower case without accents: "Müller" is found by "muller". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The words of a query, folded: letters and digits only, each at most once. Empty for a
 * query of punctuation or spaces only (nothing to look for, rather than everything).
 */
export function queryWords(query: string): string[] {
  const words = foldText(query.slice(0, SEARCH_QUERY_MAX)).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set(words)];
}

const clip = (text: string) => {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length > TEXT_MAX ? `${t.slice(0, TEXT_MAX - 1)}…` : t;
};

/** The entries of one account: itself, its contacts, commitments and milestones (damaged items are left out). */
export function searchEntriesOf(documentId: string, stored: AccountDoc): SearchEntry[] {
  const { account: doc } = checkAccount(stored);
  const header = headerOf(doc);
  const accountName = clip(header.name);
  // The company's domain and phone find it too ("initech.example").
  const out: SearchEntry[] = [{ documentId, kind: "account", itemId: documentId, title: accountName, accountName, detail: clip([header.domain, header.phone].filter(Boolean).join(" · ")) }];
  for (const c of contactsOf(doc)) {
    if (!c.name.trim()) continue;
    out.push({ documentId, kind: "contact", itemId: c.id, title: clip(c.name), accountName, detail: clip([c.email, c.phone].filter(Boolean).join(" · ")) });
  }
  for (const c of commitmentsOf(doc)) {
    if (!c.text.trim()) continue;
    out.push({ documentId, kind: "commitment", itemId: c.id, title: clip(c.text), accountName, detail: c.dueDate ?? "" });
  }
  for (const m of milestonesOf(doc)) {
    if (!m.title.trim()) continue;
    out.push({ documentId, kind: "milestone", itemId: m.id, title: clip(m.title), accountName, detail: m.endDate ?? "" });
  }
  return out;
}

/** An entry with its folded strings, made once when it enters the index. */
export interface PreparedEntry {
  entry: SearchEntry;
  title: string;
  /** Title, detail and account name, folded, separated by newlines. */
  all: string;
}

export function prepareEntry(entry: SearchEntry): PreparedEntry {
  const title = foldText(entry.title);
  return { entry, title, all: `${title}\n${foldText(entry.detail)}\n${foldText(entry.accountName)}` };
}

const WORD_START = /[^\p{L}\p{N}]/u;

/** Whether `word` starts a word of `text` (at the start or after a non-letter). */
function startsAWord(text: string, word: string): boolean {
  let i = text.indexOf(word);
  while (i >= 0) {
    if (i === 0 || WORD_START.test(text[i - 1]!)) return true;
    i = text.indexOf(word, i + 1);
  }
  return false;
}

/** The rank of a prepared entry for these words (see the module's comment), or -1 when a word is missing. */
function rankOf(p: PreparedEntry, words: readonly string[], phrase: string): number {
  for (const w of words) if (!p.all.includes(w)) return -1;
  let tier: number;
  if (p.title === phrase) tier = 0;
  else if (p.title.startsWith(phrase)) tier = 1;
  else if (words.every((w) => startsAWord(p.title, w))) tier = 2;
  else if (words.every((w) => p.title.includes(w))) tier = 3;
  else tier = 4; // Found in the detail or the account's name only.
  return tier * 10 + KIND_ORDER[p.entry.kind];
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Best first: rank, then the shorter title, then by title, account and id. */
function better(a: { p: PreparedEntry; rank: number }, b: { p: PreparedEntry; rank: number }): number {
  return (
    a.rank - b.rank ||
    a.p.title.length - b.p.title.length ||
    collator.compare(a.p.entry.title, b.p.entry.title) ||
    collator.compare(a.p.entry.accountName, b.p.entry.accountName) ||
    (a.p.entry.itemId < b.p.entry.itemId ? -1 : a.p.entry.itemId > b.p.entry.itemId ? 1 : 0)
  );
}

/**
 * The best `limit` entries for `query`, best first. Empty when the query has no letter
 * or digit. Pure; one pass over the entries keeping only the best `limit` found so far
 * (a one-letter query matches most entries: sorting them all would cost more than the scan).
 */
export function rankSearch(query: string, entries: Iterable<PreparedEntry>, limit = SEARCH_LIMIT): SearchHit[] {
  const words = queryWords(query);
  if (!words.length || limit <= 0) return [];
  const phrase = words.join(" ");
  const best: { p: PreparedEntry; rank: number }[] = [];
  for (const p of entries) {
    const rank = rankOf(p, words, phrase);
    if (rank < 0) continue;
    const found = { p, rank };
    if (best.length === limit) {
      const worst = best[limit - 1]!;
      // Cheap refusals first: most entries of a broad query rank below the kept ones.
      if (rank > worst.rank || (rank === worst.rank && p.title.length > worst.p.title.length) || better(found, worst) >= 0) continue;
      best.pop();
    }
    let i = best.length;
    while (i > 0 && better(found, best[i - 1]!) < 0) i--;
    best.splice(i, 0, found);
  }
  return best.map(({ p, rank }) => ({ ...p.entry, rank }));
}
