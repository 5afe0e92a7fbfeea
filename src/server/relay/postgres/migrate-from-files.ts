/**
 * `sync-server migrate`: copy a file-backed team server's data folder (chunks, members.json)
 * and, if given, its tokens file into PostgreSQL. Every write is an upsert of the same key
 * with the same bytes, so a migration that was stopped (Ctrl-C, a lost connection) is
 * finished by running it again; nothing in the folder is changed. Run it with the
 * file-backed server stopped, or run it again after stopping it to pick up the last edits.
 */
import { join } from "node:path";
import type { Pool } from "pg";
import { CrashSafeStorage } from "../../../node/storage/crash-safe-storage";
import { Membership } from "../membership";
import { parseTokensFile } from "../people";
import { documentsOnDisk } from "../relay";
import { importPeople } from "./directory";
import { PostgresStorage } from "./postgres-storage";
import { migrateSchema } from "./schema";
import { readFile } from "node:fs/promises";

export interface MigrationProgress {
  documents: number;
  ofDocuments: number;
  chunks: number;
  bytes: number;
}

export interface MigrationResult extends MigrationProgress {
  members: number;
  people: number;
  damaged: string[];
}

export async function migrateFromFiles(o: {
  dataDir: string;
  pool: Pool;
  tokensFile?: string;
  onProgress?: (p: MigrationProgress) => void;
  signal?: AbortSignal;
}): Promise<MigrationResult> {
  // Read the tokens file first: a file that does not parse stops the migration before any write.
  const people = o.tokensFile ? parseTokensFile(await readFile(o.tokensFile, "utf8")) : [];
  await migrateSchema(o.pool);
  const damaged: string[] = [];
  const files = new CrashSafeStorage(o.dataDir, { onDamaged: (r) => damaged.push(`${r.path}: ${r.reason}`) });
  const target = new PostgresStorage(o.pool);
  const ids = [...(await documentsOnDisk(join(o.dataDir, "chunks")))].sort();
  const progress: MigrationProgress = { documents: 0, ofDocuments: ids.length, chunks: 0, bytes: 0 };
  try {
    for (const id of ids) {
      o.signal?.throwIfAborted();
      for (const chunk of await files.loadRange([id])) {
        if (chunk.data === undefined) continue;
        await target.save(chunk.key, chunk.data);
        progress.chunks++;
        progress.bytes += chunk.data.byteLength;
      }
      progress.documents++;
      o.onProgress?.({ ...progress });
    }
  } finally {
    await files.close();
  }
  const membership = new Membership(o.dataDir);
  await membership.load();
  if (membership.problem) throw new Error(membership.problem);
  let members = 0;
  for (const [id, rec] of membership.entries()) {
    o.signal?.throwIfAborted();
    // Merge with what the database may already hold (a second run, or relays already serving).
    await o.pool.query(
      `INSERT INTO baton_documents (document_id, members, listed) VALUES ($1, $2::text[], $3::text[])
       ON CONFLICT (document_id) DO UPDATE SET
         members = ARRAY(SELECT DISTINCT unnest(baton_documents.members || EXCLUDED.members) ORDER BY 1),
         listed = ARRAY(SELECT DISTINCT unnest(baton_documents.listed || EXCLUDED.listed) ORDER BY 1)`,
      [id, rec.members, rec.listed],
    );
    members++;
  }
  const added = await importPeople(o.pool, people);
  return { ...progress, members, people: added, damaged };
}
