/** Server-sent events to the renderer: live status and account-list updates. */
import type http from "node:http";
import type { NodeEvent } from "../../../shared/api";

export class EventStream {
  #clients = new Set<http.ServerResponse>();
  #heartbeat: NodeJS.Timeout;
  readonly #onAttach: Array<() => NodeEvent[]> = [];

  constructor() {
    this.#heartbeat = setInterval(() => {
      for (const res of this.#clients) res.write(": keep-alive\n\n");
    }, 15_000);
    this.#heartbeat.unref();
  }

  /** Events every window gets when it connects, after the node's own: a module's current state (reminders due). */
  onAttach(extra: () => NodeEvent[]): void {
    this.#onAttach.push(extra);
  }

  /** Take over a request as an event stream, sending `initial` events first. */
  attach(req: http.IncomingMessage, res: http.ServerResponse, initial: NodeEvent[], headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
    });
    for (const e of [...initial, ...this.#onAttach.flatMap((extra) => extra())]) res.write(`data: ${JSON.stringify(e)}\n\n`);
    this.#clients.add(res);
    req.on("close", () => this.#clients.delete(res));
  }

  send(event: NodeEvent): void {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.#clients) res.write(line);
  }

  close(): void {
    clearInterval(this.#heartbeat);
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}
