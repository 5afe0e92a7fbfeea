/**
 * The node's routes for meetings nearby and knocks (contract in shared/api.ts). They sit
 * beside the main API client rather than in it so discovery stays one feature in one
 * folder; failures come back as ApiRequestError with the node's words, as everywhere.
 */
import type { JoinedMeeting, NearbyMeetings } from "../../../shared";
import { API, type AnswerKnockInput, type ApiError, type KnockInput } from "../../../shared/api";
import { ApiRequestError } from "../sync/api";
import { findEndpoint } from "../sync/endpoint";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    // Asked each time: the node may have moved (a restart gives a new port or token).
    const endpoint = await findEndpoint();
    res = await fetch(endpoint.httpUrl + path, {
      method,
      headers: { Authorization: `Bearer ${endpoint.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError("This device's sync node is not answering.", 0);
  }
  const parsed: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = parsed as Partial<ApiError> | undefined;
    if (typeof error?.error === "string") throw new ApiRequestError(error.error, res.status, error.fields ?? {});
    throw new ApiRequestError(`The sync node refused this (HTTP ${String(res.status)}).`, res.status);
  }
  return parsed as T;
}

export const nearbyApi = {
  /** Meetings announced on this network (the node looks while this is asked for). */
  list: () => call<NearbyMeetings>("GET", API.nearbyMeetings),
  /** Knock and wait (up to about two minutes) for the host; resolves once joined. */
  knock: (meetingId: string) => call<JoinedMeeting>("POST", API.knock, { meetingId } satisfies KnockInput),
  stopWaiting: () => call<void>("DELETE", API.knock),
  /** The host's answer to someone at the door. */
  answer: (input: AnswerKnockInput) => call<void>("POST", API.answerKnock, input),
};
