import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "./static-files";

describe("the renderer's files in browser mode", () => {
  let dir: string;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "baton-static-"));
    await mkdir(join(dir, "assets"));
    await writeFile(join(dir, "index.html"), "<!doctype html><title>Baton</title>");
    await writeFile(join(dir, "assets", "window-abc123.js"), "console.log(1);");
    await writeFile(join(dir, "assets", "automerge-abc123.wasm"), new Uint8Array([0, 97, 115, 109]));
    await writeFile(join(dir, "icon.png"), new Uint8Array([1, 2, 3]));
    server = http.createServer((req, res) => void serveStatic(dir, req, res, { "X-Content-Type-Options": "nosniff" }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it("asks for the page anew at every start, so a new build is picked up at once", async () => {
    for (const path of ["/", "/index.html", "/accounts/unknown"]) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("<title>Baton</title>");
    }
  });

  it("lets the browser keep the hashed scripts and the engine for good, with their compiled code", async () => {
    const script = await fetch(`${base}/assets/window-abc123.js`);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const engine = await fetch(`${base}/assets/automerge-abc123.wasm`);
    expect(engine.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // Streaming compilation (and its code cache) needs exactly this type.
    expect(engine.headers.get("content-type")).toBe("application/wasm");
  });

  it("answers a script of an older build with the page, never cached (a window left open across an update)", async () => {
    const res = await fetch(`${base}/assets/window-oldhash.js`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toContain("<title>Baton</title>");
  });

  it("keeps a file without a hash in its name for an hour only", async () => {
    const res = await fetch(`${base}/icon.png`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("serves nothing outside its folder", async () => {
    const outside = join(dir, "..", `${dir.split("/").pop() ?? ""}-secret.txt`);
    await writeFile(outside, "secret");
    try {
      const name = encodeURIComponent(`../${outside.split("/").pop() ?? ""}`);
      const res = await fetch(`${base}/${name}`);
      expect(await res.text()).not.toContain("secret");
    } finally {
      await rm(outside, { force: true });
    }
  });
});
