/**
 * automerge-repo storage in PostgreSQL, shared by every relay of a team server.
 *
 * One row per storage key. Sharing is safe because automerge-repo names chunks by content
 * (incrementals by the hash of their bytes, snapshots by the hash of their heads) and its
 * compaction removes only the chunks it loaded: two relays writing the same document while
 * a shard moves add rows, they never overwrite each other's content. Durability is
 * Postgres's own: `save` resolves once the row is committed (write-ahead log).
 *
 * `document_id` repeats the key's first part so that a document's chunks are one index
 * range; `seq` keeps save order, which automerge-repo's adapter suite expects back.
 */
import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo";
import type { Pool } from "pg";

export const STORAGE_SCHEMA = `
CREATE TABLE IF NOT EXISTS baton_chunks (
  document_id text NOT NULL,
  key text[] NOT NULL,
  data bytea NOT NULL,
  seq bigserial NOT NULL,
  PRIMARY KEY (document_id, key)
);
`;

export class PostgresStorage implements StorageAdapterInterface {
  readonly #pool: Pool;
  readonly #retryMs: number;
  #closed = false;
  /**
   * automerge-repo loads a document in two calls, snapshots then incrementals. Between them
   * another relay may compact it (write a snapshot, delete the incrementals), and the two
   * answers together would miss changes. So the snapshot call reads both kinds in one
   * statement (one consistent view) and keeps the incrementals for the call that follows.
   */
  readonly #nextIncrementals = new Map<string, { chunks: Chunk[]; at: number }>();

  constructor(pool: Pool, options: { retryMs?: number } = {}) {
    this.#pool = pool;
    this.#retryMs = options.retryMs ?? 120_000;
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const r = await this.#pool.query<{ data: Buffer }>("SELECT data FROM baton_chunks WHERE document_id = $1 AND key = $2", [first(key), key]);
    const row = r.rows[0];
    return row ? bytes(row.data) : undefined;
  }

  /**
   * After close, writes are ignored: automerge-repo saves sync state without awaiting it, after
   * the relay flushed its documents, and the pool may be gone by then.
   */
  close(): void {
    this.#closed = true;
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    this.#nextIncrementals.delete(first(key));
    await this.#write(() =>
      this.#pool.query(
      `INSERT INTO baton_chunks (document_id, key, data) VALUES ($1, $2, $3)
       ON CONFLICT (document_id, key) DO UPDATE SET data = EXCLUDED.data, seq = nextval(pg_get_serial_sequence('baton_chunks', 'seq'))`,
        [first(key), key, Buffer.from(data.buffer, data.byteOffset, data.byteLength)],
      ),
    );
  }

  /**
   * A write waits out a lost database (retrying for up to `retryMs`) instead of failing at
   * once: automerge-repo does not await most saves, so a failure would surface nowhere, and
   * an edit the relay holds would reach storage only with the document's next change.
   */
  async #write(query: () => Promise<unknown>): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) return;
      try {
        await query();
        return;
      } catch (e) {
        if (!isTransient(e) || Date.now() - started > this.#retryMs) throw e;
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  async remove(key: StorageKey): Promise<void> {
    this.#nextIncrementals.delete(first(key));
    await this.#write(() => this.#pool.query("DELETE FROM baton_chunks WHERE document_id = $1 AND key = $2", [first(key), key]));
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const [documentId, kind] = prefix;
    if (prefix.length === 2 && documentId !== undefined && kind === "snapshot") {
      const r = await this.#pool.query<{ key: string[]; data: Buffer }>(
        "SELECT key, data FROM baton_chunks WHERE document_id = $1 AND key[2] IN ('snapshot', 'incremental') ORDER BY seq",
        [documentId],
      );
      const chunks = r.rows.map((row) => ({ key: row.key, data: bytes(row.data) }));
      const now = performance.now();
      for (const [id, kept] of this.#nextIncrementals) if (now - kept.at >= 5000) this.#nextIncrementals.delete(id);
      this.#nextIncrementals.set(documentId, { chunks: chunks.filter((c) => c.key[1] === "incremental"), at: now });
      return chunks.filter((c) => c.key[1] === "snapshot");
    }
    if (prefix.length === 2 && documentId !== undefined && kind === "incremental") {
      const kept = this.#nextIncrementals.get(documentId);
      this.#nextIncrementals.delete(documentId);
      if (kept && performance.now() - kept.at < 5000) return kept.chunks;
    }
    const r =
      prefix.length === 0
        ? await this.#pool.query<{ key: string[]; data: Buffer }>("SELECT key, data FROM baton_chunks ORDER BY seq")
        : await this.#pool.query<{ key: string[]; data: Buffer }>(
            "SELECT key, data FROM baton_chunks WHERE document_id = $1 AND key[1:$2] = $3 ORDER BY seq",
            [first(prefix), prefix.length, prefix],
          );
    return r.rows.map((row) => ({ key: row.key, data: bytes(row.data) }));
  }

  async removeRange(prefix: StorageKey): Promise<void> {
    if (prefix.length === 0) this.#nextIncrementals.clear();
    else this.#nextIncrementals.delete(first(prefix));
    await this.#write(() =>
      prefix.length === 0
        ? this.#pool.query("DELETE FROM baton_chunks")
        : this.#pool.query("DELETE FROM baton_chunks WHERE document_id = $1 AND key[1:$2] = $3", [first(prefix), prefix.length, prefix]),
    );
  }

  /** Whether any chunk of a document's content (snapshot or incremental) is stored. */
  async hasContent(documentId: string): Promise<boolean> {
    const r = await this.#pool.query("SELECT 1 FROM baton_chunks WHERE document_id = $1 AND key[2] IN ('snapshot', 'incremental') LIMIT 1", [documentId]);
    return (r.rowCount ?? 0) > 0;
  }
}

/** Errors of a database that is away (refused, reset, shutting down), as opposed to a rejected statement. */
export function isTransient(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (typeof err.code === "string" && (/^(08|57P)/.test(err.code) || ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"].includes(err.code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|Query read timeout|timeout exceeded when trying to connect/i.test(err.message ?? "");
}

function first(key: StorageKey): string {
  return key[0] ?? "";
}

/** A Uint8Array of exactly the row's bytes (pg returns Buffers, the Repo compares Uint8Arrays). */
function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
