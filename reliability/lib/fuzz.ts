/**
 * Bad peers, reproducibly: a seeded generator of malformed, truncated, oversized,
 * replayed and randomly mutated WebSocket frames, and a runner that throws them at one
 * Baton endpoint over real sockets while checking, connection by connection, that every
 * offending socket is closed with a reason (a status code, and a text for Baton's own
 * refusals). Used by `reliability/fuzz.ts` (10,000+ frames per endpoint, target in a child
 * process) and by `src/node/network/bad-peers.test.ts` (a smaller in-process run).
 *
 * The attacker is as strong as it gets short of the owner: it holds a *valid* token for
 * the endpoint and knows the id of the document it targets (and of others it should not
 * get), so every check past authentication is exercised.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import * as A from "@automerge/automerge";
import { cbor } from "@automerge/automerge-repo";
import WebSocket from "ws";
import { Rng } from "./prng";

export interface FuzzTarget {
  /** "renderer", "meeting" or "team-server". */
  name: string;
  /** ws://127.0.0.1:PORT (no path, no token). */
  url: string;
  /** A valid token for this endpoint. */
  token: string;
  /** A document the attacker may sync. */
  documentId: string;
  /** The attacker's copy of that document (to build real sync messages). */
  documentBytes: Uint8Array;
  /** Documents the attacker must not get (their ids are known to it). */
  otherDocumentIds: string[];
  /** The peer id of the well-behaved client (for replays of its frames with its identity). */
  goodPeerId: string;
}

type Expect = "close" | "stay" | "either";
interface Frame {
  kind: string;
  /** undefined = send a text frame with `text`. */
  bytes?: Uint8Array;
  text?: string;
  expect: Expect;
}

export interface FuzzReport {
  endpoint: string;
  seed: number;
  frames: number;
  connections: number;
  byKind: Record<string, number>;
  closeCodes: Record<string, number>;
  reasons: Record<string, number>;
  /** Connections that sent an offending frame and were not closed with a code and reason. */
  violations: string[];
  /** Well-formed replays that were refused (should be 0). */
  wronglyClosed: string[];
  durationMs: number;
}

const ACCEPTED_CLOSE_CODES = new Set([1002, 1007, 1008, 1009]);

/** Builds the valid messages the mutations start from, for one endpoint. */
class Corpus {
  readonly syncHeads: Uint8Array;
  readonly syncAll: Uint8Array;
  readonly request: Uint8Array;
  readonly change: Uint8Array | undefined;

  constructor(readonly target: FuzzTarget) {
    let doc = A.load(target.documentBytes);
    const [, heads] = A.generateSyncMessage(doc, A.initSyncState());
    this.syncHeads = heads ?? new Uint8Array([0x42]);
    // Run the sync protocol locally against an empty document to get a message that
    // carries every change (what a peer sends the first time it syncs).
    let empty = A.init<unknown>();
    let emptyState = A.initSyncState();
    let docState = A.initSyncState();
    let biggest = this.syncHeads;
    for (let i = 0; i < 6; i++) {
      const [s1, fromDoc] = A.generateSyncMessage(doc, docState);
      docState = s1;
      if (fromDoc) {
        if (fromDoc.byteLength > biggest.byteLength) biggest = fromDoc;
        [empty, emptyState] = A.receiveSyncMessage(empty, emptyState, fromDoc);
      }
      const [s2, fromEmpty] = A.generateSyncMessage(empty, emptyState);
      emptyState = s2;
      if (fromEmpty) [doc, docState] = A.receiveSyncMessage(doc, docState, fromEmpty);
      if (!fromDoc && !fromEmpty) break;
    }
    this.syncAll = biggest;
    const [, req] = A.generateSyncMessage(A.init(), A.initSyncState());
    this.request = req ?? new Uint8Array([0x42]);
    this.change = A.getAllChanges(doc).at(-1);
  }

