/**
 * Joining a meeting from its code: ask the host what the meeting is (which checks the
 * code and gives a clear reason when it is stale or mistyped), then open a resilient
 * link that shares only that account. A meeting found nearby is joined by knocking
 * first (door.ts): the host's answer carries the secret, and from there it is the code path.
 */
import { z } from "zod";
import type { Role } from "../../../shared/account/schema";
import { formatMeetingCode, parseMeetingCode } from "../../../shared/meeting-code";
import { LinkClientAdapter } from "../links/link-client-adapter";
import type { MeetingInfo } from "./meeting-host";

export class JoinError extends Error {
  constructor(
    message: string,
    /** HTTP status the node's API answers with. */
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The guest stopped waiting at the door themself. */
export class KnockCancelled extends JoinError {
  constructor() {
    super("You stopped waiting.", 409);
  }
}

/** How long a guest waits at the door: a little longer than the host holds a knock. */
export const KNOCK_GIVE_UP_MS = 120_000;

/** Where to knock, as discovery heard it. */
export interface DoorAddress {
  meetingId: string;
  address: string;
  port: number;
  /** The host's name, for the messages. */
  hostName: string;
}

const answerSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("let-in"), secret: z.string().regex(/^[2-9A-HJ-NP-Z]{20}$/) }),
  z.object({ outcome: z.literal("turned-away") }),
  z.object({ outcome: z.literal("no-answer") }),
  z.object({ outcome: z.literal("ended") }),
  z.object({ outcome: z.literal("refused") }),
]);

/**
 * Knock on a nearby meeting's door and wait for the host. Returns the join code when let
 * in; throws JoinError with words for the person otherwise (KnockCancelled when `signal`
 * stopped it). The host's own words are never shown: a hostile host cannot put text on
 * the guest's screen beyond the name it announced.
 */
export async function knockOnDoor(door: DoorAddress, me: { name: string; role: Role }, signal: AbortSignal, giveUpMs = KNOCK_GIVE_UP_MS): Promise<string> {
  const where = `${door.address}:${String(door.port)}`;
  const host = door.hostName;
  const timeout = AbortSignal.timeout(giveUpMs);
  let res: Response;
  try {
    res = await fetch(`http://${where}/knock`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ meeting: door.meetingId, name: me.name, role: me.role }),
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (e) {
    if (signal.aborted) throw new KnockCancelled();
    if (timeout.aborted) throw new JoinError(`No answer from ${host}'s laptop.`, 504);
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code === "ECONNREFUSED") throw new JoinError(`${host}'s meeting is no longer running at ${where}.`, 410);
    throw new JoinError(`Lost the connection to ${host}'s laptop while waiting to be let in.`, 502);
  }
  if (res.status === 429) throw new JoinError(`Too many people are waiting to join ${host}'s meeting; try again in a minute.`, 429);
  let text: string;
  try {
    text = await readCapped(res, 2048);
  } catch {
    if (signal.aborted) throw new KnockCancelled();
    throw new JoinError(`${host}'s laptop did not answer like a Baton meeting.`, 502);
  }
  let answer: z.infer<typeof answerSchema>;
  try {
    answer = answerSchema.parse(JSON.parse(text));
  } catch {
    throw new JoinError(`${host}'s laptop did not answer like a Baton meeting.`, 502);
  }
  switch (answer.outcome) {
    case "let-in":
      return formatMeetingCode({ host: door.address, port: door.port, secret: answer.secret });
    case "turned-away":
      throw new JoinError(`${host} did not let you in.`, 403);
    case "no-answer":
      throw new JoinError(`No answer from ${host}'s laptop.`, 504);
    case "ended":
      throw new JoinError(`The meeting has ended: ${host} is no longer hosting it.`, 410);
    case "refused":
      throw new JoinError(`${host}'s laptop refused the knock (HTTP ${String(res.status)}).`, 502);
  }
}

/** A response body as text, refusing more than `max` bytes (a hostile host could send gigabytes). */
async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new Error("too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface CheckedInvitation {
  info: MeetingInfo;
  wsUrl: string;
  secret: string;
  where: string;
}

/** Check a join code against the host; throws JoinError with words for the person. */
export async function checkInvitation(code: string, timeoutMs = 4000): Promise<CheckedInvitation> {
  const parsed = parseMeetingCode(code);
  if (!parsed) throw new JoinError("That is not a join code. It looks like 192.168.1.20:41873-K7M2-P9QX-3HVA-TW8E.");
  const where = `${parsed.host}:${parsed.port}`;
  let res: Response;
  try {
    res = await fetch(`http://${where}/meeting`, {
      headers: { Authorization: `Bearer ${parsed.secret}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new JoinError(`No meeting is running at ${where}. Check the code, or ask the host to start the meeting again.`);
  }
  if (res.status === 401) throw new JoinError("This join code is not valid: the meeting has ended, or the code was mistyped.");
  if (!res.ok) throw new JoinError(`The host at ${where} answered HTTP ${res.status}; is it a Baton meeting?`);
  let info: MeetingInfo;
  try {
    info = (await res.json()) as MeetingInfo;
  } catch {
    throw new JoinError(`The host at ${where} sent something that is not a Baton meeting.`);
  }
  if (typeof info.documentId !== "string" || !/^[1-9A-HJ-NP-Za-km-z]{20,60}$/.test(info.documentId)) {
    throw new JoinError(`The host at ${where} sent an invalid meeting.`);
  }
  return { info: { documentId: info.documentId, accountName: String(info.accountName ?? ""), hostName: String(info.hostName ?? "the host") }, wsUrl: `ws://${where}/`, secret: parsed.secret, where };
}

export function meetingAdapter(invitation: CheckedInvitation, myName: string): LinkClientAdapter {
  return new LinkClientAdapter({
    url: invitation.wsUrl,
    token: invitation.secret,
    name: myName,
    refusedMessage: "The host ended the meeting (the join code no longer works).",
    minRetryMs: 500,
    maxRetryMs: 5000,
  });
}
