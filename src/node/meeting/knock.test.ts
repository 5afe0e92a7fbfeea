/**
 * Joining a meeting found nearby, between real sync nodes on loopback: the guest's node
 * hears the host's announcement, knocks, the host sees the knock in its status and lets
 * the guest in (or turns them away, or ends the meeting); the secret never crosses mDNS;
 * the door's limits hold against strangers.
 */
import dgram from "node:dgram";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { DocumentId } from "@automerge/automerge-repo";
import type { AccountDoc, HostedMeeting, JoinedMeeting, NearbyMeetings, NodeStatus } from "../../../shared";
import { addCommitment, changeMessage, commitmentsOf } from "../../../shared";
import { parseMeetingCode } from "../../../shared/meeting-code";
import type { SyncNode } from "../sync-node";
import { api, eventually, removeDir, startTestNode, tempDir, TEST_MDNS_PORT } from "../test-helpers";
import { MDNS_GROUP } from "./discovery";
import { Door, MAX_KNOCKS } from "./door";
import { JoinError, knockOnDoor } from "./meeting-guest";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

// Each test on its own mDNS port of this process's ten (test-helpers.ts), so no test hears another's meetings.
let nextPort = TEST_MDNS_PORT + 1;

async function laptops(...people: Array<[string, "rep" | "delivery-lead"]>): Promise<{ nodes: SyncNode[]; port: number }> {
  const port = nextPort++;
  const nodes: SyncNode[] = [];
  for (const [name, role] of people) {
    const dir = await tempDir();
    cleanups.push(() => removeDir(dir));
    const n = await startTestNode(dir, { mdnsPort: port });
    cleanups.push(() => n.stop());
    expect((await api(n.endpoint(), "PUT", "/api/profile", { name, role })).status).toBe(200);
    nodes.push(n);
  }
  return { nodes, port };
}

/** Every mDNS packet on the test's port, as raw bytes. */
async function capture(port: number): Promise<Buffer[]> {
  const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
  const packets: Buffer[] = [];
  socket.on("message", (msg) => packets.push(msg));
  await new Promise<void>((resolve) => socket.bind(port, "0.0.0.0", () => resolve()));
  socket.addMembership(MDNS_GROUP, "127.0.0.1");
  cleanups.push(() => new Promise((r) => socket.close(() => r())));
  return packets;
}

async function hostAccount(rep: SyncNode, name: string): Promise<{ documentId: string; hosted: HostedMeeting }> {
  const { body } = await api<{ documentId: string }>(rep.endpoint(), "POST", "/api/accounts", { name });
  const hosted = await api<HostedMeeting>(rep.endpoint(), "POST", "/api/meeting/host", { documentId: body.documentId });
  expect(hosted.status).toBe(200);
  return { documentId: body.documentId, hosted: hosted.body };
}

async function findNearby(guest: SyncNode, accountName: string) {
  return eventually(async () => {
    const { body } = await api<NearbyMeetings>(guest.endpoint(), "GET", "/api/meeting/nearby");
    return body.meetings.find((m) => m.accountName === accountName);
  }, 10_000, `${accountName} nearby`);
}

async function knocksOn(host: SyncNode) {
  return (await api<NodeStatus>(host.endpoint(), "GET", "/api/status")).body.hosting?.knocks ?? [];
}

async function addCommitmentOn(n: SyncNode, documentId: string, text: string) {
  const handle = await n.repo.find<AccountDoc>(documentId as DocumentId);
  const by = { id: "p-" + text, name: "Tester" };
  handle.change((d) => addCommitment(d, { id: crypto.randomUUID(), text, by, at: new Date().toISOString() }), { message: changeMessage(by, "Added a commitment") });
}

async function texts(n: SyncNode, documentId: string): Promise<string[]> {
  const handle = await n.repo.find<AccountDoc>(documentId as DocumentId);
  return commitmentsOf(handle.doc()).map((c) => c.text).sort();
}

