/**
 * The node's side of the operation table (shared/api.ts): each operation's method and
 * path lead to its handler, with the body read and checked by the operation's schema
 * first. Nothing here names an operation; adding one to the table is all it takes.
 */
import type http from "node:http";
import { operations, type NodeHandlers, type Operation, type OperationName } from "../../../shared/api";
import { checked, readBytesBody, readJsonBody } from "./http-json";

/** Answers one request; what it resolves with is the response body (undefined: `{ ok: true }`). */
export type Answer = (req: http.IncomingMessage) => Promise<unknown>;

export class Dispatcher {
  readonly #answers = new Map<string, Answer>();
  /** Routes whose answer is a file to save, not JSON. */
  readonly #downloads = new Set<string>();

  constructor(handlers: NodeHandlers) {
    for (const name of Object.keys(operations) as OperationName[]) {
      const operation: Operation = operations[name];
      const handler = handlers[name] as (input?: unknown) => unknown;
      // The type checker already insists on every handler; this covers a node built without it.
      if (typeof handler !== "function") throw new Error(`The sync node has no handler for the API operation ${name}.`);
      const schema = operation.input;
      const key = routeKey(operation.method, operation.path);
      if (this.#answers.has(key)) throw new Error(`Two API operations answer ${key}; the second is ${name}.`);
      const upload = operation.upload;
      this.#answers.set(
        key,
        upload !== undefined
          ? async (req) => handler.call(handlers, await readBytesBody(req, upload.maxBytes))
          : schema === undefined
            ? async () => handler.call(handlers)
            : async (req) => handler.call(handlers, checked(schema, await readJsonBody(req))),
      );
      if (operation.download) this.#downloads.add(key);
    }
  }

  /** The answer for this method and path; undefined when no operation has them. */
  answer(method: string, path: string): Answer | undefined {
    return this.#answers.get(routeKey(method, path));
  }

  /** True when this route answers with a file (`DownloadFile`). */
  isDownload(method: string, path: string): boolean {
    return this.#downloads.has(routeKey(method, path));
  }

  /** Every `METHOD /path` routed. */
  routes(): string[] {
    return [...this.#answers.keys()];
  }
}

const routeKey = (method: string, path: string) => `${method} ${path}`;
