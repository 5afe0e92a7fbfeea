// `npm run web`: build the renderer when its sources are newer than the build, then start browser mode.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

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
if (stale && !process.argv.includes("--no-build")) {
  console.log("Building the renderer…");
  const r = spawnSync("npx", ["electron-vite", "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/server/web.ts"), ...args], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
