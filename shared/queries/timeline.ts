/**
 * The timeline: one ordered list of everything that happened to the account — the
 * calls, meetings and notes people logged (`doc.activities`, placed at the time they
 * happened) and the changes to stages, commitments, milestones, risks, payments, …
 * taken from the document's own history, each attributed through its change message.
 *
 * Same on every replica: it is a pure function of the set of changes, and two replicas
 * that have synced hold the same set. The order is by time, then by change hash, made
 * safe for clocks that disagree: a change never appears before a change it was built on
 * (a laptop with a slow clock cannot put an edit before what it edited), and changes
 * made in the same second keep the order they were made in (see `inTimelineOrder`).
 *
 * Every change is on it. A change without Baton's message (a stock automerge-repo
 * client, a script) is attributed to the device it came from — "Dana Lead's device" when
 * that device signed other changes as Dana Lead, else "Unknown device 3f2a9c" — and says
 * what it did from its own operations (`change-effects.ts`). Only an empty change, which
 * changes nothing, is left out (automerge-repo starts every document with one).
 *
 * History is read with `getChangesMetaSince`, which returns each change's metadata
 * without decoding its operations or materialising old states (unlike `getHistory`).
 * That read is most of the cost (≈35 ms for 2,000 changes); a `TimelineReader` kept
 * for one open account reads only the changes that arrived since its last call, and
 * decodes a change without Baton's message once.
 */
import { getChangesMetaSince, getHeads, hasHeads, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc, ActivityDoc, ActivityKind, CallOutcome, FollowUpPurpose, Person } from "../account/schema";
import { ACTIVITY_KINDS } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { kindOfChange, parseChangeMessage, type ChangeAuthor, type ChangeKind } from "../attribution";
import { changeEffect, deviceName, type ChangeEffect } from "./change-effects";

/** What an entry is about: a kind of change, or a kind of logged activity. */
export type TimelineKind = ChangeKind | ActivityKind;

/** One entry of the timeline. */
export interface TimelineEntry {
  /** Stable across replicas: the change hash (of the first change of a run), or `activity:<id>`. */
  id: string;
  /** ISO instant. */
  at: string;
  /**
   * Who: the person, or for a change without Baton's message the device it came from
   * (then `device` is set): `{ id: <person id>, name: "Dana Lead's device" }` when that
   * device signed other changes as that person, else `{ id: "device:<actor>", name:
   * "Unknown device 3f2a9c" }`.
   */
  by: Person | null;
  /** The device (Automerge actor) of a change without Baton's message; null otherwise. */
  device: string | null;
  kind: TimelineKind;
  /** What happened, in the user's words. */
  text: string;
  /** "change": from the document's history; "activity": logged by a person. */
  source: "change" | "activity";
  /** The id of the item it is about, when known. */
  item: string | null;
  /**
   * How many changes the entry stands for. Typing into a field makes a change per
   * keystroke; consecutive changes by the same person, saying the same thing about the
   * same item within `TIMELINE_MERGE_WINDOW_S`, are one entry.
   */
  count: number;
}

/** Which entries `timelineOf` keeps; all when empty. */
export interface TimelineFilter {
  /** Only entries of these kinds. */
  kinds?: readonly TimelineKind[];
  /** Only entries by this person (or these people), by person id. */
  personIds?: readonly string[];
  /** Only what had happened by these heads (the timeline of the account as it was then). */
  upTo?: readonly string[];
}

/** The changes of `metas` that `heads` build on, the heads included. */
function upTo(metas: Iterable<ChangeMeta>, heads: readonly string[]): ChangeMeta[] {
  const byHash = new Map<string, ChangeMeta>();
  for (const m of metas) byHash.set(m.hash, m);
  const kept = new Set<string>();
  const stack = [...heads];
  while (stack.length) {
    const hash = stack.pop()!;
    if (kept.has(hash)) continue;
    const m = byHash.get(hash);
    if (!m) continue;
    kept.add(hash);
    stack.push(...m.deps);
  }
  return [...kept].map((h) => byHash.get(h)!);
}

/** Seconds between two changes that still count as one entry (see `TimelineEntry.count`). */
export const TIMELINE_MERGE_WINDOW_S = 300;

