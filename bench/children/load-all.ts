/**
 * Bench child: the cold-start and memory baseline. A plain automerge-repo Repo on the
 * account store of a Baton data folder (Baton's file format, so its storage adapter),
 * no network: open a few accounts one by one, then every account with `find`, as an app
 * without a library of summaries would have to before it could list them. Stops at a
 * deadline and says how far it got: loading a year of accounts can take minutes.
 */
import type { DocumentId } from "@automerge/automerge-repo";
import { Repo } from "@automerge/automerge-repo";
import { join } from "node:path";
import { CrashSafeStorage } from "../../src/node/storage/crash-safe-storage";
import { now, serve } from "../lib/ipc";

serve({
  now: () => now(),
  async run({ dataDir, ids, sample, deadlineMs }: { dataDir: string; ids: string[]; sample: string[]; deadlineMs: number }) {
    const repo = new Repo({ storage: new CrashSafeStorage(join(dataDir, "accounts")), network: [] });
    const opens: number[] = [];
    for (const id of sample) {
      const t = performance.now();
      await repo.find(id as DocumentId);
      opens.push(performance.now() - t);
    }
    const t0 = performance.now();
    const end = t0 + deadlineMs;
    let loaded = 0;
    let next = 0;
    // A few finds in flight at a time (all 1,000 at once only thrashes); stop at the deadline.
    const worker = async () => {
      while (next < ids.length && performance.now() < end) {
        const id = ids[next++]!;
        await repo.find(id as DocumentId);
        loaded += 1;
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return { opens, loaded, loadAllMs: performance.now() - t0, allLoadedAt: now(), memory: process.memoryUsage() };
  },
});
