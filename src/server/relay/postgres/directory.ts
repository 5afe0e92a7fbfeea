/**
 * People and membership for relays that share one PostgreSQL database.
 *
 * Each relay keeps a copy of both tables in memory, because the relay asks "is this person
 * valid, is she a member of that document" for every sync message and must answer without
 * I/O. The copy follows the tables through LISTEN/NOTIFY on a dedicated connection (the
 * schema's triggers announce every row change, whoever made it); when that connection is
 * lost, the relay reconnects and re-reads everything, since notifications sent meanwhile
 * are gone. A revoked token therefore closes that person's sockets on every relay within
 * one notification round trip.
 *
 * The first-uploader claim is one INSERT … ON CONFLICT DO NOTHING: of two relays that
 * receive the same new document at once, exactly one person becomes its first member.
 */
import pg from "pg";
import type { Pool } from "pg";
import { hashToken, newToken, type Person } from "../people";
import type { MembershipStore } from "../membership";
import { DOCUMENTS_CHANNEL, PEOPLE_CHANNEL } from "./schema";
import { abandon, within, type PostgresTarget } from "./connection";

type DocumentRow = { document_id: string; members: string[]; listed: string[] };
type PersonRow = { id: string; name: string; token_hash: string; revoked: boolean };

const personOf = (r: PersonRow): Person => ({ id: r.id, name: r.name, tokenHash: r.token_hash, revoked: r.revoked });

export interface DirectoryOptions {
  pool: Pool;
  /** Where the notification connection goes (the relay's shard rounds follow a failover). */
  target: PostgresTarget;
  /**
   * How often the notification connection is checked. It is idle by nature, so a hung one
   * (no FIN, no error) shows only when a query goes unanswered. Default 5000 ms.
   */
  pingMs?: number;
  /** The full list of people, after every change. */
  onPeople: (people: Person[]) => void;
  /** A document's members changed (on this relay or another). */
  onMembers: (documentId: string) => void;
  log: (line: string) => void;
}

export class PostgresDirectory implements MembershipStore {
  readonly #o: DirectoryOptions;
  readonly #docs = new Map<string, { members: string[]; listed: string[] }>();
  #listener: pg.Client | null = null;
  #stopped = false;
  #retry: NodeJS.Timeout | null = null;
  #ping: NodeJS.Timeout | null = null;
  readonly #pending = new Set<Promise<unknown>>();
  problem: string | null = null;
  /** False while the notification connection is down (the copy may be behind). */
  listening = false;

  constructor(options: DirectoryOptions) {
    this.#o = options;
  }

  /** Connect the listener and read both tables; throws when the database cannot be reached. */
  async start(): Promise<void> {
    await this.#listen();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#ping) clearInterval(this.#ping);
    await this.flush();
    const l = this.#listener;
    this.#listener = null;
    await l?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const pingMs = this.#o.pingMs ?? 5000;
    const client = new pg.Client({ connectionString: this.#o.target.current, application_name: "baton-relay-listen", query_timeout: pingMs, connectionTimeoutMillis: pingMs, keepAlive: true });
    client.on("error", () => undefined);
    try {
      await within(client.connect(), pingMs);
    } catch (e) {
      abandon(client);
      throw e;
    }
    client.on("notification", (n) => {
      if (n.channel === PEOPLE_CHANNEL) void this.#readPeople();
      else if (n.channel === DOCUMENTS_CHANNEL && n.payload) void this.#readDocument(n.payload);
    });
    const lost = (why: string) => {
      if (this.#listener !== client) return;
      this.#listener = null;
      this.listening = false;
      if (this.#ping) clearInterval(this.#ping);
      abandon(client);
      if (this.#stopped) return;
      this.#o.log(`${why}; reconnecting (people and members are re-read)`);
      this.#reconnectSoon();
    };
    client.on("end", () => lost("lost the database's notification connection"));
    try {
      await client.query(`LISTEN ${PEOPLE_CHANNEL}`);
      await client.query(`LISTEN ${DOCUMENTS_CHANNEL}`);
      this.#listener = client;
      // Read after LISTEN, so no change falls between the read and the first notification.
      await this.#readPeople();
      await this.#readAllDocuments();
    } catch (e) {
      this.#listener = null;
      abandon(client);
      throw e;
    }
    this.listening = true;
    if (this.#ping) clearInterval(this.#ping);
    this.#ping = setInterval(() => {
      within(client.query("SELECT 1"), pingMs).catch((e: Error) => lost(`the database's notification connection stopped answering (${e.message})`));
    }, pingMs);
    this.#ping.unref();
  }

  #reconnectSoon(): void {
    if (this.#retry || this.#stopped) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#listen().then(
        () => this.#o.log("notification connection back; people and members re-read"),
        () => this.#reconnectSoon(),
      );
    }, 1000);
  }

  async #readPeople(): Promise<void> {
    try {
      const r = await this.#o.pool.query<PersonRow>("SELECT id, name, token_hash, revoked FROM baton_people ORDER BY id");
      this.#o.onPeople(r.rows.map(personOf));
    } catch (e) {
      this.#o.log(`could not read people: ${(e as Error).message}`);
    }
  }

