/**
 * Search across accounts, contacts, commitments and milestones (Ctrl/Cmd+K).
 *
 * The sync node keeps the entries of every account (`searchEntriesOf`, made when it
 * summarises an account) so that a keystroke never opens an account; each keystroke is a
 * scan of prepared, folded strings (`prepareEntry` once per entry, `SearchRanking` per
 * query); bench row 10a times it over 10,000 accounts of 13 items each.
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
 * Keeps the best `limit` entries offered to it, for one query (see the module's comment
 * for the order). Built for a broad query over many entries — one letter matches most of
 * them — so an entry that cannot beat the worst kept hit is refused from its title's
 * start alone, before its words are looked for, and nothing is allocated for it.
 */
export class SearchRanking {
  readonly #words: readonly string[];
  readonly #phrase: string;
  readonly #limit: number;
  readonly #best: { p: PreparedEntry; rank: number }[] = [];

  constructor(query: string, limit = SEARCH_LIMIT) {
    this.#words = queryWords(query);
    this.#phrase = this.#words.join(" ");
    this.#limit = this.#words.length ? Math.max(0, limit) : 0;
  }

  /** The query's words: an entry (or a whole account) lacking one of them is never a hit. */
  get words(): readonly string[] {
    return this.#words;
  }

  /** Whether offering more entries can still change the hits (false for a query of punctuation only). */
  get open(): boolean {
    return this.#limit > 0;
  }

  offer(p: PreparedEntry): void {
    if (this.#limit === 0) return;
    const best = this.#best;
    const full = best.length === this.#limit;
    const worst = full ? best[this.#limit - 1]! : null;
    const kind = KIND_ORDER[p.entry.kind];
    // A title equal to the query, or starting with it, holds every word: tiers 0 and 1 need no word search.
    const known = p.title === this.#phrase ? kind : p.title.startsWith(this.#phrase) ? 10 + kind : -1;
    if (worst && (known < 0 ? 20 + kind : known) > worst.rank) return;
    let rank = known;
    if (rank < 0) {
      for (const w of this.#words) if (!p.all.includes(w)) return;
      let tier = 4; // Found in the detail or the account's name only.
      if (this.#words.every((w) => startsAWord(p.title, w))) tier = 2;
      else if (this.#words.every((w) => p.title.includes(w))) tier = 3;
      rank = tier * 10 + kind;
    }
    if (worst && (rank > worst.rank || (rank === worst.rank && p.title.length > worst.p.title.length))) return;
    const found = { p, rank };
    if (worst) {
      if (better(found, worst) >= 0) return;
      best.pop();
    }
    let i = best.length;
    while (i > 0 && better(found, best[i - 1]!) < 0) i--;
    best.splice(i, 0, found);
  }

  /** The hits, best first. */
  hits(): SearchHit[] {
    return this.#best.map(({ p, rank }) => ({ ...p.entry, rank }));
  }
}

/** The best `limit` entries for `query`, best first; empty when the query has no letter or digit. Pure. */
export function rankSearch(query: string, entries: Iterable<PreparedEntry>, limit = SEARCH_LIMIT): SearchHit[] {
  const ranking = new SearchRanking(query, limit);
  if (!ranking.open) return [];
  for (const p of entries) ranking.offer(p);
  return ranking.hits();
}
