/**
 * Playwright's global setup: the browser-mode instances run the server bundle as `npm start`
 * ships it (processes.ts), so it is built from the current sources before any test — also
 * when Playwright is run directly rather than through `npm run test:e2e` — never a stale one.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export default function buildServerBundle(): void {
  const root = resolve(import.meta.dirname, "../..");
  const r = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`node scripts/build-server.mjs failed (exit ${String(r.status)})`);
}
