/**
 * The preload bridge: the one object Electron's preload exposes to the renderer with
 * `contextBridge`. Browser mode has no bridge; the renderer then asks the host page.
 */
import type { Endpoint } from "./api";

export interface BatonBridge {
  /** Where the sync node of this window listens. */
  endpoint(): Promise<Endpoint>;
  /** "electron" in the desktop app. */
  readonly platform: "electron";
}

/** The name under which the bridge appears on `window`. */
export const BRIDGE_KEY = "baton";
