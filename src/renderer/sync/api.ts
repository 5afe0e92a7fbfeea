/**
 * Client of the sync node's JSON API (contract in shared/api.ts). Every failure comes
 * back as an ApiRequestError carrying the node's words: `message` for where the person
 * is looking, `fields` for messages next to form fields.
 */
import { apiClient, type ApiError, type Endpoint, type NodeApi, type Operation } from "../../../shared/api";
import { SAVED_DOCUMENT_PATH } from "../../../shared/api-paths";
import { eventsUrlOf } from "./endpoint";

export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the node could not be reached at all. */
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** The person-facing message of any error thrown by the API client or a command. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}

/** The node's operations (derived from the table in shared/api.ts), and where its event stream is. */
export interface WindowApi extends NodeApi {
  /** URL of the server-sent event stream (token in the query: EventSource cannot send headers). */
  eventsUrl(): string;
  /** An account as one saved document, or null when the node does not hand it over (then sync brings it). */
  savedDocument(documentId: string): Promise<Uint8Array | null>;
}

/** `endpoint` is read at each call: the node may move (new port or token after a restart). */
export function createApi(endpointOf: () => Endpoint): WindowApi {
  async function call(operation: Operation, body?: unknown): Promise<unknown> {
    const endpoint = endpointOf();
    const { method, path } = operation;
    // A file goes as its bytes; everything else as JSON.
    const file = operation.upload !== undefined && (body instanceof Blob || body instanceof Uint8Array) ? body : null;
    let res: Response;
    try {
      res = await fetch(endpoint.httpUrl + path, {
        method,
        headers: {
          Authorization: `Bearer ${endpoint.token}`,
          ...(file ? { "Content-Type": "application/octet-stream" } : body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: file ? (file as BodyInit) : body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiRequestError("This device's sync node is not answering. Your edits are kept in this window until it is back.", 0);
    }
    if (operation.download && res.ok) return downloaded(res);
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!res.ok) {
      if (isApiError(parsed)) throw new ApiRequestError(parsed.error, res.status, parsed.fields ?? {});
      throw new ApiRequestError(`The sync node refused this (HTTP ${String(res.status)}).`, res.status);
    }
    return parsed;
  }

  return {
    ...apiClient((operation, input) => call(operation, input)),
    eventsUrl: () => eventsUrlOf(endpointOf()),
    async savedDocument(documentId) {
      const endpoint = endpointOf();
      try {
        const res = await fetch(`${endpoint.httpUrl}${SAVED_DOCUMENT_PATH}?id=${encodeURIComponent(documentId)}`, { headers: { Authorization: `Bearer ${endpoint.token}` } });
        return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
      } catch {
        return null;
      }
    },
  };
}

/** A file the node answered with: its name (from Content-Disposition), type and bytes. */
async function downloaded(res: Response): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const disposition = res.headers.get("Content-Disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  let name = "baton-export";
  try {
    if (encoded) name = decodeURIComponent(encoded);
  } catch {
    // Keep the plain name.
  }
  return { name, type: res.headers.get("Content-Type") ?? "application/octet-stream", bytes: new Uint8Array(await res.arrayBuffer()) };
}
