/**
 * The timeline: one ordered list of everything that happened to the account — the
 * calls, meetings and notes people logged (`doc.activities`, placed at the time they
 * happened) and the changes to stages, commitments, milestones, risks, payments, …
 * taken from the document's own history, each attributed through its change message.
 *
 * Same on every replica: it is a pure function of the set of changes, and two replicas
 * that have synced hold the same set. The order is causal first, then by time, then by
 * change hash: a change never appears before a change it was built on (a laptop with a
 * slow clock cannot put an edit before what it edited), changes made in the same second
 * keep the order they were made in, and concurrent changes order by (time, hash).
 *
 * History is read with `getChangesMetaSince`, which returns each change's metadata
 * without decoding its operations or materialising old states (unlike `getHistory`).
 */
import { getChangesMetaSince, type Doc } from "@automerge/automerge/slim";
import type { AccountDoc, ActivityKind, CallOutcome, FollowUpPurpose, Person } from "../account/schema";
import { ACTIVITY_KINDS } from "../account/schema";
import { read, readOrNull, readPerson } from "../account/fixed";
import { kindOfChange, parseChangeMessage, type ChangeKind } from "../attribution";

/** What an entry is about: a kind of change, or a kind of logged activity. */
export type TimelineKind = ChangeKind | ActivityKind;

export interface TimelineEntry {
  /** Stable across replicas: the change hash (of the first change of a run), or `activity:<id>`. */
  id: string;
  /** ISO instant. */
  at: string;
  by: Person | null;
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

export interface TimelineFilter {
  /** Only entries of these kinds. */
  kinds?: readonly TimelineKind[];
  /** Only entries by this person (or these people), by person id. */
  personIds?: readonly string[];
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
  time: number;
  deps: string[];
  message: string | null;
  /** Time used for ordering: never earlier than the changes it depends on. */
  effective: number;
  waiting: number;
  children: Node[];
}

/** A binary min-heap of ready changes, by (effective time, hash). */
class ReadyQueue {
  private items: Node[] = [];
  get size(): number {
    return this.items.length;
  }
  private less(a: Node, b: Node): boolean {
    return a.effective !== b.effective ? a.effective < b.effective : a.hash < b.hash;
  }
  push(node: Node): void {
    const h = this.items;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }
  pop(): Node {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Every change of the document in timeline order (causal, then effective time, then hash). */
function changesInOrder(doc: Doc<unknown>): Node[] {
  const nodes = new Map<string, Node>();
  for (const c of getChangesMetaSince(doc, [])) {
    nodes.set(c.hash, { hash: c.hash, time: c.time, deps: c.deps, message: c.message, effective: 0, waiting: 0, children: [] });
  }
  const ready = new ReadyQueue();
  for (const node of nodes.values()) {
    for (const dep of node.deps) {
      const parent = nodes.get(dep);
      if (parent) {
        parent.children.push(node);
        node.waiting++;
      }
    }
  }
  for (const node of nodes.values()) {
    if (node.waiting === 0) {
      node.effective = node.time;
      ready.push(node);
    }
  }
  const out: Node[] = [];
  while (ready.size) {
    const node = ready.pop();
    out.push(node);
    for (const child of node.children) {
      child.effective = Math.max(child.effective, node.effective);
      if (--child.waiting === 0) {
        child.effective = Math.max(child.effective, child.time);
        ready.push(child);
      }
    }
  }
  return out;
}

function changeEntries(doc: Doc<AccountDoc>): (TimelineEntry & { seconds: number })[] {
  const entries: (TimelineEntry & { seconds: number })[] = [];
  for (const node of changesInOrder(doc)) {
    if (!node.message) continue; // Made by software without an author (e.g. a test fixture).
    const author = parseChangeMessage(node.message);
    const kind: ChangeKind = author ? kindOfChange(author) : "account";
    if (kind === "activity") continue; // The activity itself is on the timeline.
    const entry = {
      id: node.hash,
      at: new Date(node.effective * 1000).toISOString(),
      by: author ? { id: author.by, name: author.name } : null,
      kind,
      text: author ? author.what : node.message,
      source: "change" as const,
      item: author?.item ?? null,
      count: 1,
      seconds: node.effective,
    };
    const last = entries.at(-1);
    if (
      last &&
      last.by?.id === entry.by?.id &&
      last.kind === entry.kind &&
      last.item === entry.item &&
      last.text === entry.text &&
      entry.seconds - last.seconds <= TIMELINE_MERGE_WINDOW_S
    ) {
      last.count++;
      last.seconds = entry.seconds;
      continue;
    }
    entries.push(entry);
  }
  return entries;
}

function activityEntries(doc: AccountDoc): TimelineEntry[] {
  const followUps = doc.followUps ?? {};
  return (doc.activities ?? [])
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
        source: "activity",
        item: readOrNull(a.followUpId),
        count: 1,
      };
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Everything that happened to the account, oldest first, the same on every replica
 * that holds the same changes. Filter by kind and by person.
 */
export function timelineOf(doc: Doc<AccountDoc>, filter: TimelineFilter = {}): TimelineEntry[] {
  const changes = changeEntries(doc);
  const activities = activityEntries(doc);
  // Merge two sorted lists by time; at the same instant, changes come first.
  const merged: TimelineEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < changes.length || j < activities.length) {
    const c = changes[i];
    const a = activities[j];
    if (c && (!a || c.at <= a.at)) {
      const { seconds: _seconds, ...entry } = c;
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

/** The people who appear on the timeline, for the person filter (by first appearance). */
export function timelinePeople(entries: readonly TimelineEntry[]): Person[] {
  const seen = new Map<string, Person>();
  for (const e of entries) if (e.by && !seen.has(e.by.id)) seen.set(e.by.id, e.by);
  return [...seen.values()];
}
