/** Commands shared by the Baton and the stock child: record arrivals, edit offline, report heads. */
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { AccountDoc, Person } from "../../shared";
import { addCommitment, addMilestone } from "../../shared";
import { emit, now } from "../lib/ipc";
import { messageFor, offlineEdit, rng } from "../lib/edits";

export type Arrival = [t: number, heads: string[]];

export function docCommands(repo: () => Repo) {
  const recorded = new Map<string, Arrival[]>();
  const ephemeral = new Map<string, number[]>();
  const pushing = new Set<string>();

  const find = (documentId: string, timeoutMs = 20_000) =>
    repo().find<AccountDoc>(documentId as DocumentId, { signal: AbortSignal.timeout(timeoutMs) });

  return {
    now: () => now(),
    /** Wait until the document is here (asking peers for it if need be). */
    async find({ documentId }: { documentId: string }) {
      const h = await find(documentId);
      return h.heads();
    },
    /** Record [time, heads] every time the document changes here. */
    async record({ documentId }: { documentId: string }) {
      const h = await find(documentId);
      const list: Arrival[] = [];
      recorded.set(documentId, list);
      h.on("change", () => list.push([now(), h.heads()]));
      const arrivals: number[] = [];
      ephemeral.set(documentId, arrivals);
      h.on("ephemeral-message", () => arrivals.push(now()));
      return h.heads();
    },
    /** When ephemeral messages (live changes, saved heads…) arrived for the document. */
    ephemeralArrivals({ documentId }: { documentId: string }): number[] {
      return ephemeral.get(documentId) ?? [];
    },
    recorded({ documentId }: { documentId: string }): Arrival[] {
      return recorded.get(documentId) ?? [];
    },
    /** Give a fresh account some commitments and milestones to work on. */
    async seed({ documentId, by, commitments, milestones }: { documentId: string; by: Person; commitments: number; milestones: number }) {
      const h = await find(documentId);
      const at = new Date().toISOString();
      for (let i = 0; i < commitments; i++) {
        h.change((d) => addCommitment(d, { id: `seed-c-${String(i)}`, text: `Seed commitment ${String(i)}`, by, at }), { message: messageFor(by, "Added a commitment") });
      }
      for (let i = 0; i < milestones; i++) {
        h.change((d) => addMilestone(d, { id: `seed-m-${String(i)}`, title: `Seed milestone ${String(i)}`, by, at }), { message: messageFor(by, "Added a milestone") });
      }
      await repo().flush([documentId as DocumentId]);
      return h.heads();
    },
    /** Make `count` edits spread round-robin over the documents, then save them. */
    async editOffline({ documentIds, count, seed, by }: { documentIds: string[]; count: number; seed: number; by: Person }) {
      const r = rng(seed);
      const handles: DocHandle<AccountDoc>[] = [];
      for (const id of documentIds) handles.push(await find(id));
      const t0 = now();
      for (let i = 0; i < count; i++) {
        const h = handles[i % handles.length]!;
        const edit = offlineEdit(r, h.doc(), by, i);
        h.change((d) => edit.apply(d), { message: messageFor(by, edit.what) });
      }
      const made = now() - t0;
      await repo().flush(documentIds as DocumentId[]);
      return { editMs: made, totalMs: now() - t0 };
    },
    /** Heads of each document, now. */
    async heads({ documentIds }: { documentIds: string[] }) {
      const out: Record<string, string[]> = {};
      for (const id of documentIds) out[id] = (await find(id)).heads();
      return out;
    },
    /** From now on, push {documentId, t, heads} to the parent whenever a document changes. */
    async pushHeads({ documentIds }: { documentIds: string[] }) {
      for (const id of documentIds) {
        const h = await find(id);
        if (!pushing.has(id)) {
          pushing.add(id);
          h.on("heads-changed", () => emit("heads", { documentId: id, t: now(), heads: h.heads() }));
        }
        emit("heads", { documentId: id, t: now(), heads: h.heads() });
      }
    },
    memory: () => process.memoryUsage(),
    gc: () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    },
  };
}
