/**
 * Serves the built renderer from `baton://app/` instead of file:// — a real origin the
 * sync node can allow by name, with our CSP on every response (Electron recommends a
 * custom protocol over file://).
 */
import { protocol } from "electron";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { CONTENT_SECURITY_POLICY } from "./security";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/**
 * Must run before `app.whenReady()`. `codeCache`: Chromium keeps compiled scripts only for
 * http(s) unless a scheme asks for it, so without it every launch parses and compiles the
 * window's 1.3 MB script again (browser mode gets it from its http origin).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: "baton", privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** Serve files of `root` on baton://app/. */
export function serveRenderer(root: string): void {
  protocol.handle("baton", async (request) => {
    const url = new URL(request.url);
    if (url.host !== "app") return new Response("Not found", { status: 404 });
    const rel = normalize(decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)).replace(/^([/\\])+/, "");
    const file = join(root, rel);
    if (!file.startsWith(root + sep)) return new Response("Forbidden", { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  });
}
