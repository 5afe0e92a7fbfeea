/**
 * `npm run sync-server -- --data DIR --port N --token T [--host 0.0.0.0] [--cert F --key F]`
 * The team relay: laptops sync through it whenever they are online.
 */
import { readFileSync } from "node:fs";
import { startRelay } from "../node/team-server/relay";
import { parseArgs } from "./cli-args";
import { keepRunningOnBackgroundFailures } from "../node/process-guards";

async function main(): Promise<void> {
  keepRunningOnBackgroundFailures((line) => console.error(`sync-server: ${line}`));
  let args: Record<string, string>;
  try {
    args = parseArgs(process.argv.slice(2), { data: "string", port: "port", token: "string", host: "string", cert: "string", key: "string" });
  } catch (e) {
    console.error(`sync-server: ${(e as Error).message}`);
    process.exit(2);
  }
  const token = args.token ?? process.env.BATON_SYNC_TOKEN;
  if (!token || token.length < 8) {
    console.error("sync-server: give a token of at least 8 characters with --token T (or BATON_SYNC_TOKEN).");
    process.exit(2);
  }
  if (Boolean(args.cert) !== Boolean(args.key)) {
    console.error("sync-server: TLS needs both --cert and --key.");
    process.exit(2);
  }
  const relay = await startRelay({
    dataDir: args.data ?? "./sync-server-data",
    host: args.host ?? "127.0.0.1",
    port: Number(args.port ?? 8787),
    token,
    tls: args.cert && args.key ? { cert: readFileSync(args.cert, "utf8"), key: readFileSync(args.key, "utf8") } : undefined,
    log: (line) => console.error(`sync-server: ${line}`),
  });
  console.log(`Baton sync server listening on ${relay.url} (health: ${relay.url.replace(/^ws/, "http")}/healthz)`);
  const stop = async () => {
    await relay.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e: Error) => {
  console.error(`sync-server: ${e.message}`);
  process.exit(1);
});
