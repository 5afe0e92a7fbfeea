import { describe, expect, it } from "vitest";
import { AT, newAccount, rep, run } from "../testing/accounts";
import { foldText, wordsOf, prepareAccount, preparedText, queryWords, rankSearch, searchEntriesOf, SEARCH_QUERY_MAX, type SearchEntry } from "./search";

const entry = (kind: SearchEntry["kind"], title: string, accountName = "Acme", detail = ""): SearchEntry => ({ documentId: `doc-${accountName}`, kind, itemId: `${kind}-${title}`, title, accountName, detail });
const titles = (query: string, entries: SearchEntry[]) => rankSearch(query, entries).map((h) => `${h.kind}:${h.title}`);

describe("search entries", () => {
  it("holds the account, its contacts, commitments and milestones", () => {
    let doc = newAccount("Northwind");
    doc = run(doc, rep, "addContact", { id: "k1", name: "Dana Müller", role: "decision-maker", email: "dana@northwind.example", phone: null });
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Train two admins", dueDate: "2026-04-01", by: rep, at: AT });
    doc = run(doc, rep, "addMilestone", { id: "m1", title: "Go live", endDate: "2026-05-01", by: rep, at: AT });
    const entries = searchEntriesOf("doc-n", doc);
    expect(entries.map((e) => [e.kind, e.title, e.detail])).toEqual([
      ["account", "Northwind", ""],
      ["contact", "Dana Müller", "dana@northwind.example"],
      ["commitment", "Train two admins", "2026-04-01"],
      ["milestone", "Go live", "2026-05-01"],
    ]);
    expect(entries.every((e) => e.accountName === "Northwind" && e.documentId === "doc-n")).toBe(true);
  });

  it("finds the account by its web domain", () => {
    const doc = run(newAccount("Northwind"), rep, "setCustomer", { domain: "northwind-traders.example", phone: "+1 555 0100" });
    const entries = searchEntriesOf("doc-n", doc);
    expect(entries[0]).toMatchObject({ kind: "account", title: "Northwind", detail: "northwind-traders.example · +1 555 0100" });
    expect(rankSearch("traders", entries).map((h) => h.title)).toEqual(["Northwind"]);
  });
});

describe("rankSearch", () => {
  const entries = [
    entry("account", "Acme"),
    entry("contact", "Dana Müller", "Acme", "dana@acme.example"),
    entry("contact", "Sam Danforth", "Globex"),
    entry("commitment", "Train the admins", "Globex"),
    entry("milestone", "Admin training done", "Initech"),
    entry("account", "Adams & Daughters", "Adams & Daughters"),
  ];

  it("finds a contact by part of its name, accents and case aside", () => {
    expect(titles("mull", entries)).toEqual(["contact:Dana Müller"]);
    expect(titles("MÜLLER", entries)).toEqual(["contact:Dana Müller"]);
  });

  it("ranks a title that starts with the query before one with a word starting with it, before one that only contains it", () => {
    expect(titles("dan", entries)).toEqual(["contact:Dana Müller", "contact:Sam Danforth"]);
    expect(titles("admin", entries)).toEqual(["milestone:Admin training done", "commitment:Train the admins"]);
  });

  it("puts an exact title first, and an account before an item of the same rank", () => {
    const tied = [entry("milestone", "Kickoff"), entry("account", "Kickoff Ltd", "Kickoff Ltd"), entry("contact", "Kickoff", "Globex")];
    expect(titles("kickoff", tied)).toEqual(["contact:Kickoff", "milestone:Kickoff", "account:Kickoff Ltd"]);
    // Punctuation only ends a word: "Go-live" is exactly what "go live" asks for.
    expect(rankSearch("go live", [entry("milestone", "Go live: prep"), entry("milestone", "Go-live")]).map((h) => [h.title, h.rank])).toEqual([["Go-live", 3], ["Go live: prep", 13]]);
  });

  it("needs every word, in any order, and finds by the detail or the account's name last", () => {
    expect(titles("admins train", entries)).toEqual(["commitment:Train the admins"]);
    expect(titles("globex", entries)).toEqual(["contact:Sam Danforth", "commitment:Train the admins"]);
    expect(titles("acme.example", entries)).toEqual(["contact:Dana Müller"]);
  });

  it("answers nothing for punctuation only, and searches only the beginning of a very long query", () => {
    expect(queryWords("!!! ,,, ??? — …")).toEqual([]);
    expect(rankSearch("%$#@!", entries)).toEqual([]);
    const pasted = `acme ${"x".repeat(10_000)}`;
    expect(queryWords(pasted).join(" ").length).toBeLessThanOrEqual(SEARCH_QUERY_MAX);
    expect(() => rankSearch(pasted, entries)).not.toThrow();
  });

  it("keeps at most the limit, best first", () => {
    const many = Array.from({ length: 50 }, (_, i) => entry("contact", `Person ${String(i).padStart(2, "0")}`));
    const hits = rankSearch("person", many, 5);
    expect(hits.map((h) => h.title)).toEqual(["Person 00", "Person 01", "Person 02", "Person 03", "Person 04"]);
  });
});

