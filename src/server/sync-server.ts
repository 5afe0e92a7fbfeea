/**
 * The team relay: laptops sync through it whenever they are online. `--help` prints the
 * usage (HELP below).
 *
 * --tokens FILE: per-person tokens (stored hashed), re-read when the file changes (and on
 * SIGHUP); a revoked person's open connections are closed. The administrator token (one
 * person who may sync every document; a shortcut for a one-person setup and for tests)
 * comes from --token-file or BATON_SERVER_TOKEN; --token still works, but puts the secret
 * in the process list. --cert/--key: serve wss:// and https:// (PEM files).
 */
import { readFileSync, statSync } from "node:fs";
import { startRelay } from "./relay/relay";
import { addPerson, revokePerson } from "./relay/people";
import { defaultLimits, openFileLimit, type ConnectionLimits } from "../node/network/connection-gate";
import { parseArgs } from "./cli-args";
import pg from "pg";
import { addPersonToDatabase, revokePersonInDatabase } from "./relay/postgres/directory";
import { migrateFromFiles } from "./relay/postgres/migrate-from-files";
import { migrateSchema } from "./relay/postgres/schema";
import { PostgresTarget } from "./relay/postgres/connection";
import { keepRunningOnBackgroundFailures } from "../node/process-guards";
import { createServerLog, logLine } from "./server-log";

/** Structured lines on stderr (time, level) once the server runs; usage errors stay plain sentences. */
const log = createServerLog();

const HELP = `Baton team sync server

  npm run sync-server -- --data DIR --port N --tokens FILE [options]
  npm run sync-server -- --data DIR --port N --token-file FILE [options]
  npm run sync-server -- add-person --tokens FILE --id ana --name "Ana Rep"   (prints the new token once)
  npm run sync-server -- revoke-person --tokens FILE --id ana

Several relays over one PostgreSQL database (docs/DEPLOY.md):
  npm run sync-server -- --postgres URL --port N [--token-file FILE] [options]
  npm run sync-server -- add-person --postgres URL --id ana --name "Ana Rep"
  npm run sync-server -- revoke-person --postgres URL --id ana     (closes her sockets on every relay)
  npm run sync-server -- migrate --data DIR --postgres URL [--tokens FILE]
                       copy a file-backed server's documents, members and people into the
                       database, with progress; safe to stop and run again
  BATON_POSTGRES_URL   the database URL from the environment instead of --postgres
                       (keeps a password out of the process list). With a standby, give
                       both, primary first: URL1,URL2; the relay uses whichever accepts
                       writes and looks again when it loses the database
  --public-url URL     how laptops reach this relay (ws:// or wss://), published in /topology
                       (default: the address it listens on)
  --shards N           virtual shards accounts are spread over; the same on every relay (default 64)
  --max-open-accounts N  accounts kept in memory; idle ones (10 min) and the least recently
                       used above N are unloaded and loaded again on demand (default 2000)

Who may connect (at least one):
  --tokens FILE        per-person tokens, stored hashed; re-read when the file changes and on SIGHUP
  --token-file FILE    the administrator token (may sync every document), first line of FILE
                       (keep it readable by the server's user only: chmod 600)
  BATON_SERVER_TOKEN   the administrator token, from the environment instead of a file
  --token T            the administrator token on the command line. Avoid it: every user of
                       this machine can read a process's arguments (ps, /proc/PID/cmdline),
                       so the secret is as good as public there. Kept for compatibility.

Options:
  --data DIR           where documents and members.json live (default ./sync-server-data)
  --port N             TCP port (default 8787)
  --host H             interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --cert F --key F     serve wss:// and https:// with this certificate and key (PEM)
  --max-sockets-per-person N    open connections one person may hold (default 32)
  --max-waiting-per-address N   connections from one address not yet authenticated (default 32)
  --help               this text

Open files: each connection holds one. Node raises its soft limit to the hard limit at start;
the server prints the limit it got and sizes its connection limits from it. Raise the hard
limit where the server starts: "ulimit -n 65536" in the shell that starts it, or
LimitNOFILE=65536 in its systemd unit.`;

function fail(message: string, code = 2): never {
  console.error(`sync-server: ${message}`);
  process.exit(code);
}

function args(argv: string[], known: Record<string, "string" | "port" | "count">): Record<string, string> {
  try {
    return parseArgs(argv, known);
  } catch (e) {
    fail(`${(e as Error).message} (see --help)`);
  }
}

