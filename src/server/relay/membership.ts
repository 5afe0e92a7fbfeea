/**
 * Which people belong to which account on the team sync server (the server shares a
 * document only with its members; everyone else gets `doc-unavailable`).
 *
 * Two sources, both simple enough to reason about:
 *
 * 1. **The first uploader.** The first person who sends the server a document it has never
 *    seen, *and who holds content for it* (a sync message with heads, i.e. an upload, not a
 *    request), becomes its first member. Recorded in `<data>/members.json`, written durably
 *    before the upload is accepted. A request for an unknown id claims nothing, so nobody
 *    can squat an id by asking for it. Document ids are 128-bit random, so an id cannot be
 *    claimed by someone who was never given it.
 * 2. **The document's own member list.** An account document may list members by server
 *    person id in its `teamMembers` field (a map `{ [personId]: anything truthy }` or a list
 *    of ids). The server reads it from its copy after every change. Only members can change
 *    the server's copy (a non-member's sync messages are refused before they are applied),
 *    so the list can only grow through someone who already belongs — e.g. the rep, or the
 *    delivery lead who got the account in the handoff meeting and added themself (their
 *    change reaches the server through the rep's node).
 *
 * A document the server holds but has no record for (data from before membership existed)
 * belongs to the people its own list names, and to the administrator.
 */
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonFile } from "../../node/device/json-file";

const fileSchema = z.object({
  version: z.literal(1),
  documents: z.record(
    z.string(),
    z.object({
      /** Members recorded by the server (the first uploader; an admin may add ids by hand while the server is stopped). */
      members: z.array(z.string()),
      /** Members named by the document itself, as last read from it. */
      listed: z.array(z.string()).default([]),
      claimedAt: z.string(),
    }),
  ),
});

type Record_ = { members: string[]; listed: string[]; claimedAt: string };

/**
 * Whether a document holds an open invitation for `secret`: `teamInvites` maps the SHA-256
 * (hex) of each invitation secret to `{ expires?: ISO date }`. Only members can write the
 * document, so only members can create invitations; the secret travels in a share link.
 */
export function inviteAllows(doc: unknown, secretHash: string, now = Date.now()): boolean {
  if (typeof doc !== "object" || doc === null) return false;
  const invites = (doc as Record<string, unknown>)["teamInvites"];
  if (typeof invites !== "object" || invites === null || Array.isArray(invites)) return false;
  const entry = (invites as Record<string, unknown>)[secretHash];
  if (typeof entry !== "object" || entry === null) return entry === true;
  const expires = (entry as Record<string, unknown>)["expires"];
  if (expires === undefined || expires === null) return true;
  const t = Date.parse(String(expires));
  return Number.isFinite(t) && t > now;
}

/** Person ids a document lists in `teamMembers` (tolerant: map or list; anything else is no one). */
export function listedMembersOf(doc: unknown): string[] {
  if (typeof doc !== "object" || doc === null) return [];
  const field = (doc as Record<string, unknown>)["teamMembers"];
  const ids: string[] = [];
  if (Array.isArray(field)) {
    for (const v of field) if (v !== null && v !== undefined) ids.push(String(v));
  } else if (typeof field === "object" && field !== null) {
    for (const [id, v] of Object.entries(field)) if (v) ids.push(id);
  }
  return ids.filter((id) => /^[A-Za-z0-9._-]{1,64}$/.test(id)).sort();
}

/** Who belongs to which document, wherever the server keeps it (members.json here, or PostgreSQL). */
export interface MembershipStore {
  /** Set when the stored records could not be read at start. */
  problem: string | null;
  known(documentId: string): boolean;
  isMember(documentId: string, personId: string): boolean;
  members(documentId: string): string[];
  claim(documentId: string, personId: string): Promise<boolean>;
  addMember(documentId: string, personId: string): Promise<void>;
  /** Every document a person belongs to (a new laptop gets them back). */
  documentsOf(personId: string): string[];
  /** Every document the server has a record of. */
  documents(): string[];
  /** An erased account's members join its fresh successor; false when it had other members or nobody was added. */
  inherit(documentId: string, members: readonly string[]): Promise<boolean>;
  /** A member leaves (deleted the account); true when the document's own list still names them. */
  removeMember(documentId: string, personId: string): Promise<boolean>;
  setListed(documentId: string, listed: string[]): "same" | "grown" | "shrunk";
  flush(): Promise<void>;
}

export class Membership implements MembershipStore {
  readonly #file: string;
  readonly #docs = new Map<string, Record_>();
  #saveTimer: NodeJS.Timeout | null = null;
  #saving: Promise<void> = Promise.resolve();
  #dirty = false;
  /** Set when members.json could not be read at start (kept aside; claims start again from the documents' lists). */
  problem: string | null = null;