/** POST to a meeting listener's door as a stranger would, from a chosen loopback address. */
function post(where: string, body: string | Buffer, from = "127.0.0.1"): Promise<{ status: number; body: string }> {
  const [host, port] = where.split(":");
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), path: "/knock", method: "POST", localAddress: from, headers: { "Content-Type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("a meeting found nearby", () => {
  it("is listed on the guest's laptop; the guest knocks, the host lets them in, and the account syncs — the secret never crosses mDNS", async () => {
    const { nodes, port } = await laptops(["Ana", "rep"], ["Dana", "delivery-lead"]);
    const [rep, lead] = nodes as [SyncNode, SyncNode];
    const packets = await capture(port);
    const { documentId, hosted } = await hostAccount(rep, "Acme");
    expect(hosted).toMatchObject({ advertised: true, knocks: [] });
    await addCommitmentOn(rep, documentId, "from rep");

    const nearby = await findNearby(lead, "Acme");
    expect(nearby).toMatchObject({ accountName: "Acme", hostName: "Ana", hostRole: "rep" });
    expect(nearby.where).toBe(`127.0.0.1:${String(parseMeetingCode(hosted.code)!.port)}`);
    // The host does not list its own meeting.
    expect((await api<NearbyMeetings>(rep.endpoint(), "GET", "/api/meeting/nearby")).body.meetings).toEqual([]);

    const knocking = api<JoinedMeeting>(lead.endpoint(), "POST", "/api/meeting/knock", { meetingId: nearby.id });
    const [knock] = await eventually(async () => {
      const k = await knocksOn(rep);
      return k.length ? k : undefined;
    }, 5000, "the knock on the host's screen");
    expect(knock).toMatchObject({ name: "Dana", role: "delivery-lead" });
    expect((await api(rep.endpoint(), "POST", "/api/meeting/knock/answer", { knockId: knock!.id, answer: "let-in" })).status).toBe(200);

    const joined = await knocking;
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ documentId, accountName: "Acme", host: "Ana" });
    expect(lead.handlers.accounts().map((a) => a.name)).toEqual(["Acme"]);
    expect(await texts(lead, documentId)).toEqual(["from rep"]);
    await addCommitmentOn(lead, documentId, "from lead");
    await eventually(async () => (await texts(rep, documentId)).includes("from lead"), 10_000, "the lead's edit on the rep's laptop");
    expect(await knocksOn(rep)).toEqual([]);
    expect((await api<NodeStatus>(rep.endpoint(), "GET", "/api/status")).body.hosting?.guests).toEqual(["Dana"]);

    // Nothing sent by mDNS carries the secret or the code.
    const secret = parseMeetingCode(hosted.code)!.secret;
    expect(packets.length).toBeGreaterThan(0);
    for (const p of packets) {
      const text = p.toString("latin1");
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 8));
      expect(text).not.toContain(hosted.code.split("-").slice(1).join("-"));
    }
  });

  it("tells a guest who is turned away, and one who stops waiting leaves the host's screen", async () => {
    const { nodes } = await laptops(["Ana", "rep"], ["Sam", "delivery-lead"]);
    const [rep, stranger] = nodes as [SyncNode, SyncNode];
    await hostAccount(rep, "Globex");
    const nearby = await findNearby(stranger, "Globex");

    const knocking = api<{ error: string }>(stranger.endpoint(), "POST", "/api/meeting/knock", { meetingId: nearby.id });
    const [knock] = await eventually(async () => ((await knocksOn(rep)).length ? knocksOn(rep) : undefined), 5000, "the knock");
    expect((await api(rep.endpoint(), "POST", "/api/meeting/knock/answer", { knockId: knock!.id, answer: "turn-away" })).status).toBe(200);
    const refused = await knocking;
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("Ana did not let you in.");
    expect(stranger.handlers.accounts()).toEqual([]);

    // Answering someone who is no longer there.
    const late = await api<{ error: string }>(rep.endpoint(), "POST", "/api/meeting/knock/answer", { knockId: knock!.id, answer: "let-in" });
    expect(late.status).toBe(404);
    expect(late.body.error).toMatch(/no longer waiting/);

    // Knock again, then stop waiting: the knock leaves the host's screen.
    const again = api<{ error: string }>(stranger.endpoint(), "POST", "/api/meeting/knock", { meetingId: nearby.id });
    await eventually(async () => (await knocksOn(rep)).length === 1, 5000, "the second knock");
    expect((await api(stranger.endpoint(), "DELETE", "/api/meeting/knock")).status).toBe(200);
    expect((await again).body.error).toBe("You stopped waiting.");
    await eventually(async () => (await knocksOn(rep)).length === 0, 5000, "the knock gone from the host's screen");
  });

  it("ending the meeting answers every knock, says goodbye, and the door closes", async () => {
    const { nodes } = await laptops(["Ana", "rep"], ["Dana", "delivery-lead"]);
    const [rep, lead] = nodes as [SyncNode, SyncNode];
    const { hosted } = await hostAccount(rep, "Initech");
    const nearby = await findNearby(lead, "Initech");
    const knocking = api<{ error: string }>(lead.endpoint(), "POST", "/api/meeting/knock", { meetingId: nearby.id });
    await eventually(async () => (await knocksOn(rep)).length === 1, 5000, "the knock");

    const ended = Date.now();
    expect((await api(rep.endpoint(), "DELETE", "/api/meeting/host")).status).toBe(200);
    const answer = await knocking;
    expect(answer.status).toBe(410);
    expect(answer.body.error).toMatch(/The meeting has ended/);
    // The goodbye takes it off the list long before its TTL (20 s) would.
    await eventually(async () => (await api<NearbyMeetings>(lead.endpoint(), "GET", "/api/meeting/nearby")).body.meetings.length === 0, 5000, "the goodbye");
    expect(Date.now() - ended).toBeLessThan(5000);
    // Knocking on a meeting that is gone, and on a door that is closed.
    const gone = await api<{ error: string }>(lead.endpoint(), "POST", "/api/meeting/knock", { meetingId: nearby.id });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatch(/no longer nearby/);
    await expect(post(nearby.where, JSON.stringify({ meeting: nearby.id, name: "Dana", role: "rep" }))).rejects.toThrow();
    expect(parseMeetingCode(hosted.code)).not.toBeNull();
  });

  it("keeps strangers at the door within limits: small bodies, clean names, a few knocks at a time", async () => {
    const { nodes } = await laptops(["Ana", "rep"], ["Dana", "delivery-lead"]);
    const [rep, lead] = nodes as [SyncNode, SyncNode];
    await hostAccount(rep, "Umbrella");
    const { id, where } = await findNearby(lead, "Umbrella");
    const knock = (name: string, from?: string) => post(where, JSON.stringify({ meeting: id, name, role: "rep" }), from);

    expect((await post(where, "x".repeat(2000))).status).toBe(413);
    expect((await post(where, "{not json")).status).toBe(400);
    expect((await post(where, JSON.stringify({ meeting: id, name: "Eve", role: "admin" }))).status).toBe(400);
    expect((await post(where, JSON.stringify({ meeting: id, name: "\u0000\u202e", role: "rep" }))).status).toBe(400);
    expect((await post(where, JSON.stringify({ meeting: "aaaaaaaaaaaaaaaa", name: "Eve", role: "rep" }))).status).toBe(410);
    const fromPage = await fetch(`http://${where}/knock`, { method: "POST", headers: { Origin: "https://evil.example" }, body: JSON.stringify({ meeting: id, name: "Eve", role: "rep" }) });
    expect(fromPage.status).toBe(403);
    // The meeting's WebSocket and GET /meeting still need the secret.
    expect((await fetch(`http://${where}/meeting`)).status).toBe(401);

    // A name with control and direction characters is shown cleaned.
    const held = [knock("Dana\u0007 \u202eLead\n", "127.0.0.1")];
    await eventually(async () => (await knocksOn(rep)).length === 1, 5000, "the first knock");
    expect((await knocksOn(rep))[0]!.name).toBe("Dana Lead");
    // Two at a time from one address, five in all.
    held.push(knock("Second", "127.0.0.1"));
    await eventually(async () => (await knocksOn(rep)).length === 2, 5000, "two knocks");
    const third = await knock("Third", "127.0.0.1");
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body).error).toMatch(/Too many people are waiting/);
    for (let i = 2; i < 2 + MAX_KNOCKS - 2; i++) held.push(knock(`From ${String(i)}`, `127.0.0.${String(i)}`));
    await eventually(async () => (await knocksOn(rep)).length === MAX_KNOCKS, 5000, "five knocks");
    expect((await knock("Sixth", "127.0.0.9")).status).toBe(429);

    // A guest's node hears "too many" in its own words.
    const busy = await api<{ error: string }>(lead.endpoint(), "POST", "/api/meeting/knock", { meetingId: id });
    expect(busy.status).toBe(429);
    expect(busy.body.error).toBe("Too many people are waiting to join Ana's meeting; try again in a minute.");

    // Ending the meeting answers all of them.
    await api(rep.endpoint(), "DELETE", "/api/meeting/host");
    for (const r of await Promise.all(held)) expect(JSON.parse(r.body)).toEqual({ outcome: "ended" });
  });

  it("refuses bad requests from its own window with clear words", async () => {
    const { nodes } = await laptops(["Ana", "rep"]);
    const [rep] = nodes as [SyncNode];
    const bad = await api<{ error: string }>(rep.endpoint(), "POST", "/api/meeting/knock", { meetingId: "<script>" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not a meeting nearby/);
    const unknown = await api<{ error: string }>(rep.endpoint(), "POST", "/api/meeting/knock", { meetingId: "abcdefghijklmnop" });
    expect(unknown.status).toBe(404);
    const notHosting = await api<{ error: string }>(rep.endpoint(), "POST", "/api/meeting/knock/answer", { knockId: "0123456789abcdef", answer: "let-in" });
    expect(notHosting.status).toBe(409);
    const badAnswer = await api<{ error: string }>(rep.endpoint(), "POST", "/api/meeting/knock/answer", { knockId: "0123456789abcdef", answer: "maybe" });
    expect(badAnswer.status).toBe(400);
  });
});

