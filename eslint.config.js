// Layer rules from DESIGN.md, enforced here so CI fails on a violation.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const RENDERER_WHY = "The renderer is a browser view: no node:, no electron, no sync-node code (DESIGN.md layers).";
const nodeBuiltins = ["node:*", "fs", "fs/*", "path", "os", "http", "https", "net", "child_process", "crypto", "url", "stream", "events", "worker_threads", "dgram", "tls"];

/** What no renderer file may import. */
const RENDERER_OUTER = [...nodeBuiltins, "electron", "ws", "**/node/**", "**/main/**", "**/server/**", "**/preload/**"];

/** The window's features, one folder each (src/renderer/). */
const FEATURES = ["account", "accounts", "follow-ups", "meeting", "settings", "profile", "today", "reminders", "transfer"];

/**
 * The renderer's own layers: files under `files` may not import the renderer folders
 * `above` (matched on relative paths, so shared/account never counts as the feature account/).
 * It keeps the outer layer rule of the renderer (no node:, no electron) in the same config.
 */
function rendererFloor(files, above, why) {
  return [
    {
      files: [files.endsWith("**") ? `${files}/*.{ts,tsx}` : files],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              { regex: `^(\\.\\./)+(${above.join("|")})(/|$)`, message: why },
              ...RENDERER_OUTER.map((group) => ({ group: [group], message: RENDERER_WHY })),
            ],
          },
        ],
      },
    },
  ];
}

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
    rules: forbid(RENDERER_OUTER, RENDERER_WHY),
  },
  // The renderer's own floor plan, bottom to top: words → ui (the kit) → sync → document (the
  // open account's session) → damage → features → app (the shell). Nothing imports upwards.
  ...rendererFloor("src/renderer/words/**", ["ui", "sync", "document", "damage", ...FEATURES, "app"], "words/ holds the words shown to people: it depends on nothing else of the window."),
  ...rendererFloor("src/renderer/ui/**", ["sync", "document", "damage", ...FEATURES, "app"], "ui/ is the kit: fields, rows, notices, route. It knows no feature, no session and no node."),
  ...rendererFloor("src/renderer/sync/**", ["document", "damage", ...FEATURES, "app"], "sync/ is the link to this device's node: it knows no open account and no feature."),
  ...rendererFloor("src/renderer/document/**", ["damage", ...FEATURES, "app"], "document/ is the open account's session: features read it, it reads no feature."),
  ...rendererFloor("src/renderer/damage/**", [...FEATURES, "app"], "damage/ shows damaged parts inside features: it imports none of them."),
  ...rendererFloor(`src/renderer/{${FEATURES.join(",")}}/**`, ["app"], "Features never import the app shell: the shell composes them (app/)."),
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
