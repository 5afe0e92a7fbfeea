/** Working copies of cached data sets, sizes on disk, and the built renderer. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./ipc";

/**
 * A scratch copy of a data folder (a run may write to it: write checks, library saves),
 * so the cached set stays exactly as generated. Lives next to the cache, in bench/data.
 */
export async function workingCopy(dataDir: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(ROOT, "bench/data/run-"));
  await cp(dataDir, dir, { recursive: true });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Path of browser mode's server bundle (what `npm run web` starts). */
export const WEB_SERVER = join(ROOT, "out/server/web.mjs");

/** Build the renderer and browser mode's server as `npm run web` does; not part of any figure. */
export function ensureRendererBuilt(log: (line: string) => void): void {
  const server = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (server.status !== 0) throw new Error("node scripts/build-server.mjs failed");
  const built = join(ROOT, "out/renderer/index.html");
  const stale = !existsSync(built) || Math.max(newest(join(ROOT, "src/renderer")), newest(join(ROOT, "shared"))) > statSync(built).mtimeMs;
  if (!stale) return;
  log("  building the renderer (its sources changed; not part of any figure)…");
  const t0 = Date.now();
  const r = spawnSync("npx", ["electron-vite", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("npx electron-vite build failed");
  log(`  built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** RSS and peak RSS of a process, from /proc (Linux), in bytes. */
export async function processMemory(pid: number): Promise<{ rss: number; peak: number } | null> {
  try {
    const status = await readFile(`/proc/${String(pid)}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return null;
  }
}
