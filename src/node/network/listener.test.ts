import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { HardenedServerAdapter, type PeerGrant } from "./hardened-server-adapter.js";
import { sameToken, startListener, tokenFrom, type Listener } from "./listener.js";

const TOKEN = "correct-horse-battery-staple";
const RENDERER: PeerGrant = { kind: "renderer", label: "this window" };

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

async function listen(onHttpRequest?: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{
  listener: Listener;
  adapter: HardenedServerAdapter;
  seen: Array<string | undefined>;
}> {
  const adapter = new HardenedServerAdapter();
  const seen: Array<string | undefined> = [];
  const listener = await startListener({
    host: "127.0.0.1",
    port: 0,
    adapter,
    authorize: (token) => {
      seen.push(token);
      return sameToken(token, TOKEN) ? RENDERER : undefined;
    },
    onHttpRequest,
  });
  open.push(listener);
  return { listener, adapter, seen };
}

/** Opens a ws client and reports either "open" or the refused status code and body. */
function attempt(url: string, headers: Record<string, string> = {}): Promise<{ opened: true } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on("error", (error) => {
      // 'unexpected-response' handles refusals; anything else is a real failure.
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** A hand-written HTTP upgrade request; resolves with the status line's code and the body. */
function rawUpgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port,
      path,
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": Buffer.from("0123456789abcdef").toString("base64"),
        ...headers,
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: "" });
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A throwaway self-signed certificate for 127.0.0.1, or undefined when openssl is missing. */
function selfSignedCert(): { cert: string; key: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "baton-tls-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
      { stdio: "ignore" },
    );
    return { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("tokenFrom / sameToken", () => {
  const req = (url: string, authorization?: string): http.IncomingMessage =>
    ({ url, headers: authorization === undefined ? {} : { authorization } }) as http.IncomingMessage;

  it("reads the query form and the bearer form, the header winning", () => {
    expect(tokenFrom(req("/?token=abc"))).toBe("abc");
    expect(tokenFrom(req("/sync?x=1&token=a%20b"))).toBe("a b");
    expect(tokenFrom(req("/", "Bearer xyz"))).toBe("xyz");
    expect(tokenFrom(req("/", "bearer   xyz  "))).toBe("xyz");
    expect(tokenFrom(req("/?token=abc", "Bearer xyz"))).toBe("xyz");
    expect(tokenFrom(req("/"))).toBeUndefined();
    expect(tokenFrom(req("/?token="))).toBeUndefined();
    expect(tokenFrom(req("/", "Basic dXNlcjpwdw=="))).toBeUndefined();
  });

  it("compares tokens, never matching a missing or empty one", () => {
    expect(sameToken("a", "a")).toBe(true);
    expect(sameToken("a", "b")).toBe(false);
    expect(sameToken("a", "aa")).toBe(false);
    expect(sameToken(undefined, "a")).toBe(false);
    expect(sameToken("", "")).toBe(false);
    expect(sameToken(undefined, undefined)).toBe(false);
  });
});

describe("startListener", () => {
  it("reports a ws:// URL on 127.0.0.1 with the ephemeral port", async () => {
    const { listener } = await listen();
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.url).toBe(`ws://127.0.0.1:${listener.port}`);
  });

  it("refuses upgrades without a token or with a wrong one, in both forms (ws client)", async () => {
    const { listener, seen } = await listen();
    expect(await attempt(`${listener.url}/`)).toEqual({ status: 401, body: "missing token\n" });
    expect(await attempt(`${listener.url}/?token=wrong`)).toEqual({ status: 401, body: "invalid token\n" });
    expect(await attempt(`${listener.url}/`, { Authorization: "Bearer wrong" })).toEqual({
      status: 401,
      body: "invalid token\n",
    });
    expect(await attempt(`${listener.url}/`, { Authorization: "Bearer" })).toEqual({ status: 401, body: "missing token\n" });
    expect(seen).toEqual([undefined, "wrong", "wrong", undefined]);
  });

  it("accepts the right token in either form", async () => {
    const { listener } = await listen();
    expect(await attempt(`${listener.url}/?token=${TOKEN}`)).toEqual({ opened: true });
    expect(await attempt(`${listener.url}/`, { Authorization: `Bearer ${TOKEN}` })).toEqual({ opened: true });
  });

  it("refuses a raw HTTP upgrade with 401 and a plain-text reason, and never switches protocols", async () => {
    const { listener } = await listen();
    expect(await rawUpgrade(listener.port, "/")).toEqual({ status: 401, body: "missing token\n" });
    expect(await rawUpgrade(listener.port, "/?token=nope")).toEqual({ status: 401, body: "invalid token\n" });
    expect(await rawUpgrade(listener.port, "/", { Authorization: "Bearer nope" })).toEqual({
      status: 401,
      body: "invalid token\n",
    });
    expect((await rawUpgrade(listener.port, `/?token=${TOKEN}`)).status).toBe(101);
  });

  it("answers an authorize() that throws with 500, and keeps serving", async () => {
    const adapter = new HardenedServerAdapter();
    const listener = await startListener({
      host: "127.0.0.1",
      port: 0,
      adapter,
      authorize: () => {
        throw new Error("boom");
      },
    });
    open.push(listener);
    expect(await rawUpgrade(listener.port, `/?token=${TOKEN}`)).toEqual({ status: 500, body: "authorization failed\n" });
    expect(await rawUpgrade(listener.port, `/?token=${TOKEN}`)).toEqual({ status: 500, body: "authorization failed\n" });
  });

  it("answers plain HTTP with 404 by default", async () => {
    const { listener } = await listen();
    const res = await fetch(`http://127.0.0.1:${listener.port}/healthz`);
    expect(res.status).toBe(404);
  });

  it("hands every plain HTTP request to onHttpRequest", async () => {
    const { listener } = await listen((req, res) => {
      if (req.url === "/healthz") res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      else if (req.url?.startsWith("/api/") && sameToken(tokenFrom(req), TOKEN)) res.writeHead(200).end("secret");
      else if (req.url?.startsWith("/api/")) res.writeHead(401).end();
      else throw new Error("handler bug");
    });
    const base = `http://127.0.0.1:${listener.port}`;
    expect(await (await fetch(`${base}/healthz`)).text()).toBe("ok");
    expect((await fetch(`${base}/api/x`)).status).toBe(401);
    expect(await (await fetch(`${base}/api/x`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text()).toBe("secret");
    expect((await fetch(`${base}/other`)).status).toBe(500);
  });

  it("close() terminates open sockets and stops listening", async () => {
    const { listener } = await listen();
    const ws = new WebSocket(`${listener.url}/?token=${TOKEN}`);
    await new Promise((resolve) => ws.once("open", resolve));
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await listener.close();
    expect(await closed).toBe(1006);
    await expect(fetch(`http://127.0.0.1:${listener.port}/`)).rejects.toThrow();
    await listener.close(); // idempotent
  });

  const tls = selfSignedCert();
  it.skipIf(tls === undefined)("serves wss:// with TLS, with the same token rule (skipped without openssl)", async () => {
    if (tls === undefined) return;
    const listener = await startListener({
      host: "127.0.0.1",
      port: 0,
      adapter: new HardenedServerAdapter(),
      authorize: (token) => (sameToken(token, TOKEN) ? RENDERER : undefined),
      tls,
    });
    open.push(listener);
    expect(listener.url).toBe(`wss://127.0.0.1:${listener.port}`);
    const connect = (token: string): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${listener.url}/?token=${token}`, { ca: tls.cert });
        ws.on("open", () => {
          ws.close();
          resolve("open");
        });
        ws.on("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
        ws.on("error", (error) => {
          if (!/Unexpected server response/.test(error.message)) resolve(error.message);
        });
      });
    expect(await connect(TOKEN)).toBe("open");
    expect(await connect("wrong")).toBe("401");
  });
});
