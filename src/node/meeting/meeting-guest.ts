/**
 * Joining a meeting from its code: ask the host what the meeting is (which checks the
 * code and gives a clear reason when it is stale or mistyped), then open a resilient
 * link that shares only that account.
 */
import { parseMeetingCode } from "../../../shared/meeting-code";
import { LinkClientAdapter } from "../links/link-client-adapter";
import type { MeetingInfo } from "./meeting-host";

export class JoinError extends Error {}

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
