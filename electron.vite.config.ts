import { resolve } from "node:path";
import { defineConfig } from "electron-vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  main: {
    build: {
      outDir: "out/main",
      lib: { entry: resolve(__dirname, "src/main/index.ts") },
    },
  },
  preload: {
    build: {
      outDir: "out/preload",
      lib: { entry: resolve(__dirname, "src/preload/index.ts"), formats: ["cjs"] },
      rollupOptions: { output: { entryFileNames: "[name].cjs" } },
    },
  },
  renderer: {
    root: resolve(__dirname, "src/renderer"),
    plugins: [react()],
    // automerge-repo's logger, silent in the window: the real one reads localStorage as it loads.
    resolve: { alias: { debug: resolve(__dirname, "src/renderer/sync/silent-debug.ts") } },
    build: {
      outDir: resolve(__dirname, "out/renderer"),
      // Smaller script, parsed faster at every start (electron-vite leaves it unminified).
      minify: process.env.BATON_NO_MINIFY ? false : true,
      // One bundle read from the local disk, Automerge's wasm included: its size is measured by `npm run bench`, not warned about.
      chunkSizeWarningLimit: 4096,
      // All styles in one file linked from index.html, so the window's script (loaded by the
      // small entry, src/renderer/main.tsx) never waits for its CSS to be fetched.
      cssCodeSplit: false,
      rollupOptions: { input: resolve(__dirname, "src/renderer/index.html") },
    },
  },
});
