/**
 * Meeting discovery over real UDP multicast on the loopback interface only (never a real
 * network): what a host announces, what a guest keeps, and that hostile packets neither
 * crash the guest nor reach its list unchecked.
 */
import dgram from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import dnsPacket from "dns-packet";
import type { Answer } from "dns-packet";
import { ANNOUNCEMENT_TTL, MAX_NEARBY, MAX_NEARBY_PER_ADDRESS, MDNS_GROUP, MeetingAdvertiser, MeetingBrowser, SERVICE, newMeetingId } from "./discovery";
import { eventually, TEST_MDNS_PORT } from "../test-helpers";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

/** A raw UDP socket on the test's mDNS port, loopback only: hears every packet, sends anything. */
async function rawSocket(port: number, from = "127.0.0.1"): Promise<{ packets: Buffer[]; send(buf: Buffer): Promise<void> }> {
  const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
  const packets: Buffer[] = [];
  socket.on("message", (msg) => packets.push(msg));
  await new Promise<void>((resolve) => socket.bind(port, "0.0.0.0", () => resolve()));
  socket.addMembership(MDNS_GROUP, "127.0.0.1");
  socket.setMulticastInterface("127.0.0.1");
  socket.setMulticastLoopback(true);
  cleanups.push(() => new Promise((r) => socket.close(() => r())));
  // A second socket bound to the sender's loopback address, so packets come from `from`.
  const sender = dgram.createSocket({ type: "udp4", reuseAddr: true });
  await new Promise<void>((resolve) => sender.bind(0, from, () => resolve()));
  sender.setMulticastInterface("127.0.0.1");
  cleanups.push(() => new Promise((r) => sender.close(() => r())));
  return {
    packets,
    send: (buf) => new Promise((resolve, reject) => sender.send(buf, port, MDNS_GROUP, (e) => (e ? reject(e) : resolve()))),
  };
}

async function browser(port: number): Promise<MeetingBrowser> {
  const b = new MeetingBrowser({ bind: "127.0.0.1", port }, { queryEveryMs: 500 });
  await b.start();
  cleanups.push(() => b.stop());
  return b;
}

async function advertiser(port: number, accountName = "Northwind", listenerPort = 45678): Promise<{ a: MeetingAdvertiser; id: string }> {
  const id = newMeetingId();
  const a = new MeetingAdvertiser({ bind: "127.0.0.1", port }, { meetingId: id, port: listenerPort, address: "127.0.0.1", accountName: () => accountName, hostName: "Ana Rep", hostRole: "rep" });
  await a.start();
  cleanups.push(() => a.stop());
  return { a, id };
}

