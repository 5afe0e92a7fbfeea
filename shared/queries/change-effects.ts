/**
 * What a change did, in the user's words, read from the change itself — for changes that
 * carry no Baton change message (a stock automerge-repo client, a script, another tool),
 * so that every change reaches the timeline attributed to the device it came from.
 *
 * Why operations and not `Automerge.diff(doc, deps, [hash])`: a diff between two old
 * states walks the whole document (≈5 ms for one typed character in a 2,500-operation
 * account, ≈23 ms in a 77,000-operation one), while a change's own operations are few
 * and reading them costs about the same whatever the account's size (≈0.2 ms). The
 * first read of a freshly loaded document costs a few ms more (Automerge builds its
 * change index once). Each operation names the object it
 * touched; the object's place in the account (`objInfo` at the change's dependencies,
 * where every object it touches already exists) gives the part of the account, and the
 * operation's own key and action give the item and the field. Objects the change
 * creates itself are inside something it added, and need no look-up.
 *
 * The change is untrusted: it can hold anything (huge, odd paths, wrong types). Nothing
 * here throws, the work is capped (operations decoded, objects looked up), and the words
 * come only from the tables below plus numbers — never the peer's keys or values — except
 * a foreign change message, which is cleaned and cut short.
 */
import { getBackend, inspectChange, type ChangeMetadata, type Doc, type Prop } from "@automerge/automerge/slim";
import type { Person } from "../account/schema";
import type { ChangeKind } from "../attribution";
import { FIELD_WORDS, PARTS } from "./part-words";
import { cleanUntrustedText } from "../validation/untrusted-text";

/** What a change did: the timeline's kind, words and item for it. */
export interface ChangeEffect {
  kind: ChangeKind;
  /** What it did, in the user's words ("Removed 3 commitments"). */
  what: string;
  /** The id of the one item it touched, when it touched exactly one. */
  item: string | null;
}

/** Work a hostile change can cost, at most. */
export const CHANGE_EFFECT_LIMITS = {
  /** Changes with more operations are not decoded (≈4 µs each), only counted. */
  operations: 20_000,
  /** Distinct objects placed in the account (≈20 µs each); operations on the rest count as "more". */
  objects: 200,
  /** Longest item id kept as the entry's item. */
  itemId: 100,
  /** Longest foreign change message shown, in characters. */
  note: 60,
} as const;

// ---------------------------------------------------------------------------------------
// The words, in one place

const PART_ORDER = Object.keys(PARTS);
/** Top-level keys Baton does not know: said together, never by their (peer-chosen) names. */
const OTHER = "\u0000other";


/** Who made a change that carried no Baton message: the device, named after its person when known. */
export function deviceName(person: Person | null, actor: string): string {
  return person ? `${person.name}'s device` : `Unknown device ${actor.slice(0, 6)}`;
}

const count = (n: number, one: string, many: string) => (n === 1 ? one : `${n.toLocaleString("en-US")} ${many}`);
const both = (words: string[]) => (words.length === 2 ? `${words[0]} and ${words[1]}` : words.join(", "));

// ---------------------------------------------------------------------------------------
// Reading the change

type Action = "add" | "remove" | "change";

/** What one change did to one top-level part. */
interface PartTouch {
  /** The part itself was set or deleted (a whole list replaced, a value changed). */
  whole: Action | null;
  added: Set<string>;
  removed: Set<string>;
  /** Item (or "" for a record) → fields changed ("" when the item itself was replaced). */
  changed: Map<string, Set<string>>;
  /** For keys Baton does not know: which ones (counted, never shown). */
  keys: Set<string>;
}

const newTouch = (): PartTouch => ({ whole: null, added: new Set(), removed: new Set(), changed: new Map(), keys: new Set() });

function touchedField(touch: PartTouch, item: string, field: string): void {
  let fields = touch.changed.get(item);
  if (!fields) touch.changed.set(item, (fields = new Set()));
  fields.add(field);
}

/** The counter of an operation id `counter@actor` made by `actor`, or null. */
function counterOf(id: string, actor: string): number | null {
  const at = id.indexOf("@");
  if (at <= 0 || id.slice(at + 1) !== actor) return null;
  const n = Number(id.slice(0, at));
  return Number.isInteger(n) ? n : null;
}

