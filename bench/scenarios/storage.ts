/**
 * Scenario 6 — storage. Bytes on disk per account: as the node left them after a year of
 * saves (automerge-repo's snapshot + incremental chunks in Baton's framed, checksummed
 * files), and after compaction (one snapshot chunk: `Automerge.save` in Baton's frame,
 * byte for byte the file the node writes when it compacts). Baseline: the same content
 * (the document's current state) as JSON. No goal: this row informs.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import type { Dataset } from "../generate";
import { encodeFrame } from "../../src/node/storage/chunk-frame";
import { CrashSafeStorage } from "../../src/node/storage/crash-safe-storage";
import { keyFolderPath } from "../../src/node/storage/key-path";
import { type BenchConfig, row, type ScenarioResult } from "../lib/result";
import { round } from "../lib/stats";

async function filesUnder(dir: string): Promise<Array<{ size: number; blocks: number }>> {
  const out: Array<{ size: number; blocks: number }> = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) {
      const s = await stat(p);
      out.push({ size: s.size, blocks: s.blocks * 512 });
    }
  }
  return out;
}

export async function storage(cfg: BenchConfig, data: () => Promise<Dataset>): Promise<ScenarioResult[]> {
  const ds = await data();
  const chunks = join(ds.dataDir, "accounts", "chunks");
  const store = new CrashSafeStorage(join(ds.dataDir, "accounts"));
  const all = ds.manifest.accounts;
  // Loading is the slow part: an even sample (20 with --quick, 100 otherwise).
  const wanted = Math.min(all.length, cfg.quick ? 20 : 100);
  const sample = Array.from({ length: wanted }, (_, i) => all[Math.floor((i * all.length) / wanted)]!);
  cfg.log(`  ${String(sample.length)} of ${String(all.length)} accounts: stored, compacted, JSON…`);
  let stored = 0;
  let storedBlocks = 0;
  let compacted = 0;
  let json = 0;
  let chunkFiles = 0;
  for (const a of sample) {
    // Only content chunks: sync states are per peer, not per account.
    for (const kind of ["snapshot", "incremental"]) {
      for (const f of await filesUnder(keyFolderPath(chunks, [a.documentId, kind]))) {
        stored += f.size;
        storedBlocks += f.blocks;
        chunkFiles += 1;
      }
    }
    let doc = A.init<unknown>();
    for (const kind of ["snapshot", "incremental"]) for (const c of await store.loadRange([a.documentId, kind])) if (c.data) doc = A.loadIncremental(doc, c.data);
    const binary = A.save(doc);
    compacted += encodeFrame([a.documentId, "snapshot", "0".repeat(64)], binary).byteLength;
    json += Buffer.byteLength(JSON.stringify(A.toJS(doc)));
  }
  const n = sample.length;
  const kb = (bytes: number) => round(bytes / n / 1000, 1);
  return [
    row({
      name: "6. Storage per account, compacted",
      value: kb(compacted),
      unit: "kB",
      goal: "—",
      baseline: kb(json),
      baselineIs: "the account's current content as JSON (no history)",
      pass: null,
      details: { accountsMeasured: n, storedKB: kb(stored), storedAllocatedKB: kb(storedBlocks), chunkFilesPerAccount: round(chunkFiles / n, 1) },
      notes: "compacted = one snapshot chunk with the full history of ~300 attributed changes, in Baton's checksummed frame",
    }),
    row({
      name: "6. Storage per account, as stored (info)",
      value: kb(stored),
      unit: "kB",
      goal: "—",
      baseline: kb(json),
      baselineIs: "the account's current content as JSON (no history)",
      pass: null,
      notes: "what automerge-repo left on disk after a year of saves (snapshot + incrementals below its compaction threshold)",
    }),
  ];
}