/** An announcement packet as a (possibly hostile) host would send it. */
function announcement(o: { id?: string; instance?: string; port?: number; txt?: Array<string | Buffer>; ttl?: number }): Buffer {
  const id = o.id ?? newMeetingId();
  const instance = o.instance ?? `baton-${id}.${SERVICE}`;
  const ttl = o.ttl ?? 60;
  const txt = o.txt ?? ["v=1", `id=${id}`, "account=Fake account", "host=Mallory", "role=rep"];
  const answers: Answer[] = [{ name: SERVICE, type: "PTR", ttl, data: instance }];
  const additionals: Answer[] = [
    { name: instance, type: "SRV", ttl, data: { port: o.port ?? 40000, target: `baton-${id}.local`, priority: 0, weight: 0 } },
    { name: instance, type: "TXT", ttl, data: txt },
  ];
  return dnsPacket.encode({ type: "response", flags: dnsPacket.AUTHORITATIVE_ANSWER, answers, additionals });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("meeting discovery (mDNS on loopback)", () => {
  it("a guest finds a hosted meeting with its names and where to knock; a goodbye takes it off at once", async () => {
    const port = TEST_MDNS_PORT + 1;
    const raw = await rawSocket(port);
    const { a, id } = await advertiser(port);
    // Start looking after the announcements are over: the meeting is found by asking.
    await sleep(3300);
    const b = await browser(port);
    const list = await eventually(() => (b.list().length ? b.list() : undefined), 5000, "the meeting nearby");
    expect(list).toEqual([{ id, accountName: "Northwind", hostName: "Ana Rep", hostRole: "rep", where: "127.0.0.1:45678" }]);

    // The announcement is proper DNS-SD: PTR → instance, SRV (port, target), TXT, A.
    const response = raw.packets.map((p) => dnsPacket.decode(p)).find((p) => p.type === "response" && p.answers?.some((r) => r.type === "PTR"))!;
    const all = [...(response.answers ?? []), ...(response.additionals ?? [])];
    expect(all.find((r) => r.type === "PTR")).toMatchObject({ name: SERVICE, data: `baton-${id}.${SERVICE}`, ttl: ANNOUNCEMENT_TTL });
    expect(all.find((r) => r.type === "SRV")).toMatchObject({ data: { port: 45678, target: `baton-${id}.local` } });
    expect(all.find((r) => r.type === "A")).toMatchObject({ name: `baton-${id}.local`, data: "127.0.0.1" });
    const txt = (all.find((r) => r.type === "TXT")!.data as Buffer[]).map((t) => t.toString());
    expect(txt).toEqual(["v=1", `id=${id}`, "account=Northwind", "host=Ana Rep", "role=rep"]);

    await a.stop();
    await eventually(() => b.list().length === 0, 2000, "the goodbye");
    const goodbye = raw.packets.map((p) => dnsPacket.decode(p)).at(-1)!;
    expect(goodbye.answers?.[0]).toMatchObject({ type: "PTR", ttl: 0 });
  });

  it("drops what it heard when the TTL runs out without a goodbye", async () => {
    let now = Date.now();
    const port = TEST_MDNS_PORT + 2;
    const raw = await rawSocket(port);
    const b = new MeetingBrowser({ bind: "127.0.0.1", port }, { now: () => now, queryEveryMs: 60_000 });
    await b.start();
    cleanups.push(() => b.stop());
    await raw.send(announcement({ ttl: 5 }));
    await eventually(() => b.list().length === 1, 2000, "the announcement");
    now += 6000;
    expect(b.list()).toEqual([]);
  });

  it("survives garbage, oversized, bogus and flooding announcements, and lists only checked, bounded meetings", async () => {
    const port = TEST_MDNS_PORT + 3;
    const raw = await rawSocket(port);
    const real = await advertiser(port, "Real account", 41000);
    const b = await browser(port);
    await eventually(() => b.list().some((m) => m.id === real.id), 5000, "the real meeting");

    // Not DNS at all, truncated, and a name-compression loop.
    for (const size of [0, 1, 12, 300, 9000]) await raw.send(Buffer.from(Array.from({ length: size }, (_, i) => (i * 37) % 256)));
    const good = announcement({});
    await raw.send(good.subarray(0, good.length - 7));
    await raw.send(Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12, 0, 12, 0, 1, 0, 0, 0, 60, 0, 0]));
    // Oversized TXT: 16 strings of 255 bytes, and an account name past the limit.
    const id1 = newMeetingId();
    await raw.send(announcement({ id: id1, txt: ["v=1", `id=${id1}`, `account=${"A".repeat(250)}`, "host=Mallory", "role=rep", ...Array.from({ length: 16 }, () => "x".repeat(255))] }));
    // Bogus port, role, version, id that does not match the instance, instance of another shape.
    await raw.send(announcement({ port: 0 }));
    await raw.send(announcement({ port: 22 }));
    const id2 = newMeetingId();
    await raw.send(announcement({ id: id2, txt: ["v=1", `id=${id2}`, "account=X", "host=Mallory", "role=admin"] }));
    await raw.send(announcement({ txt: ["v=2", "id=zzzzzzzzzzzzzzzz", "account=X", "host=Mallory", "role=rep"] }));
    await raw.send(announcement({ instance: `../../etc.${SERVICE}` }));
    // Nothing printable in the name; control and direction characters around a real one.
    const id3 = newMeetingId();
    await raw.send(announcement({ id: id3, txt: ["v=1", `id=${id3}`, "account=\u0007\u202e\u200b", "host=Mallory", "role=rep"] }));
    const id4 = newMeetingId();
    await raw.send(announcement({ id: id4, txt: ["v=1", `id=${id4}`, "account=Acme\u0007\u202eCorp\n", "host=\u001b[31mEve", "role=rep"] }));
    // A hijack of the real meeting from another address, and a goodbye for it from there.
    const elsewhere = await rawSocket(port, "127.0.0.2");
    await elsewhere.send(announcement({ id: real.id, port: 42000 }));
    await elsewhere.send(announcement({ id: real.id, ttl: 0 }));
    // 100 fake services from one address, and 4 each from 30 more.
    for (let i = 0; i < 100; i++) await raw.send(announcement({}));
    for (let host = 3; host < 33; host++) {
      const s = await rawSocket(port, `127.0.0.${String(host)}`);
      for (let i = 0; i < 4; i++) await s.send(announcement({}));
    }
    await sleep(500);

    const list = b.list();
    expect(list.length).toBeLessThanOrEqual(MAX_NEARBY);
    expect(list.length).toBe(MAX_NEARBY); // capped, not emptied
    // The real meeting is still there, unchanged by the hijack.
    expect(list.find((m) => m.id === real.id)).toEqual({ id: real.id, accountName: "Real account", hostName: "Ana Rep", hostRole: "rep", where: "127.0.0.1:41000" });
    const byAddress = new Map<string, number>();
    for (const m of list) {
      const address = m.where.split(":")[0]!;
      byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
      expect(m.id).toMatch(/^[a-z2-7]{16}$/);
      expect(m.accountName.length).toBeGreaterThan(0);
      expect(m.accountName.length).toBeLessThanOrEqual(120);
      expect(m.hostName.length).toBeLessThanOrEqual(80);
      // eslint-disable-next-line no-control-regex -- checking that none is left
      expect(`${m.accountName}${m.hostName}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u200b]/);
      expect(["rep", "delivery-lead"]).toContain(m.hostRole);
      expect(Number(m.where.split(":")[1])).toBeGreaterThanOrEqual(1024);
      expect(m.where).toMatch(/^127\.0\.0\.\d{1,3}:\d+$/);
    }
    for (const n of byAddress.values()) expect(n).toBeLessThanOrEqual(MAX_NEARBY_PER_ADDRESS);
    for (const bad of [id1, id2, id3]) expect(list.some((m) => m.id === bad)).toBe(false);
    expect(list.find((m) => m.id === id4)).toMatchObject({ accountName: "Acme Corp", hostName: "[31mEve" });
    expect(b.ignored).toBeGreaterThan(0);
  });

  it("answers a flood of questions at most about once a second", async () => {
    const port = TEST_MDNS_PORT + 4;
    const raw = await rawSocket(port);
    await advertiser(port);
    await sleep(3300); // the announcements are over
    const before = raw.packets.length;
    const question = dnsPacket.encode({ type: "query", questions: [{ name: SERVICE, type: "PTR" }] });
    for (let i = 0; i < 50; i++) {
      await raw.send(question);
      await sleep(20);
    }
    await sleep(300);
    const answers = raw.packets.slice(before).map((p) => dnsPacket.decode(p)).filter((p) => p.type === "response");
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.length).toBeLessThanOrEqual(2);
  });
});
