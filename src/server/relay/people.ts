/**
 * Who may use the team sync server: a tokens file with one entry per person, re-read
 * while the server runs so that a token can be revoked (or a person added) without a
 * restart. Tokens are stored only as SHA-256 hashes: a copy of the file (a backup, a
 * screen share) does not let anyone in. Tokens are random (`newToken`, 192 bits), so a
 * plain hash is enough; there is no password to stretch.
 *
 * File format (JSON):
 *   { "people": [ { "id": "ana", "name": "Ana Rep", "token": "sha256:<64 hex>", "revoked": false } ] }
 *
 * A file that does not parse is refused as a whole: at start the server does not start;
 * while running, the previous list stays in force and the problem is logged (a typo must
 * neither lock the team out nor let anyone in).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, unwatchFile, watchFile, type Stats } from "node:fs";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "../../node/storage/atomic-file";

/** A person as the server knows them. */
export interface Person {
  /** Stable id; documents list their members by it. */
  id: string;
  name: string;
  /** "sha256:<hex>" of the person's token. */
  tokenHash: string;
  revoked: boolean;
  /** The `--token` shortcut: one administrator who may sync every document. */
  admin?: boolean;
}

const personIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: "a person id is 1–64 letters, digits, '.', '_' or '-'" });
const hashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'token must be stored as "sha256:<64 lowercase hex>" (use: sync-server add-person)' });