/** The database URL from --postgres or BATON_POSTGRES_URL, if either is given. */
function postgresUrl(a: Record<string, string>): string | undefined {
  const url = a.postgres ?? process.env.BATON_POSTGRES_URL;
  if (url === undefined) return undefined;
  if (!url.split(",").every((u) => /^postgres(ql)?:\/\//.test(u.trim()))) fail("the PostgreSQL URL must start with postgres:// (e.g. postgres://baton:secret@db.internal:5432/baton); several, primary first, are separated by commas.");
  return url;
}

async function withDatabase<T>(urls: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const url = await PostgresTarget.parse(urls)
    .findPrimary(10_000)
    .catch((e: Error) => fail(`PostgreSQL: ${e.message}`, 1));
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: "baton-sync-server-cli" });
  pool.on("error", () => undefined);
  try {
    await migrateSchema(pool);
    return await work(pool);
  } catch (e) {
    fail(`PostgreSQL: ${(e as Error).message}`, 1);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

async function people(command: string, argv: string[]): Promise<void> {
  const a = args(argv, { tokens: "string", id: "string", name: "string", postgres: "string" });
  const db = postgresUrl(a);
  if (db && a.id) {
    if (command === "add-person") {
      const token = await withDatabase(db, (pool) => addPersonToDatabase(pool, a.id!, a.name ?? a.id!));
      console.log(`Added ${a.id} to the database. Their token (shown once, give it to them privately):`);
      console.log(token);
      return;
    }
    if (!(await withDatabase(db, (pool) => revokePersonInDatabase(pool, a.id!)))) fail(`no person "${a.id}" in the database.`, 1);
    console.log(`Revoked ${a.id}. Every relay closes their connections as soon as the database tells it.`);
    return;
  }
  if (!a.tokens || !a.id) fail(`${command} needs --tokens FILE (or --postgres URL) and --id ID.`);
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

/** The administrator token from exactly one of --token-file, BATON_SERVER_TOKEN (or the older BATON_SYNC_TOKEN) and --token. */
function adminToken(a: Record<string, string>): string | undefined {
  const env = process.env.BATON_SERVER_TOKEN ?? process.env.BATON_SYNC_TOKEN;
  const given = [a["token-file"] !== undefined, env !== undefined, a.token !== undefined].filter(Boolean).length;
  if (given > 1) fail("give the administrator token one way only: --token-file FILE, BATON_SERVER_TOKEN or --token.");
  let token: string | undefined;
  if (a["token-file"] !== undefined) {
    const file = a["token-file"];
    try {
      token = readFileSync(file, "utf8").split(/\r?\n/)[0]?.trim();
      if ((statSync(file).mode & 0o077) !== 0) log.warn(`${file} can be read by other users of this machine; chmod 600 it.`);
    } catch (e) {
      fail(`cannot read the token file: ${(e as Error).message}`);
    }
    if (!token) fail(`the token file ${file} is empty.`);
  } else if (env !== undefined) {
    token = env.trim();
  } else if (a.token !== undefined) {
    token = a.token;
    log.warn("--token shows the administrator token to every user of this machine (ps); use --token-file FILE or BATON_SERVER_TOKEN instead.");
  }
  if (token !== undefined && token.length < 8) fail("the admin token must be at least 8 characters.");
  return token;
}

function limitsFrom(a: Record<string, string>): { limits: Partial<ConnectionLimits>; summary: string } {
  const files = openFileLimit();
  const limits: Partial<ConnectionLimits> = {};
  if (a["max-sockets-per-person"] !== undefined) limits.maxSocketsPerKey = Number(a["max-sockets-per-person"]);
  if (a["max-waiting-per-address"] !== undefined) limits.maxWaitingPerAddress = Number(a["max-waiting-per-address"]);
  const l = { ...defaultLimits(files), ...limits };
  const summary =
    `Open-file limit ${files ?? "unknown"}: up to ${l.maxWaiting} connections waiting to authenticate (${l.maxWaitingPerAddress} per address, ` +
    `${l.waitingTimeoutMs / 1000} s each), ${l.maxSockets} authenticated (${l.maxSocketsPerKey} per person)` +
    (files !== undefined && files < 4096 ? ". That limit is low for a team server: raise it with \"ulimit -n 65536\" or LimitNOFILE=65536 (see --help)." : "");
  return { limits, summary };
}

async function migrate(argv: string[]): Promise<void> {
  const a = args(argv, { data: "string", postgres: "string", tokens: "string" });
  const db = postgresUrl(a);
  if (!a.data || !db) fail("migrate needs --data DIR (the file-backed server's folder) and --postgres URL.");
  const controller = new AbortController();
  process.once("SIGINT", () => {
    console.error("\nsync-server: stopping the migration; what was copied stays, run it again to finish.");
    controller.abort();
  });
  const started = Date.now();
  const r = await withDatabase(db, (pool) =>
    migrateFromFiles({
      dataDir: a.data!,
      pool,
      tokensFile: a.tokens,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.documents % 50 === 0 || p.documents === p.ofDocuments)
          console.log(`${number(p.documents)} of ${number(p.ofDocuments)} documents, ${number(p.chunks)} chunks, ${number(Math.round(p.bytes / 1024))} KiB`);
      },
    }),
  );
  console.log(`Copied ${number(r.documents)} documents (${number(r.chunks)} chunks) in ${number((Date.now() - started) / 1000)} s; ${number(r.members)} membership records; ${number(r.people)} people added.`);
  for (const d of r.damaged) console.error(`sync-server: skipped a damaged chunk: ${d}`);
}

const number = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 1 });