  constructor(dataDir: string) {
    this.#file = join(dataDir, "members.json");
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => fileSchema.parse(raw));
    if (r.state === "ok") for (const [id, rec] of Object.entries(r.value.documents)) this.#docs.set(id, rec);
    if (r.state === "damaged") this.problem = `members.json was unreadable (kept at ${r.keptAt}): ${r.reason}`;
  }

  /** True when the server has a record of this document (claimed, or its list was read). */
  known(documentId: string): boolean {
    return this.#docs.has(documentId);
  }

  isMember(documentId: string, personId: string): boolean {
    const rec = this.#docs.get(documentId);
    return rec !== undefined && (rec.members.includes(personId) || rec.listed.includes(personId));
  }

  /** Every document this person belongs to (a new laptop asks for its person's accounts: relay.ts `/accounts`). */
  documentsOf(personId: string): string[] {
    const ids: string[] = [];
    for (const [id, rec] of this.#docs) if (rec.members.includes(personId) || rec.listed.includes(personId)) ids.push(id);
    return ids.sort();
  }

  /** Every document the server has a record of. */
  documents(): string[] {
    return [...this.#docs.keys()].sort();
  }

  members(documentId: string): string[] {
    const rec = this.#docs.get(documentId);
    return rec ? [...new Set([...rec.members, ...rec.listed])].sort() : [];
  }

  /**
   * Make `personId` the first member of an unknown document; resolves once that is on disk.
   * Returns false if someone else recorded it first.
   */
  async claim(documentId: string, personId: string): Promise<boolean> {
    const existing = this.#docs.get(documentId);
    if (existing) return existing.members.includes(personId);
    this.#docs.set(documentId, { members: [personId], listed: [], claimedAt: new Date().toISOString() });
    this.#dirty = true;
    try {
      await this.flush();
    } catch (e) {
      // Not on disk: do not grant what a crash would forget.
      this.#docs.delete(documentId);
      throw e;
    }
    return true;
  }

  /** Add a member on the server's own record (an accepted invitation); resolves once on disk. */
  async addMember(documentId: string, personId: string): Promise<void> {
    const rec = this.#docs.get(documentId) ?? { members: [], listed: [], claimedAt: new Date().toISOString() };
    if (rec.members.includes(personId)) return;
    this.#docs.set(documentId, { ...rec, members: [...rec.members, personId] });
    this.#dirty = true;
    await this.flush();
  }

  /**
   * Add the members of an erased account to the fresh one that replaces it; true when
   * someone was added (on disk). Only into an account the server does not know yet, or
   * whose members all belong to the erased one: an erasure cannot open someone else's
   * account to its own members.
   */
  async inherit(documentId: string, members: readonly string[]): Promise<boolean> {
    const existing = this.#docs.get(documentId);
    if (existing && existing.members.some((id) => !members.includes(id))) return false;
    const rec = existing ?? { members: [], listed: [], claimedAt: new Date().toISOString() };
    const added = members.filter((id) => !rec.members.includes(id));
    if (!added.length) return false;
    this.#docs.set(documentId, { ...rec, members: [...rec.members, ...added] });
    this.#dirty = true;
    await this.flush();
    return true;
  }

  /**
   * Take a member off the server's own record (they deleted the account); resolves once on
   * disk. True when the document's own list still names them (then they still belong).
   */
  async removeMember(documentId: string, personId: string): Promise<boolean> {
    const rec = this.#docs.get(documentId);
    if (!rec) return false;
    if (rec.members.includes(personId)) {
      this.#docs.set(documentId, { ...rec, members: rec.members.filter((id) => id !== personId) });
      this.#dirty = true;
      await this.flush();
    }
    return rec.listed.includes(personId);
  }

  /**
   * Record the members a document lists now. Returns "same", "grown" or "shrunk" (a
   * removal means open syncs must be re-checked).
   */
  setListed(documentId: string, listed: string[]): "same" | "grown" | "shrunk" {
    const rec = this.#docs.get(documentId) ?? { members: [], listed: [], claimedAt: new Date().toISOString() };
    const before = rec.listed;
    if (before.length === listed.length && before.every((id, i) => id === listed[i])) {
      if (!this.#docs.has(documentId)) {
        this.#docs.set(documentId, rec);
        this.#scheduleSave();
      }
      return "same";
    }
    this.#docs.set(documentId, { ...rec, listed });
    this.#scheduleSave();
    return before.some((id) => !listed.includes(id)) ? "shrunk" : "grown";
  }

  /** Every record, for a migration to another store. */
  entries(): Array<[string, { members: string[]; listed: string[] }]> {
    return [...this.#docs].map(([id, r]) => [id, { members: [...r.members], listed: [...r.listed] }]);
  }

  /** Write pending changes now and wait for them. */
  async flush(): Promise<void> {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    this.#saving = this.#saving.catch(() => undefined).then(() => this.#write());
    await this.#saving;
  }

  #scheduleSave(): void {
    this.#dirty = true;
    if (this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      this.#saving = this.#saving.catch(() => undefined).then(() => this.#write());
      // A failed background write stays dirty and is retried by the next save or flush.
      this.#saving.catch(() => undefined);
    }, 200);
  }

  async #write(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    try {
      await writeJsonFile(this.#file, { version: 1, documents: Object.fromEntries(this.#docs) });
    } catch (e) {
      this.#dirty = true;
      throw e;
    }
  }
}
