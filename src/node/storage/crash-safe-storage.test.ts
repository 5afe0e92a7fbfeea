import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo, type AutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEMP_PREFIX } from "./atomic-file";
import { CrashSafeStorage, type DamagedChunk } from "./crash-safe-storage";
import { keyFilePath, keyFolderPath } from "./key-path";

interface NoteDoc {
  title: string;
  body: string;
  items: number[];
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "baton-storage-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const DOC = "4NMNnkMhL8jXrdJ9jamS58PAVdXu";
const OTHER = "3idjVLseYkGyhRJCWA1uh9pdEPDQ";

/** Every file under `folder`, recursively, as absolute paths. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function docFolder(documentId: string): string {
  return keyFolderPath(join(dir, "chunks"), [documentId]);
}

describe("CrashSafeStorage key/value behaviour", () => {
  it("round-trips save, load, loadRange, remove and removeRange with repo-shaped keys", async () => {
    const storage = new CrashSafeStorage(dir);
    await storage.save(["storage-adapter-id"], bytes("id-1"));
    await storage.save([DOC, "snapshot", "s1"], bytes("snap"));
    await storage.save([DOC, "incremental", "i1"], bytes("inc 1"));
    await storage.save([DOC, "incremental", "i2"], bytes("inc 2"));
    await storage.save([DOC, "sync-state", "peer/ß"], bytes("sync"));
    await storage.save([OTHER, "incremental", "i1"], bytes("other"));

    expect(await storage.load(["storage-adapter-id"])).toEqual(bytes("id-1"));
    expect(await storage.load([DOC, "snapshot", "s1"])).toEqual(bytes("snap"));
    expect(await storage.load([DOC, "snapshot", "nope"])).toBeUndefined();
    expect(await storage.loadRange([DOC, "incremental"])).toEqual([
      { key: [DOC, "incremental", "i1"], data: bytes("inc 1") },
      { key: [DOC, "incremental", "i2"], data: bytes("inc 2") },
    ]);
    expect((await storage.loadRange([DOC])).map((chunk) => chunk.key)).toHaveLength(4);
    expect(await storage.loadRange([DOC, "sync-state"])).toEqual([
      { key: [DOC, "sync-state", "peer/ß"], data: bytes("sync") },
    ]);
    expect(await storage.loadRange(["storage-adapter-id"])).toEqual([
      { key: ["storage-adapter-id"], data: bytes("id-1") },
    ]);
    expect(await storage.loadRange([])).toHaveLength(6);
    expect(await storage.loadRange(["missing"])).toEqual([]);

    await storage.remove([DOC, "incremental", "i1"]);
    await storage.remove([DOC, "incremental", "never-saved"]);
    expect(await storage.load([DOC, "incremental", "i1"])).toBeUndefined();
    await storage.removeRange([DOC]);
    expect(await storage.loadRange([DOC])).toEqual([]);
    expect(await storage.loadRange([OTHER])).toHaveLength(1);
    expect(storage.damagedDocuments().size).toBe(0);
  });

  it("handles concurrent saves of different keys and keeps call order for one key", async () => {
    const storage = new CrashSafeStorage(dir);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => storage.save([`doc${i % 7}`, "incremental", `c${i}`], bytes(`chunk ${i}`))),
    );
    const all = await storage.loadRange([]);
    expect(all).toHaveLength(200);

    const writes = Array.from({ length: 20 }, (_, i) => storage.save(["k"], bytes(`v${i}`)));
    const last = storage.load(["k"]);
    await Promise.all(writes);
    expect(await last).toEqual(bytes("v19"));
    expect((await filesUnder(dir)).filter((path) => path.includes(TEMP_PREFIX))).toEqual([]);
  });

  it("ignores leftover temp files and cleans up the stale ones", async () => {
    const storage = new CrashSafeStorage(dir);
    await storage.save([DOC, "incremental", "i1"], bytes("ok"));
    await storage.save(["storage-adapter-id"], bytes("id"));
    const incrementals = join(docFolder(DOC), "incremental");
    const stale = join(incrementals, `${TEMP_PREFIX}crashed`);
    const fresh = join(incrementals, `${TEMP_PREFIX}young`);
    const staleElsewhere = join(keyFilePath(join(dir, "chunks"), ["storage-adapter-id"]), "..", `${TEMP_PREFIX}x`);
    for (const path of [stale, fresh, staleElsewhere]) await writeFile(path, "half a chunk");
    const old = new Date(Date.now() - 3_600_000);
    await utimes(stale, old, old);
    await utimes(staleElsewhere, old, old);

    expect(await storage.loadRange([DOC, "incremental"])).toEqual([{ key: [DOC, "incremental", "i1"], data: bytes("ok") }]);
    expect((await readdir(incrementals)).sort()).toEqual([`${TEMP_PREFIX}young`, "i1.chunk"]);
    expect(await storage.sweepTempFiles()).toBe(1);
    expect(storage.damagedDocuments().size).toBe(0);
  });
});

describe("CrashSafeStorage with a real Repo", () => {
  it("a second Repo on the same folder loads the document with identical heads", async () => {
    const first = new Repo({ storage: new CrashSafeStorage(dir) });
    const handle = first.create<NoteDoc>({ title: "Order 17", body: "", items: [] });
    for (let i = 0; i < 5; i += 1) {
      handle.change((doc) => {
        doc.items.push(i);
        doc.body += `line ${i}\n`;
      });
      await first.flush();
    }
    const heads = handle.heads();
    const content = handle.doc();
    await first.shutdown();

    const second = new Repo({ storage: new CrashSafeStorage(dir) });
    const loaded = await second.find<NoteDoc>(handle.url);
    expect(loaded.heads()).toEqual(heads);
    expect(loaded.doc()).toEqual(content);
    await second.shutdown();
  });
});

describe("CrashSafeStorage with damaged chunks", () => {
  interface Seeded {
    damagedId: DocumentId;
    healthy: { url: AutomergeUrl; heads: string[]; doc: NoteDoc };
    damagedUrl: AutomergeUrl;
  }

  /** Two documents, each with a snapshot and a few incremental chunks. */
  async function seedTwoDocuments(): Promise<Seeded> {
    const repo = new Repo({ storage: new CrashSafeStorage(dir) });
    const make = async (title: string) => {
      // Random text keeps the snapshot above 1 KiB, so later saves are incremental.
      const handle = repo.create<NoteDoc>({ title, body: randomBytes(2048).toString("hex"), items: [] });
      await repo.flush();
      for (let i = 0; i < 3; i += 1) {
        handle.change((doc) => doc.items.push(i));
        await repo.flush();
      }
      return handle;
    };
    const damaged = await make("will be damaged");
    const healthy = await make("stays healthy");
    const result: Seeded = {
      damagedId: damaged.documentId,
      damagedUrl: damaged.url,
      healthy: { url: healthy.url, heads: healthy.heads(), doc: healthy.doc() },
    };
    await repo.shutdown();
    const kinds = (await filesUnder(docFolder(damaged.documentId))).map((path) => path.split(/[\\/]/).at(-2));
    expect(kinds.filter((kind) => kind === "snapshot")).toHaveLength(1);
    expect(kinds.filter((kind) => kind === "incremental").length).toBeGreaterThanOrEqual(2);
    return result;
  }

