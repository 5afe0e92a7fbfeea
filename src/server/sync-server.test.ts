/**
 * Where the team server's administrator secret comes from. On the command line (`--token`)
 * every user of the machine can read it (`ps`), so it also comes from a file or from the
 * environment. The real CLI in a child process, a real WebSocket, a temp folder.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = ["--import", "tsx", "src/server/sync-server.ts"];
const SECRET = "admin-secret-0123456789";
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "baton-cli-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Start the server; resolves with its URL, its process's command line and what it printed on stderr. */
function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; cmdline: string; stderr: () => string }> {
  const child = spawn(process.execPath, [...CLI, ...args, "--port", "0"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  cleanups.push(() => {
    child.kill("SIGTERM");
    return new Promise((r) => child.once("exit", r));
  });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], cmdline: readFileSync(`/proc/${String(child.pid)}/cmdline`, "utf8").replace(/\0/g, " "), stderr: () => err });
    });
    child.once("exit", (code) => reject(new Error(`exited ${String(code)}: ${err}`)));
  });
}

function upgrade(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => undefined);
  });
}

describe("the sync server's administrator secret", () => {
  it("comes from --token-file or BATON_SERVER_TOKEN, never visible in the process list", async () => {
    const dir = await tempDir();
    const file = join(dir, "admin-token");
    await writeFile(file, `${SECRET}\n`);
    await chmod(file, 0o600);
    const fromFile = await serve(["--data", join(dir, "a"), "--token-file", file]);
    expect(await upgrade(`${fromFile.url}/?token=${SECRET}`)).toBe(101);
    expect(await upgrade(`${fromFile.url}/?token=wrong-secret-000`)).toBe(401);
    expect(fromFile.cmdline).not.toContain(SECRET);
    expect(fromFile.stderr()).not.toMatch(/warning/);

    const fromEnv = await serve(["--data", join(dir, "b")], { BATON_SERVER_TOKEN: SECRET });
    expect(await upgrade(`${fromEnv.url}/?token=${SECRET}`)).toBe(101);
    expect(fromEnv.cmdline).not.toContain(SECRET);
  });

  it("still takes --token, with a warning that it shows in ps; --help says why; two sources are refused", async () => {
    const dir = await tempDir();
    const legacy = await serve(["--data", join(dir, "a"), "--token", SECRET]);
    expect(await upgrade(`${legacy.url}/?token=${SECRET}`)).toBe(101);
    expect(legacy.stderr()).toMatch(/--token shows the administrator token to every user of this machine \(ps\)/);
    // Structured: one JSON object a line, with the time and the level by name.
    const warning = legacy.stderr().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: string; time: string; msg: string }).find((e) => e.msg.includes("--token shows"));
    expect(warning).toMatchObject({ level: "warn" });
    expect(Number.isNaN(Date.parse(warning!.time))).toBe(false);

    const help = spawnSync(process.execPath, [...CLI, "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--token-file FILE/);
    expect(help.stdout).toMatch(/BATON_SERVER_TOKEN/);
    expect(help.stdout).toMatch(/every user of\s+this machine can read a process's arguments/);

    const both = spawnSync(process.execPath, [...CLI, "--data", join(dir, "c"), "--token", SECRET], { cwd: ROOT, encoding: "utf8", env: { ...process.env, BATON_SERVER_TOKEN: SECRET } });
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/one way only/);
  });
});
