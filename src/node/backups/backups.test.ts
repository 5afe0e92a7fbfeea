/**
 * Backups of a real node's accounts, in temp folders: made on quit only when something
 * changed, the last N kept, restored by merging (nothing current is lost) or into a fresh
 * install, a damaged account offered from the newest intact backup; and the bad cases: a
 * folder that cannot be written, a full disk, a damaged backup, a restore cut by quitting.
 */
import { execFileSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { afterEach, describe, expect, it } from "vitest";
import { commitmentsOf, type AccountDoc } from "../../../shared";
import { readAccount, readManifest } from "./backup-file";
import type { BackupInfo, BackupPreview, JobProgress, NodeStatus } from "../../../shared";
import type { SyncNode } from "../sync-node";
import { addCommitmentOn, api, eventually, removeDir, startTestNode, tempDir, texts } from "../test-helpers";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function folder(): Promise<string> {
  const d = await tempDir("baton-backups-");
  cleanups.push(() => removeDir(d));
  return d;
}

async function node(dir: string, backupFolder: string, keep = 10): Promise<SyncNode> {
  const n = await startTestNode(dir);
  cleanups.push(() => n.stop());
  await api(n.endpoint(), "PUT", "/api/profile", { name: "Ana Rep", role: "rep" });
  const r = await api(n.endpoint(), "PUT", "/api/backups/settings", { folder: backupFolder, keep, everyMinutes: 15 });
  expect(r.status).toBe(200);
  return n;
}

const create = async (n: SyncNode, name: string) => (await api<{ documentId: string }>(n.endpoint(), "POST", "/api/accounts", { name })).body.documentId;
const backups = async (n: SyncNode) => (await api<BackupInfo[]>(n.endpoint(), "GET", "/api/backups")).body;
const backUp = async (n: SyncNode) => api<BackupInfo & { error?: string }>(n.endpoint(), "POST", "/api/backups");
const status = async (n: SyncNode) => (await api<NodeStatus>(n.endpoint(), "GET", "/api/status")).body;
const preview = async (n: SyncNode, id: string) => (await api<BackupPreview>(n.endpoint(), "POST", "/api/backups/preview", { id })).body;
async function restore(n: SyncNode, id: string, documentIds: string[], mode: "merge" | "missing"): Promise<JobProgress> {
  expect((await api(n.endpoint(), "POST", "/api/backups/restore", { id, documentIds, mode })).status).toBe(200);
  return eventually(async () => (await status(n)).jobs.find((j) => j.job === "restore" && j.state !== "running"), 20_000, "restore ended");
}

/** Overwrite every content chunk of an account on disk (the node is stopped). */
async function corrupt(dataDir: string, documentId: string): Promise<void> {
  const root = join(dataDir, "accounts", "chunks");
  const files = (await readdir(root, { recursive: true })) as string[];
  const encoded = documentId.replace(/[A-Z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const victims = files.filter((f) => f.includes(encoded) && f.endsWith(".chunk") && !f.includes("sync-state"));
  expect(victims.length).toBeGreaterThan(0);
  for (const v of victims) await writeFile(join(root, v), "garbage, not a chunk");
}

describe("backups", () => {
  it("backs up on quit only when something changed, and keeps the last N", async () => {
    const dir = await folder();
    const into = await folder();
    let n = await node(dir, into, 2);
    await create(n, "Acme");
    await n.stop();
    n = await node(dir, into, 2);
    expect((await backups(n)).map((b) => b.accounts)).toEqual([1]);
    await n.stop(); // nothing changed: no new backup
    n = await node(dir, into, 2);
    expect(await backups(n)).toHaveLength(1);
    await create(n, "Globex");
    await create(n, "Initech");
    expect((await backUp(n)).status).toBe(200);
    const third = await backUp(n);
    const list = await backups(n);
    expect(list.map((b) => b.id)).toEqual([third.body.id, expect.any(String)]);
    expect(list[0]).toMatchObject({ accounts: 3, problem: null });
    expect((await status(n)).backups.last).toMatchObject({ id: third.body.id, accounts: 3 });
    // Nothing half-written is left next to them.
    expect((await readdir(into)).filter((f) => !f.startsWith("baton-backup-"))).toEqual([]);
  });

  it("copies an account whole while it is being edited and its chunks compacted", async () => {
    const dir = await folder();
    const into = await folder();
    const n = await node(dir, into, 50);
    const acme = await create(n, "Acme");
    let stop = false;
    let done = 0;
    const editing = (async () => {
      while (!stop) {
        await addCommitmentOn(n, acme, `edit ${done}`);
        done++;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const taken: Array<{ id: string; before: number }> = [];
    for (let i = 0; i < 8; i++) {
      const before = done;
      const r = await backUp(n);
      expect(r.status).toBe(200);
      taken.push({ id: r.body.id, before });
    }
    stop = true;
    await editing;
    for (const t of taken) {
      const b = await readManifest(into, t.id);
      if (!b.ok) throw new Error(b.problem);
      const read = await readAccount(into, b.manifest, t.id, acme);
      if (!read.ok) throw new Error(read.problem);
      let doc = A.init<AccountDoc>();
      for (const c of read.chunks) doc = A.loadIncremental(doc, c);
      // Every edit made before the backup began is in it, and the copy loads as one document.
      expect(commitmentsOf(doc).length).toBeGreaterThanOrEqual(t.before);
      expect(A.getMissingDeps(doc, A.getHeads(doc))).toEqual([]);
    }
    expect(done).toBeGreaterThan(taken[0]!.before);
  });

  it("restores by merging: what the backup holds comes back and nothing current is lost", async () => {
    const dir = await folder();
    const into = await folder();
    const n = await node(dir, into);
    const acme = await create(n, "Acme");
    await addCommitmentOn(n, acme, "in the backup");
    const { body: b } = await backUp(n);
    await addCommitmentOn(n, acme, "made after the backup");

    // A fresh install pointed at the same folder previews and gets the account back.
    const fresh = await node(await folder(), into);
    const seen = await preview(fresh, b.id);
    expect(seen.accounts).toEqual([{ documentId: acme, name: "Acme", stage: "follow-up", here: false, problem: null }]);
    expect(await restore(fresh, b.id, [acme], "missing")).toMatchObject({ state: "done", done: 1, total: 1 });
    expect(await texts(fresh, acme)).toEqual(["in the backup"]);
    expect((await api<Array<{ name: string }>>(fresh.endpoint(), "GET", "/api/accounts")).body.map((a) => a.name)).toEqual(["Acme"]);

    // On the laptop that went on editing, a merge keeps the later edit.
    expect((await preview(n, b.id)).accounts[0]?.here).toBe(true);
    expect(await restore(n, b.id, [acme], "merge")).toMatchObject({ state: "done", message: "Restored 1 of 1 accounts." });
    expect(await texts(n, acme)).toEqual(["in the backup", "made after the backup"]);
  });

  it("offers a damaged account from the newest intact backup while no peer has it, and restores it", async () => {
    const dir = await folder();
    const into = await folder();
    let n = await node(dir, into);
    const acme = await create(n, "Acme");
    const globex = await create(n, "Globex");
    await addCommitmentOn(n, acme, "Train two admins");
    const { body: good } = await backUp(n);
    await n.stop();
    await corrupt(dir, acme);

    n = await node(dir, into);
    const damaged = await eventually(async () => (await status(n)).damaged.find((d) => d.documentId === acme && d.backup), 15_000, "offered from a backup");
    expect(damaged).toMatchObject({ name: "Acme", restored: false, backup: { id: good.id } });
    // A backup made now leaves the damaged account out, and the intact one is kept.
    const { body: later } = await backUp(n);
    expect(later.accounts).toBe(1);
    expect((await status(n)).damaged[0]?.backup?.id).toBe(good.id);

    expect(await restore(n, good.id, [acme], "missing")).toMatchObject({ state: "done", done: 1 });
    expect(await texts(n, acme)).toEqual(["Train two admins"]);
    expect((await status(n)).damaged).toEqual([expect.objectContaining({ documentId: acme, restored: true, backup: null })]);
    expect((await api<Array<{ documentId: string }>>(n.endpoint(), "GET", "/api/accounts")).body.map((a) => a.documentId).sort()).toEqual([acme, globex].sort());
  });

  it("says which folder cannot be used and why, and keeps the old setting", async () => {
    const dir = await folder();
    const into = await folder();
    const n = await node(dir, into);
    const file = join(into, "a-file");
    await writeFile(file, "not a folder");
    const r = await api<{ error: string; fields: { folder: string } }>(n.endpoint(), "PUT", "/api/backups/settings", { folder: join(file, "backups"), keep: 10, everyMinutes: 15 });
    expect(r.status).toBe(400);
    expect(r.body.fields.folder).toBe(`Baton cannot use this folder: ${join(file, "backups")} is not a folder.`);
    expect((await status(n)).backups.folder).toBe(into);
    const bad = await api(n.endpoint(), "PUT", "/api/backups/settings", { folder: into, keep: 0, everyMinutes: 15 });
    expect(bad.status).toBe(400);
  });

  it("refuses a folder on a read-only disk, saying so", async (ctx) => {
    const readOnly = await folder();
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", readOnly], { stdio: "ignore" });
    } catch {
      ctx.skip("needs a read-only tmpfs (mount is not permitted here)");
    }
    cleanups.push(async () => execFileSync("umount", [readOnly]));
    const n = await node(await folder(), await folder());
    const r = await api<{ fields: { folder: string } }>(n.endpoint(), "PUT", "/api/backups/settings", { folder: readOnly, keep: 10, everyMinutes: 15 });
    expect([r.status, r.body.fields.folder]).toEqual([400, `Baton cannot use this folder: ${readOnly} is on a read-only disk.`]);
  });

  it("reports a full disk, leaves nothing half-written and keeps the earlier backups", async (ctx) => {
    const small = await folder();
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", small], { stdio: "ignore" });
    } catch {
      ctx.skip("needs a small tmpfs to fill (mount is not permitted here)");
    }
    cleanups.push(async () => execFileSync("umount", [small]));
    const dir = await folder();
    const n = await node(dir, small);
    const acme = await create(n, "Acme");
    const { body: first } = await backUp(n);
    // Fill the account until it no longer fits twice.
    for (let i = 0; i < 40; i++) await addCommitmentOn(n, acme, `${i} ${"x".repeat(4000)}`);
    await writeFile(join(small, "filler"), Buffer.alloc(256 * 1024 - 8192 - first.bytes)).catch(() => undefined);
    const full = await backUp(n);
    expect(full.status).toBe(507);
    expect(full.body.error).toBe(`The backup could not be written: the disk holding ${small} is full. The earlier backups are kept.`);
    expect((await status(n)).backups.problem).toBe(full.body.error);
    expect((await readdir(small)).sort()).toEqual([first.id, "filler"]);
    expect((await backups(n)).map((b) => b.id)).toEqual([first.id]);
  });

  it("shows a damaged backup for what it is and restores nothing from its damaged part", async () => {
    const dir = await folder();
    const into = await folder();
    const n = await node(dir, into);
    const acme = await create(n, "Acme");
    await addCommitmentOn(n, acme, "kept");
    const { body: b } = await backUp(n);
    const chunks = join(into, b.id, "chunks.bin");
    const bytes = await readFile(chunks);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    await writeFile(chunks, bytes);
    expect((await preview(n, b.id)).accounts[0]?.problem).toBe("This backup's copy of the account is damaged (checksum mismatch).");
    const ended = await restore(n, b.id, [acme], "merge");
    expect(ended.state).toBe("failed");
    expect(ended.message).toBe("Restored 0 of 1 accounts. Not restored: “Acme”: This backup's copy of the account is damaged (checksum mismatch).");
    expect(await texts(n, acme)).toEqual(["kept"]);

    await writeFile(join(into, b.id, "manifest.json"), "{ not json");
    expect((await backups(n))[0]).toMatchObject({ id: b.id, problem: "This backup is damaged (its list of accounts cannot be read)." });
    expect((await api(n.endpoint(), "POST", "/api/backups/preview", { id: b.id })).status).toBe(422);
  });

  it("says at the next start that quitting interrupted a restore, each account restored being whole", async () => {
    const dir = await folder();
    const into = await folder();
    const n = await node(dir, into);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await create(n, `Account ${i}`));
    const { body: b } = await backUp(n);

    const freshDir = await folder();
    const fresh = await node(freshDir, into);
    expect((await api(fresh.endpoint(), "POST", "/api/backups/restore", { id: b.id, documentIds: ids, mode: "missing" })).status).toBe(200);
    await fresh.stop();
    const again = await node(freshDir, into);
    const problem = (await status(again)).backups.problem ?? "";
    expect(problem).toMatch(/^Restoring from the backup of .+ stopped when Baton quit, after (\d+) of 40 accounts\. Each account restored is whole; restore again to finish the rest\.$/);
    const got = (await api<Array<{ documentId: string; name: string }>>(again.endpoint(), "GET", "/api/accounts")).body;
    expect(got.length).toBeLessThan(40);
    for (const a of got) expect(a.name).toMatch(/^Account \d+$/);
    expect(await restore(again, b.id, ids, "missing")).toMatchObject({ state: "done" });
    expect((await api<unknown[]>(again.endpoint(), "GET", "/api/accounts")).body).toHaveLength(40);
    expect((await status(again)).backups.problem).toBeNull();
  }, 60_000);
});
