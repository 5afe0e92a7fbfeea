/**
 * Which Chromium the e2e suite drives: $CHROMIUM_PATH, else Debian's /usr/bin/chromium,
 * else Playwright's own browser (where `npx playwright install` can work).
 */
import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

export function chromiumLaunchOptions(): LaunchOptions {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const executablePath = candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
  return {
    ...(executablePath ? { executablePath } : {}),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  };
}