async function serve(argv: string[]): Promise<void> {
  keepRunningOnBackgroundFailures((line) => log.error(line));
  const a = args(argv, {
    postgres: "string",
    data: "string",
    port: "port",
    token: "string",
    "token-file": "string",
    tokens: "string",
    host: "string",
    cert: "string",
    key: "string",
    "max-sockets-per-person": "count",
    "max-waiting-per-address": "count",
    "public-url": "string",
    shards: "count",
    "max-open-accounts": "count",
  });
  const token = adminToken(a);
  const db = postgresUrl(a);
  if (db && a.tokens) fail("with --postgres, people live in the database: add them with add-person --postgres URL (migrate copies a tokens file in).");
  if (a["public-url"] !== undefined && !/^wss?:\/\/[^/\s]+\/?$/.test(a["public-url"])) fail("--public-url must be a ws:// or wss:// address such as wss://relay-2.sync.example.com:8787.");
  if (!db && (a["public-url"] !== undefined || a.shards !== undefined)) fail("--public-url and --shards are for relays over PostgreSQL (--postgres URL).");
  if (db && a.data) fail("give --data DIR or --postgres URL, not both (migrate copies a data folder into the database).");
  if (!db && !a.tokens && !token) fail("give per-person tokens with --tokens FILE, or an administrator token with --token-file FILE or BATON_SERVER_TOKEN (see --help).");
  if (Boolean(a.cert) !== Boolean(a.key)) fail("TLS needs both --cert and --key.");
  let tls: { cert: string; key: string } | undefined;
  try {
    tls = a.cert && a.key ? { cert: readFileSync(a.cert, "utf8"), key: readFileSync(a.key, "utf8") } : undefined;
  } catch (e) {
    fail(`cannot read the certificate or key: ${(e as Error).message}`);
  }
  const { limits, summary } = limitsFrom(a);
  const relay = await startRelay({
    ...(db ? { postgres: db, publicUrl: a["public-url"]?.replace(/\/$/, ""), shardCount: a.shards ? Number(a.shards) : undefined } : { dataDir: a.data ?? "./sync-server-data" }),
    maxOpenAccounts: a["max-open-accounts"] ? Number(a["max-open-accounts"]) : undefined,
    host: a.host ?? "127.0.0.1",
    port: Number(a.port ?? 8787),
    token,
    tokensFile: a.tokens,
    tls,
    limits,
    log: (line) => logLine(log, line),
  }).catch((e: Error) => fail(e.message, 1));
  console.log(summary);
  console.log(`Baton sync server listening on ${relay.url} (health: ${relay.url.replace(/^ws/, "http")}/healthz)`);
  log.info({ url: relay.url }, "listening");
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

const argv = process.argv.slice(2);
const [first, ...rest] = argv;
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}
const run = first === "add-person" || first === "revoke-person" ? people(first, rest) : first === "migrate" ? migrate(rest) : serve(argv);
run.catch((e: Error) => fail(e.message, 1));
