/**
 * The layer rules must bite: a few lines that break them, written as if they lived in a
 * layer's folder, are run through ESLint (eslint.config.js) and through the compiler with
 * that layer's tsconfig, and each must be reported. A config loosened by mistake (a
 * global added to every file, the DOM lib given to shared/, Node's types leaking into the
 * window through a dependency) fails here. Each rule is also shown to let the layer's
 * legitimate code through, so a probe cannot pass by failing for another reason.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("ESLint layer rules", () => {
  const eslint = new ESLint({ cwd: ROOT });

  /** Rule ids ESLint reports for `code` as if it were the file at `file`. */
  async function lintRules(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
  }

  it.each([
    ["a Node global in the window", "src/renderer/probe.ts", `export const bytes = Buffer.from("x");`, "no-restricted-globals"],
    ["Node's process in the window", "src/renderer/probe.tsx", `export const env = process.env["X"];`, "no-restricted-globals"],
    ["a browser global in shared/", "shared/probe.ts", `export const width = window.innerWidth;`, "no-restricted-globals"],
    ["Node's process in shared/", "shared/probe.ts", `export const platform = process.platform;`, "no-restricted-globals"],
    ["a Node module in shared/", "shared/probe.ts", `import { readFileSync } from "node:fs";\nexport const read = readFileSync;`, "no-restricted-imports"],
    ["a browser global in the sync node", "src/node/probe.ts", `export const title = document.title;`, "no-restricted-globals"],
    ["a browser global in Electron's main", "src/main/probe.ts", `export const here = location.href;`, "no-restricted-globals"],
  ])("reports %s", async (_what, file, code, rule) => {
    expect(await lintRules(file, code)).toEqual([rule]);
  });

  it.each([
    ["the window", "src/renderer/probe.ts", `export const width = window.innerWidth;`],
    ["shared/ (Web Crypto only)", "shared/probe.ts", `export const id = globalThis.crypto.randomUUID();\nexport const bytes = crypto.getRandomValues(new Uint8Array(4));`],
    ["the sync node", "src/node/probe.ts", `export const bytes = Buffer.from(process.argv.join(" "));`],
    ["a window test (Vitest runs it in Node)", "src/renderer/probe.test.ts", `export const bytes = Buffer.from("x");`],
  ])("lets %s read its host's globals", async (_where, file, code) => {
    expect(await lintRules(file, code)).toEqual([]);
  });
});

describe("TypeScript layer programs", () => {
  /** Error codes the compiler reports for `code` as the file at `file`, under `config`. */
  function typeErrors(config: string, file: string, code: string): number[] {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (parsed === undefined) throw new Error(`cannot read ${config}`);
    // The layer's own settings, but checked on the spot: no build, no project references.
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false, incremental: false };
    const path = join(ROOT, file);
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      name === path ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === path || fileExists(name);
    // The layer's declaration files (shared/'s Web Crypto, the window's module shims) come too.
    const declarations = parsed.fileNames.filter((name) => name.endsWith(".d.ts"));
    const program = ts.createProgram({ rootNames: [...declarations, path], options, host });
    const probe = program.getSourceFile(path);
    return ts.getPreEmitDiagnostics(program, probe).map((diagnostic) => diagnostic.code);
  }

  // 2304: cannot find name; 2580/2591: ...install @types/node; 2584: ...include the 'dom' lib.
  const UNKNOWN_NAME = [2304, 2580, 2591, 2584];

  it("keeps Node's types out of the window, also through automerge-repo's WebSocket client", () => {
    const code = `import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket";
export const adapter = new WebSocketClientAdapter("ws://127.0.0.1:1");
export const bytes = Buffer.from("x");`;
    const errors = typeErrors("tsconfig.renderer.json", "src/renderer/probe.ts", code);
    expect(errors).toHaveLength(1);
    expect(UNKNOWN_NAME).toContain(errors[0]);
  });

  it("gives shared/ neither the DOM nor Node, only Web Crypto's random values", () => {
    expect(typeErrors("tsconfig.shared.json", "shared/probe.ts", "export const id = globalThis.crypto.randomUUID();")).toEqual([]);
    const errors = typeErrors("tsconfig.shared.json", "shared/probe.ts", "export const here = [window.location, process.platform];");
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(UNKNOWN_NAME).toContain(error);
  });

  it("gives the sync node Node and not the DOM", () => {
    expect(typeErrors("tsconfig.node.json", "src/node/probe.ts", `export const bytes = Buffer.from("x");`)).toEqual([]);
    const errors = typeErrors("tsconfig.node.json", "src/node/probe.ts", "export const title = document.title;");
    expect(errors).toHaveLength(1);
    expect(UNKNOWN_NAME).toContain(errors[0]);
  });
});