  /** Well-formed messages from `me` to `server` (a peer with a valid token may send these). */
  valid(me: string, server: string, rng: Rng): Array<{ kind: string; message: Record<string, unknown> }> {
    const t = this.target;
    const other = t.otherDocumentIds.length > 0 ? rng.pick(t.otherDocumentIds) : t.documentId;
    const base = { senderId: me, targetId: server };
    const list: Array<{ kind: string; message: Record<string, unknown> }> = [
      { kind: "replay-sync", message: { ...base, type: "sync", documentId: t.documentId, data: this.syncAll } },
      { kind: "replay-heads", message: { ...base, type: "sync", documentId: t.documentId, data: this.syncHeads } },
      { kind: "request-other", message: { ...base, type: "request", documentId: other, data: this.request } },
      { kind: "sync-other", message: { ...base, type: "sync", documentId: other, data: this.syncAll } },
      { kind: "presence", message: { ...base, type: "ephemeral", documentId: t.documentId, sessionId: "s-" + me, count: rng.int(1000), data: cbor.encode({ focus: "x" }) } },
      { kind: "unavailable", message: { ...base, type: "doc-unavailable", documentId: other } },
      { kind: "unknown-type", message: { ...base, type: "future-message", documentId: t.documentId } },
    ];
    if (this.change) {
      // A replayed live edit (shared/live-edits.ts): applying a known change again is a no-op.
      list.push({ kind: "replay-live-edit", message: { ...base, type: "ephemeral", documentId: t.documentId, sessionId: "l-" + me, count: rng.int(1000), data: cbor.encode({ type: "baton/live-change", change: this.change }) } });
    }
    return list;
  }
}

function join(me: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "join", senderId: me, peerMetadata: { isEphemeral: true }, supportedProtocolVersions: ["1"], ...extra };
}

/** Messages that are well-formed CBOR maps but must be refused (state-independent). */
function structural(me: string, server: string, t: FuzzTarget, corpus: Corpus, rng: Rng): Array<{ kind: string; message: unknown }> {
  const base = { senderId: me, targetId: server };
  const doc = t.documentId;
  return [
    { kind: "not-a-map", message: rng.pick([42, "sync", [1, 2, 3], null, true, new Uint8Array([1, 2])]) },
    { kind: "no-type", message: { senderId: me, targetId: server } },
    { kind: "type-not-string", message: { ...base, type: rng.int(10) } },
    { kind: "long-type", message: { ...base, type: "x".repeat(65) } },
    { kind: "no-sender", message: { type: "sync", targetId: server, documentId: doc, data: corpus.syncHeads } },
    { kind: "long-sender", message: { ...base, senderId: "p".repeat(257), type: "sync", documentId: doc, data: corpus.syncHeads } },
    { kind: "control-char-sender", message: { ...base, senderId: "evil\u0000peer", type: "sync", documentId: doc, data: corpus.syncHeads } },
    { kind: "spoofed-sender", message: { ...base, senderId: t.goodPeerId, type: "sync", documentId: doc, data: corpus.syncAll } },
    { kind: "wrong-target", message: { ...base, targetId: "someone-else", type: "sync", documentId: doc, data: corpus.syncHeads } },
    { kind: "bad-document-id", message: { ...base, type: "sync", documentId: rng.pick(["", "../../etc/passwd", "x".repeat(200), "automerge:abc", "4NMNnkMhL8jXrdJ9jamS58PAVdXx"]), data: corpus.syncHeads } },
    { kind: "data-not-bytes", message: { ...base, type: "sync", documentId: doc, data: rng.pick(["abc", 12, [1, 2], { a: 1 }]) } },
    { kind: "empty-data", message: { ...base, type: "sync", documentId: doc, data: new Uint8Array(0) } },
    { kind: "data-not-sync", message: { ...base, type: "sync", documentId: doc, data: rng.bytes(1 + rng.int(64)) } },
    { kind: "request-not-sync", message: { ...base, type: "request", documentId: doc, data: rng.bytes(1 + rng.int(64)) } },
    { kind: "ephemeral-bad-count", message: { ...base, type: "ephemeral", documentId: doc, sessionId: "s", count: -1, data: cbor.encode({}) } },
    { kind: "ephemeral-not-cbor", message: { ...base, type: "ephemeral", documentId: doc, sessionId: "s", count: 1, data: new Uint8Array([0xff, 0xff, 0x1c]) } },
    { kind: "heads-bad", message: { ...base, type: "remote-heads-changed", documentId: doc, newHeads: { "bad storage id!": { heads: [1], timestamp: "x" } } } },
    { kind: "subscription-bad", message: { ...base, type: "remote-subscription-change", add: ["ok", 5] } },
    { kind: "join-other-sender", message: join(`${me}-twin`) },
    { kind: "join-bad-versions", message: { ...join(`${me}`), supportedProtocolVersions: "1" } },
  ];
}

