/**
 * Presence and live edits travel as ephemeral messages across more than one hop
 * (window → this laptop's node → the other laptop's node → its window), and automerge-repo
 * forwards them with the originator's senderId. The hardened listener and the link client
 * take a forwarded ephemeral message as coming from the neighbour that sent it — before,
 * the listener cut the connection ("senderId does not match") and the link dropped it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { LinkClientAdapter } from "../links/link-client-adapter.js";
import { HardenedServerAdapter, type PeerGrant } from "./hardened-server-adapter.js";
import { sameToken, startListener } from "./listener.js";
import { eventually, startRelay, stockClient } from "./test-support.js";

const grant: PeerGrant = { kind: "team-member", label: "team" };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe("ephemeral messages forwarded across two nodes", () => {
  it("reach the window on the other side, both ways, and the link stays up", async () => {
    // Two "nodes": the host behind a hardened listener, the guest linking to it with the link client.
    const host = await startRelay({ secret: grant });
    cleanups.push(() => host.close());
    const link = new LinkClientAdapter({ url: host.urlFor("secret"), token: "secret", name: "guest", minRetryMs: 100, maxRetryMs: 200 });
    const guestAdapter = new HardenedServerAdapter();
    const guestNode = new Repo({ network: [guestAdapter, link], peerId: "guest-node" as PeerId });
    const guestListener = await startListener({ host: "127.0.0.1", port: 0, adapter: guestAdapter, authorize: (t) => (sameToken(t, "secret") ? grant : undefined) });
    cleanups.push(() => guestListener.close(), () => guestNode.shutdown());
    const guest = { urlFor: (t: string) => `${guestListener.url}/?token=${encodeURIComponent(t)}` };
    // One window on each node.
    const hostWindow = stockClient(host.urlFor("secret"), "host-window");
    const guestWindow = stockClient(guest.urlFor("secret"), "guest-window");
    cleanups.push(() => hostWindow.shutdown(), () => guestWindow.shutdown());

    const onHost = hostWindow.create<{ title: string }>({ title: "Northwind" });
    await eventually(() => host.adapter.connectedPeers().length === 2, 5000, "the window and the guest node on the host");
    const onGuest = await guestWindow.find<{ title: string }>(onHost.url);
    expect(onGuest.doc().title).toBe("Northwind");

    const heardOnHost: unknown[] = [];
    const heardOnGuest: unknown[] = [];
    onHost.on("ephemeral-message", ({ message }) => heardOnHost.push(message));
    onGuest.on("ephemeral-message", ({ message }) => heardOnGuest.push(message));
    await eventually(
      () => {
        onGuest.broadcast({ type: "baton/presence", from: "guest" });
        onHost.broadcast({ type: "baton/presence", from: "host" });
        return heardOnHost.length > 0 && heardOnGuest.length > 0;
      },
      5000,
      "presence to cross both ways",
    );
    expect(heardOnHost[0]).toEqual({ type: "baton/presence", from: "guest" });
    expect(heardOnGuest[0]).toEqual({ type: "baton/presence", from: "host" });
    expect(link.state.state).toBe("connected");
    expect(host.adapter.connectedPeers().length).toBe(2);
  });

  it("are let in once per node when three nodes are linked in a ring (two laptops and the team server)", async () => {
    // Node A: a hardened listener. Nodes B and C: a listener each, and links: B → A, C → A, C → B.
    const node = async (name: string, linksTo: { urlFor(t: string): string }[]) => {
      const adapter = new HardenedServerAdapter();
      const links = linksTo.map((to) => new LinkClientAdapter({ url: to.urlFor("secret"), token: "secret", name, minRetryMs: 100, maxRetryMs: 200 }));
      const repo = new Repo({ network: [adapter, ...links], peerId: `${name}-node` as PeerId });
      const listener = await startListener({ host: "127.0.0.1", port: 0, adapter, authorize: (t) => (sameToken(t, "secret") ? grant : undefined) });
      cleanups.push(() => listener.close(), () => repo.shutdown());
      return { repo, adapter, links, urlFor: (t: string) => `${listener.url}/?token=${encodeURIComponent(t)}` };
    };
    const a = await node("a", []);
    const b = await node("b", [a]);
    const c = await node("c", [a, b]);
    await eventually(() => [...b.links, ...c.links].every((l) => l.state.state === "connected"), 5000, "the ring to close");
    const windowA = stockClient(a.urlFor("secret"), "window-a");
    const windowC = stockClient(c.urlFor("secret"), "window-c");
    cleanups.push(() => windowA.shutdown(), () => windowC.shutdown());
    const onA = windowA.create<{ title: string }>({ title: "Ring" });
    const onC = await windowC.find<{ title: string }>(onA.url);
    await eventually(() => c.repo.handles[onA.documentId] !== undefined && b.repo.handles[onA.documentId] !== undefined, 5000, "every node to hold the account");

    const onNodeB = b.repo.handles[onA.documentId]!;
    let atB = 0;
    let atC = 0;
    onNodeB.on("ephemeral-message", () => atB++);
    onC.on("ephemeral-message", () => atC++);
    // Broadcast until one arrives (the ring may still be settling); count every one sent, since
    // on a busy machine several can be on their way before the first arrives.
    let sent = 0;
    await eventually(
      () => {
        if (atC === 0) {
          onA.broadcast({ type: "baton/presence", n: sent });
          sent++;
        }
        return atC > 0;
      },
      5000,
      "presence to reach the window on C",
    );
    await eventually(() => atC >= sent, 5000, "every broadcast to reach C");
    await new Promise((r) => setTimeout(r, 600));
    // Each broadcast reaches each node once (a copy coming round the ring is dropped): no storm.
    expect(atB).toBeLessThanOrEqual(sent);
    expect(atC).toBe(sent);
  });
});
