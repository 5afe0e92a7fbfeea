// `npm run web`: build the renderer and the server when their sources are newer than the
// builds, then start browser mode from the bundle. `--quiet-build` (from `npm start`) keeps
// the build to warnings; every other argument goes to browser mode (src/server/web.ts).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildServer, serverBundle } from "./build-server.mjs";
import { serverNodeFlags } from "./server-flags.mjs";

const root = new URL("..", import.meta.url).pathname;
const built = join(root, "out/renderer/index.html");

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale = !existsSync(built) || Math.max(newest(join(root, "src/renderer")), newest(join(root, "shared"))) > statSync(built).mtimeMs;
const quiet = process.argv.includes("--quiet-build");
if (stale && !process.argv.includes("--no-build")) {
  console.log("Building the renderer…");
  const r = spawnSync(process.execPath, [join(root, "node_modules/electron-vite/bin/electron-vite.js"), "build", ...(quiet ? ["--logLevel", "warn"] : [])], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The bundle holds its packages too (all but Automerge): a new install or a change of how it
// is built makes it stale as well.
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const serverSources = Math.max(
  newest(join(root, "src/server")),
  newest(join(root, "src/node")),
  newest(join(root, "shared")),
  mtime(join(root, "package-lock.json")),
  mtime(join(root, "node_modules/.package-lock.json")),
  mtime(join(root, "scripts/build-server.mjs")),
);
if (!existsSync(serverBundle) || serverSources > statSync(serverBundle).mtimeMs) await buildServer();
const args = process.argv.slice(2).filter((a) => a !== "--no-build" && a !== "--quiet-build");
const child = spawn(process.execPath, [...serverNodeFlags, "--enable-source-maps", serverBundle, ...args], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
