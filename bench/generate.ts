/**
 * Makes "a year of accounts": a Baton data folder with N accounts, each with about 50
 * commitments, 30 milestones and 300 timeline entries, created through Baton's own
 * commands on a real SyncNode (so storage, library and profile are in the real format).
 * The timeline of an account is its activities (calls, meetings, notes in
 * `doc.activities`) plus the attributed history of its edits; the edits are saved in
 * several rounds ("over the year"), so the folder holds what automerge-repo leaves after
 * a year: snapshots and incremental chunks, compacted by its own rule.
 *
 * Cached in bench/data/accounts-<key>/ keyed by the parameters (and this generator's
 * version); a folder without manifest.json is an interrupted run and is made again.
 *
 *   npx tsx bench/generate.ts            1,000 accounts (the full bench's data)
 *   npx tsx bench/generate.ts --quick    50 accounts (the --quick data)
 *   npx tsx bench/generate.ts --accounts 200
 *   npx tsx bench/generate.ts --accounts 10000 --distinct 250
 *
 * Past `distinct` accounts, the rest are copies: each a document of its own (its own id,
 * its own name, written by a rename change of its own), whose stored chunks are those of
 * one of the first `distinct` accounts. Making one account's year of edits costs about two
 * seconds (each of its 300 changes is an Automerge change through Baton's commands), so
 * 10,000 distinct accounts would take hours; copies take milliseconds. What the bench
 * measures per account (loading, syncing, summarising) costs the same for a copy: nothing
 * is shared between two documents in memory or on disk.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as A from "@automerge/automerge";
import { generateAutomergeUrl, parseAutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import type { AccountDoc, Profile } from "../shared";
import { changeMessage, renameAccount } from "../shared";
import { CrashSafeStorage } from "../src/node/storage/crash-safe-storage";
import { SCHEMA_VERSION } from "../shared/account/schema";
import * as summaryModule from "../shared/queries/summary";
import { summarize, type AccountSummary } from "../shared/queries/summary";
import { Library } from "../src/node/library/library";
import { SearchIndex } from "../src/node/library/search-index";
import { searchEntriesOf } from "../shared/queries/search";
import { SyncNode } from "../src/node/sync-node";
import { api } from "../src/node/test-helpers";
import { activityEdit, changeEdit, dayInYear, messageFor, newCommitmentEdit, newMilestoneEdit, pick, rng, type PlannedEdit } from "./lib/edits";
import { ROOT, sleep } from "./lib/ipc";

/** Bump when the generator's output changes, so old caches are not reused. */
const GENERATOR_VERSION = 4;

export interface GenParams {
  accounts: number;
  commitments: number;
  milestones: number;
  /** Entries in `doc.activities`. */
  activities: number;
  /** Later edits of commitments and milestones (status, due date, text). */
  edits: number;
  /** Save rounds over the year (each ends with a flush to disk). */
  rounds: number;
  seed: number;
  /** Accounts made with a year of edits of their own; the rest are copies of them (0: all). */
  distinct?: number;
}

/**
 * Timeline entries per account = 1 (created) + commitments + milestones + edits + activities = 301.
 * 250 distinct accounts, the rest copies (see the module's comment): a new schema or summary
 * format means making the data again, and 1,000 distinct years took half an hour.
 */
export const FULL: GenParams = { accounts: 1000, commitments: 50, milestones: 30, activities: 150, edits: 70, rounds: 6, seed: 1, distinct: 250 };
/** The quick run's 50: 10 made with their year of edits, 40 copies (making all 50 took 38 s of a fresh clone's first quick run). */
export const QUICK: GenParams = { ...FULL, accounts: 50, distinct: 10 };

/** The data sets of the growth table (docs/PERFORMANCE.md): 100, 1,000 and 10,000 accounts. */
export const GROWTH: GenParams[] = [
  { ...FULL, accounts: 100 },
  FULL,
  { ...FULL, accounts: 10_000 },
];

function distinctOf(p: GenParams): number {
  return p.distinct && p.distinct < p.accounts ? p.distinct : p.accounts;
}

export interface Dataset {
  /** The cache folder. */
  dir: string;
  /** The Baton data folder inside it (what `--data` takes). Never modify: copy it first. */
  dataDir: string;
  manifest: Manifest;
}