/** Mutation operators over raw bytes. */
function mutate(bytes: Uint8Array, rng: Rng): Uint8Array {
  let out: Uint8Array = new Uint8Array(bytes);
  const ops = 1 + rng.int(4);
  for (let i = 0; i < ops; i++) {
    const at = out.length === 0 ? 0 : rng.int(out.length);
    switch (rng.int(6)) {
      case 0: // flip a bit
        if (out.length) out[at] = out[at]! ^ (1 << rng.int(8));
        break;
      case 1: // set a byte to an interesting value
        if (out.length) out[at] = rng.pick([0x00, 0xff, 0x7f, 0x80, 0x1b, 0x9f, 0xbf, 0xf6]);
        break;
      case 2: // insert random bytes
        out = concat(out.subarray(0, at), rng.bytes(1 + rng.int(8)), out.subarray(at));
        break;
      case 3: // delete a run
        out = concat(out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + rng.int(8))));
        break;
      case 4: // duplicate a run
        out = concat(out.subarray(0, at), out.subarray(at, at + 1 + rng.int(16)), out.subarray(at));
        break;
      default: // overwrite a run with random bytes
        out.set(rng.bytes(Math.min(out.length - at, 1 + rng.int(8))), at);
    }
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** CBOR that decoders choke on: deep nesting, lying lengths, invalid simple values. */
function nastyCbor(rng: Rng): Uint8Array {
  switch (rng.int(5)) {
    case 0: {
      const depth = 2000 + rng.int(20_000);
      return concat(new Uint8Array(depth).fill(0x81), new Uint8Array([0x01])); // [[[[...1]]]]
    }
    case 1:
      return new Uint8Array([0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]); // map claiming 2^64-1 entries
    case 2:
      return new Uint8Array([0x5b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x41]); // 4 GiB byte string, 1 byte given
    case 3:
      return new Uint8Array([0xa1, 0x64, 0x74, 0x79, 0x70, 0x65, 0xf8, 0x10]); // {type: simple(16)}
    default:
      return concat(new Uint8Array([0xbf]), rng.bytes(32)); // indefinite map, garbage
  }
}

/** One connection's worth of frames. */
function planConnection(rng: Rng, me: string, server: string, corpus: Corpus, t: FuzzTarget): { joined: boolean; frames: Frame[] } {
  const joined = rng.chance(0.85);
  const frames: Frame[] = [];
  const count = 1 + rng.int(6);
  const valid = corpus.valid(me, server, rng);
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    if (!joined) {
      // Anything before a join (except a join) is refused.
      const v = rng.pick(valid);
      frames.push({ kind: `before-join:${v.kind}`, bytes: cbor.encode(v.message), expect: "close" });
      break;
    }
    if (roll < 0.14) {
      frames.push({ kind: "junk", bytes: rng.bytes(rng.int(600)), expect: "close" });
    } else if (roll < 0.16) {
      frames.push({ kind: "big-junk", bytes: randomBytes(64 * 1024 + rng.int(512 * 1024)), expect: "close" });
    } else if (roll < 0.2) {
      frames.push({ kind: "text-frame", text: rng.pick(["hello", '{"type":"join"}', "\u{1F600}"]), expect: "close" });
    } else if (roll < 0.26) {
      frames.push({ kind: "nasty-cbor", bytes: nastyCbor(rng), expect: "close" });
    } else if (roll < 0.46) {
      const s = rng.pick(structural(me, server, t, corpus, rng));
      frames.push({ kind: s.kind, bytes: cbor.encode(s.message), expect: "close" });
    } else if (roll < 0.6) {
      const v = rng.pick(valid);
      const bytes = cbor.encode(v.message);
      frames.push({ kind: `truncated:${v.kind}`, bytes: bytes.subarray(0, 1 + rng.int(Math.max(1, bytes.length - 1))), expect: "close" });
    } else if (roll < 0.85) {
      const v = rng.pick(valid);
      // Mutate either the whole frame or only the sync/change payload inside a well-formed frame.
      if (rng.chance(0.5) || !(v.message["data"] instanceof Uint8Array)) {
        frames.push({ kind: `mutated:${v.kind}`, bytes: mutate(cbor.encode(v.message), rng), expect: "either" });
      } else {
        const m = { ...v.message, data: mutate(v.message["data"] as Uint8Array, rng) };
        frames.push({ kind: `mutated-payload:${v.kind}`, bytes: cbor.encode(m), expect: "either" });
      }
    } else {
      const v = rng.pick(valid);
      frames.push({ kind: `valid:${v.kind}`, bytes: cbor.encode(v.message), expect: "stay" });
    }
    // An offending frame ends the connection's plan: what the server would drop after it is not sent.
    if (frames.at(-1)?.expect === "close") break;
  }
  return { joined, frames };
}

interface Closed {
  code: number;
  reason: string;
}

