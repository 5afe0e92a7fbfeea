// Bundle browser mode's server (`src/server/web.ts` and the sync node it starts) into
// `out/server/web.mjs`, as electron-vite bundles the desktop app's main process: a bundle
// starts in about half the time of compiling the TypeScript on every start with tsx.
// Packages are bundled too: resolving and compiling ~20 of them one by one from
// node_modules was ~60 ms of a 480 ms start, and automerge-repo's ~60 files another ~60 ms
// of 365. Only Automerge itself stays external: it finds its wasm beside its own files, and
// every import of it (Baton's, automerge-repo's) is then the one instance with that wasm.
// The banner gives bundled CommonJS packages `require`.
import { build } from "esbuild";
import { join } from "node:path";

export const root = new URL("..", import.meta.url).pathname;
export const serverBundle = join(root, "out/server/web.mjs");

export async function buildServer() {
  await build({
    entryPoints: [join(root, "src/server/web.ts")],
    outfile: serverBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["@automerge/automerge", "@automerge/automerge/*"],
    banner: { js: 'import { createRequire as baton_createRequire } from "node:module"; const require = baton_createRequire(import.meta.url);' },
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
