import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SearchEntry } from "../../../shared/queries/search";
import { removeDir, tempDir } from "../test-helpers";
import { SearchIndex } from "./search-index";

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeDir(dirs.pop()!);
});

const entry = (documentId: string, kind: SearchEntry["kind"], title: string, accountName: string): SearchEntry => ({ documentId, kind, itemId: `${kind}:${title}`, title, accountName, detail: "" });

/** A data folder whose index file holds Northwind (d1) then Contoso (d2). */
async function writtenWithTwo(): Promise<string> {
  const dir = await tempDir();
  dirs.push(dir);
  const before = new SearchIndex(dir);
  before.put("d1", [entry("d1", "account", "Northwind", "Northwind")]);
  before.put("d2", [entry("d2", "account", "Contoso", "Contoso")]);
  await before.flush();
  return dir;
}

/** The same, the file's last `bytes` cut off. */
async function writtenThenCut(bytes: number): Promise<string> {
  const dir = await writtenWithTwo();
  const file = join(dir, "search-index.tsv");
  const text = await readFile(file, "utf8");
  await writeFile(file, text.slice(0, text.length - bytes));
  return dir;
}

describe("the node's search index", () => {
  it("finds items across accounts, only in the library, and keeps them on disk for the next start", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const index = new SearchIndex(dir);
    await index.load();
    index.put("d1", [entry("d1", "account", "Northwind", "Northwind"), entry("d1", "contact", "Kimberly Gilbert", "Northwind")]);
    index.put("d2", [entry("d2", "account", "Contoso", "Contoso"), entry("d2", "milestone", "Gilbert's go-live", "Contoso")]);
    // A title that starts with what was typed first, then one with a word that does.
    expect((await index.search("gilb", () => true)).map((h) => h.title)).toEqual(["Gilbert's go-live", "Kimberly Gilbert"]);
    expect((await index.search("gilb", (id) => id !== "d2")).map((h) => h.title)).toEqual(["Kimberly Gilbert"]);
    // Both words must be in one entry, not merely in one account.
    expect((await index.search("gilbert contoso", () => true)).map((h) => h.title)).toEqual(["Gilbert's go-live"]);
    await index.flush();
    const again = new SearchIndex(dir);
    await again.load();
    expect(again.has("d1") && again.has("d2")).toBe(true);
    expect((await again.search("kimberly", () => true)).map((h) => h.documentId)).toEqual(["d1"]);
  });

  it("sets a file it cannot read aside and starts empty (the node re-indexes each account)", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await writeFile(join(dir, "search-index.tsv"), "{ not an index\n");
    const index = new SearchIndex(dir);
    await index.load();
    expect(index.problem).toMatch(/unreadable .* being rebuilt/);
    expect(index.has("d1")).toBe(false);
    index.put("d1", [entry("d1", "account", "Acme", "Acme")]);
    await index.flush();
    const again = new SearchIndex(dir);
    await again.load();
    expect(again.problem).toBeNull();
    expect((await again.search("acme", () => true)).map((h) => h.title)).toEqual(["Acme"]);
  });

  it("loses only the line a crash cut short, and the next line written is whole", async () => {
    // The power went while d2's line was being written.
    const dir = await writtenThenCut(20);

    const index = new SearchIndex(dir);
    await index.load();
    expect(index.has("d1")).toBe(true);
    expect(index.has("d2")).toBe(false);
    index.put("d3", [entry("d3", "account", "Initech", "Initech")]);
    await index.flush();
    const again = new SearchIndex(dir);
    await again.load();
    expect(again.problem).toBeNull();
    expect((await again.search("initech", () => true)).map((h) => h.documentId)).toEqual(["d3"]);
    expect((await again.search("northwind", () => true)).map((h) => h.documentId)).toEqual(["d1"]);
  });

  it("does not take in a line whose entries were cut short, even once a later save ended it", async () => {
    const dir = await writtenThenCut(5);
    // A save by an index that never read the file ends the cut line with its own.
    const writer = new SearchIndex(dir);
    writer.put("d3", [entry("d3", "account", "Initech", "Initech")]);
    await writer.flush();
    const index = new SearchIndex(dir);
    await index.load();
    expect([index.has("d1"), index.has("d2"), index.has("d3")]).toEqual([true, false, true]);
  });

  it("keeps a line that does not read out of the index and says so; the others are found", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const before = new SearchIndex(dir);
    await before.load();
    before.put("d1", [entry("d1", "account", "Northwind", "Northwind")]);
    await before.flush();
    const file = join(dir, "search-index.tsv");
    // A line whose words do not match its kinds, and a line that is not JSON.
    await writeFile(file, `${await readFile(file, "utf8")}d9\th\tx\tx\x1f\t\ta\t["X",[]]\nnot json\n`);
    const index = new SearchIndex(dir);
    await index.load();
    expect(index.problem).toMatch(/2 lines .* indexed again/);
    expect(index.has("d1")).toBe(true);
    expect(index.has("d9")).toBe(false);
  });
});