async function openSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<Closed>; messages: Array<Record<string, unknown>> } | null> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const messages: Array<Record<string, unknown>> = [];
  ws.on("message", (data: Buffer) => {
    try {
      messages.push(cbor.decode(data) as Record<string, unknown>);
    } catch {
      // the server never sends garbage; ignore if it did
    }
  });
  ws.on("error", () => undefined);
  const closed = new Promise<Closed>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  const opened = await new Promise<boolean>((resolve) => {
    ws.once("open", () => resolve(true));
    ws.once("unexpected-response", () => resolve(false));
    ws.once("close", () => resolve(false));
  });
  return opened ? { ws, closed, messages } : null;
}

function within<T>(p: Promise<T>, ms: number): Promise<T | "timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), ms);
    void p.then((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

// ---- raw WebSocket protocol violations (hand-made frames on a TCP socket) ---------------

function wsFrame(opts: { opcode: number; payload: Uint8Array; fin?: boolean; rsv?: number; mask?: boolean; declaredLength?: bigint }): Buffer {
  const { opcode, payload } = opts;
  const fin = opts.fin ?? true;
  const mask = opts.mask ?? true;
  const len = opts.declaredLength ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | opcode];
  if (len < 126n) head.push((mask ? 0x80 : 0) | Number(len));
  else if (len < 65536n) head.push(mask ? 0xfe : 0x7e, Number(len >> 8n) & 0xff, Number(len) & 0xff);
  else {
    head.push(mask ? 0xff : 0x7f);
    for (let i = 7; i >= 0; i--) head.push(Number((len >> BigInt(i * 8)) & 0xffn));
  }
  if (!mask) return Buffer.concat([Buffer.from(head), Buffer.from(payload)]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ key[i % 4]!;
  return Buffer.concat([Buffer.from(head), key, body]);
}

const RAW_KINDS = ["oversized", "unmasked", "reserved-opcode", "rsv-bits", "bad-utf8-text", "long-control", "fragmented-control"] as const;

function rawFrame(kind: (typeof RAW_KINDS)[number], rng: Rng): Buffer {
  switch (kind) {
    case "oversized": // claims 2^40 bytes and never sends them
      return wsFrame({ opcode: 2, payload: rng.bytes(16), declaredLength: 1n << 40n }).subarray(0, 14 + 16);
    case "unmasked":
      return wsFrame({ opcode: 2, payload: rng.bytes(8), mask: false });
    case "reserved-opcode":
      return wsFrame({ opcode: rng.pick([3, 4, 5, 6, 7, 0xb, 0xc]), payload: rng.bytes(4) });
    case "rsv-bits":
      return wsFrame({ opcode: 2, payload: rng.bytes(4), rsv: 1 + rng.int(7) });
    case "bad-utf8-text":
      return wsFrame({ opcode: 1, payload: new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]) });
    case "long-control":
      return wsFrame({ opcode: 9, payload: rng.bytes(200) });
    default:
      return wsFrame({ opcode: 9, payload: rng.bytes(4), fin: false });
  }
}

