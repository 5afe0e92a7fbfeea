/**
 * Search across accounts, contacts, commitments and milestones (Ctrl/Cmd+K).
 *
 * The sync node keeps the entries of every account (`searchEntriesOf`, made when it
 * summarises an account) so that a keystroke never opens an account; each keystroke is a
 * scan of each account's folded words (`prepareAccount` once per account, `SearchRanking`
 * per query); bench row 10a times it over 10,000 accounts of 13 items each.
 *
 * Ranking: every word typed must occur in the entry (in its title or its detail). An entry
 * whose title is the query ranks first, then titles that start with it, then titles with
 * a word that starts with each word typed, then anything that only contains them; among
 * equals an account before a contact before a commitment before a milestone, then the
 * shorter title, then by name, then by the account's name, then in the order offered.
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
  return [...new Set(wordsOf(query.slice(0, SEARCH_QUERY_MAX)))];
}

/** The words of a text, folded: its runs of letters and digits, in order. */
export function wordsOf(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
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

/** An entry's kind as one letter in a prepared account (`PreparedAccount.kinds`). */
const KIND_LETTER: Record<SearchKind, string> = { account: "a", contact: "c", commitment: "t", milestone: "m" };
const KIND_OF_LETTER: Record<string, SearchKind> = { a: "account", c: "contact", t: "commitment", m: "milestone" };

/** A kind letter's character code → its place in KIND_ORDER (read for every entry of every search). */
const KIND_ORDER_OF_CODE = new Int8Array(128);
for (const [letter, kind] of Object.entries(KIND_OF_LETTER)) KIND_ORDER_OF_CODE[letter.charCodeAt(0)] = KIND_ORDER[kind];

/** The kind a letter of `PreparedAccount.kinds` stands for (undefined for any other letter). */
export const kindOfLetter = (letter: string): SearchKind | undefined => (Object.hasOwn(KIND_OF_LETTER, letter) ? KIND_OF_LETTER[letter] : undefined);
export const letterOfKind = (kind: SearchKind): string => KIND_LETTER[kind];

/**
 * One account's entries as search reads them: their titles' words in one string, their
 * details' in another, each entry found by offsets into both. Titles apart from details
 * because most keystrokes are decided by titles alone (a word in no title of the account
 * is looked for once, not once per entry). Compact on purpose — the node keeps one per
 * account in memory (10,000 accounts of ~80 entries), and everything else about an entry
 * (its original wording, item id) is read only for the few it answers.
 */
export interface PreparedAccount {
  /** The account's name's words: a word of it is in every entry of the account. */
  name: string;
  /** Each entry's title's words (`foldLine`), then `ENTRY_END`. */
  titles: string;
  /** Each entry's detail's words, then `ENTRY_END`. */
  details: string;
  /** For entry k: `ends[2k]` is where its title's `ENTRY_END` is, `ends[2k + 1]` its detail's. */
  ends: Uint16Array | Uint32Array;
  /** Each entry's kind, one letter (`letterOfKind`). */
  kinds: string;
}

/**
 * A title or detail as search reads it: its words, one space apart. A query is only ever
 * words, so punctuation is a word's end and nothing more — and left out, a title such as
 * "Go-live" is the query "go live" exactly, and the text stays one byte a character
 * (a single ’ or … would make V8 hold the whole string at two).
 */
const foldLine = (text: string) => wordsOf(text).join(" ");

/**
 * Ends each title and detail in a prepared account. Not a letter or digit, so no word
 * reaches across it; not a tab or newline either, so the prepared strings are one field
 * of a line in the node's index file as they are.
 */
export const ENTRY_END = "\x1f";

/** An account's entries (all of one account) prepared for search. */
export function prepareAccount(accountName: string, entries: readonly SearchEntry[]): PreparedAccount {
  const titles = entries.map((e) => `${foldLine(e.title)}${ENTRY_END}`).join("");
  const details = entries.map((e) => `${foldLine(e.detail)}${ENTRY_END}`).join("");
  return { ...preparedText(titles, details, entries.map((e) => KIND_LETTER[e.kind]).join(""))!, name: foldLine(accountName) };
}

/**
 * The offsets of prepared titles and details read back from storage; null when they do
 * not hold one line for each kind (a damaged record).
 */
export function preparedText(titles: string, details: string, kinds: string): Omit<PreparedAccount, "name"> | null {
  const n = kinds.length;
  const ends = Math.max(titles.length, details.length) < 0xffff ? new Uint16Array(2 * n) : new Uint32Array(2 * n);
  for (const [text, side] of [[titles, 0], [details, 1]] as const) {
    let at = 0;
    for (let k = 0; k < n; k++) {
      const nl = text.indexOf(ENTRY_END, at);
      if (nl < 0) return null;
      ends[2 * k + side] = nl;
      at = nl + 1;
    }
    if (at !== text.length) return null;
  }
  for (let k = 0; k < n; k++) if (!kindOfLetter(kinds[k]!)) return null;
  return { titles, details, ends, kinds };
}

const SPACE = 0x20;

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** One ranked entry: the `index`th entry of the account offered as `key`. */
export interface RankedEntry {
  key: string;
  index: number;
  rank: number;
}

interface Held extends RankedEntry {
  account: PreparedAccount;
  titleLength: number;
  /** Its folded title, made only when it is compared by wording. */
  title?: string;
  order: number;
}

const titleOf = (h: Held) => (h.title ??= h.account.titles.slice(h.index ? h.account.ends[2 * h.index - 2]! + 1 : 0, h.account.ends[2 * h.index]!));

/** Collation order; equal strings (a title many accounts share) without asking the collator. */
const compare = (a: string, b: string) => (a === b ? 0 : collator.compare(a, b));

/** Best first: rank, then the shorter title, then by title and account name, then in the order offered. */
function better(a: Held, b: Held): number {
  return a.rank - b.rank || a.titleLength - b.titleLength || compare(titleOf(a), titleOf(b)) || compare(a.account.name, b.account.name) || a.order - b.order;
}

/**
 * Keeps the best `limit` entries offered to it, for one query (see the module's comment
 * for the order). Built for a broad query over many entries — one letter matches most of
 * them — so an account lacking a typed word is skipped whole, an entry that cannot beat
 * the worst kept hit is refused from its title's start alone, before its words are looked
 * for, and nothing is allocated for it.
 */
export class SearchRanking {
  readonly #words: readonly string[];
  readonly #phrase: string;
  readonly #limit: number;
  readonly #best: Held[] = [];
  #offered = 0;
  /** Per word, in the account being offered: whether its name holds the word. */
  readonly #inName: Uint8Array;
  /** Per word, its first place in the titles (and the details) at or after the entry looked at: -2 not looked for yet, -1 none left. */
  readonly #inTitles: Int32Array;
  readonly #inDetails: Int32Array;

  constructor(query: string, limit = SEARCH_LIMIT) {
    this.#words = queryWords(query);
    this.#inName = new Uint8Array(this.#words.length);
    this.#inTitles = new Int32Array(this.#words.length);
    this.#inDetails = new Int32Array(this.#words.length);
    this.#phrase = this.#words.join(" ");
    this.#limit = this.#words.length ? Math.max(0, limit) : 0;
  }

  /** Whether offering more can still change the hits (false for a query of punctuation only). */
  get open(): boolean {
    return this.#limit > 0;
  }

  /** The query's words, folded. */
  get words(): readonly string[] {
    return this.#words;
  }

  /**
   * Whether the account holds every word somewhere (its name, a title, a detail); an
   * account that does not has no hit. Holding them does not depend on the limit or on
   * the hits so far, so a caller may keep the answer for a longer query (`offerAccount`).
   */
  holdsEveryWord(account: PreparedAccount): boolean {
    const { name, titles, details } = account;
    for (const w of this.#words) if (!name.includes(w) && !titles.includes(w) && !details.includes(w)) return false;
    return true;
  }

  /** Offer every entry of one account, known to the caller as `key` (`holds`: the caller knows it holds every word). */
  offerAccount(key: string, account: PreparedAccount, holds = this.holdsEveryWord(account)): void {
    if (this.#limit === 0 || !holds) return;
    const words = this.#words;
    const { titles, details, ends, kinds, name } = account;
    // Reused from account to account: a search looks at 10,000 of them.
    const inName = this.#inName;
    const inTitles = this.#inTitles;
    const inDetails = this.#inDetails;
    for (let j = 0; j < words.length; j++) {
      inName[j] = name.includes(words[j]!) ? 1 : 0;
      inTitles[j] = inDetails[j] = -2;
    }
    const phrase = this.#phrase;
    const first = phrase.charCodeAt(0);
    const best = this.#best;
    const n = kinds.length;
    for (let k = 0, start = 0, detailStart = 0; k < n; start = ends[2 * k]! + 1, detailStart = ends[2 * k + 1]! + 1, k++) {
      this.#offered++;
      const titleEnd = ends[2 * k]!;
      const titleLength = titleEnd - start;
      const kind = KIND_ORDER_OF_CODE[kinds.charCodeAt(k)]!;
      const full = best.length === this.#limit;
      const worst = full ? best[this.#limit - 1]! : null;
      // A title equal to the query, or starting with it, holds every word: tiers 0 and 1 need no word search.
      const known = titles.charCodeAt(start) === first && titleLength >= phrase.length && titles.startsWith(phrase, start) ? (titleLength === phrase.length ? kind : 10 + kind) : -1;
      if (worst && (known < 0 ? 20 + kind : known) > worst.rank) continue;
      let rank = known;
      if (rank < 0) {
        let inTitle = true;
        let wordStarts = true;
        for (let j = 0; j < words.length; j++) {
          const w = words[j]!;
          let at = inTitles[j]!;
          if (at !== -1 && at < start) at = inTitles[j] = titles.indexOf(w, start);
          if (at === -1 || at >= titleEnd) {
            inTitle = wordStarts = false;
            break;
          }
          if (wordStarts && !startsAWord(titles, w, at, start, titleEnd)) wordStarts = false;
        }
        if (inTitle) rank = (wordStarts ? 2 : 3) * 10 + kind;
        else {
          // Tier 4 at best: every word in the title, the detail or the account's name.
          rank = 40 + kind;
          if (worst && (rank > worst.rank || (rank === worst.rank && titleLength > worst.titleLength))) continue;
          const detailEnd = ends[2 * k + 1]!;
          let found = true;
          for (let j = 0; j < words.length && found; j++) {
            if (inName[j]) continue;
            const w = words[j]!;
            let at = inTitles[j]!;
            if (at !== -1 && at < start) at = inTitles[j] = titles.indexOf(w, start);
            if (at !== -1 && at < titleEnd) continue;
            at = inDetails[j]!;
            if (at !== -1 && at < detailStart) at = inDetails[j] = details.indexOf(w, detailStart);
            found = at !== -1 && at < detailEnd;
          }
          if (!found) continue;
        }
      }
      if (worst && (rank > worst.rank || (rank === worst.rank && titleLength > worst.titleLength))) continue;
      const found: Held = { key, index: k, rank, account, titleLength, order: this.#offered };
      if (worst) {
        if (better(found, worst) >= 0) continue;
        best.pop();
      }
      let i = best.length;
      while (i > 0 && better(found, best[i - 1]!) < 0) i--;
      best.splice(i, 0, found);
    }
  }

  /** The hits, best first. */
  ranked(): RankedEntry[] {
    return this.#best.map(({ key, index, rank }) => ({ key, index, rank }));
  }
}

/**
 * Whether `word`, first found in the title at `at`, starts a word of the title [`start`,
 * `end`): a prepared title is its words one space apart, so a word starts at the title's
 * start or after a space.
 */
function startsAWord(text: string, word: string, at: number, start: number, end: number): boolean {
  for (let i = at; i >= 0 && i < end; i = text.indexOf(word, i + 1)) {
    if (i === start || text.charCodeAt(i - 1) === SPACE) return true;
  }
  return false;
}

/** The best `limit` entries for `query`, best first; empty when the query has no letter or digit. Pure. */
export function rankSearch(query: string, entries: readonly SearchEntry[], limit = SEARCH_LIMIT): SearchHit[] {
  const ranking = new SearchRanking(query, limit);
  if (!ranking.open) return [];
  const byAccount = new Map<string, SearchEntry[]>();
  for (const e of entries) {
    const key = `${e.documentId}\n${e.accountName}`;
    const list = byAccount.get(key);
    if (list) list.push(e);
    else byAccount.set(key, [e]);
  }
  for (const [key, list] of byAccount) ranking.offerAccount(key, prepareAccount(list[0]!.accountName, list));
  return ranking.ranked().map(({ key, index, rank }) => ({ ...byAccount.get(key)![index]!, rank }));
}
