// Bundle browser mode's server (`src/server/web.ts` and the sync node it starts) into
// `out/server/web.mjs`, as electron-vite bundles the desktop app's main process: a bundle
// starts in about half the time of compiling the TypeScript on every start with tsx.
// Packages stay external (resolved from node_modules at run time).
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
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
