// `npm run test:e2e`: build the app once (renderer, main, preload), then run the Playwright
// suite on what was built (its global setup builds browser mode's server bundle).
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step("npx", ["electron-vite", "build"]);
step("npx", ["playwright", "test", ...process.argv.slice(2)]);