describe("a search while the file is rewritten", () => {
  it("never shows another account's entry under a hit, even when the hit's line moved before it was read", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const index = new SearchIndex(dir);
    await index.load();
    // Lines of one length, so that after a rewrite another account's line sits where x's was.
    const one = (id: string, title: string) => [entry(id, "account", title, "Same")];
    const ids = Array.from({ length: 500 }, (_, i) => `a${String(i).padStart(4, "0")}`);
    index.put("x0000", one("x0000", `xword ${"a".repeat(10_000)}`));
    for (const id of ids) index.put(id, one(id, `yword ${"a".repeat(10_000)}`));
    await index.flush();
    for (const id of ids) index.put(id, one(id, `yword ${"b".repeat(10_000)}`));
    await index.flush();
    // The third round makes the dead lines outweigh the live: this save appends, then rewrites.
    for (const id of ids) index.put(id, one(id, `yword ${"c".repeat(10_000)}`));
    const saved = index.flush();
    await new Promise((r) => setImmediate(r));
    const hits = index.search("xword", () => true);
    // x changes while the search waits for the file.
    index.put("x0000", one("x0000", `xword ${"z".repeat(10_000)}`));
    await saved;
    for (const h of await hits) expect(h.title.startsWith("xword")).toBe(true);
    expect((await index.search("xword", () => true)).map((h) => h.title.slice(0, 7))).toEqual(["xword z"]);
  });
});

describe("someone typing", () => {
  it("looks only at the accounts that held the shorter query, yet misses no account that joined or changed meanwhile", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const index = new SearchIndex(dir);
    await index.load();
    index.put("d1", [entry("d1", "account", "Northwind", "Northwind"), entry("d1", "commitment", "Train admins", "Northwind")]);
    index.put("d2", [entry("d2", "account", "Contoso", "Contoso"), entry("d2", "commitment", "Train users", "Contoso")]);
    index.put("d3", [entry("d3", "account", "Initech", "Initech")]);
    const library = new Set(["d1"]);
    const titles = async (query: string) => (await index.search(query, (id) => library.has(id))).map((h) => h.title);
    expect(await titles("tra")).toEqual(["Train admins"]);
    // Contoso joins the library between two keystrokes: it held "tra", so it is found.
    library.add("d2");
    expect(await titles("trai")).toEqual(["Train users", "Train admins"]);
    // Initech changes between two keystrokes: it did not hold "trai", but now it does.
    library.add("d3");
    index.put("d3", [entry("d3", "account", "Initech", "Initech"), entry("d3", "milestone", "Training done", "Initech")]);
    expect(await titles("train")).toEqual(["Train users", "Train admins", "Training done"]);
    expect(await titles("train ad")).toEqual(["Train admins"]);
    // Not a longer query: every account is looked at again.
    expect(await titles("contoso")).toEqual(["Contoso", "Train users"]);
  });
});

describe("an index written by an earlier build", () => {
  it("is taken in, written in the new form and removed", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const legacy = { version: 1, accounts: { d1: [entry("d1", "account", "Northwind", "Northwind"), entry("d1", "contact", "Kimberly Gilbert", "Northwind")] } };
    await writeFile(join(dir, "search-index.json"), JSON.stringify(legacy));
    const index = new SearchIndex(dir);
    await index.load();
    expect((await index.search("kimberly", () => true)).map((h) => [h.documentId, h.kind, h.itemId, h.accountName])).toEqual([["d1", "contact", "contact:Kimberly Gilbert", "Northwind"]]);
    await expect(stat(join(dir, "search-index.json"))).rejects.toThrow();
    const again = new SearchIndex(dir);
    await again.load();
    expect(again.has("d1")).toBe(true);
  });
});

