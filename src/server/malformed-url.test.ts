/**
 * A request line no handler can read (`GET /%E0%A4%A`: a cut percent-escape) used to leave
 * the browser-mode host's request hanging forever. Every HTTP listener — the sync node's
 * (browser mode, serving the app), its meeting listener and the team sync server — answers
 * it with 400 at once. Real processes' listeners on 127.0.0.1, a hand-written request.
 */
import net from "node:net";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseMeetingCode } from "../../shared/meeting-code";
import { startRelay } from "./relay/relay";
import { api, removeDir, startTestNode, tempDir } from "../node/test-helpers";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** Send `path` as written (no client-side checks) and resolve with the status line, or "no answer". */
function rawGet(port: number, path: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("no answer");
    }, timeoutMs);
    socket.on("data", (d: Buffer) => (text += d.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(text.split("\r\n")[0] ?? "");
    });
  });
}

describe("a malformed URL", () => {
  it("gets 400 from the sync node (browser mode), its meeting listener and the team sync server", async () => {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const app = join(dir, "app");
    await mkdir(app);
    await writeFile(join(app, "index.html"), "<!doctype html><title>Baton</title>");
    const node = await startTestNode(join(dir, "node"), { staticDir: app });
    cleanups.push(() => node.stop());
    await api(node.endpoint(), "PUT", "/api/profile", { name: "Ana", role: "rep" });
    const { documentId } = (await api<{ documentId: string }>(node.endpoint(), "POST", "/api/accounts", { name: "Acme" })).body;
    const meeting = parseMeetingCode((await node.handlers.hostMeeting({ documentId: documentId })).code)!;
    const relay = await startRelay({ dataDir: join(dir, "server"), host: "127.0.0.1", port: 0, token: "admin-token-123" });
    cleanups.push(() => relay.stop());

    for (const port of [node.port, meeting.port, relay.port]) {
      for (const path of ["/%E0%A4%A", "/%", "/api/%ZZ", "//"]) expect([port, path, await rawGet(port, path)]).toEqual([port, path, "HTTP/1.1 400 Bad Request"]);
      // And the listener keeps serving.
      expect(await rawGet(port, "/healthz")).toMatch(/^HTTP\/1\.1 (200|404)/);
    }
    expect(await rawGet(node.port, "/")).toBe("HTTP/1.1 200 OK");
  });
});