const PURPOSE_WORDS: Record<FollowUpPurpose, string> = {
  "most-important-call": "Most important call",
  "handoff-meeting": "Handoff meeting",
  "follow-up": "Follow-up call",
  call: "Call",
};

const OUTCOME_WORDS: Record<CallOutcome, string> = {
  reached: "reached the customer",
  voicemail: "left a voicemail",
  "no-answer": "no answer",
};

interface Node {
  hash: string;
  actor: string;
  time: number;
  deps: string[];
  message: string | null;
  /** The message read back (parsed once per change). */
  author: ChangeAuthor | null;
  /** For a change without Baton's message: what it did (read once per change); null when nothing. */
  effect: ChangeEffect | null;
  /** Time used for ordering: never earlier than the changes it builds on. */
  effective: number;
  /** Longest chain of changes below this one: always more than any change it builds on. */
  depth: number;
  waiting: number;
  children: Node[];
}

/** Changes of a document, as read so far. */
type ChangeMeta = Pick<Node, "hash" | "actor" | "time" | "deps" | "message" | "author" | "effect">;

/**
 * The changes in timeline order: by effective time, then causal depth, then hash.
 * A change's effective time is the latest of its own time and the effective times of
 * the changes it builds on, and its depth is greater than theirs, so the order never
 * puts a change before one it builds on; both are properties of the change graph, so
 * every replica holding the same changes computes the same order.
 */
function inTimelineOrder(metas: Iterable<ChangeMeta>): Node[] {
  const nodes = new Map<string, Node>();
  for (const c of metas) {
    nodes.set(c.hash, { hash: c.hash, actor: c.actor, time: c.time, deps: c.deps, message: c.message, author: c.author, effect: c.effect, effective: c.time, depth: 0, waiting: 0, children: [] });
  }
  for (const node of nodes.values()) {
    for (const dep of node.deps) {
      const parent = nodes.get(dep);
      if (parent) {
        parent.children.push(node);
        node.waiting++;
      }
    }
  }
  // Visit in causal order (Kahn), carrying effective time and depth down the graph.
  const queue: Node[] = [];
  for (const node of nodes.values()) if (node.waiting === 0) queue.push(node);
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const child of node.children) {
      if (node.effective > child.effective) child.effective = node.effective;
      if (node.depth + 1 > child.depth) child.depth = node.depth + 1;
      if (--child.waiting === 0) queue.push(child);
    }
  }
  return queue.sort((a, b) => a.effective - b.effective || a.depth - b.depth || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
}

/** Baton's own changes made without a person (e.g. a migration): they name no device's owner. */
const BATON = "baton";

/**
 * The person each device signed its changes as: the latest such change in timeline order
 * (a pure function of the set of changes, so the same on every replica).
 */
function devicePeople(ordered: readonly Node[]): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const node of ordered) {
    if (node.author && node.author.by !== BATON) people.set(node.actor, { id: node.author.by, name: node.author.name });
  }
  return people;
}

/** A change entry as built: with its time in seconds and the last change of its run. */
type ChangeEntry = TimelineEntry & { seconds: number; last: string };

function changeEntries(metas: Iterable<ChangeMeta>, ordered: Node[] = inTimelineOrder(metas)): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  let people: Map<string, Person> | null = null;
  for (const node of ordered) {
    const author = node.author;
    let entry: ChangeEntry;
    if (author) {
      const kind = kindOfChange(author);
      // The activity itself is on the timeline; a correction or removal of it is a change like any other.
      if (kind === "activity" && !/^(Corrected|Removed) /.test(author.what)) continue;
      entry = {
        id: node.hash,
        at: new Date(node.effective * 1000).toISOString(),
        by: { id: author.by, name: author.name },
        device: null,
        kind,
        text: author.what,
        source: "change",
        item: author.item ?? null,
        count: 1,
        seconds: node.effective,
        last: node.hash,
      };
    } else {
      const effect = node.effect;
      if (!effect) continue; // An empty change: nothing happened.
      people ??= devicePeople(ordered);
      const person = people.get(node.actor) ?? null;
      entry = {
        id: node.hash,
        at: new Date(node.effective * 1000).toISOString(),
        by: { id: person ? person.id : `device:${node.actor}`, name: deviceName(person, node.actor) },
        device: node.actor,
        kind: effect.kind,
        text: effect.what,
        source: "change",
        item: effect.item,
        count: 1,
        seconds: node.effective,
        last: node.hash,
      };
    }
    const last = entries.at(-1);
    if (
      last &&
      last.by?.id === entry.by?.id &&
      last.device === entry.device &&
      last.kind === entry.kind &&
      last.item === entry.item &&
      last.text === entry.text &&
      entry.seconds - last.seconds <= TIMELINE_MERGE_WINDOW_S
    ) {
      last.count++;
      last.seconds = entry.seconds;
      last.last = entry.last;
      continue;
    }
    entries.push(entry);
  }
  return entries;
}

