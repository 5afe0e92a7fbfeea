// `npm start`: the desktop app where the Electron runtime is (or can be fetched), else
// browser mode on the default data folder, said in one line. The runtime is not fetched at
// install (package.json allowScripts), so an install without network still works.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron binary, read the way the electron package does (path.txt), without its throw. */
export function electronBinary(pkgDir) {
  const pathFile = join(pkgDir, "path.txt");
  if (!existsSync(pathFile)) return null;
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, readFileSync(pathFile, "utf8").trim())
    : join(pkgDir, "dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(binary) ? binary : null;
}

/** The last line of what the download printed that says why it failed, in a few words. */
export function downloadProblem(output) {
  const text = String(output);
  const known = /getaddrinfo (ENOTFOUND|EAI_AGAIN) [\w.-]+|ECONNREFUSED|ECONNRESET|ETIMEDOUT|HTTPError: [^\n]+|fetch failed/.exec(text);
  if (known) return known[0] === "fetch failed" ? "no network" : known[0];
  const line = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => /error/i.test(l) && !l.startsWith("at "));
  return line ? line.slice(0, 120) : "the download failed";
}

/** Fetch the runtime with the electron package's own installer (checksums included). */
function download(pkgDir) {
  const r = spawnSync(process.execPath, [join(pkgDir, "install.js")], { cwd: pkgDir, encoding: "utf8", timeout: 180_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "" } });
  if (r.error?.code === "ETIMEDOUT") return "the download took longer than 3 minutes";
  return r.status === 0 ? null : downloadProblem(`${r.stdout}\n${r.stderr}`);
}

/** Why the desktop app cannot open here, or null with the binary to start. */
function desktop() {
  if (process.env.BATON_BROWSER_MODE) return { why: "BATON_BROWSER_MODE is set" };
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve("electron/package.json"));
  } catch {
    return { why: "the electron package is not installed" };
  }
  let binary = electronBinary(pkgDir);
  if (!binary) {
    const problem = download(pkgDir);
    binary = electronBinary(pkgDir);
    if (!binary) return { why: `the Electron runtime is not installed and could not be downloaded (${problem ?? "no binary after the download"})` };
  }
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { why: "there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)" };
  return { binary };
}

function forward(child) {
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const args = process.argv.slice(2);
  const d = desktop();
  if (d.binary) {
    const built = spawnSync(process.execPath, [join(ROOT, "node_modules/electron-vite/bin/electron-vite.js"), "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
    forward(spawn(d.binary, [ROOT, ...args], { cwd: ROOT, stdio: "inherit" }));
    return;
  }
  console.log(`Baton: ${d.why}; starting browser mode instead.`);
  forward(spawn(process.execPath, [join(ROOT, "scripts/web.mjs"), "--quiet-build", "--open", ...args], { cwd: ROOT, stdio: "inherit" }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