describe("a knock nobody answers", () => {
  async function doorServer(waitMs: number): Promise<{ where: string; door: Door }> {
    const door = new Door({ meetingId: "abcdefghijklmnop", secret: "K7M2P9QX3HVATW8EK7M2", onChange: () => undefined, waitMs });
    const server = http.createServer((req, res) => void door.handle(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    cleanups.push(
      () =>
        new Promise((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
    );
    cleanups.push(async () => door.close());
    return { where: `127.0.0.1:${String((server.address() as AddressInfo).port)}`, door };
  }
  const me = { name: "Dana", role: "delivery-lead" as const };

  it("gives up when the host does not answer, or when the guest's own patience runs out", async () => {
    const quiet = await doorServer(300);
    const [address, port] = quiet.where.split(":");
    const door = { meetingId: "abcdefghijklmnop", address: address!, port: Number(port), hostName: "Ana" };
    await expect(knockOnDoor(door, me, new AbortController().signal)).rejects.toThrow(new JoinError("No answer from Ana's laptop.", 504));

    const slow = await doorServer(60_000);
    const [a2, p2] = slow.where.split(":");
    await expect(knockOnDoor({ ...door, address: a2!, port: Number(p2) }, me, new AbortController().signal, 300)).rejects.toThrow("No answer from Ana's laptop.");
    await eventually(() => slow.door.knocks().length === 0, 2000, "the knock gone when the guest gave up");
  });

  it("joins with the code built from the answer when let in", async () => {
    const open = await doorServer(60_000);
    const [address, port] = open.where.split(":");
    const knocking = knockOnDoor({ meetingId: "abcdefghijklmnop", address: address!, port: Number(port), hostName: "Ana" }, me, new AbortController().signal);
    const [k] = await eventually(() => (open.door.knocks().length ? open.door.knocks() : undefined), 2000, "the knock");
    expect(open.door.answer(k!.id, "let-in")).toBe(true);
    expect(await knocking).toBe(`${open.where}-K7M2-P9QX-3HVA-TW8E-K7M2`);
  });
});
