import { Repo, type DocumentId } from "@automerge/automerge-repo";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../test-helpers";
import { CrashSafeStorage } from "./crash-safe-storage";
import { unloadDocument } from "./unload-document";

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeDir(dirs.pop()!);
});

interface Notes {
  notes: string[];
}

describe("letting a document go from memory", () => {
  // Both shapes automerge-repo compacts on: one small snapshot, and incrementals past the snapshot's size.
  it.each([3, 40])("keeps its %i edits on disk, for this repo and the next", async (edits) => {
    const dir = await tempDir();
    dirs.push(dir);
    const storage = new CrashSafeStorage(dir);
    const repo = new Repo({ storage, network: [] });
    const handle = repo.create<Notes>({ notes: [] });
    for (let i = 0; i < edits; i++) {
      handle.change((d) => {
        d.notes.push(`note ${String(i)} ${"x".repeat(40)}`);
      });
      if (i % 3 === 0) await repo.flush([handle.documentId]);
    }
    const seen: number[] = [];
    handle.on("change", ({ doc }) => seen.push(doc.notes?.length ?? 0));

    expect(await unloadDocument(repo, handle.documentId)).toBe(true);
    expect(repo.handles[handle.documentId]).toBeUndefined();
    // Nobody watching the account saw it emptied.
    expect(seen).toEqual([]);
    // Any save the Repo still had queued runs within its 100 ms throttle.
    await new Promise((r) => setTimeout(r, 300));

    const again = await repo.find<Notes>(handle.documentId);
    expect(again.doc().notes).toHaveLength(edits);
    const freshStorage = new CrashSafeStorage(dir);
    const fresh = new Repo({ storage: freshStorage, network: [] });
    expect((await fresh.find<Notes>(handle.documentId as DocumentId)).doc().notes).toHaveLength(edits);
    // Their last throttled saves land before the folder is removed, not after.
    await Promise.all([repo.shutdown(), fresh.shutdown()]);
    await Promise.all([storage.close(), freshStorage.close()]);
  });

  it("leaves alone what is not loaded", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const storage = new CrashSafeStorage(dir);
    const repo = new Repo({ storage, network: [] });
    expect(await unloadDocument(repo, "2ygT4FUWr5W9JvhGwwJTrZh3MDee")).toBe(false);
    await repo.shutdown();
    // A new Repo writes its storage id without being asked; closing waits for that write
    // (and refuses later ones), so nothing lands after the folder is removed.
    await storage.close();
  });
});
