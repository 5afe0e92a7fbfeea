/** Serves the built renderer in browser mode (the same files Electron loads). */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type http from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

/**
 * index.html is asked for anew at every start, so a new build is picked up at once. What it
 * names under assets/ carries its content's hash in its file name, so the browser may keep
 * it for good: a copy that never needs a new answer from us also keeps the compiled code the
 * browser caches beside it (its V8 code cache is dropped when the file is fetched again).
 */
function cacheControl(root: string, target: string): string {
  if (target === join(root, "index.html")) return "no-store";
  return target.startsWith(join(root, "assets") + sep) ? "public, max-age=31536000, immutable" : "public, max-age=3600";
}

/** Serve a file from `root`; unknown paths get index.html (hash routing needs only "/"). */
export async function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string>): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const rel = normalize(pathname === "/" ? "/index.html" : pathname).replace(/^([/\\])+/, "");
  const file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  let target = file;
  try {
    if (!(await stat(target)).isFile()) target = join(root, "index.html");
  } catch {
    target = join(root, "index.html");
  }
  try {
    const info = await stat(target);
    res.writeHead(200, {
      ...headers,
      "Content-Type": TYPES[extname(target)] ?? "application/octet-stream",
      "Content-Length": String(info.size),
      "Cache-Control": cacheControl(root, target),
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(target).pipe(res);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("The app is not built. Run `npm run build` first.\n");
  }
}
