// Layer rules from DESIGN.md, enforced here so CI fails on a violation.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeBuiltins = ["node:*", "fs", "fs/*", "path", "os", "http", "https", "net", "child_process", "crypto", "url", "stream", "events", "worker_threads", "dgram", "tls"];

/** Build a no-restricted-imports rule that forbids the given module patterns. */
function forbid(patterns, why) {
  return {
    "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message: why })) }],
  };
}

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/data/**", ".scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: forbid(
      [...nodeBuiltins, "electron", "react", "react-dom", "react/*", "@mantine/*", "ws", "@automerge/automerge-repo*", "**/src/**"],
      "shared/ is the pure domain: only @automerge/automerge and small pure libraries (DESIGN.md layers).",
    ),
  },
  {
    files: ["src/renderer/**/*.{ts,tsx}"],
    rules: forbid(
      [...nodeBuiltins, "electron", "ws", "**/node/**", "**/main/**", "**/server/**", "**/preload/**"],
      "The renderer is a browser view: no node:, no electron, no sync-node code (DESIGN.md layers).",
    ),
  },
  {
    files: ["src/node/**/*.ts"],
    rules: forbid(
      ["electron", "react", "react-dom", "@mantine/*", "**/main/**", "**/renderer/**", "**/preload/**", "**/server/**"],
      "The sync node runs without Electron and without UI (DESIGN.md layers).",
    ),
  },
  {
    files: ["src/preload/**/*.ts"],
    rules: forbid(
      [...nodeBuiltins, "react", "react-dom", "@mantine/*", "**/node/**", "**/main/**", "**/renderer/**", "**/server/**"],
      "The preload is the bridge only: electron and shared types (DESIGN.md layers).",
    ),
  },
  {
    files: ["src/main/**/*.ts"],
    rules: forbid(
      ["react", "react-dom", "@mantine/*", "**/renderer/**", "**/server/**"],
      "Electron main is the shell: no UI code (DESIGN.md layers).",
    ),
  },
  {
    files: ["src/server/**/*.ts"],
    rules: forbid(
      ["electron", "react", "react-dom", "@mantine/*", "**/main/**", "**/renderer/**", "**/preload/**"],
      "Headless entries run without Electron and without UI (DESIGN.md layers).",
    ),
  },
);
