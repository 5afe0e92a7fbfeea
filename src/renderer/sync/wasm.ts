/**
 * Automerge's wasm must be initialised before any document is touched. The renderer
 * fetches the .wasm file next to its scripts, so the browser compiles it while it
 * streams in (and caches the compiled code) — decoding the same bytes from a base64
 * string held up start-up by about a third of a second. Only the "slim" entries of
 * automerge and automerge-repo are imported anywhere in the renderer.
 */
import { initializeWasm } from "@automerge/automerge/slim";
import wasmUrl from "@automerge/automerge/automerge.wasm?url";

let ready: Promise<void> | null = null;

export function initAutomerge(): Promise<void> {
  ready ??= initializeWasm(wasmUrl).catch((e: unknown) => {
    ready = null;
    throw new Error(`Baton could not load its document engine (${wasmUrl}): ${e instanceof Error ? e.message : String(e)}`);
  });
  return ready;
}