function activityEntries(doc: AccountDoc): TimelineEntry[] {
  const followUps = doc.followUps ?? {};
  // A peer can put anything here (a string for the list, null for an item): what is not an activity is left out.
  const activities: unknown = doc.activities;
  return (Array.isArray(activities) ? (activities as unknown[]) : [])
    .filter((a): a is ActivityDoc => typeof a === "object" && a !== null)
    .map((a): TimelineEntry => {
      const id = read(a.id);
      const kind = read(a.kind);
      const summary = read(a.summary).trim();
      const outcome = readOrNull(a.outcome) as CallOutcome | null;
      let text = summary;
      if (outcome) {
        const purpose = readOrNull(followUps[read(a.followUpId)]?.purpose) as FollowUpPurpose | null;
        const head = `${PURPOSE_WORDS[purpose ?? "call"] ?? "Call"}: ${OUTCOME_WORDS[outcome] ?? outcome}`;
        text = summary ? `${head} — ${summary}` : head;
      }
      return {
        id: `activity:${id}`,
        at: new Date(Date.parse(read(a.at)) || 0).toISOString(),
        by: readPerson(a.by),
        kind: ((ACTIVITY_KINDS as readonly string[]).includes(kind) ? kind : "note") as ActivityKind,
        text,
        device: null,
        source: "activity",
        item: readOrNull(a.followUpId),
        count: 1,
      };
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function build(doc: AccountDoc, metas: Iterable<ChangeMeta>, filter: TimelineFilter): TimelineEntry[] {
  const changes = changeEntries(filter.upTo ? upTo(metas, filter.upTo) : metas);
  const activities = activityEntries(doc);
  // Merge two sorted lists by time; at the same instant, changes come first.
  const merged: TimelineEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < changes.length || j < activities.length) {
    const c = changes[i];
    const a = activities[j];
    if (c && (!a || c.at <= a.at)) {
      const { seconds: _seconds, last: _last, ...entry } = c;
      merged.push(entry);
      i++;
    } else {
      merged.push(a!);
      j++;
    }
  }
  const kinds = filter.kinds ? new Set<string>(filter.kinds) : null;
  const people = filter.personIds ? new Set(filter.personIds) : null;
  if (!kinds && !people) return merged;
  return merged.filter((e) => (!kinds || kinds.has(e.kind)) && (!people || (e.by !== null && people.has(e.by.id))));
}

/** Latest change time shown as such (seconds; year 9999); a later or negative one counts as unknown. */
const MAX_TIME_S = 253_402_300_799;

function metasOf(doc: Doc<unknown>, since: string[]): ChangeMeta[] {
  return getChangesMetaSince(doc, since).map((c) => {
    const author = parseChangeMessage(c.message);
    return {
      hash: c.hash,
      actor: c.actor,
      // A peer's clock (or a bad peer) can say anything: an impossible time orders like "unknown".
      time: Number.isFinite(c.time) && c.time >= 0 && c.time <= MAX_TIME_S ? c.time : 0,
      deps: c.deps,
      message: c.message,
      author,
      // Only a change without Baton's message is decoded, once (the reader keeps it by hash).
      effect: author ? null : changeEffect(doc, c),
    };
  });
}

/**
 * Everything that happened to the account, oldest first, the same on every replica
 * that holds the same changes. Filter by kind and by person.
 */
export function timelineOf(doc: Doc<AccountDoc>, filter: TimelineFilter = {}): TimelineEntry[] {
  return build(doc, metasOf(doc, []), filter);
}

/**
 * The timeline of one open account, read incrementally: each call reads only the
 * changes the document gained since the previous call (a document only grows), so
 * redrawing after a keystroke does not re-read the whole history. Give it successive
 * states of the same account; a document that does not contain what was read before
 * (another account) is read from scratch. The result equals `timelineOf`.
 */
export class TimelineReader {
  private heads: string[] = [];
  private metas = new Map<string, ChangeMeta>();
  /** The changes in timeline order, for points; made again only when changes arrived. */
  private ordered: Node[] | null = null;

  /** The timeline of `doc`, as `timelineOf(doc, filter)`. */
  read(doc: Doc<AccountDoc>, filter: TimelineFilter = {}): TimelineEntry[] {
    this.update(doc);
    return build(doc, this.metas.values(), filter);
  }

  private update(doc: Doc<AccountDoc>): void {
    if (this.heads.length && !hasHeads(doc, this.heads)) {
      this.heads = [];
      this.metas.clear();
      this.ordered = null;
    }
    const arrived = metasOf(doc, this.heads);
    for (const m of arrived) this.metas.set(m.hash, m);
    if (arrived.length) this.ordered = null;
    this.heads = getHeads(doc);
  }

  /**
   * The heads of `doc` just before or just after a timeline entry, from the changes read
   * so far plus any that arrived since (`timelinePoint`); null when the entry is not on it.
   */
  pointOf(doc: Doc<AccountDoc>, entryId: string, side: PointSide): string[] | null {
    this.update(doc);
    this.ordered ??= inTimelineOrder(this.metas.values());
    return pointOf(this.ordered, entryId, side);
  }
}

/** Which side of an entry a point is: the account just before it happened, or just after. */
export type PointSide = "before" | "after";

/**
 * The heads of the account at a point of the timeline: everything up to the entry (in
 * timeline order) for "after", everything before it for "before". A prefix of the
 * timeline never leaves out a change that one inside it builds on, so these are the heads
 * of a state every replica can open. A logged activity's point is the change that logged
 * it. Null when the entry is not on the timeline.
 */
function pointOf(ordered: Node[], entryId: string, side: PointSide): string[] | null {
  let first: string | null = null;
  let last: string | null = null;
  if (entryId.startsWith("activity:")) {
    const id = entryId.slice("activity:".length);
    const logged = ordered.find((n) => n.author && kindOfChange(n.author) === "activity" && n.author.item === id);
    if (!logged) return null;
    first = last = logged.hash;
  } else {
    const entry = changeEntries([], ordered).find((e) => e.id === entryId);
    if (!entry) return null;
    first = entry.id;
    last = entry.last;
  }
  const end = ordered.findIndex((n) => n.hash === (side === "before" ? first : last));
  if (end < 0) return null;
  const prefix = ordered.slice(0, side === "before" ? end : end + 1);
  const built = new Set<string>();
  for (const n of prefix) for (const d of n.deps) built.add(d);
  return prefix.filter((n) => !built.has(n.hash)).map((n) => n.hash);
}

/** The heads of `doc` at a point of its timeline (see `TimelineReader.pointOf`); null when the entry is not on it. */
export function timelinePoint(doc: Doc<AccountDoc>, entryId: string, side: PointSide): string[] | null {
  return pointOf(inTimelineOrder(metasOf(doc, [])), entryId, side);
}

/**
 * The people (and unknown devices) who appear on the timeline, for the person filter, by
 * first appearance; a person is named as they signed, not after their device.
 */
export function timelinePeople(entries: readonly TimelineEntry[]): Person[] {
  const seen = new Map<string, Person>();
  const signed = new Set<string>();
  for (const e of entries) {
    if (!e.by) continue;
    // Setting a key again keeps its place: first appearance, name as signed.
    if (!seen.has(e.by.id) || (e.device === null && !signed.has(e.by.id))) seen.set(e.by.id, e.by);
    if (e.device === null) signed.add(e.by.id);
  }
  return [...seen.values()];
}