export interface Manifest {
  key: string;
  params: GenParams;
  generatorVersion: number;
  profile: Profile;
  accounts: Array<{ documentId: string; name: string; commitments: number; milestones: number }>;
  /** Summaries the node had not kept current and the generator wrote (0 when the node did). */
  summariesRefreshed: number;
  generatedIn: string;
  seconds: number;
}

/**
 * The versions of the formats the data is written in: a new account schema or library
 * summary format makes a new data set (the app would migrate the old one at start, which
 * is not what the bench measures).
 */
function formatVersions(): string {
  const summaryVersion = (summaryModule as Record<string, unknown>).SUMMARY_VERSION;
  return `v${String(GENERATOR_VERSION)}-d${String(SCHEMA_VERSION)}-l${typeof summaryVersion === "number" ? String(summaryVersion) : "1"}`;
}

export function keyOf(p: GenParams): string {
  const copies = distinctOf(p) < p.accounts ? `-d${String(distinctOf(p))}` : "";
  return `${formatVersions()}-a${String(p.accounts)}-c${String(p.commitments)}-m${String(p.milestones)}-t${String(p.activities)}-e${String(p.edits)}-r${String(p.rounds)}-s${String(p.seed)}${copies}`;
}

const NAMES_A = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay", "Oscorp", "Gringotts", "Monarch", "Nakatomi"];
const NAMES_B = ["Logistics", "Foods", "Clinics", "Engineering", "Retail", "Energy", "Software", "Textiles", "Labs", "Freight", "Hotels", "Builders"];

