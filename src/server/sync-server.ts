/**
 * The team relay: laptops sync through it whenever they are online.
 *
 *   npm run sync-server -- --data DIR --port N (--tokens FILE | --token T) [--host H] [--cert F --key F]
 *   npm run sync-server -- add-person --tokens FILE --id ana --name "Ana Rep"   (prints the new token once)
 *   npm run sync-server -- revoke-person --tokens FILE --id ana
 *
 * --tokens FILE: per-person tokens (stored hashed), re-read when the file changes (and on
 * SIGHUP); a revoked person's open connections are closed. --token T: one administrator
 * who may sync every document (a shortcut for a one-person setup and for tests).
 * --cert/--key: serve wss:// and https:// (PEM files).
 */
import { readFileSync } from "node:fs";
import { startRelay } from "../node/team-server/relay";
import { addPerson, revokePerson } from "../node/team-server/people";
import { parseArgs } from "./cli-args";
import { keepRunningOnBackgroundFailures } from "../node/process-guards";

function fail(message: string, code = 2): never {
  console.error(`sync-server: ${message}`);
  process.exit(code);
}

function args(argv: string[], known: Record<string, "string" | "port">): Record<string, string> {
  try {
    return parseArgs(argv, known);
  } catch (e) {
    fail((e as Error).message);
  }
}

async function people(command: string, argv: string[]): Promise<void> {
  const a = args(argv, { tokens: "string", id: "string", name: "string" });
  if (!a.tokens || !a.id) fail(`${command} needs --tokens FILE and --id ID.`);
  if (command === "add-person") {
    const token = await addPerson(a.tokens, a.id, a.name ?? a.id).catch((e: Error) => fail(e.message));
    console.log(`Added ${a.id} to ${a.tokens}. Their token (shown once, give it to them privately):`);
    console.log(token);
    return;
  }
  const found = await revokePerson(a.tokens, a.id).catch((e: Error) => fail(e.message));
  if (!found) fail(`no person "${a.id}" in ${a.tokens}.`, 1);
  console.log(`Revoked ${a.id}. A running server closes their connections within a second.`);
}

async function serve(argv: string[]): Promise<void> {
  keepRunningOnBackgroundFailures((line) => console.error(`sync-server: ${line}`));
  const a = args(argv, { data: "string", port: "port", token: "string", tokens: "string", host: "string", cert: "string", key: "string" });
  const token = a.token ?? process.env.BATON_SYNC_TOKEN;
  if (!a.tokens && !token) fail("give per-person tokens with --tokens FILE, or one admin token with --token T (or BATON_SYNC_TOKEN).");
  if (token !== undefined && token.length < 8) fail("the admin token must be at least 8 characters.");
  if (Boolean(a.cert) !== Boolean(a.key)) fail("TLS needs both --cert and --key.");
  let tls: { cert: string; key: string } | undefined;
  try {
    tls = a.cert && a.key ? { cert: readFileSync(a.cert, "utf8"), key: readFileSync(a.key, "utf8") } : undefined;
  } catch (e) {
    fail(`cannot read the certificate or key: ${(e as Error).message}`);
  }
  const relay = await startRelay({
    dataDir: a.data ?? "./sync-server-data",
    host: a.host ?? "127.0.0.1",
    port: Number(a.port ?? 8787),
    token,
    tokensFile: a.tokens,
    tls,
    log: (line) => console.error(`sync-server: ${line}`),
  }).catch((e: Error) => fail(e.message, 1));
  console.log(`Baton sync server listening on ${relay.url} (health: ${relay.url.replace(/^ws/, "http")}/healthz)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await relay.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("SIGHUP", () => void relay.reloadTokens());
}

const [first, ...rest] = process.argv.slice(2);
const run = first === "add-person" || first === "revoke-person" ? people(first, rest) : serve(process.argv.slice(2));
run.catch((e: Error) => fail(e.message, 1));
