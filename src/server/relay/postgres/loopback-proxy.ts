/**
 * A TCP proxy on 127.0.0.1 for fault tests: a relay reaches PostgreSQL through it, and the
 * test cuts the link the way a network does, not the way a server does. `cut()` stops
 * forwarding in both directions without closing anything (bytes wait in the sockets'
 * buffers, new connections are accepted and left hanging): to both ends the peer has gone
 * silent. `restore()` forwards again, what waited included, as TCP would after a
 * partition heals.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export interface LoopbackProxy {
  url: string;
  port: number;
  cut(): void;
  restore(): void;
  stop(): Promise<void>;
}

/** A proxy to `target` (a postgres:// URL on loopback); `url` is the same URL through the proxy. */
export async function startLoopbackProxy(target: string): Promise<LoopbackProxy> {
  const to = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  const waiting = new Set<Socket>();
  const closedWhileCut = new Set<[Socket, Socket]>();
  let open = true;
  const pipe = (client: Socket) => {
    const upstream = connect(Number(to.port), to.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    // While cut, one side closing tells the other nothing (no FIN crosses a dead link); it
    // learns when the link is back.
    const end = () => {
      if (!open) return void closedWhileCut.add(pair);
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  };
  const server: Server = createServer((client) => {
    if (open) return pipe(client);
    client.on("error", () => client.destroy());
    waiting.add(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.toString(),
    port,
    cut() {
      open = false;
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    restore() {
      open = true;
      for (const pair of closedWhileCut) {
        pairs.delete(pair);
        for (const s of pair) s.destroy();
      }
      closedWhileCut.clear();
      for (const [a, b] of pairs) {
        a.pipe(b);
        b.pipe(a);
        a.resume();
        b.resume();
      }
      for (const client of waiting) if (!client.destroyed) pipe(client);
      waiting.clear();
    },
    async stop() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      for (const c of waiting) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
