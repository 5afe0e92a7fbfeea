/**
 * Which relay of a team server owns which account. Accounts are spread over a fixed
 * number of virtual shards by a hash of the document id; each shard is owned by one relay
 * at a time (the relay holds a PostgreSQL advisory lock for it). Relays answer
 * `GET /topology` with this shape, and a laptop's node routes each account only to the
 * owner of its shard. The hash is FNV-1a over the id's characters: tiny, stable across
 * versions and the same in every process that reads this file.
 */
import { z } from "zod";

export const topologySchema = z.object({
  /** How many virtual shards there are (fixed for a deployment). */
  shardCount: z.number().int().min(1).max(65536),
  /** For each shard, the ws(s):// URL of the relay that owns it, or null while none does. */
  owners: z.array(z.string().max(2048).nullable()),
}).refine((t) => t.owners.length === t.shardCount, { message: "one owner entry per shard" });

export type Topology = z.infer<typeof topologySchema>;

export function shardOf(documentId: string, shardCount: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < documentId.length; i++) {
    h ^= documentId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shardCount;
}

/** The owner URL of a document, or null when its shard has no owner right now. */
export function ownerOf(topology: Topology, documentId: string): string | null {
  return topology.owners[shardOf(documentId, topology.shardCount)] ?? null;
}
