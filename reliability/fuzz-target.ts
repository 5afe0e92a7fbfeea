/**
 * Child process for reliability/fuzz.ts: the three endpoints (lib/targets.ts) in a
 * process of their own, so their memory can be measured apart from the fuzzer's.
 * Protocol: prints `ready <json targets>`, then answers one JSON line per stdin command
 * (`probe`, `heads`, `actors`, `mem` after a GC, `rss` without one, `stop`).
 */
import { createInterface } from "node:readline";
import { startFixture } from "./lib/targets";

// stdout is the protocol with the parent. automerge-repo reports some failures with
// console.log ("error receiving message"): count them, keep a few, and keep stdout clean.
const logged: string[] = [];
let loggedCount = 0;
console.log = (...args: unknown[]) => {
  loggedCount++;
  const show = (v: unknown): unknown => (v instanceof Error ? `${v.name}: ${v.message} @ ${(v.stack ?? "").split("\n").slice(1, 4).join(" < ")}` : v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v);
  if (logged.length < 5) logged.push(args.map((a) => (typeof a === "object" && a !== null ? JSON.stringify(a, (_k, v: unknown) => show(v)) : String(a))).join(" ").slice(0, 900));
};

const fixture = await startFixture();
const targets = fixture.targets.map((t) => ({ ...t, documentBytes: Buffer.from(t.documentBytes).toString("base64") }));
process.stdout.write(`ready ${JSON.stringify(targets)}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
for await (const line of createInterface({ input: process.stdin })) {
  const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  try {
    if (line === "probe") reply({ ms: await fixture.probe() });
    else if (line === "heads") reply(fixture.heads());
    else if (line === "changes") reply(fixture.changes());
    else if (line === "logs") reply({ count: loggedCount, samples: logged });
    else if (line === "actors") reply({ actors: fixture.actors(), good: fixture.good.map((g) => g.handle.doc() && g.endpoint) });
    else if (line === "settled") {
      const same = () => fixture.good.every((g) => JSON.stringify([...(g.serverSide()?.heads() ?? [])].sort()) === JSON.stringify([...g.handle.heads()].sort()));
      for (let i = 0; i < 200 && !same(); i++) await new Promise((r) => setTimeout(r, 50));
      const { getActorId } = await import("@automerge/automerge");
      reply({ settled: same(), goodActors: fixture.good.map((g) => getActorId(g.handle.doc())) });
    } else if (line === "rss") {
      // Without a GC first: what the process holds right now (what `top` shows).
      const m = process.memoryUsage();
      reply({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
    } else if (line === "mem") {
      gc?.();
      const m = process.memoryUsage();
      reply({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
    } else if (line === "stop") {
      await fixture.stop();
      reply({ stopped: true });
      process.exit(0);
    } else reply({ error: `unknown command ${line}` });
  } catch (e) {
    reply({ error: `${(e as Error).message} ${((e as Error).stack ?? "").split("\n").slice(1, 30).join(" <- ")}` });
  }
}
