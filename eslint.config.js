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

/**
 * Build a no-restricted-globals rule that forbids reading the given globals. typescript-eslint
 * turns `no-undef` off for TypeScript (the compiler checks names), so a layer's `globals`
 * alone would not stop `Buffer` in the window: this rule does, next to the layer's tsconfig.
 */
function forbidGlobals(names, why) {
  return { "no-restricted-globals": ["error", ...names.map((name) => ({ name, message: why }))] };
}

const TESTS = ["**/*.test.ts", "**/*.test.tsx"];
const ecmaScript = new Set(Object.keys(globals.builtin));
/** Globals of `host` that are neither ECMAScript's nor in any of `others`. */
const only = (host, ...others) => Object.keys(host).filter((name) => !ecmaScript.has(name) && !others.some((other) => name in other));
/** The one host global shared/ may read (see shared/web-crypto.d.ts). */
const sharedGlobals = { crypto: "readonly" };

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/data/**", ".scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },

  // Which globals each folder's code runs with: the browser for the window, Node for the
  // sync node, Electron's main and preload and the tools, neither for the domain.
  { files: ["shared/**"], languageOptions: { globals: sharedGlobals } },
  { files: ["src/renderer/**"], languageOptions: { globals: globals.browser } },
  { files: ["src/node/**", "src/server/**", "src/main/**", "src/preload/**"], languageOptions: { globals: globals.node } },
  { ignores: ["shared/**", "src/**"], languageOptions: { globals: globals.node } },
  // Playwright runs these callbacks in the page.
  { files: ["e2e/**", "bench/**"], languageOptions: { globals: globals.browser } },
  // Vitest runs every test in Node, the window's too.
  { files: TESTS, languageOptions: { globals: globals.node } },

  {
    files: ["shared/**"],
    ignores: TESTS,
    rules: forbidGlobals(
      only({ ...globals.browser, ...globals.node }, sharedGlobals),
      "shared/ is the pure domain: no browser or Node globals (DESIGN.md layers).",
    ),
  },
  {
    files: ["src/renderer/**"],
    ignores: TESTS,
    rules: forbidGlobals(only(globals.node, globals.browser), "The renderer is a browser page: no Node globals (DESIGN.md layers)."),
  },
  {
    files: ["src/node/**", "src/server/**", "src/main/**", "src/preload/**"],
    ignores: TESTS,
    rules: forbidGlobals(only(globals.browser, globals.node), "Node code has no browser globals (DESIGN.md layers)."),
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