describe("rankSearch's shortcuts", () => {
  // The ranking refuses most entries of a broad query from their title's start alone; this
  // checks it against the rule written out plainly: every match ranked, all of them sorted.
  const WORDS = ["Acme", "Admin", "admins", "Ada", "Go-live", "go", "Train", "training", "Müller", "Dana", "Globex", "kickoff", "A", "Adams"];
  const KINDS: SearchEntry["kind"][] = ["account", "contact", "commitment", "milestone"];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(pick([" ", "-", " "]));
  const many = Array.from({ length: 600 }, (_, i) => ({ ...entry(pick(KINDS), phrase(1 + Math.floor(next() * 3)), phrase(1), next() < 0.3 ? phrase(1) : ""), itemId: `i${i}` }));
  const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
  const kindOrder = { account: 0, contact: 1, commitment: 2, milestone: 3 };
  // Entries are offered account by account, in the order each account first appears.
  const accounts = [...new Set(many.map((e) => e.documentId))];
  const offered = many.map((e, i) => ({ e, i })).sort((a, b) => accounts.indexOf(a.e.documentId) - accounts.indexOf(b.e.documentId) || a.i - b.i);

  const plainly = (query: string, limit: number) => {
    const words = queryWords(query);
    const joined = words.join(" ");
    const startsWord = (text: string, w: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${w}`, "u").test(text);
    return offered
      .map(({ e }, order) => ({ e, order, title: wordsOf(e.title).join(" "), all: foldText(`${e.title}\n${e.detail}\n${e.accountName}`) }))
      .filter((p) => words.length && words.every((w) => p.all.includes(w)))
      .map((p) => {
        const tier = p.title === joined ? 0 : p.title.startsWith(joined) ? 1 : words.every((w) => startsWord(p.title, w)) ? 2 : words.every((w) => p.title.includes(w)) ? 3 : 4;
        return { p, rank: tier * 10 + kindOrder[p.e.kind] };
      })
      .sort((a, b) => a.rank - b.rank || a.p.title.length - b.p.title.length || collator.compare(a.p.title, b.p.title) || collator.compare(wordsOf(a.p.e.accountName).join(" "), wordsOf(b.p.e.accountName).join(" ")) || a.p.order - b.p.order)
      .slice(0, limit)
      .map(({ p, rank }) => `${rank}:${p.e.itemId}`);
  };

  it.each(["a", "ad", "admin", "go", "go-live", "train a", "müller dana", "acme", "k", "zz", "a a"])("answers %s as the plain rule does", (query) => {
    for (const limit of [1, 5, 20]) {
      expect(rankSearch(query, many, limit).map((h) => `${h.rank}:${h.itemId}`)).toEqual(plainly(query, limit));
    }
  });
});

describe("a prepared account", () => {
  it("reads back from its text and kinds alone, and refuses a text that does not match them", () => {
    const entries = [entry("account", "Acme"), entry("contact", "Dana Müller", "Acme", "dana@acme.example"), entry("milestone", "Go\nlive")];
    const prepared = prepareAccount("Acme", entries);
    expect([prepared.titles, prepared.details]).toEqual(["acme\x1fdana muller\x1fgo live\x1f", "\x1fdana acme example\x1f\x1f"]);
    expect(preparedText(prepared.titles, prepared.details, prepared.kinds)).toEqual({ titles: prepared.titles, details: prepared.details, ends: prepared.ends, kinds: prepared.kinds });
    expect(preparedText(prepared.titles, prepared.details, `${prepared.kinds}a`)).toBeNull();
    expect(preparedText(`${prepared.titles}x`, prepared.details, prepared.kinds)).toBeNull();
    expect(preparedText(prepared.titles, "\x1f\x1f", prepared.kinds)).toBeNull();
    expect(preparedText(prepared.titles, prepared.details, "acz")).toBeNull();
  });
});
