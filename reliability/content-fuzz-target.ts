/**
 * Child process for reliability/content-fuzz.ts: the real nodes (lib/content-fixture.ts —
 * a team sync server and a SyncNode linked to it, hosting meetings) in a process of their
 * own, so that an exit is seen and their memory is measured apart from the attacker's.
 *
 * Protocol: prints `ready <json>`, then answers each stdin line `{"id", "cmd", "args"}`
 * with one stdout line `{"id", "result"}` or `{"id", "error"}`. Everything the process
 * logs (the node's log, console output, a failed background task) is kept and handed
 * over with `failures` / `logs`; nothing else is written to stdout.
 */
import { createInterface } from "node:readline";
import { startContentFixture } from "./lib/content-fixture";
import { FAILURE_LINE } from "./lib/content-fuzz";

const console_: string[] = [];
const keep = (kind: string) => (...args: unknown[]) => {
  const line = `${kind}: ${args.map((a) => (a instanceof Error ? `${a.name}: ${a.message} @ ${(a.stack ?? "").split("\n").slice(1, 4).join(" < ")}` : typeof a === "object" && a !== null ? JSON.stringify(a)?.slice(0, 300) : String(a))).join(" ")}`.slice(0, 900);
  if (console_.length < 10_000) console_.push(line);
};
console.log = keep("console.log");
console.warn = keep("console.warn");
console.error = keep("console.error");
console.info = keep("console.info");

const fixture = await startContentFixture({ guardProcess: true });
process.stdout.write(`ready ${JSON.stringify({ untouched: fixture.untouched, pid: process.pid })}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
const commands: Record<string, (args: never) => Promise<unknown>> = {
  meetingAccount: ({ name }: { name: string }) => fixture.meetingAccount(name),
  serverAccount: ({ name }: { name: string }) => fixture.serverAccount(name),
  waitForHeads: ({ documentId, heads, timeoutMs }: { documentId: string; heads: string[]; timeoutMs: number }) => fixture.node.waitForHeads(documentId, heads, timeoutMs),
  inspect: ({ documentId }: { documentId: string }) => fixture.node.inspect(documentId),
  repair: ({ documentId }: { documentId: string }) => fixture.node.repair(documentId),
  editsThatFail: ({ documentId }: { documentId: string }) => fixture.node.editsThatFail(documentId),
  fingerprints: ({ documentIds }: { documentIds: string[] }) => fixture.node.fingerprints(documentIds),
  failures: async () => [...(await fixture.node.failures()), ...console_.filter((l) => FAILURE_LINE.test(l))],
  logs: async () => ({ node: fixture.logs.length, console: console_.length, samples: [...fixture.logs.slice(-5), ...console_.slice(-5)] }),
  mem: async () => {
    gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed };
  },
  stop: async () => {
    await fixture.stop();
    return { stopped: true };
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  let id: unknown = null;
  void (async () => {
    try {
      const request = JSON.parse(line) as { id: number; cmd: string; args?: unknown };
      id = request.id;
      const command = commands[request.cmd];
      if (!command) throw new Error(`unknown command ${request.cmd}`);
      const result = await command((request.args ?? {}) as never);
      process.stdout.write(`${JSON.stringify({ id, result })}\n`);
      if (request.cmd === "stop") process.exit(0);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id, error: `${(e as Error).message} ${((e as Error).stack ?? "").split("\n").slice(1, 6).join(" <- ")}` })}\n`);
    }
  })();
}
