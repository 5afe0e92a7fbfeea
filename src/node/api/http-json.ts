/** JSON in and out of the API: bodies of at most 64 KiB, checked with the operation's schema. */
import type http from "node:http";
import type { z } from "zod";
import { check } from "../../../shared/validation/fields";
import { ApiFailure } from "./api-failure";

const MAX_BODY = 64 * 1024;

/** The request's JSON body ({} when empty); 413 past MAX_BODY, 400 when it is not JSON. */
export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiFailure(413, "That is too much data for one request.");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiFailure(400, "The request was not valid JSON.");
  }
}

/** The input as `schema` makes it, or a 400 naming each field that is wrong (the forms' words). */
export function checked<T>(schema: z.ZodType<T, unknown>, input: unknown): T {
  const r = check(schema, input);
  if (!r.ok) throw new ApiFailure(400, r.message, r.errors);
  return r.value;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}