  async function chunkOf(documentId: string, kind: "snapshot" | "incremental"): Promise<string> {
    const [path] = await filesUnder(join(docFolder(documentId), kind));
    if (path === undefined) throw new Error(`no ${kind} chunk`);
    return path;
  }

  const damages: Record<string, (path: string) => Promise<void>> = {
    "a flipped byte": async (path) => {
      const data = await readFile(path);
      const at = data.length - 10;
      data[at] = (data[at] ?? 0) ^ 0x20;
      await writeFile(path, data);
    },
    "a truncated chunk": async (path) => truncate(path, Math.floor((await readFile(path)).length / 2)),
    "an empty chunk": async (path) => truncate(path, 0),
    "garbage": async (path) => writeFile(path, randomBytes(700)),
  };

  for (const [name, damage] of Object.entries(damages)) {
    for (const kind of ["snapshot", "incremental"] as const) {
      it(`isolates ${name} in a ${kind}: reported by id, quarantined, the other document intact`, async () => {
        const seeded = await seedTwoDocuments();
        const victim = await chunkOf(seeded.damagedId, kind);
        await damage(victim);
        const damagedBytes = await readFile(victim);

        const reports: DamagedChunk[] = [];
        const storage = new CrashSafeStorage(dir, { onDamaged: (report) => reports.push(report) });
        const repo = new Repo({ storage });

        const healthy = await repo.find<NoteDoc>(seeded.healthy.url);
        expect(healthy.heads()).toEqual(seeded.healthy.heads);
        expect(healthy.doc()).toEqual(seeded.healthy.doc);

        // The Repo decides what a partial document is; the storage must only never throw.
        await repo.find<NoteDoc>(seeded.damagedUrl).catch((error: unknown) => error);
        expect(reports).toHaveLength(1);
        const [report] = reports;
        expect(report).toMatchObject({ documentId: seeded.damagedId, path: victim });
        expect(report?.key.slice(0, 2)).toEqual([seeded.damagedId, kind]);
        expect(report?.reason).toMatch(/truncated|magic|checksum|unexpected bytes/);
        expect(storage.damagedDocuments()).toEqual(new Map([[seeded.damagedId, report?.reason]]));

        // The damaged bytes are kept, byte for byte, with a note on where they came from.
        expect(report?.quarantinedPath).toBeDefined();
        expect(await readFile(report?.quarantinedPath ?? "")).toEqual(damagedBytes);
        const note = JSON.parse(await readFile(`${report?.quarantinedPath}.json`, "utf8")) as { originalPath: string };
        expect(note.originalPath).toBe(victim);
        expect(await filesUnder(docFolder(seeded.damagedId))).not.toContain(victim);
        await repo.shutdown();
      });
    }
  }