  async #readAllDocuments(): Promise<void> {
    const r = await this.#o.pool.query<DocumentRow>("SELECT document_id, members, listed FROM baton_documents");
    const seen = new Set<string>();
    for (const row of r.rows) {
      seen.add(row.document_id);
      this.#set(row);
    }
    for (const id of [...this.#docs.keys()]) if (!seen.has(id)) this.#docs.delete(id);
  }

  async #readDocument(documentId: string): Promise<void> {
    try {
      const r = await this.#o.pool.query<DocumentRow>("SELECT document_id, members, listed FROM baton_documents WHERE document_id = $1", [documentId]);
      const row = r.rows[0];
      if (row) this.#set(row);
      else this.#docs.delete(documentId);
      this.#o.onMembers(documentId);
    } catch (e) {
      this.#o.log(`could not read the members of ${documentId}: ${(e as Error).message}`);
    }
  }

  #set(row: DocumentRow): void {
    this.#docs.set(row.document_id, { members: row.members, listed: row.listed });
  }

  known(documentId: string): boolean {
    return this.#docs.has(documentId);
  }

  isMember(documentId: string, personId: string): boolean {
    const rec = this.#docs.get(documentId);
    return rec !== undefined && (rec.members.includes(personId) || rec.listed.includes(personId));
  }

  members(documentId: string): string[] {
    const rec = this.#docs.get(documentId);
    return rec ? [...new Set([...rec.members, ...rec.listed])].sort() : [];
  }

  documentCount(): number {
    return this.#docs.size;
  }

  async claim(documentId: string, personId: string): Promise<boolean> {
    const inserted = await this.#o.pool.query(
      "INSERT INTO baton_documents (document_id, members) VALUES ($1, ARRAY[$2]::text[]) ON CONFLICT (document_id) DO NOTHING RETURNING document_id",
      [documentId, personId],
    );
    const r = await this.#o.pool.query<DocumentRow>("SELECT document_id, members, listed FROM baton_documents WHERE document_id = $1", [documentId]);
    const row = r.rows[0];
    if (row) this.#set(row);
    return (inserted.rowCount ?? 0) > 0 || (row?.members.includes(personId) ?? false);
  }

  async addMember(documentId: string, personId: string): Promise<void> {
    const r = await this.#o.pool.query<DocumentRow>(
      `INSERT INTO baton_documents (document_id, members) VALUES ($1, ARRAY[$2]::text[])
       ON CONFLICT (document_id) DO UPDATE SET members = CASE WHEN $2 = ANY(baton_documents.members) THEN baton_documents.members ELSE array_append(baton_documents.members, $2) END
       RETURNING document_id, members, listed`,
      [documentId, personId],
    );
    if (r.rows[0]) this.#set(r.rows[0]);
  }

  documentsOf(personId: string): string[] {
    const ids: string[] = [];
    for (const [id, rec] of this.#docs) if (rec.members.includes(personId) || rec.listed.includes(personId)) ids.push(id);
    return ids.sort();
  }

  documents(): string[] {
    return [...this.#docs.keys()].sort();
  }

  async inherit(documentId: string, members: readonly string[]): Promise<boolean> {
    const before = this.#docs.get(documentId)?.members ?? [];
    // One statement: only into a record whose members all belonged to the erased account.
    const r = await this.#o.pool.query<DocumentRow>(
      `INSERT INTO baton_documents (document_id, members) VALUES ($1, $2::text[])
       ON CONFLICT (document_id) DO UPDATE SET members = ARRAY(SELECT DISTINCT m FROM unnest(baton_documents.members || EXCLUDED.members) AS m ORDER BY m)
       WHERE baton_documents.members <@ EXCLUDED.members
       RETURNING document_id, members, listed`,
      [documentId, [...members]],
    );
    const row = r.rows[0];
    if (!row) return false;
    this.#set(row);
    return row.members.some((id) => !before.includes(id));
  }

  async removeMember(documentId: string, personId: string): Promise<boolean> {
    const r = await this.#o.pool.query<DocumentRow>(
      "UPDATE baton_documents SET members = array_remove(members, $2) WHERE document_id = $1 RETURNING document_id, members, listed",
      [documentId, personId],
    );
    const row = r.rows[0];
    if (!row) return false;
    this.#set(row);
    return row.listed.includes(personId);
  }

  setListed(documentId: string, listed: string[]): "same" | "grown" | "shrunk" {
    const rec = this.#docs.get(documentId);
    const before = rec?.listed ?? [];
    const same = before.length === listed.length && before.every((id, i) => id === listed[i]);
    if (same && rec) return "same";
    this.#docs.set(documentId, { members: rec?.members ?? [], listed });
    const write = this.#o.pool
      .query(
        `INSERT INTO baton_documents (document_id, listed) VALUES ($1, $2::text[])
         ON CONFLICT (document_id) DO UPDATE SET listed = EXCLUDED.listed WHERE baton_documents.listed IS DISTINCT FROM EXCLUDED.listed`,
        [documentId, listed],
      )
      .catch((e: Error) => this.#o.log(`could not record the members ${documentId} lists: ${e.message}`))
      .finally(() => this.#pending.delete(write));
    this.#pending.add(write);
    if (same) return "same";
    return before.some((id) => !listed.includes(id)) ? "shrunk" : "grown";
  }

  async flush(): Promise<void> {
    await Promise.all([...this.#pending]);
  }
}

// ---- the CLI's add-person / revoke-person against the database ----------------------

/** Add a person (or give an existing one a new token); returns the token, shown once. */
export async function addPersonToDatabase(pool: Pool, id: string, name: string): Promise<string> {
  const token = newToken();
  await pool.query(
    `INSERT INTO baton_people (id, name, token_hash) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, token_hash = EXCLUDED.token_hash, revoked = false`,
    [id, name, hashToken(token)],
  );
  return token;
}

/** Mark a person revoked; every relay closes their sockets when the notification arrives. */
export async function revokePersonInDatabase(pool: Pool, id: string): Promise<boolean> {
  const r = await pool.query("UPDATE baton_people SET revoked = true WHERE id = $1", [id]);
  return (r.rowCount ?? 0) > 0;
}

/** Copy people (as parsed from a tokens file) into the table, keeping rows already there. */
export async function importPeople(pool: Pool, people: Person[]): Promise<number> {
  let added = 0;
  for (const p of people) {
    const r = await pool.query("INSERT INTO baton_people (id, name, token_hash, revoked) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING", [
      p.id,
      p.name,
      p.tokenHash,
      p.revoked,
    ]);
    added += r.rowCount ?? 0;
  }
  return added;
}