/** The cached data set for these parameters, generated first if need be. */
export async function ensureData(params: GenParams, log: (line: string) => void = console.error): Promise<Dataset> {
  const key = keyOf(params);
  const dir = join(ROOT, "bench/data", `accounts-${key}`);
  const manifestFile = join(dir, "manifest.json");
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as Manifest;
    return { dir, dataDir: join(dir, "data"), manifest };
  }
  const distinct = distinctOf(params);
  let manifest: Omit<Manifest, "key">;
  if (distinct < params.accounts) {
    // The distinct accounts are a data set of their own (cached, perhaps already made).
    const base = await ensureData({ ...params, accounts: distinct, distinct: undefined }, log);
    log(`  copying ${String(params.accounts - distinct)} more accounts into ${dir} (once; cached by parameters)…`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await cp(base.dataDir, join(dir, "data"), { recursive: true });
    manifest = await addCopies(params, base.manifest, join(dir, "data"), log);
  } else {
    log(`  generating ${String(params.accounts)} accounts into ${dir} (once; cached by parameters)…`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    manifest = await generate(params, join(dir, "data"), log);
  }
  await writeFile(manifestFile, `${JSON.stringify({ ...manifest, key }, null, 2)}\n`);
  return { dir, dataDir: join(dir, "data"), manifest: { ...manifest, key } };
}

/** The edits of one account over a year, in time order. */
function yearOf(p: GenParams, r: () => number, by: Profile): PlannedEdit[] {
  type Timed = { day: number; make: () => PlannedEdit };
  const commitmentIds: string[] = [];
  const milestoneIds: string[] = [];
  const adds: Timed[] = [];
  for (let i = 0; i < p.commitments; i++) {
    const id = `c-${String(i)}`;
    const day = r() * 150;
    adds.push({ day, make: () => (commitmentIds.push(id), newCommitmentEdit(r, by, dayInYear(day, r), id)) });
  }
  for (let i = 0; i < p.milestones; i++) {
    const id = `m-${String(i)}`;
    const day = 30 + r() * 150;
    adds.push({
      day,
      make: () => {
        milestoneIds.push(id);
        const links = commitmentIds.length ? [pick(r, commitmentIds), pick(r, commitmentIds)] : [];
        return newMilestoneEdit(r, by, dayInYear(day, r), id, [...new Set(links)]);
      },
    });
  }
  const later: Timed[] = [];
  for (let i = 0; i < p.edits; i++) later.push({ day: 180 + r() * 185, make: () => changeEdit(r, commitmentIds, milestoneIds) });
  for (let i = 0; i < p.activities; i++) {
    const id = `a-${String(i)}`;
    const day = r() * 365;
    later.push({ day, make: () => activityEdit(r, by, dayInYear(day, r), id) });
  }
  // Adds first (in their own order), then the rest of the year; edits need their items.
  return [...adds.sort((a, b) => a.day - b.day), ...later.sort((a, b) => a.day - b.day)].map((t) => t.make());
}

type Made = Manifest["accounts"][number] & { summary: AccountSummary };

async function generateAccount(node: SyncNode, p: GenParams, index: number, profile: Profile): Promise<Made> {
  const r = rng(p.seed * 100_003 + index);
  const name = `${pick(r, NAMES_A)} ${pick(r, NAMES_B)} ${String(index + 1).padStart(4, "0")}`;
  const made = await api<{ documentId: string }>(node.endpoint(), "POST", "/api/accounts", { name });
  if (made.status !== 200) throw new Error(`could not create an account: ${JSON.stringify(made.body)}`);
  const id = made.body.documentId as DocumentId;
  const handle = await node.repo.find<AccountDoc>(id);
  const edits = yearOf(p, r, profile);
  const perRound = Math.ceil(edits.length / p.rounds);
  // Each edit is its own attributed change made by a Baton command, as in the app. They are
  // made on a copy with plain Automerge (automerge-repo's per-change diffing would make the
  // year take an hour) and handed to the node once per round, which saves them itself.
  let local = A.load<AccountDoc>(A.save(handle.doc()));
  for (let i = 0; i < edits.length; i += perRound) {
    for (const edit of edits.slice(i, i + perRound)) local = A.change(local, { message: messageFor(profile, edit.what) }, (d) => edit.apply(d));
    const changes = A.getChanges(handle.doc(), local);
    handle.update((d) => A.applyChanges(d, changes)[0]);
    await node.repo.flush([id]);
  }
  const doc = handle.doc();
  return { documentId: id, name, commitments: Object.keys(doc.commitments).length, milestones: Object.keys(doc.milestones).length, summary: summarize(id, doc) };
}

/**
 * Make sure library.json holds each account's current summary, written by the node's own
 * Library class. The node is meant to keep summaries current itself; when it did not
 * (see `summariesRefreshed` in the manifest), the list would show stale rows.
 */
async function refreshLibrary(dataDir: string, made: Made[]): Promise<number> {
  const library = new Library(dataDir);
  await library.load();
  let refreshed = 0;
  for (const m of made) {
    const had = library.get(m.documentId);
    if (had?.commitments !== m.summary.commitments || had.milestones !== m.summary.milestones) refreshed += 1;
    library.upsert(m.summary);
  }
  await library.flush();
  return refreshed;
}

async function generate(p: GenParams, dataDir: string, log: (line: string) => void): Promise<Omit<Manifest, "key">> {
  const t0 = Date.now();
  let node = await SyncNode.start({ dataDir, port: 0, meetingBind: "127.0.0.1", warmEngineAfterMs: null });
  try {
    const set = await api<Profile>(node.endpoint(), "PUT", "/api/profile", { name: "Ana Rep", role: "rep" });
    if (set.status !== 200) throw new Error(`could not set the profile: ${JSON.stringify(set.body)}`);
    const profile = set.body;
    const made: Made[] = [];
    // One account at a time: automerge-repo skips compaction of every document while any
    // one is compacting, so parallel saves would leave an unrealistic pile of chunks.
    const parallel = 1;
    for (let i = 0; i < p.accounts; i += parallel) {
      const batch = await Promise.all(Array.from({ length: Math.min(parallel, p.accounts - i) }, (_, k) => generateAccount(node, p, i + k, profile)));
      made.push(...batch);
      if (made.length % 100 === 0 && made.length < p.accounts) {
        // A fresh node every 100 accounts keeps memory bounded. (Never repo.removeFromCache:
        // in automerge-repo 2.5.6 unloading a handle saves an empty document over it.)
        await node.stop();
        node = await SyncNode.start({ dataDir, port: 0, meetingBind: "127.0.0.1", warmEngineAfterMs: null });
        log(`    ${String(made.length)}/${String(p.accounts)} accounts (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
    await sleep(300); // the node's own summary timers (150 ms), if it runs them
    await node.stop();
    const summariesRefreshed = await refreshLibrary(dataDir, made);
    if (summariesRefreshed) log(`  note: the node left ${String(summariesRefreshed)} of ${String(made.length)} summaries stale; library.json refreshed with its Library class`);
    const seconds = Math.round((Date.now() - t0) / 1000);
    log(`  generated ${String(made.length)} accounts in ${String(seconds)} s`);
    const accounts = made.map(({ summary: _summary, ...rest }) => rest);
    return { params: p, generatorVersion: GENERATOR_VERSION, profile, accounts, summariesRefreshed, generatedIn: `${process.version} on ${String(process.platform)}`, seconds };
  } finally {
    await node.stop();
  }
}

/**
 * Add `p.accounts - base.accounts.length` copies to a data folder that holds the base set:
 * each copy gets a new document id, the chunks of its source under that id, and a rename
 * change of its own (an incremental chunk, as automerge-repo writes one), and its summary
 * in the library.
 */
async function addCopies(p: GenParams, base: Manifest, dataDir: string, log: (line: string) => void): Promise<Omit<Manifest, "key">> {
  const t0 = Date.now();
  const storage = new CrashSafeStorage(join(dataDir, "accounts"));
  const library = new Library(dataDir);
  await library.load();
  // The search index too: a copy missing from it is opened and indexed at the node's first start.
  const index = new SearchIndex(dataDir);
  await index.load();
  const sources = base.accounts;
  const accounts = [...sources];
  const extra = p.accounts - sources.length;
  // The library and the index are written once, after the copies: put in one by one, each
  // save timer rewrote the whole of both files (15 MB and 100 MB at 10,000 accounts).
  const made: { summary: ReturnType<typeof summarize>; entries: ReturnType<typeof searchEntriesOf> }[] = [];
  for (let s = 0; s < sources.length; s++) {
    const source = sources[s]!;
    const chunks = await storage.loadRange([source.documentId]);
    const stored = chunks.filter((c) => c.data && (c.key[1] === "snapshot" || c.key[1] === "incremental"));
    // Snapshots first, as automerge-repo loads them.
    stored.sort((a, b) => (a.key[1] === b.key[1] ? 0 : a.key[1] === "snapshot" ? -1 : 1));
    let doc = A.init<AccountDoc>();
    for (const c of stored) doc = A.loadIncremental(doc, c.data!);
    for (let k = s + sources.length; k - sources.length < extra; k += sources.length) {
      const documentId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
      const r = rng(p.seed * 100_003 + k);
      const name = `${pick(r, NAMES_A)} ${pick(r, NAMES_B)} ${String(k + 1).padStart(5, "0")}`;
      const renamed = A.change(A.clone(doc), { message: changeMessage(base.profile, "Renamed the account"), time: Math.floor(Date.UTC(2026, 0, 2) / 1000) }, (d) => renameAccount(d, { name }));
      const change = A.getLastLocalChange(renamed)!;
      // Each write is crash-safe (fsync, rename): written side by side, not one after another.
      await Promise.all([
        ...stored.map((c) => storage.save([documentId, c.key[1]!, c.key[2]!], c.data!)),
        storage.save([documentId, "incremental", createHash("sha256").update(change).digest("hex")], change),
      ]);
      made.push({ summary: summarize(documentId, renamed), entries: searchEntriesOf(documentId, renamed) });
      accounts.push({ documentId, name, commitments: source.commitments, milestones: source.milestones });
      // Freed at once rather than left to the garbage collector: 10,000 of them grow Automerge's heap.
      A.free(renamed);
    }
    A.free(doc);
    if ((s + 1) % 100 === 0) log(`    copies of ${String(s + 1)}/${String(sources.length)} sources (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  for (const { summary, entries } of made) {
    library.upsert(summary);
    index.put(summary.documentId, entries);
  }
  await library.flush();
  await index.flush();
  const seconds = Math.round((Date.now() - t0) / 1000) + base.seconds;
  log(`  ${String(extra)} copies made in ${String(Math.round((Date.now() - t0) / 1000))} s`);
  return { params: p, generatorVersion: GENERATOR_VERSION, profile: base.profile, accounts, summariesRefreshed: base.summariesRefreshed, generatedIn: `${process.version} on ${String(process.platform)}`, seconds };
}

async function cli(): Promise<void> {
  const argv = process.argv.slice(2);
  let params = argv.includes("--quick") ? QUICK : FULL;
  const n = argv.indexOf("--accounts");
  if (n >= 0) {
    const accounts = Number(argv[n + 1]);
    if (!Number.isSafeInteger(accounts) || accounts < 1) {
      console.error("generate: --accounts needs a positive whole number");
      process.exit(2);
    }
    params = { ...params, accounts };
  }
  const d = argv.indexOf("--distinct");
  if (d >= 0) {
    const distinct = Number(argv[d + 1]);
    if (!Number.isSafeInteger(distinct) || distinct < 1) {
      console.error("generate: --distinct needs a positive whole number");
      process.exit(2);
    }
    params = { ...params, distinct };
  }
  const data = await ensureData(params);
  console.log(data.dataDir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await cli();
