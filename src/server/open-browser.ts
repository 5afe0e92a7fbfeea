/**
 * Open an address in the person's default browser (`npm start` in browser mode). Never
 * fails: with no browser, no display or no opener the address printed in the terminal is
 * still there to open by hand.
 */
import { spawn } from "node:child_process";

/** The command that opens `url` on this platform, or null where there is nothing to open it with. */
export function browserCommand(url: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { command: string; args: string[] } | null {
  if (platform === "darwin") return { command: "open", args: [url] };
  // `start` is a cmd built-in; its first quoted argument is the window title.
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url.replace(/&/g, "^&")] };
  // Without a display, xdg-open falls back to a text browser that would take over this terminal.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: "xdg-open", args: [url] };
}

/** True when an opener was started (it may still find no browser). */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  const c = browserCommand(url, platform, env);
  if (!c) return false;
  try {
    const child = spawn(c.command, c.args, { stdio: "ignore", detached: true, windowsHide: true });
    child.on("error", () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
