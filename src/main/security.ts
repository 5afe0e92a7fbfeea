/**
 * Electron hardening (Electron's security checklist): a strict CSP on every response we
 * serve, no navigation, no new windows, no webviews, no permissions, and IPC answered
 * only for frames of our own origin.
 */
import { app, session, type IpcMainInvokeEvent, type WebContents } from "electron";
import { APP_ORIGIN } from "../../shared/ipc";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** True when an IPC call comes from a frame of the app itself. */
export function isTrustedSender(event: IpcMainInvokeEvent, devUrl?: string): boolean {
  const url = event.senderFrame?.url ?? "";
  return url.startsWith(`${APP_ORIGIN}/`) || (devUrl !== undefined && url.startsWith(devUrl));
}

function lockDown(contents: WebContents): void {
  contents.on("will-navigate", (event) => event.preventDefault());
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
}

/** Apply the app-wide rules once, before any window exists. */
export function hardenApp(): void {
  app.on("web-contents-created", (_event, contents) => lockDown(contents));
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