/** Upgrade a plain TCP socket by hand, send one bad frame, read the server's close frame. */
async function rawViolation(url: string, token: string, frame: Buffer): Promise<Closed | "no-close"> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname);
    let buf = Buffer.alloc(0);
    let upgraded = false;
    const done = (v: Closed | "no-close") => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done("no-close"), 3000);
    socket.on("error", () => done("no-close"));
    socket.on("connect", () => {
      socket.write(
        `GET /?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        if (!buf.subarray(0, end).toString().startsWith("HTTP/1.1 101")) return done({ code: -1, reason: "upgrade refused" });
        upgraded = true;
        buf = buf.subarray(end + 4);
        socket.write(frame);
      }
      // Look for a close frame (opcode 8) from the server (unmasked).
      while (buf.length >= 2) {
        const opcode = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) return done({ code: -2, reason: "server sent a huge frame" });
        if (buf.length < off + len) return;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (opcode === 8) return done({ code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString() });
      }
    });
    socket.on("close", () => done("no-close"));
  });
}

// ---- the runner ---------------------------------------------------------------------------

export interface FuzzOptions {
  seed: number;
  /** Stop after this many frames (at least). */
  frames: number;
  /** Sockets in flight at once. Default 8. */
  concurrency?: number;
  /** Share of connections that are raw protocol violations. Default 0.03. */
  rawShare?: number;
  /** Called now and then with frames sent so far (progress, memory samples). */
  onProgress?: (framesSent: number) => void | Promise<void>;
  /** Stop early (time budget). */
  deadline?: number;
}

/** Learn the endpoint's peer id with a clean join (the attacker's first step). */
async function serverPeerId(t: FuzzTarget): Promise<string> {
  const s = await openSocket(`${t.url}/?token=${encodeURIComponent(t.token)}`);
  if (!s) throw new Error(`${t.name}: the valid token was refused`);
  s.ws.send(cbor.encode(join(`probe-${randomBytes(4).toString("hex")}`)), { binary: true });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const peer = s.messages.find((m) => m["type"] === "peer");
    if (peer) {
      s.ws.close();
      return String(peer["senderId"]);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  s.ws.terminate();
  throw new Error(`${t.name}: no answer to join`);
}

export async function fuzzEndpoint(t: FuzzTarget, o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const rng = new Rng(o.seed);
  const corpus = new Corpus(t);
  const server = await serverPeerId(t);
  const report: FuzzReport = { endpoint: t.name, seed: o.seed, frames: 0, connections: 0, byKind: {}, closeCodes: {}, reasons: {}, violations: [], wronglyClosed: [], durationMs: 0 };
  const count = (map: Record<string, number>, key: string, n = 1) => (map[key] = (map[key] ?? 0) + n);
  let next = 0;
  let lastProgress = 0;

  // Plans are drawn from the one seeded generator in call order, so plan #k is the same
  // in every run with this seed, whatever the timing of the sockets.
  const makePlan = (): (() => Promise<void>) => {
    const id = next++;
    if (rng.chance(o.rawShare ?? 0.03)) {
      const kind = rng.pick(RAW_KINDS);
      const frame = rawFrame(kind, rng);
      return async () => {
        const r = await rawViolation(t.url, t.token, frame);
        report.frames += 1;
        report.connections += 1;
        count(report.byKind, `raw:${kind}`);
        if (r === "no-close" || r.code < 0 || !ACCEPTED_CLOSE_CODES.has(r.code)) {
          report.violations.push(`#${id} raw:${kind}: ${r === "no-close" ? "not closed" : `closed ${r.code} ${r.reason}`}`);
        } else {
          count(report.closeCodes, String(r.code));
          count(report.reasons, r.reason || `(code ${r.code} only)`);
        }
      };
    }
    const me = `fuzz-${o.seed}-${id}`;
    const plan = planConnection(rng, me, server, corpus, t);
    return async () => {
      const s = await openSocket(`${t.url}/?token=${encodeURIComponent(t.token)}`);
      if (!s) {
        report.violations.push(`#${id}: the valid token was refused`);
        return;
      }
      report.connections += 1;
      if (plan.joined) {
        s.ws.send(cbor.encode(join(me)), { binary: true });
        report.frames += 1;
        count(report.byKind, "join");
      }
      for (const f of plan.frames) {
        if (s.ws.readyState !== WebSocket.OPEN) break;
        if (f.text !== undefined) s.ws.send(f.text);
        else s.ws.send(f.bytes!, { binary: true });
        report.frames += 1;
        count(report.byKind, f.kind.split(":")[0]!);
      }
      const mustClose = plan.frames.some((f) => f.expect === "close");
      const mayClose = plan.frames.some((f) => f.expect !== "stay");
      const result = await within(s.closed, mustClose ? 3000 : mayClose ? 150 : 100);
      if (result === "timeout") {
        if (mustClose) report.violations.push(`#${id}: not closed after ${plan.frames.map((f) => f.kind).join(", ")}`);
        s.ws.terminate();
        return;
      }
      if (!mayClose) {
        report.wronglyClosed.push(`#${id}: well-formed ${plan.frames.map((f) => f.kind).join(", ")} closed ${result.code} ${result.reason}`);
        return;
      }
      count(report.closeCodes, String(result.code));
      count(report.reasons, result.reason || `(code ${result.code} only)`);
      if (!ACCEPTED_CLOSE_CODES.has(result.code) || (result.code === 1008 && result.reason === "")) {
        report.violations.push(`#${id}: closed ${result.code} "${result.reason}" after ${plan.frames.map((f) => f.kind).join(", ")}`);
      }
    };
  };

  const concurrency = o.concurrency ?? 8;
  const workers = Array.from({ length: concurrency }, async () => {
    for (;;) {
      if (report.frames >= o.frames || (o.deadline !== undefined && Date.now() > o.deadline)) return;
      const plan = makePlan();
      await plan();
      if (o.onProgress && report.frames - lastProgress >= 1000) {
        lastProgress = report.frames;
        await o.onProgress(report.frames);
      }
    }
  });
  await Promise.all(workers);
  report.durationMs = Date.now() - started;
  return report;
}