/** The document's parts the change touched, or null when it could not be read at all. */
function touches(doc: Doc<unknown>, meta: ChangeMetadata): { parts: Map<string, PartTouch>; more: boolean } | null {
  const decoded = inspectChange(doc, meta.hash);
  if (!decoded) return null;
  const backend = getBackend(doc);
  // Looked up per change, at its own dependencies, so the words depend on nothing but the
  // change and its past (a cache across changes would let a change that touches an object
  // no longer in the account read differently depending on what was read before it).
  const paths = new Map<string, readonly Prop[] | null>([["_root", []]]);
  const parts = new Map<string, PartTouch>();
  let more = false;
  let lookups = 0;
  const pathOf = (obj: string): readonly Prop[] | null | undefined => {
    if (paths.has(obj)) return paths.get(obj);
    if (lookups >= CHANGE_EFFECT_LIMITS.objects) return undefined;
    lookups++;
    let path: Prop[] | null = null;
    try {
      // Where the object was just before the change: it exists there (a change can only
      // touch what it has seen), even if this very change removed what held it.
      if (meta.deps.length) path = backend.objInfo(obj as never, meta.deps).path ?? null;
    } catch {
      path = null;
    }
    paths.set(obj, path);
    return path;
  };
  for (let i = 0; i < decoded.ops.length; i++) {
    const op = decoded.ops[i]!;
    if (typeof op?.obj !== "string") continue;
    // Inside an object this change made: part of something it added or replaced, which
    // an earlier operation of the same change already accounts for.
    const counter = counterOf(op.obj, meta.actor);
    if (counter !== null && counter >= meta.startOp && counter <= meta.maxOp) continue;
    const base = pathOf(op.obj);
    if (!base) {
      more = true;
      continue;
    }
    const mapKey = typeof op.key === "string" ? op.key : null;
    const path: readonly Prop[] = mapKey === null ? base : [...base, mapKey];
    const first = path[0];
    if (first === undefined) continue;
    const insert = (op as { insert?: unknown }).insert === true;
    const action: Action = op.action === "del" ? "remove" : (mapKey !== null && op.pred?.length === 0) || insert ? "add" : "change";
    const name = typeof first === "string" && Object.hasOwn(PARTS, first) ? first : OTHER;
    let touch = parts.get(name);
    if (!touch) parts.set(name, (touch = newTouch()));
    if (name === OTHER) {
      touch.keys.add(String(first));
      continue;
    }
    const words = PARTS[name]!;
    if (path.length === 1) {
      if (mapKey !== null) {
        // The part itself set or deleted at the top level (both: replaced).
        touch.whole = touch.whole && touch.whole !== action ? "change" : action;
      } else if (words.shape === "items") {
        // An element added to, removed from or replaced in a list (activities, stage moves):
        // each operation is one element (list positions shift, so they are not compared).
        const element = `op ${i}`;
        if (action === "add") touch.added.add(element);
        else if (action === "remove") touch.removed.add(element);
        else touchedField(touch, element, "");
      } else {
        touch.whole = "change"; // typing into a text (the name), or a list where a value belongs
      }
      continue;
    }
    const second = String(path[1]);
    if (words.shape === "items") {
      if (path.length === 2 && mapKey !== null) {
        if (action === "add") touch.added.add(second);
        else if (action === "remove") touch.removed.add(second);
        else touchedField(touch, second, "");
      } else {
        const field = path[2];
        touchedField(touch, words.list ? `at ${second}` : second, typeof field === "string" ? field : "");
      }
    } else if (words.shape === "record") {
      touchedField(touch, "", second);
    } else {
      touch.whole = "change";
    }
  }
  return { parts, more };
}

// ---------------------------------------------------------------------------------------
// Saying it

function fieldWords(fields: Set<string>): string[] | null {
  const words = new Set<string>();
  for (const f of fields) {
    const w = Object.hasOwn(FIELD_WORDS, f) ? FIELD_WORDS[f] : undefined;
    if (!w) return null;
    words.add(w);
  }
  return [...words];
}

/** "the due date of", "the value and currency of", "3 details of". */
function detailsOf(fields: Set<string>): string {
  const words = fieldWords(fields);
  if (words && words.length <= 2) return `the ${both(words)} of`;
  return fields.size === 1 ? "a detail of" : `${fields.size.toLocaleString("en-US")} details of`;
}

