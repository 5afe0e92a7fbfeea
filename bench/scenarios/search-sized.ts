/**
 * Scenario 14 — search at the data set's size. The node's `SearchIndex` reads the data
 * set's own search-index.tsv (a copy of that one file: reading it may tidy it), as the
 * node does after start, then answers every prefix of typed queries taken from the data
 * set: an account's name, a contact's name (or a milestone's title), two words of a
 * commitment, a date, and a word nothing holds. Value: p90 of the keystrokes. Baseline, same run: the naive scan of
 * the same entries, folding each entry's words at every keystroke.
 *
 * What it does not measure: the loopback HTTP hop and the dialog drawing its 20 results.
 */
import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { queryWords, type SearchEntry, type SearchKind } from "../../shared";
import { SearchIndex } from "../../src/node/library/search-index";
import type { Dataset } from "../generate";
import { naiveSearch } from "../lib/naive-search";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { distribution, round } from "../lib/stats";

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const dist = (samples: number[]) => {
  const d = distribution(samples);
  return { n: d.n, min: round(d.min), p50: round(d.p50), p90: round(d.p90), p99: round(d.p99), max: round(d.max) };
};
const KINDS: Record<string, SearchKind> = { a: "account", c: "contact", t: "commitment", m: "milestone" };

/** Every entry of the file, as the naive scan reads them (the bench's own reading of the format: six fields, then the entries' JSON). */
function entriesOf(text: string): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const line of text.split("\n").slice(1)) {
    const fields = line.split("\t");
    if (fields.length !== 7) continue;
    const documentId = fields[0]!;
    const [accountName, entries] = JSON.parse(fields[6]!) as [string, [string, string, string, string][]];
    for (const [k, itemId, title, detail] of entries) out.push({ documentId, kind: KINDS[k]!, itemId, title, accountName, detail });
  }
  return out;
}

export async function searchAtSize(cfg: BenchConfig, data: () => Promise<Dataset>): Promise<ScenarioResult[]> {
  const ds = await data();
  const n = ds.manifest.accounts.length;
  const dir = await mkdtemp(join(tmpdir(), "baton-bench-search-"));
  try {
    await copyFile(join(ds.dataDir, "search-index.tsv"), join(dir, "search-index.tsv"));
    const bytes = (await stat(join(dir, "search-index.tsv"))).size;
    const index = new SearchIndex(dir);
    const t0 = process.hrtime.bigint();
    await index.load();
    const loadMs = ms(t0);
    const all = entriesOf(await readFile(join(dir, "search-index.tsv"), "utf8"));
    // Queries from the data itself, so each size is asked about what it holds.
    const middle = all[Math.floor(all.length / 2)]!;
    // A contact's name; the generated sets hold no contacts, so then a milestone's first words.
    const contact = all.find((e) => e.kind === "contact")?.title ?? queryWords(all.find((e) => e.kind === "milestone")?.title ?? "go live").slice(0, 2).join(" ");
    const commitment = queryWords(all.find((e) => e.kind === "commitment")?.title ?? "train admins").slice(0, 2).join(" ");
    const typed = [middle.accountName, contact, commitment, "2025-06", "zzzz"].map((q) => q.toLowerCase());
    const keystrokes = typed.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1))).filter((q) => queryWords(q).length > 0);
    cfg.log(`  search index of ${String(all.length)} entries (${String(round(bytes / 1e6, 1))} MB) read in ${String(round(loadMs, 0))} ms; typing ${typed.map((q) => `"${q}"`).join(", ")}`);

    const rounds = cfg.quick ? 1 : 3;
    const baton: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of keystrokes) {
        const t = process.hrtime.bigint();
        await index.search(q, () => true);
        baton.push(ms(t));
      }
    }
    const naive: number[] = [];
    for (const q of keystrokes) {
      const t = process.hrtime.bigint();
      naiveSearch(all, q);
      naive.push(ms(t));
    }
    const b = dist(baton);
    const base = dist(naive);
    cfg.log(`  search keystroke: p50 ${String(b.p50)} ms, p90 ${String(b.p90)} ms (naive scan p50 ${String(base.p50)} ms), ${String(n)} accounts`);
    return [
      row({
        name: `14. Search keystroke, ${String(n)} accounts of the data set (p90)`,
        value: b.p90,
        unit: "ms",
        goal: "≤ 30 ms",
        baseline: base.p90,
        pass: b.p90 <= 30,
        baselineIs: "scan folding every entry's words at each keystroke",
        distribution: b,
        baselineDistribution: base,
        details: { accounts: n, entries: all.length, indexFileMB: round(bytes / 1e6, 1), indexReadMs: round(loadMs, 0), keystrokes: baton.length },
      }),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
