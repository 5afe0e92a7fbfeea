/**
 * The preload bridge: the one object Electron's preload exposes to the renderer with
 * `contextBridge`. Browser mode has no bridge; the renderer then asks the host page.
 */
import type { Endpoint } from "./api";

/** A desktop notification for a reminder (plain text; main shows it and focuses the window on click). */
export interface ReminderNotification {
  title: string;
  body: string;
}

/** Longest notification title and body main accepts, in characters. */
export const NOTIFICATION_LIMITS = { title: 120, body: 400 } as const;

export interface BatonBridge {
  /** Where the sync node of this window listens. */
  endpoint(): Promise<Endpoint>;
  /** Show a desktop notification through the main process (reminders). */
  notify(notification: ReminderNotification): Promise<void>;
  /** "electron" in the desktop app. */
  readonly platform: "electron";
}

/** The name under which the bridge appears on `window`. */
export const BRIDGE_KEY = "baton";
