/**
 * A window that crashed or hangs offers to reload (Electron leaves it blank or frozen).
 * Nothing is lost by reloading: the sync node holds every edit shown as saved, and the
 * window reconnects to it.
 */
import { WORDS } from "./words";

export interface ReloadPrompt {
  message: string;
  buttons: string[];
  /** The index of the button that reloads. */
  reload: number;
}

/** What to ask after `render-process-gone` (null: the window closed normally, nothing to ask). */
export function gonePrompt(reason: string): ReloadPrompt | null {
  if (reason === "clean-exit") return null;
  const why: Record<string, string> = { crashed: "it crashed", oom: "it ran out of memory", "launch-failed": "it could not start", killed: "it was ended from outside", abnormal: "it stopped unexpectedly", "integrity-failure": "its code failed an integrity check", "memory-eviction": "the system reclaimed its memory" };
  return { message: WORDS.crashed.gone(why[reason] ?? reason), buttons: [WORDS.crashed.reload, WORDS.crashed.close], reload: 0 };
}

/** What to ask after `unresponsive`. */
export function hungPrompt(): ReloadPrompt {
  return { message: WORDS.crashed.hung, buttons: [WORDS.crashed.wait, WORDS.crashed.reload], reload: 1 };
}
