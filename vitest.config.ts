import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        // The domain, the sync node, the servers and the window's logic: plain Node.
        test: {
          name: "node",
          include: ["shared/**/*.test.ts", "src/**/*.test.ts", "scripts/**/*.test.ts", "packaging/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The window's components, drawn in a DOM (happy-dom) and used through Testing Library.
        test: {
          name: "window",
          include: ["src/renderer/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["src/renderer/testing/setup.ts"],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
