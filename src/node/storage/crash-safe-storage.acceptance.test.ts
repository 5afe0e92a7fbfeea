/**
 * automerge-repo's own storage adapter acceptance suite, run on CrashSafeStorage with
 * real files in a fresh temp folder per case, so an automerge-repo upgrade that changes
 * what a storage adapter must do fails here before it corrupts a laptop's accounts.
 *
 * The suite is imported through the package's public `./helpers/*.js` export.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStorageAdapterTests } from "@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js";
import type { Chunk } from "@automerge/automerge-repo";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunnerTask, RunnerTestFile, RunnerTestSuite } from "vitest";
import { CrashSafeStorage } from "./crash-safe-storage";

/**
 * The one upstream case CrashSafeStorage does not pass, and why. It saves three chunks and
 * expects `loadRange` to return them in the order they were saved. Nothing promises that
 * order: `StorageAdapterInterface.loadRange` says nothing about it, the Repo asks for
 * snapshots and incrementals in separate calls and Automerge loads changes in any order,
 * and a maintainer wrote that the suite should not insist on it
 * (automerge/automerge-repo#387). Only an adapter that keeps every key in memory, in
 * save order, can pass it, and only until it restarts: the stock NodeFS adapter passes
 * through its write cache and answers in folder order on a fresh start. Files keep no
 * save order, so CrashSafeStorage answers in key order, the same before and after a
 * restart. The case is reported as skipped with this reason, and the case below runs
 * the same saves and checks the same chunks come back, in an order that survives a restart.
 */
const ORDER_ONLY_CASE = { suite: "save and loadRange", name: "should return all the data that matches the key" };
const ORDER_ONLY_REASON =
  "expects loadRange in save order, which the interface does not promise and files do not keep (see crash-safe-storage.acceptance.test.ts)";

const isOrderOnlyCase = (task: Readonly<RunnerTask>): boolean =>
  task.type === "test" && task.suite?.name === ORDER_ONLY_CASE.suite && task.name === ORDER_ONLY_CASE.name;

describe("CrashSafeStorage", () => {
  beforeEach((context) => {
    if (isOrderOnlyCase(context.task)) context.skip(ORDER_ONLY_REASON);
  });

  runStorageAdapterTests(async () => {
    const dir = await mkdtemp(join(tmpdir(), "baton-storage-acceptance-"));
    const adapter = new CrashSafeStorage(dir);
    return {
      adapter,
      teardown: async () => {
        await adapter.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }, "crash-safe files");
});

describe("CrashSafeStorage in place of the save-order case", () => {
  const PAYLOAD_A = new Uint8Array([0, 1, 127, 99, 154, 235]);
  const PAYLOAD_B = new Uint8Array([1, 76, 160, 53, 57, 10, 230]);
  const PAYLOAD_C = new Uint8Array([2, 111, 74, 131, 236, 96, 142, 193]);

  let dir: string;
  let storage: CrashSafeStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "baton-storage-acceptance-"));
    storage = new CrashSafeStorage(dir);
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stands in for a case the upstream suite still has, once", ({ task }) => {
    // If upstream renamed or dropped the case, re-check whether what replaced it passes.
    expect(allTasks(task.file).filter(isOrderOnlyCase)).toHaveLength(1);
  });

  it("returns every chunk under a prefix, in an order that survives a restart", async () => {
    await storage.save(["AAAAA", "sync-state", "xxxxx"], PAYLOAD_A);
    await storage.save(["AAAAA", "snapshot", "yyyyy"], PAYLOAD_B);
    await storage.save(["AAAAA", "sync-state", "zzzzz"], PAYLOAD_C);

    const all = await storage.loadRange(["AAAAA"]);
    expect(sortedByKey(all)).toStrictEqual([
      { key: ["AAAAA", "snapshot", "yyyyy"], data: PAYLOAD_B },
      { key: ["AAAAA", "sync-state", "xxxxx"], data: PAYLOAD_A },
      { key: ["AAAAA", "sync-state", "zzzzz"], data: PAYLOAD_C },
    ]);
    expect(await storage.loadRange(["AAAAA", "sync-state"])).toStrictEqual([
      { key: ["AAAAA", "sync-state", "xxxxx"], data: PAYLOAD_A },
      { key: ["AAAAA", "sync-state", "zzzzz"], data: PAYLOAD_C },
    ]);

    const afterRestart = new CrashSafeStorage(dir);
    expect(await afterRestart.loadRange(["AAAAA"])).toStrictEqual(all);
    await afterRestart.close();
  });
});

function allTasks(suite: Readonly<RunnerTestSuite | RunnerTestFile>): RunnerTask[] {
  return suite.tasks.flatMap((task) => (task.type === "suite" ? [task, ...allTasks(task)] : [task]));
}

function sortedByKey(chunks: Chunk[]): Chunk[] {
  const text = (chunk: Chunk): string => chunk.key.join("\u0000");
  return [...chunks].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
