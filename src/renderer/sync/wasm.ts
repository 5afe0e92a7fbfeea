/**
 * Automerge's wasm must be initialised before any document is touched. Vite 8
 * (rolldown) has no wasm plugin, so the renderer loads the base64 build; only the
 * "slim" entries of automerge and automerge-repo are imported anywhere in the renderer.
 */
import { initializeBase64Wasm } from "@automerge/automerge/slim";
import { automergeWasmBase64 } from "@automerge/automerge/automerge.wasm.base64";

let ready: Promise<void> | null = null;

export function initAutomerge(): Promise<void> {
  ready ??= initializeBase64Wasm(automergeWasmBase64);
  return ready;
}
