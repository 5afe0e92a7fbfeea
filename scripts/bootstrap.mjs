// `npm start` and `npm test` on a fresh clone: npm runs this first (`prestart`, `pretest`).
// It installs the dependencies when they are missing or older than package-lock.json, and
// for the tests the Chromium they drive when none is found. Plain Node and nothing else:
// it runs before any dependency is there.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Why the dependencies must be installed, or null when they are current. npm rewrites
 * node_modules/.package-lock.json at every install, after package-lock.json: a lock newer
 * than it came from elsewhere (a pull, a checkout) and has not been installed yet.
 */
export function installReason(root = ROOT) {
  const lock = join(root, "package-lock.json");
  const marker = join(root, "node_modules", ".package-lock.json");
  if (!existsSync(marker)) return "the dependencies are not installed";
  if (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs) return "package-lock.json changed since they were installed";
  return null;
}

/** Chromium binaries the e2e suite drives (e2e/support/chromium.ts looks in the same places). */
export function chromiumCandidates(env = process.env) {
  return [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p) => Boolean(p));
}

export function findChromium(env = process.env) {
  return chromiumCandidates(env).find((p) => existsSync(p)) ?? null;
}

/** Playwright's own Chromium, where `npx playwright install chromium` could fetch it. */
async function playwrightChromium() {
  try {
    const { chromium } = await import("playwright-core");
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** How this machine may install a Debian package without asking for a password: as root, or by passwordless sudo. */
function aptPrefix() {
  if (process.platform !== "linux" || spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status !== 0) return null;
  if (process.getuid?.() === 0) return [];
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0 ? ["sudo", "-n"] : null;
}

function run(cmd, args, env = {}) {
  // On Windows npm is a .cmd file, which Node (≥ 20.12) starts only through a shell.
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env }, shell: process.platform === "win32" });
  return r.status === 0;
}

function installDependencies() {
  const why = installReason();
  if (!why) return true;
  console.log(`Installing dependencies (${why})…`);
  // Electron 45 fetches its runtime on first use, not at install: `npm start` fetches it
  // when it is missing, and an install without network still succeeds.
  return run("npm", ["ci", "--no-audit", "--no-fund"]);
}

async function ensureChromium() {
  if (findChromium() || (await playwrightChromium())) return true;
  const prefix = aptPrefix();
  if (prefix) {
    console.log("Installing Chromium for the browser tests (apt-get install chromium)…");
    const [sudo, ...sudoArgs] = prefix;
    const apt = (args) => (sudo ? run(sudo, [...sudoArgs, "apt-get", ...args], { DEBIAN_FRONTEND: "noninteractive" }) : run("apt-get", args, { DEBIAN_FRONTEND: "noninteractive" }));
    if (apt(["update", "-qq"]) && apt(["install", "-y", "-qq", "chromium"]) && findChromium()) return true;
  }
  console.error(
    "The browser tests need Chromium: install it (Debian or Ubuntu: `sudo apt-get install chromium`, macOS: `brew install --cask chromium`) or set CHROMIUM_PATH to a Chrome or Chromium binary, then run `npm test` again.",
  );
  return false;
}

/** PostgreSQL's programs for the team server's tests (each starts a throwaway cluster on loopback). */
function findPostgres() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, "initdb"));
  const root = "/usr/lib/postgresql";
  return existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, "bin", "initdb")));
}

function ensurePostgres() {
  if (findPostgres()) return true;
  const prefix = aptPrefix();
  if (prefix) {
    console.log("Installing PostgreSQL for the team server's tests (apt-get install postgresql)…");
    const [sudo, ...sudoArgs] = prefix;
    const apt = (args) => (sudo ? run(sudo, [...sudoArgs, "apt-get", ...args], { DEBIAN_FRONTEND: "noninteractive" }) : run("apt-get", args, { DEBIAN_FRONTEND: "noninteractive" }));
    if (apt(["update", "-qq"]) && apt(["install", "-y", "-qq", "postgresql"]) && findPostgres()) return true;
  }
  console.error("The team server's tests need PostgreSQL: install it (Debian or Ubuntu: `sudo apt-get install postgresql`, macOS: `brew install postgresql`) or set PG_BIN to its bin folder, then run `npm test` again.");
  return false;
}

async function main() {
  const forTests = process.argv.includes("--tests");
  if (!installDependencies()) {
    console.error("Installing the dependencies failed (npm's messages are above); fix that and run the command again.");
    process.exit(1);
  }
  if (forTests && !(await ensureChromium())) process.exit(1);
  if (forTests && !ensurePostgres()) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
