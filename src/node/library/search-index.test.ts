import { mkdir, readFile, writeFile } from "node:fs/promises";
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

describe("the node's search index", () => {
  it("finds items across accounts, only in the library, and keeps them on disk for the next start", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const index = new SearchIndex(dir);
    await index.load();
    index.put("d1", [entry("d1", "account", "Northwind", "Northwind"), entry("d1", "contact", "Kimberly Gilbert", "Northwind")]);
    index.put("d2", [entry("d2", "account", "Contoso", "Contoso"), entry("d2", "milestone", "Gilbert's go-live", "Contoso")]);
    // A title that starts with what was typed first, then one with a word that does.
    expect(index.search("gilb", () => true).map((h) => h.title)).toEqual(["Gilbert's go-live", "Kimberly Gilbert"]);
    expect(index.search("gilb", (id) => id !== "d2").map((h) => h.title)).toEqual(["Kimberly Gilbert"]);
    // Both words must be in one entry, not merely in one account.
    expect(index.search("gilbert contoso", () => true).map((h) => h.title)).toEqual(["Gilbert's go-live"]);
    await index.flush();
    const again = new SearchIndex(dir);
    await again.load();
    expect(again.has("d1") && again.has("d2")).toBe(true);
    expect(again.search("kimberly", () => true).map((h) => h.documentId)).toEqual(["d1"]);
  });

  it("sets a damaged file aside and starts empty (the node re-indexes each account)", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await writeFile(join(dir, "search-index.json"), "{ not json");
    const index = new SearchIndex(dir);
    await index.load();
    expect(index.problem).toMatch(/unreadable .* being rebuilt/);
    expect(index.has("d1")).toBe(false);
    index.put("d1", [entry("d1", "account", "Acme", "Acme")]);
    await index.flush();
    expect(JSON.parse(await readFile(join(dir, "search-index.json"), "utf8"))).toMatchObject({ version: 1, accounts: { d1: [{ title: "Acme" }] } });
  });
});

describe("reading the index while the node starts", () => {
  it("keeps what was put before the file was read, and a write waits for the read, so nothing on disk is lost", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const before = new SearchIndex(dir);
    before.put("d1", [entry("d1", "account", "Northwind", "Northwind")]);
    before.put("d2", [entry("d2", "account", "Contoso", "Contoso")]);
    await before.flush();

    const index = new SearchIndex(dir);
    const reading = index.load();
    // An account renamed while the file is still being read: newer than the file.
    index.put("d1", [entry("d1", "account", "Northwind Traders", "Northwind Traders")]);
    await index.flush();
    await reading;
    expect(index.search("northwind", () => true).map((h) => h.title)).toEqual(["Northwind Traders"]);
    expect(index.search("contoso", () => true).map((h) => h.documentId)).toEqual(["d2"]);
    const written = JSON.parse(await readFile(join(dir, "search-index.json"), "utf8")) as { accounts: Record<string, SearchEntry[]> };
    expect(Object.keys(written.accounts).sort()).toEqual(["d1", "d2"]);
    expect(written.accounts.d1![0]!.title).toBe("Northwind Traders");
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
    expect(index.search("contoso", () => true).map((h) => h.documentId)).toEqual(["d2"]);
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
