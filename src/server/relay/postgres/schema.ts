/**
 * The team server's tables in PostgreSQL. Every relay runs `migrateSchema` at start; it
 * only creates what is missing, under an advisory lock so that relays starting together
 * do not race each other's CREATE statements.
 *
 * - baton_chunks: automerge-repo storage (postgres-storage.ts).
 * - baton_people: who may connect (the tokens file's rows; tokens stored as SHA-256).
 * - baton_documents: who belongs to which account (membership.ts explains the two sources).
 * - baton_relays: each running relay's address and the backend that holds its shard locks,
 *   so the topology is read from pg_locks: a relay that dies loses its locks and its row
 *   stops counting at the same moment.
 *
 * Triggers announce every change to people and documents with NOTIFY, so each relay's
 * copy follows at once, whoever made the change (a relay, the CLI, an administrator in psql).
 */
import type { Pool, PoolClient } from "pg";
import { STORAGE_SCHEMA } from "./postgres-storage";

/** Advisory lock class ids (the first key of the two-key form). */
export const LOCK_CLASS = { schema: 0x6261746f, shard: 0x62617470 } as const;

export const PEOPLE_CHANNEL = "baton_people";
export const DOCUMENTS_CHANNEL = "baton_documents";

const SCHEMA = `
${STORAGE_SCHEMA}
CREATE TABLE IF NOT EXISTS baton_people (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^sha256:[0-9a-f]{64}$'),
  revoked boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS baton_documents (
  document_id text PRIMARY KEY,
  members text[] NOT NULL DEFAULT '{}',
  listed text[] NOT NULL DEFAULT '{}',
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS baton_relays (
  relay_id text PRIMARY KEY,
  url text NOT NULL,
  backend_pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION baton_notify_people() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('${PEOPLE_CHANNEL}', COALESCE(NEW.id, OLD.id));
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION baton_notify_documents() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('${DOCUMENTS_CHANNEL}', COALESCE(NEW.document_id, OLD.document_id));
  RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS baton_people_changed ON baton_people;
CREATE TRIGGER baton_people_changed AFTER INSERT OR UPDATE OR DELETE ON baton_people FOR EACH ROW EXECUTE FUNCTION baton_notify_people();
DROP TRIGGER IF EXISTS baton_documents_changed ON baton_documents;
CREATE TRIGGER baton_documents_changed AFTER INSERT OR UPDATE OR DELETE ON baton_documents FOR EACH ROW EXECUTE FUNCTION baton_notify_documents();
`;

export async function migrateSchema(pool: Pool): Promise<void> {
  const c: PoolClient = await pool.connect();
  try {
    await c.query("BEGIN");
    await c.query("SELECT pg_advisory_xact_lock($1, 0)", [LOCK_CLASS.schema]);
    await c.query(SCHEMA);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