const fileSchema = z
  .object({
    people: z.array(
      z.object({
        id: personIdSchema,
        name: z.string().min(1).max(120),
        token: hashSchema,
        revoked: z.boolean().optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const hashes = new Set<string>();
    for (const [i, p] of file.people.entries()) {
      if (ids.has(p.id)) ctx.addIssue({ code: "custom", path: ["people", i, "id"], message: `duplicate person id "${p.id}"` });
      if (hashes.has(p.token)) ctx.addIssue({ code: "custom", path: ["people", i, "token"], message: `two people share one token (person "${p.id}")` });
      ids.add(p.id);
      hashes.add(p.token);
    }
  });

export type TokensFile = z.infer<typeof fileSchema>;

/** A new random token (what a person pastes into Baton's settings). */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashToken(token: string): string {
  return `sha256:${createHash("sha256").update(token, "utf8").digest("hex")}`;
}

/** Parse a tokens file's text; throws an Error whose message says what is wrong and where. */
export function parseTokensFile(text: string): Person[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${issue?.path.join(".") || "file"}: ${issue?.message ?? "invalid"}`);
  }
  return r.data.people.map((p) => ({ id: p.id, name: p.name, tokenHash: p.token, revoked: p.revoked ?? false }));
}

export interface PeopleOptions {
  /** Path of the tokens file, when per-person tokens are used. */
  tokensFile?: string;
  /** The single-administrator shortcut (`--token T`). */
  adminToken?: string;
  /** How often the tokens file is checked for changes. Default 1000 ms. */
  pollMs?: number;
  /** People come from a database, which calls `replace` with every change. */
  fromDatabase?: boolean;
  /** Called after each successful reload with the people whose access ended or changed. */
  onReload?: (stillValid: (person: Person) => boolean) => void;
  log?: (line: string) => void;
}

/**
 * The current list of people, kept in step with the tokens file. `authenticate` maps a
 * presented token to a person (constant-time over every entry); `isValid` says whether a
 * person authenticated earlier still holds a valid token (used to close revoked sockets).
 */
export class People {
  readonly #options: PeopleOptions;
  #people: Person[] = [];
  readonly #admin: Person | undefined;
  #watching = false;
  #reloading: Promise<void> = Promise.resolve();

  constructor(options: PeopleOptions) {
    if (!options.tokensFile && !options.adminToken && !options.fromDatabase) throw new Error("give a tokens file (--tokens FILE) or an admin token (--token T)");
    this.#options = options;
    this.#admin = options.adminToken ? { id: "admin", name: "admin", tokenHash: hashToken(options.adminToken), revoked: false, admin: true } : undefined;
    if (options.tokensFile) {
      try {
        this.#people = parseTokensFile(readFileSync(options.tokensFile, "utf8"));
      } catch (e) {
        throw new Error(`tokens file ${options.tokensFile}: ${(e as Error).message}`, { cause: e });
      }
    }
  }

  /** Start following changes to the tokens file. */
  watch(): void {
    const file = this.#options.tokensFile;
    if (!file || this.#watching) return;
    this.#watching = true;
    // Stat polling rather than fs.watch: it follows the path across atomic replaces
    // (rename over the file), editors' save strategies and network file systems.
    watchFile(file, { interval: this.#options.pollMs ?? 1000, persistent: false }, (cur: Stats, prev: Stats) => {
      if (cur.mtimeMs === prev.mtimeMs && cur.size === prev.size && cur.ino === prev.ino) return;
      void this.reload();
    });
  }

  stop(): void {
    if (this.#watching && this.#options.tokensFile) unwatchFile(this.#options.tokensFile);
    this.#watching = false;
  }

  /** Re-read the tokens file now (also on SIGHUP). Keeps the previous list if the file is invalid. */
  reload(): Promise<void> {
    this.#reloading = this.#reloading.then(async () => {
      const file = this.#options.tokensFile;
      if (!file) return;
      let next: Person[];
      try {
        next = parseTokensFile(await readFile(file, "utf8"));
      } catch (e) {
        this.#options.log?.(`tokens file ${file} is invalid, keeping the previous list: ${(e as Error).message}`);
        return;
      }
      this.#people = next;
      this.#options.log?.(`tokens file reloaded: ${next.filter((p) => !p.revoked).length} active, ${next.filter((p) => p.revoked).length} revoked`);
      this.#options.onReload?.((person) => this.isValid(person));
    });
    return this.#reloading;
  }

  /** Take a new list of people (from the database) and close what is no longer valid. */
  replace(next: Person[]): void {
    this.#people = next;
    this.#options.onReload?.((person) => this.isValid(person));
  }

  /** The person a token belongs to, or undefined (unknown, revoked, missing). */
  authenticate(token: string | undefined): Person | undefined {
    if (token === undefined || token.length === 0 || token.length > 512) return undefined;
    const presented = Buffer.from(hashToken(token));
    let found: Person | undefined;
    // Compare against every entry so the time taken does not say which one matched.
    for (const person of this.#all()) {
      const expected = Buffer.from(person.tokenHash);
      if (expected.length === presented.length && timingSafeEqual(expected, presented) && !person.revoked) found ??= person;
    }
    return found;
  }

  /** True while `person` (as authenticated earlier) still exists with the same token and is not revoked. */
  isValid(person: Person): boolean {
    return this.#all().some((p) => p.id === person.id && p.tokenHash === person.tokenHash && !p.revoked);
  }

  get(id: string): Person | undefined {
    return this.#all().find((p) => p.id === id);
  }

  list(): Person[] {
    return [...this.#all()];
  }

  #all(): Person[] {
    return this.#admin ? [this.#admin, ...this.#people] : this.#people;
  }
}

// ---- editing the tokens file (the CLI's add-person / revoke-person) ------------------

async function readOrEmpty(file: string): Promise<TokensFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { people: [] };
    throw e;
  }
  const people = parseTokensFile(text);
  return { people: people.map((p) => ({ id: p.id, name: p.name, token: p.tokenHash, revoked: p.revoked })) };
}

/** Add a person (or give an existing one a new token); returns the token, shown once. */
export async function addPerson(file: string, id: string, name: string): Promise<string> {
  personIdSchema.parse(id);
  const data = await readOrEmpty(file);
  const token = newToken();
  const entry = { id, name, token: hashToken(token), revoked: false };
  const i = data.people.findIndex((p) => p.id === id);
  if (i >= 0) data.people[i] = entry;
  else data.people.push(entry);
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  return token;
}

/** Mark a person revoked; a running server closes their sockets within its poll interval. */
export async function revokePerson(file: string, id: string): Promise<boolean> {
  const data = await readOrEmpty(file);
  const p = data.people.find((x) => x.id === id);
  if (!p) return false;
  p.revoked = true;
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  return true;
}
