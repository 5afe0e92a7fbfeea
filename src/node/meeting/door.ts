/**
 * The meeting's door. A guest who found the meeting nearby (discovery.ts) has no secret:
 * its node knocks — `POST /knock` on the meeting listener, the one route without a token —
 * and the request is held while the host decides. "Let in" answers it with the secret, so
 * the guest joins exactly as with a join code; "Turn away", the end of the meeting or
 * two minutes without an answer say so instead. A stranger can only knock: the door holds
 * a few knocks at a time, takes a tiny body and shows only cleaned names.
 */
import { randomBytes } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import type { Knock } from "../../../shared/api";
import { ROLES, type Role } from "../../../shared/account/schema";
import { PERSON_NAME_MAX } from "../../../shared/validation/fields";
import { cleanUntrustedText } from "../../../shared/validation/untrusted-text";

/** How long a knock waits for the host (the guest gives up a little later). */
export const KNOCK_WAIT_MS = 110_000;
export const MAX_KNOCKS = 5;
export const MAX_KNOCKS_PER_ADDRESS = 2;
export const MAX_KNOCK_BODY = 1024;
/** A knock whose body has not arrived by then is dropped (no slow-drip bodies holding a place). */
const BODY_WAIT_MS = 5000;

/** What a knock is answered with (JSON on the held request). */
export type KnockAnswer =
  | { outcome: "let-in"; secret: string }
  | { outcome: "turned-away" }
  | { outcome: "no-answer" }
  | { outcome: "ended" }
  | { outcome: "refused"; error: string };

const knockBodySchema = z.object({
  meeting: z.string().max(40),
  name: z
    .string()
    .max(PERSON_NAME_MAX * 4)
    .transform((s) => cleanUntrustedText(s, PERSON_NAME_MAX))
    .pipe(z.string().min(1)),
  role: z.enum(ROLES),
});

interface Waiting {
  knock: Knock;
  address: string;
  res: http.ServerResponse;
  timer: NodeJS.Timeout;
}

export interface DoorOptions {
  meetingId: string;
  secret: string;
  /** The list of knocks changed (show it to the host). */
  onChange: () => void;
  waitMs?: number;
  maxKnocks?: number;
  maxPerAddress?: number;
}

export class Door {
  readonly #waiting = new Map<string, Waiting>();
  readonly #options: DoorOptions;
  #open = true;

  constructor(options: DoorOptions) {
    this.#options = options;
  }

  /** Who is waiting now, first come first. */
  knocks(): Knock[] {
    return [...this.#waiting.values()].map((w) => w.knock);
  }

  /** `POST /knock`: validate, then hold the request until the host answers. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!this.#open) return reply(res, 410, { outcome: "ended" });
    // Browsers send Origin on every POST; Baton's node never does. A web page (or one that
    // re-pointed its DNS at this laptop) must not knock, let alone read the answer.
    if (req.headers.origin !== undefined) return reply(res, 403, { outcome: "refused", error: "Knocks come from Baton, not from a web page." });
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > MAX_KNOCK_BODY) return reply(res, 413, { outcome: "refused", error: "A knock is a name and a role, nothing more." });
    const address = req.socket.remoteAddress ?? "?";
    if (this.#full(address)) return reply(res, 429, { outcome: "refused", error: "Too many people are waiting to join; try again in a minute." });
    const raw = await readSmallBody(req, MAX_KNOCK_BODY, BODY_WAIT_MS);
    if (raw === null) return reply(res, 413, { outcome: "refused", error: "A knock is a name and a role, nothing more." });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return reply(res, 400, { outcome: "refused", error: "A knock is JSON: { meeting, name, role }." });
    }
    const body = knockBodySchema.safeParse(json);
    if (!body.success) return reply(res, 400, { outcome: "refused", error: "A knock needs the meeting's id, a name and a role (rep or delivery-lead)." });
    if (body.data.meeting !== this.#options.meetingId || !this.#open) return reply(res, 410, { outcome: "ended" });
    // Checked again: others may have knocked while this body arrived.
    if (this.#full(address)) return reply(res, 429, { outcome: "refused", error: "Too many people are waiting to join; try again in a minute." });
    if (res.destroyed) return;
    const id = randomBytes(8).toString("hex");
    const knock: Knock = { id, name: body.data.name, role: body.data.role as Role };
    const timer = setTimeout(() => this.#finish(id, { outcome: "no-answer" }), this.#options.waitMs ?? KNOCK_WAIT_MS);
    timer.unref();
    this.#waiting.set(id, { knock, address, res, timer });
    // The guest stopped waiting (closed the dialog, lost the network): off the host's screen.
    res.on("close", () => {
      if (this.#waiting.get(id)?.res === res) this.#remove(id);
    });
    this.#options.onChange();
  }

  /** The host's answer; false when that person is no longer waiting. */
  answer(id: string, answer: "let-in" | "turn-away"): boolean {
    if (!this.#waiting.has(id)) return false;
    this.#finish(id, answer === "let-in" ? { outcome: "let-in", secret: this.#options.secret } : { outcome: "turned-away" });
    return true;
  }

  /** The meeting ends: every knock is told so, and no new one is taken. */
  close(): void {
    this.#open = false;
    for (const id of [...this.#waiting.keys()]) this.#finish(id, { outcome: "ended" });
  }

  #full(address: string): boolean {
    const max = this.#options.maxKnocks ?? MAX_KNOCKS;
    const perAddress = this.#options.maxPerAddress ?? MAX_KNOCKS_PER_ADDRESS;
    if (this.#waiting.size >= max) return true;
    return [...this.#waiting.values()].filter((w) => w.address === address).length >= perAddress;
  }

  #finish(id: string, answer: KnockAnswer): void {
    const w = this.#waiting.get(id);
    if (!w) return;
    this.#remove(id);
    reply(w.res, 200, answer);
  }

  #remove(id: string): void {
    const w = this.#waiting.get(id);
    if (!w) return;
    clearTimeout(w.timer);
    this.#waiting.delete(id);
    this.#options.onChange();
  }
}

function reply(res: http.ServerResponse, status: number, body: KnockAnswer): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Content-Length": String(Buffer.byteLength(text)) }).end(text);
}

/** The body as text, or null when it is larger than `max` bytes or slower than `waitMs`. */
function readSmallBody(req: http.IncomingMessage, max: number, waitMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: string | null) => {
      clearTimeout(timer);
      req.removeAllListeners("data");
      resolve(value);
    };
    const timer = setTimeout(() => done(null), waitMs);
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        done(null);
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => done(null));
  });
}
