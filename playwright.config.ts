import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Each test runs two Baton instances and two browser pages: one at a time on 2 cores.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [["list"], ["./e2e/support/skip-reporter.ts"]],
  globalSetup: "./e2e/support/build-server.ts",
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 860 },
    trace: "off",
  },
  outputDir: "test-results",
});
