import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ensureFolderDurable,
  moveFileDurable,
  removeFileDurable,
  removeStaleTempFiles,
  TEMP_PREFIX,
  writeFileAtomic,
} from "./atomic-file";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "baton-atomic-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("creates and replaces a file and leaves no temp file", async () => {
    const path = join(dir, "a.bin");
    await writeFileAtomic(path, "first");
    await writeFileAtomic(path, Uint8Array.from([1, 2, 3]));
    expect(await readFile(path)).toEqual(Buffer.from([1, 2, 3]));
    expect(await readdir(dir)).toEqual(["a.bin"]);
  });

  it("lets concurrent writers of one file end with exactly one complete version", async () => {
    const path = join(dir, "same.txt");
    const versions = Array.from({ length: 40 }, (_, i) => `version ${i} `.repeat(1000));
    await Promise.all(versions.map((text) => writeFileAtomic(path, text)));
    expect(versions).toContain(await readFile(path, "utf8"));
    expect(await readdir(dir)).toEqual(["same.txt"]);
  });

  it("fails cleanly when the folder is missing", async () => {
    await expect(writeFileAtomic(join(dir, "missing", "a.txt"), "x")).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(dir)).toEqual([]);
  });

  it("removes the temp file when the rename fails", async () => {
    await ensureFolderDurable(join(dir, "target-is-a-folder"));
    await expect(writeFileAtomic(join(dir, "target-is-a-folder"), "x")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["target-is-a-folder"]);
  });
});

describe("other durable operations", () => {
  it("removes files and says whether there was one", async () => {
    const path = join(dir, "gone.txt");
    await writeFileAtomic(path, "x");
    expect(await removeFileDurable(path)).toBe(true);
    expect(await removeFileDurable(path)).toBe(false);
  });

  it("creates nested folders and moves files between them", async () => {
    const deep = join(dir, "a", "b", "c");
    await Promise.all([ensureFolderDurable(deep), ensureFolderDurable(deep), ensureFolderDurable(join(dir, "a", "x"))]);
    await writeFileAtomic(join(deep, "f"), "payload");
    await moveFileDurable(join(deep, "f"), join(dir, "a", "x", "g"));
    expect(await readFile(join(dir, "a", "x", "g"), "utf8")).toBe("payload");
    expect(await readdir(deep)).toEqual([]);
  });

  it("removes only stale temp files", async () => {
    const stale = join(dir, `${TEMP_PREFIX}stale`);
    const fresh = join(dir, `${TEMP_PREFIX}fresh`);
    await writeFile(stale, "left by a crash");
    await writeFile(fresh, "maybe being written by someone");
    await writeFile(join(dir, "keep.txt"), "not a temp file");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stale, anHourAgo, anHourAgo);
    expect(await removeStaleTempFiles(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([`${TEMP_PREFIX}fresh`, "keep.txt"]);
    expect(await removeStaleTempFiles(join(dir, "missing"))).toBe(0);
  });
});