function sayPart(name: string, touch: PartTouch): string[] {
  if (name === OTHER) {
    const n = touch.keys.size;
    return [n === 1 ? "changed another part of the account" : `changed ${n.toLocaleString("en-US")} other parts of the account`];
  }
  const words = PARTS[name]!;
  if (words.shape === "value") return [touch.whole === "remove" ? `removed ${words.label}` : `changed ${words.label}`];
  if (words.shape === "record") {
    const clauses: string[] = [];
    if (touch.whole) clauses.push(touch.whole === "remove" ? `removed ${words.label}` : `replaced ${words.label}`);
    const fields = touch.changed.get("");
    if (fields?.size) clauses.push(`changed ${detailsOf(fields)} ${words.label}`);
    return clauses;
  }
  const clauses: string[] = [];
  if (touch.whole) clauses.push(touch.whole === "remove" ? `removed the whole list of ${words.many}` : `replaced the whole list of ${words.many}`);
  if (touch.added.size) clauses.push(`added ${count(touch.added.size, words.one, words.many)}`);
  if (touch.removed.size) clauses.push(`removed ${count(touch.removed.size, words.one, words.many)}`);
  const changed = [...touch.changed].filter(([item]) => !touch.added.has(item) && !touch.removed.has(item));
  if (changed.length === 1) {
    const fields = changed[0]![1];
    clauses.push(fields.has("") ? `replaced ${words.one}` : `changed ${detailsOf(fields)} ${words.one}`);
  } else if (changed.length > 1) {
    clauses.push(`changed ${count(changed.length, words.one, words.many)}`);
  }
  return clauses;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A foreign change message as shown: one line, no invisible characters, cut short. */
function noteOf(message: string | null): string | null {
  if (!message) return null;
  return cleanUntrustedText(message.slice(0, 4 * CHANGE_EFFECT_LIMITS.note), CHANGE_EFFECT_LIMITS.note, "…") || null;
}

/**
 * What `meta`'s change did to the account, for a change without Baton's message: its kind,
 * its words and its item. Null when it changed nothing (an empty change, such as the one
 * automerge-repo makes when it creates a document). A message that is not Baton's is kept
 * as a short note after the words. Never throws.
 */
export function changeEffect(doc: Doc<unknown>, meta: ChangeMetadata): ChangeEffect | null {
  const operations = meta.maxOp - meta.startOp + 1;
  if (!(operations > 0)) return null;
  let effect: ChangeEffect;
  if (operations > CHANGE_EFFECT_LIMITS.operations) {
    effect = { kind: "account", what: `Made a large change to the account (${operations.toLocaleString("en-US")} edits at once)`, item: null };
  } else {
    let read: ReturnType<typeof touches>;
    try {
      read = touches(doc, meta);
    } catch {
      read = null; // Not readable here (e.g. a change this build cannot decode): still on the timeline.
    }
    effect = read ? say(read.parts, read.more) : { kind: "account", what: "Changed the account", item: null };
  }
  const note = noteOf(meta.message);
  if (note) effect.what += ` — note: “${note}”`;
  return effect;
}

function say(parts: Map<string, PartTouch>, more: boolean): ChangeEffect {
  const names = [...parts.keys()].sort((a, b) => (a === OTHER ? 1 : b === OTHER ? -1 : PART_ORDER.indexOf(a) - PART_ORDER.indexOf(b)));
  const kinds = new Set(names.map((n) => (n === OTHER ? "account" : PARTS[n]!.kind)).filter((k) => k !== "account"));
  const kind: ChangeKind = kinds.size === 1 ? [...kinds][0]! : "account";
  let what: string;
  if (names.length === 0) {
    what = "Changed the account";
  } else if (names.length <= 2) {
    what = capitalised(names.flatMap((n) => sayPart(n, parts.get(n)!)).join("; ") || "changed the account");
  } else {
    const shown = names.slice(0, 4).map((n) => {
      const words = PARTS[n];
      return !words ? "other parts" : words.shape === "items" ? words.many : words.short;
    });
    const total = names.length - 1 + (parts.get(OTHER)?.keys.size ?? 1);
    what = `Changed ${total.toLocaleString("en-US")} parts of the account: ${shown.join(", ")}${names.length > 4 ? ", …" : ""}`;
  }
  if (more) what += " (and more)";
  let item: string | null = null;
  if (names.length === 1 && names[0] !== OTHER) {
    const touch = parts.get(names[0]!)!;
    const words = PARTS[names[0]!]!;
    const items = new Set([...touch.added, ...touch.removed, ...touch.changed.keys()]);
    if (words.shape === "items" && !words.list && !touch.whole && items.size === 1) {
      const id = [...items][0]!;
      if (id.length <= CHANGE_EFFECT_LIMITS.itemId) item = id;
    }
  }
  return { kind, what, item };
}