describe("the index's file", () => {
  it("grows by the accounts that change, and drops what they replaced once it outweighs the rest", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const file = join(dir, "search-index.tsv");
    const index = new SearchIndex(dir);
    await index.load();
    const account = (id: string, name: string) => [entry(id, "account", name, name), ...Array.from({ length: 40 }, (_, i) => entry(id, "commitment", `Commitment ${String(i)} for ${name} ${"x".repeat(60)}`, name))];
    for (let i = 0; i < 20; i++) index.put(`d${String(i)}`, account(`d${String(i)}`, `Account ${String(i)}`));
    await index.flush();
    const first = (await stat(file)).size;
    // The same entries again: nothing is written.
    index.put("d0", account("d0", "Account 0"));
    await index.flush();
    expect((await stat(file)).size).toBe(first);
    // One account renamed over and over (someone typing): a line each time, until the dead lines outweigh the live.
    let largest = first;
    for (let n = 0; n < 2000; n++) {
      index.put("d0", account("d0", `Renamed ${String(n)}`));
      await index.flush();
      largest = Math.max(largest, (await stat(file)).size);
    }
    const last = (await stat(file)).size;
    expect(largest).toBeGreaterThan(first * 2);
    expect(last).toBeLessThan(first * 2 + (4 << 20));
    const again = new SearchIndex(dir);
    await again.load();
    expect((await again.search("renamed 1999", () => true)).map((h) => h.accountName)).toContain("Renamed 1999");
    expect((await again.search("account 19", () => true)).map((h) => h.title)).toContain("Account 19");
    expect((await again.search("account 0", () => true)).some((h) => h.documentId === "d0")).toBe(false);
  });
});

describe("reading the index while the node starts", () => {
  it("keeps what was put before the file was read, and a write waits for the read, so nothing on disk is lost", async () => {
    const dir = await writtenWithTwo();
    const index = new SearchIndex(dir);
    const reading = index.load();
    // An account renamed while the file is still being read: newer than the file.
    index.put("d1", [entry("d1", "account", "Northwind Traders", "Northwind Traders")]);
    await index.flush();
    await reading;
    expect((await index.search("northwind", () => true)).map((h) => h.title)).toEqual(["Northwind Traders"]);
    expect((await index.search("contoso", () => true)).map((h) => h.documentId)).toEqual(["d2"]);
    const again = new SearchIndex(dir);
    await again.load();
    expect((await again.search("northwind", () => true)).map((h) => h.title)).toEqual(["Northwind Traders"]);
    expect(again.has("d2")).toBe(true);
  });
});

describe("an index read later", () => {
  it("is read at once when a search needs it before its time", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const before = new SearchIndex(dir);
    before.put("d2", [entry("d2", "account", "Contoso", "Contoso")]);
    await before.flush();
    const index = new SearchIndex(dir);
    const failures: Error[] = [];
    index.loadLater(60_000, (e) => failures.push(e));
    expect(index.has("d2")).toBe(false);
    await index.ready();
    expect((await index.search("contoso", () => true)).map((h) => h.documentId)).toEqual(["d2"]);
    expect(failures).toEqual([]);
  });
});

describe("saving the index", () => {
  it("keeps saving after a write failed: the next write carries everything", async () => {
    const parent = await tempDir();
    dirs.push(parent);
    // The data folder is missing at first (a drive that is not mounted yet): the write fails.
    const dir = join(parent, "data");
    const index = new SearchIndex(dir);
    index.put("d1", [entry("d1", "account", "Northwind", "Northwind")]);
    await expect(index.flush()).rejects.toThrow();
    await mkdir(dir);
    index.put("d2", [entry("d2", "account", "Contoso", "Contoso")]);
    await index.flush();
    const again = new SearchIndex(dir);
    await again.load();
    expect(again.has("d1") && again.has("d2")).toBe(true);
  });
});
