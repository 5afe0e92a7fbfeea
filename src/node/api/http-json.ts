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

/** The request's body as bytes (a file the window uploads); 413 past `max`. */
export async function readBytesBody(req: http.IncomingMessage, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > max) throw new ApiFailure(413, tooLarge(max));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new ApiFailure(413, tooLarge(max));
    chunks.push(chunk as Buffer);
  }
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

const tooLarge = (max: number) => `That file is too large: Baton reads files of at most ${String(Math.round(max / 1024 / 1024))} MB.`;

/** A file the window saves: its bytes, with the name to save it under. */
export function sendFile(res: http.ServerResponse, file: { name: string; type: string; bytes: Uint8Array }, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    ...headers,
    "Content-Type": file.type,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "Content-Length": String(file.bytes.byteLength),
    "Access-Control-Expose-Headers": "Content-Disposition",
  });
  res.end(file.bytes);
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
