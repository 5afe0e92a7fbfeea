/**
 * Child process for crash-safety.test.ts: edits two documents in a loop through a real
 * Repo on CrashSafeStorage and prints `ack <n>` after each edit is flushed. The parent
 * kills it with SIGKILL at random moments. Run: node --import tsx <this file> <dir> <url>...
 *
 * Output lines: `start <count per doc...>` once loaded, `ack <n>` per durable edit,
 * `damaged <json>` if the store reports damage.
 */
import { Repo, type AutomergeUrl, type DocHandle } from "@automerge/automerge-repo";
import { CrashSafeStorage } from "./crash-safe-storage";

export interface CounterDoc {
  count: number;
  items: number[];
  notes: string[];
}

const [dir, ...urls] = process.argv.slice(2);
if (dir === undefined || urls.length === 0) throw new Error("usage: crash-child <dir> <url>...");

const storage = new CrashSafeStorage(dir, {
  onDamaged: (report) => process.stdout.write(`damaged ${JSON.stringify(report)}\n`),
});
const repo = new Repo({ storage });
const handles: DocHandle<CounterDoc>[] = await Promise.all(
  urls.map((url) => repo.find<CounterDoc>(url as AutomergeUrl)),
);
const counts = handles.map((handle) => handle.doc().count);
process.stdout.write(`start ${counts.join(" ")}\n`);

// The n-th edit sets count = n in every document, so one number acknowledges them all.
let n = Math.max(...counts);
for (;;) {
  n += 1;
  const edit = n;
  for (const handle of handles) {
    handle.change((doc) => {
      doc.count = edit;
      doc.items.push(edit);
      // Now and then a bigger edit, so snapshots and compactions happen too.
      if (edit % 5 === 0) doc.notes.push(`note ${edit} `.repeat(edit % 40));
    });
  }
  await repo.flush();
  process.stdout.write(`ack ${edit}\n`);
}