  it("keeps the bytes of a damaged document's chunks when the repo removes them", async () => {
    const seeded = await seedTwoDocuments();
    await damages["garbage"]?.(await chunkOf(seeded.damagedId, "snapshot"));
    const storage = new CrashSafeStorage(dir);
    expect(await storage.loadRange([seeded.damagedId, "snapshot"])).toEqual([]);
    const incrementals = await storage.loadRange([seeded.damagedId, "incremental"]);
    expect(incrementals.length).toBeGreaterThanOrEqual(2);

    await storage.removeRange([seeded.damagedId, "incremental"]);
    expect(await filesUnder(docFolder(seeded.damagedId))).toEqual([]);
    const quarantined = (await filesUnder(join(dir, "quarantine"))).filter((path) => path.endsWith(".chunk"));
    expect(quarantined).toHaveLength(1 + incrementals.length);
  });

  it("rejects a valid chunk that sits under another key's name", async () => {
    const storage = new CrashSafeStorage(dir);
    await storage.save([DOC, "incremental", "i1"], bytes("mine"));
    await storage.save([OTHER, "incremental", "i1"], bytes("someone else's"));
    const mine = keyFilePath(join(dir, "chunks"), [DOC, "incremental", "i1"]);
    await writeFile(mine, await readFile(keyFilePath(join(dir, "chunks"), [OTHER, "incremental", "i1"])));

    expect(await storage.load([DOC, "incremental", "i1"])).toBeUndefined();
    expect(storage.damagedDocuments().get(DOC)).toMatch(/another key/);
    expect(await storage.load([OTHER, "incremental", "i1"])).toEqual(bytes("someone else's"));
  });

  it("reports a damaged sync state without marking the document damaged", async () => {
    const reports: DamagedChunk[] = [];
    const storage = new CrashSafeStorage(dir, { onDamaged: (report) => reports.push(report) });
    await storage.save([DOC, "sync-state", "peer"], bytes("state"));
    await truncate(keyFilePath(join(dir, "chunks"), [DOC, "sync-state", "peer"]), 5);
    expect(await storage.load([DOC, "sync-state", "peer"])).toBeUndefined();
    expect(reports).toMatchObject([{ documentId: DOC, key: [DOC, "sync-state", "peer"] }]);
    expect(storage.damagedDocuments().size).toBe(0);
  });

  it("survives an onDamaged handler that throws", async () => {
    const storage = new CrashSafeStorage(dir, {
      onDamaged: () => {
        throw new Error("handler bug");
      },
    });
    await storage.save([DOC, "incremental", "i1"], bytes("x"));
    await storage.save([DOC, "incremental", "i2"], bytes("y"));
    await writeFile(keyFilePath(join(dir, "chunks"), [DOC, "incremental", "i1"]), "garbage");
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(await storage.loadRange([DOC, "incremental"])).toEqual([{ key: [DOC, "incremental", "i2"], data: bytes("y") }]);
    } finally {
      console.error = original;
    }
    expect(storage.damagedDocuments().has(DOC)).toBe(true);
  });
});
