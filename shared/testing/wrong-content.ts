/**
 * Well-formed changes with wrong content: what a peer allowed to edit an account can send
 * (a stock automerge-repo client holding the meeting code or a member's token). Every
 * change is valid Automerge; what it writes makes no sense to Baton — nulls, a number
 * where a list belongs, text where a map belongs, whole parts deleted or replaced, huge
 * strings, control and direction characters, a bogus schema version, broken ranks, links
 * to items that do not exist, items whose id is not their key, deep nesting.
 *
 * Writes are generated with fast-check, so a pure property can shrink a failure, and any
 * run replays from its seed (`roundOf`). A write names its place abstractly (a kind of
 * place and a number); the place is chosen among what the document holds when the write
 * is applied — every part and item and field of a real account, nested ones too, and new
 * keys beside them — so the same writes aim at real paths whatever the account holds.
 */
import * as A from "@automerge/automerge";
import fc from "fast-check";
import { ACCOUNT_PARTS, type PartSpec } from "../account/records/account";
import type { PathStep } from "../account/check";
import { plainCopy } from "../account/plain-copy";
import { SCHEMA_VERSION, SCHEMA_VERSION_MAX } from "../account/schema";

/** A value to write, described as data (so fast-check can shrink it); `valueOf` makes it. */
export type Val =
  | { t: "null" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: number }
  | { t: "float"; v: number }
  | { t: "text"; v: string }
  | { t: "fixed"; v: string }
  | { t: "huge"; size: number; fixed: boolean; unit: string }
  | { t: "date"; v: number }
  | { t: "bytes"; n: number }
  | { t: "counter"; v: number }
  | { t: "list"; items: Val[] }
  | { t: "map"; entries: [string, Val][] }
  | { t: "deep"; depth: number; list: boolean }
  /** A copy of what the document holds at another place (a sound item under another key, say). */
  | { t: "copy"; from: number };

/** Where a write lands, chosen among the places of that kind the document has when it is applied. */
export type PlaceKind =
  /** A part the account declares (present or not). */
  | "declared"
  /** Anything the document holds, at any depth. */
  | "existing"
  /** An item of a declared map or list. */
  | "item"
  /** A field of an item, or of a record inside one. */
  | "field";

export type Write =
  | { op: "set"; place: PlaceKind; n: number; val: Val }
  | { op: "delete"; place: PlaceKind; n: number }
  /** A new key beside what a map or record holds. */
  | { op: "new-key"; n: number; key: string; val: Val }
  /** Into a list (stage moves, activities, a list of links). */
  | { op: "insert"; n: number; index: number; val: Val }
  | { op: "list-delete"; n: number; index: number; count: number }
  /** Into text people type (a name, a commitment's wording). */
  | { op: "splice-text"; n: number; index: number; del: number; ins: string }
  | { op: "schema"; val: Val }
  | { op: "rank"; n: number; rank: RankKind }
  | { op: "link"; n: number; field: LinkField; ids: LinkTarget[] }
  | { op: "id"; n: number; to: LinkTarget }
  /** A sound item copied under another key, or into another part. */
  | { op: "copy-item"; n: number; into: number; key: string };

/** One change: several writes. */
export type WrongChange = Write[];

export const LINK_FIELDS = ["commitmentIds", "dependsOn", "requirementId", "followUpId", "previousId"] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
/** What a link points at: nothing there, the item itself, another item, nonsense. */
export type LinkTarget = "ghost" | "self" | "other" | "empty" | "long" | "number" | "null";
export type RankKind = "empty" | "bang" | "duplicate" | "high" | "long" | "number" | "spaces" | "null" | "unicode";

/** Options of the generator. */
export interface WrongContentOptions {
  /** Weight of huge strings (100 KB and more) among values, against 10 for null and 1 for deep nesting; 0 for none. */
  huge?: number;
  /** Most writes in one change. */
  maxWrites?: number;
}

/** Keys a peer might use to trip code that treats a map as a plain object. */
export const NASTY_KEYS = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "prototype", "", "0", "-1", "length", "then", " ", "a.b", "\u202eevil", "c1", "m1", "x".repeat(300)];

/** Pieces of text that rewrite or break a screen, a file or a terminal. */
const NASTY_TEXT = [
  "\u202e", // right-to-left override
  "\u2066",
  "\u200b",
  "\ufeff",
  "\u0000",
  "\r",
  "\r\n",
  "\t",
  "\u001b[31m",
  "\u2028",
  "\ud800", // half a surrogate pair
  "\udfff",
  "👩‍👩‍👧",
  "<img src=x onerror=alert(1)>",
  "](javascript:alert(1))",
  "BEGIN:VEVENT",
  "%s%n",
  "2026-02-30",
  "2026-13-01",
  "9999-12-31T99:99:99Z",
  "NaN",
  "-1",
  "proposed",
  "done",
  "rep",
];

/** Keys Baton does not declare but the team server reads: access, not content (tested in the relay's own tests). */
const ACCESS_KEYS = new Set(["teamMembers", "teamInvites"]);

const nastyText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) }, { weight: 2, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) }), { maxLength: 5 })
  .map((parts) => parts.join(""));

const nastyKey = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...NASTY_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

function valArb(options: WrongContentOptions): fc.Arbitrary<Val> {
  const huge = Math.round((options.huge ?? 1) * 10);
  const { val } = fc.letrec<{ val: Val }>((tie) => ({
    val: fc.oneof(
      { maxDepth: 3, depthIdentifier: "val" },
      { weight: 100, arbitrary: fc.constant<Val>({ t: "null" }) },
      { weight: 30, arbitrary: fc.boolean().map((v): Val => ({ t: "bool", v })) },
      {
        weight: 6,
        arbitrary: fc
          .oneof(fc.integer(), fc.constantFrom(-1, 0, 1, 2, 3, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e15))
          .map((v): Val => ({ t: "int", v })),
      },
      { weight: 40, arbitrary: fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 2.5, -0, 1e300)).map((v): Val => ({ t: "float", v })) },
      { weight: 100, arbitrary: nastyText.map((v): Val => ({ t: "text", v })) },
      { weight: 80, arbitrary: nastyText.map((v): Val => ({ t: "fixed", v })) },
      ...(huge > 0
        ? [{ weight: huge, arbitrary: fc.record({ size: fc.integer({ min: 100_000, max: 160_000 }), fixed: fc.boolean(), unit: fc.constantFrom("x", "\u202eab", "é\u0000", "line\n") }).map((h): Val => ({ t: "huge", ...h })) }]
        : []),
      { weight: 20, arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }).map((v): Val => ({ t: "date", v })) },
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 40 }).map((n): Val => ({ t: "bytes", n })) },
      { weight: 20, arbitrary: fc.integer().map((v): Val => ({ t: "counter", v })) },
      { weight: 50, arbitrary: fc.array(tie("val"), { maxLength: 4 }).map((items): Val => ({ t: "list", items })) },
      { weight: 50, arbitrary: fc.array(fc.tuple(nastyKey, tie("val")), { maxLength: 4 }).map((entries): Val => ({ t: "map", entries })) },
      { weight: 10, arbitrary: fc.record({ depth: fc.integer({ min: 10, max: 120 }), list: fc.boolean() }).map((d): Val => ({ t: "deep", ...d })) },
      { weight: 40, arbitrary: fc.nat().map((from): Val => ({ t: "copy", from })) },
    ),
  }));
  return val;
}

const placeArb = fc.constantFrom<PlaceKind>("declared", "existing", "existing", "item", "field", "field", "field");
const rankArb = fc.constantFrom<RankKind>("empty", "bang", "duplicate", "high", "long", "number", "spaces", "null", "unicode");
const targetArb = fc.constantFrom<LinkTarget>("ghost", "ghost", "self", "other", "empty", "long", "number", "null");

/** One write. */
export function writeArb(options: WrongContentOptions = {}): fc.Arbitrary<Write> {
  const val = valArb(options);
  const n = fc.nat();
  return fc.oneof(
    { weight: 30, arbitrary: fc.record({ op: fc.constant("set" as const), place: placeArb, n, val }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant("delete" as const), place: placeArb, n }) },
    { weight: 8, arbitrary: fc.record({ op: fc.constant("new-key" as const), n, key: nastyKey, val }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("insert" as const), n, index: fc.nat({ max: 20 }), val }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("list-delete" as const), n, index: fc.nat({ max: 20 }), count: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant("splice-text" as const), n, index: fc.nat({ max: 40 }), del: fc.nat({ max: 5 }), ins: nastyText }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant("schema" as const),
        val: fc.oneof(
          fc.constantFrom<Val>({ t: "fixed", v: "2" }, { t: "text", v: "2" }, { t: "float", v: 2.5 }, { t: "int", v: -1 }, { t: "int", v: 2 ** 53 }, { t: "float", v: 1e300 }, { t: "float", v: NaN }, { t: "null" }, { t: "map", entries: [] }, { t: "list", items: [] }, { t: "counter", v: 2 }, { t: "date", v: 2 }),
          val,
        ),
      }),
    },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("rank" as const), n, rank: rankArb }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant("link" as const), n, field: fc.constantFrom(...LINK_FIELDS), ids: fc.array(targetArb, { minLength: 0, maxLength: 4 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("id" as const), n, to: targetArb }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("copy-item" as const), n, into: fc.nat(), key: fc.oneof(nastyKey, fc.uuid()) }) },
  );
}

/** One change: 1 to `maxWrites` writes. */
export function changeArb(options: WrongContentOptions = {}): fc.Arbitrary<WrongChange> {
  return fc.array(writeArb(options), { minLength: 1, maxLength: options.maxWrites ?? 6 });
}

/** The changes of round `round` of a run with `seed`: the same seed and round give the same changes. */
export function roundOf(seed: number, round: number, changes: number, options: WrongContentOptions = {}): WrongChange[] {
  return fc.sample(changeArb(options), { seed: (seed ^ Math.imul(round + 1, 0x9e3779b1)) | 0, numRuns: changes });
}

// ---- places --------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isMapLike = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array) && !(v instanceof A.Counter) && !A.isImmutableString(v);

/** Paths of the account's declared parts (groups opened), whether the document has them or not. */
const DECLARED: PathStep[][] = [];
const ITEM_PARTS: PathStep[][] = [];
(function walk(parts: Readonly<Record<string, PartSpec>>, path: PathStep[]) {
  for (const [key, spec] of Object.entries(parts)) {
    DECLARED.push([...path, key]);
    if (spec.kind === "group") walk(spec.parts, [...path, key]);
    if (spec.kind === "map" || spec.kind === "list") ITEM_PARTS.push([...path, key]);
  }
})(ACCOUNT_PARTS, []);

/** Where writes can land in a document as it is now. */
export interface Places {
  declared: PathStep[][];
  existing: PathStep[][];
  items: PathStep[][];
  fields: PathStep[][];
  /** Maps and records (for new keys). */
  maps: PathStep[][];
  lists: PathStep[][];
  texts: PathStep[][];
}

function at(root: unknown, path: readonly PathStep[]): unknown {
  let v = root;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PathStep, unknown>)[step];
  }
  return v;
}

const MAX_PLACES = 4_000;
const MAX_PER_CONTAINER = 200;

/** Every place of `doc` a write can aim at (bounded). */
export function placesOf(doc: unknown): Places {
  const places: Places = { declared: DECLARED, existing: [], items: [], fields: [], maps: [[]], lists: [], texts: [] };
  const visit = (value: unknown, path: PathStep[], depth: number) => {
    if (places.existing.length >= MAX_PLACES) return;
    if (path.length) places.existing.push(path);
    if (typeof value === "string") places.texts.push(path);
    if (depth >= 7) return;
    if (Array.isArray(value)) {
      if (path.length) places.lists.push(path);
      for (let i = 0; i < Math.min(value.length, MAX_PER_CONTAINER); i++) visit(value[i], [...path, i], depth + 1);
    } else if (isMapLike(value)) {
      if (path.length) places.maps.push(path);
      const keys = Object.keys(value).filter((k) => !(path.length === 0 && ACCESS_KEYS.has(k)));
      for (const k of keys.slice(0, MAX_PER_CONTAINER)) visit(value[k], [...path, k], depth + 1);
    }
  };
  visit(doc, [], 0);
  for (const part of ITEM_PARTS) {
    const container = at(doc, part);
    const keys: PathStep[] = Array.isArray(container) ? container.map((_, i) => i) : isMapLike(container) ? Object.keys(container) : [];
    for (const key of keys.slice(0, MAX_PER_CONTAINER)) {
      const itemPath = [...part, key];
      places.items.push(itemPath);
      const item = at(doc, itemPath);
      if (!isMapLike(item)) continue;
      for (const [field, v] of Object.entries(item)) {
        places.fields.push([...itemPath, field]);
        if (isMapLike(v)) for (const inner of Object.keys(v).slice(0, 20)) places.fields.push([...itemPath, field, inner]);
      }
    }
  }
  return places;
}

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

// ---- values --------------------------------------------------------------------------

function hugeString(size: number, unit: string): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The value a `Val` describes, ready to be written into a document (`doc` is read for copies). */
export function valueOf(val: Val, doc: unknown, places: Places): unknown {
  switch (val.t) {
    case "null":
      return null;
    case "bool":
    case "int":
    case "float":
      return val.v;
    case "text":
      return val.v;
    case "fixed":
      return new A.ImmutableString(val.v);
    case "huge": {
      const s = hugeString(val.size, val.unit);
      return val.fixed ? new A.ImmutableString(s) : s;
    }
    case "date":
      return new Date(val.v);
    case "bytes":
      return Uint8Array.from({ length: val.n }, (_, i) => (i * 37) & 255);
    case "counter":
      return new A.Counter(val.v);
    case "list":
      return val.items.map((v) => valueOf(v, doc, places));
    case "map": {
      const out: Obj = {};
      for (const [k, v] of val.entries) if (k !== "__proto__") out[k] = valueOf(v, doc, places);
      return out;
    }
    case "deep": {
      let v: unknown = val.list ? [1] : { end: true };
      for (let i = 0; i < val.depth; i++) v = val.list ? [v] : { x: v };
      return v;
    }
    case "copy": {
      const from = pick(places.existing, val.from);
      return from ? plainCopy(at(doc, from), 64) : null;
    }
  }
}

/** A short description of a value, for the log of a run. */
export function describeVal(val: Val): string {
  switch (val.t) {
    case "null":
      return "null";
    case "bool":
    case "int":
    case "float":
      return `${val.t}(${val.v})`;
    case "text":
    case "fixed":
      return `${val.t}(${JSON.stringify(val.v.slice(0, 30))})`;
    case "huge":
      return `huge ${val.fixed ? "fixed" : "text"} (${val.size} chars of ${JSON.stringify(val.unit)})`;
    case "date":
      return `date(${val.v})`;
    case "bytes":
      return `bytes(${val.n})`;
    case "counter":
      return `counter(${val.v})`;
    case "list":
      return `[${val.items.map(describeVal).join(", ")}]`.slice(0, 120);
    case "map":
      return `{${val.entries.map(([k, v]) => `${JSON.stringify(k.slice(0, 20))}: ${describeVal(v)}`).join(", ")}}`.slice(0, 120);
    case "deep":
      return `${val.depth} levels of ${val.list ? "lists" : "maps"}`;
    case "copy":
      return `copy of place ${val.from}`;
  }
}

// ---- applying ------------------------------------------------------------------------

function rankOf(kind: RankKind, doc: unknown, places: Places, n: number): unknown {
  switch (kind) {
    case "empty":
      return new A.ImmutableString("");
    case "bang":
      return new A.ImmutableString("!!");
    case "duplicate": {
      // Another item's rank: two items in the same place.
      const other = places.items.map((p) => at(doc, [...p, "rank"])).filter((r) => r !== undefined);
      const r = pick(other, n);
      return r === undefined ? new A.ImmutableString("a0") : plainCopy(r);
    }
    case "high":
      return new A.ImmutableString("zzzzzzzz");
    case "long":
      return new A.ImmutableString(`a${"V".repeat(400)}`);
    case "number":
      return 7;
    case "spaces":
      return new A.ImmutableString("a 0");
    case "null":
      return null;
    case "unicode":
      return new A.ImmutableString("a\u202e0");
  }
}

function idOf(target: LinkTarget, self: PathStep | undefined, places: Places, n: number): unknown {
  switch (target) {
    case "ghost":
      return new A.ImmutableString(`ghost-${n % 97}`);
    case "self":
      return new A.ImmutableString(String(self ?? "self"));
    case "other": {
      const other = pick(places.items, n);
      return new A.ImmutableString(String(other?.[other.length - 1] ?? "other"));
    }
    case "empty":
      return new A.ImmutableString("");
    case "long":
      return new A.ImmutableString("i".repeat(1_000));
    case "number":
      return n % 1000;
    case "null":
      return null;
  }
}

/**
 * A version a newer Baton could write opens the account read-only by design (nobody on
 * this build may repair it; tested in account/migrations.test.ts): that is right content,
 * not wrong content, so such a version is sent as a fraction beside it.
 */
function notANewerBaton(path: readonly PathStep[], value: unknown): unknown {
  const newer = typeof value === "number" && Number.isInteger(value) && value > SCHEMA_VERSION && value <= SCHEMA_VERSION_MAX;
  return path.length === 1 && path[0] === "schemaVersion" && newer ? value + 0.5 : value;
}

/** Set `path` in the document being changed to `value` (a missing parent is left alone). */
function setAt(d: unknown, path: readonly PathStep[], raw: unknown): boolean {
  const value = notANewerBaton(path, raw);
  const parent = at(d, path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined || parent === null || typeof parent !== "object") return false;
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) return false;
    if (i === parent.length) parent.push(value);
    else parent[i] = value;
    return true;
  }
  if (!isMapLike(parent)) return false;
  parent[String(key)] = value;
  return true;
}

function deleteAt(d: unknown, path: readonly PathStep[]): boolean {
  const parent = at(d, path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined || parent === null || typeof parent !== "object") return false;
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) return false;
    parent.splice(i, 1);
    return true;
  }
  if (!isMapLike(parent)) return false;
  delete parent[String(key)];
  return true;
}

const show = (path: readonly PathStep[] | undefined) => (path ? path.map((s) => (typeof s === "string" ? JSON.stringify(s.slice(0, 24)).slice(1, -1) : s)).join(".") || "(root)" : "(nowhere)");

/** What a write did (or why it did nothing), for the log of a run. */
export interface Applied {
  what: string;
  /** False when there was nowhere to write or Automerge refused the write. */
  done: boolean;
  /** The paths it wrote (for the check that what is damaged is reported). */
  paths: PathStep[][];
}

/**
 * Apply one write inside `A.change` / `handle.change`. Never throws: a write Automerge
 * refuses (a key it does not allow, say) is reported as not done.
 */
export function applyWrite(d: unknown, w: Write, places: Places): Applied {
  let what = "";
  const done = (ok: boolean, paths: PathStep[][] = []): Applied => ({ what, done: ok, paths: ok ? paths : [] });
  try {
    switch (w.op) {
      case "set": {
        const path = pick(placesFor(places, w.place), w.n);
        what = `set ${show(path)} = ${describeVal(w.val)}`;
        if (!path) return done(false);
        return done(setAt(d, path, valueOf(w.val, d, places)), [path]);
      }
      case "delete": {
        const path = pick(placesFor(places, w.place), w.n);
        what = `delete ${show(path)}`;
        if (!path || (path.length === 1 && ACCESS_KEYS.has(String(path[0])))) return done(false);
        return done(deleteAt(d, path), [path]);
      }
      case "new-key": {
        const parent = pick(places.maps, w.n);
        what = `new key ${JSON.stringify(w.key.slice(0, 24))} in ${show(parent)} = ${describeVal(w.val)}`;
        if (!parent || (parent.length === 0 && ACCESS_KEYS.has(w.key))) return done(false);
        return done(setAt(d, [...parent, w.key], valueOf(w.val, d, places)), [[...parent, w.key]]);
      }
      case "insert": {
        const path = pick(places.lists, w.n);
        what = `insert into ${show(path)} at ${w.index} (modulo its length) ${describeVal(w.val)}`;
        const list = path && at(d, path);
        if (!Array.isArray(list)) return done(false);
        const i = w.index % (list.length + 1);
        list.splice(i, 0, valueOf(w.val, d, places));
        return done(true, [[...path!, i]]);
      }
      case "list-delete": {
        const path = pick(places.lists, w.n);
        what = `delete ${w.count} from ${show(path)} at ${w.index} (modulo its length)`;
        const list = path && at(d, path);
        if (!Array.isArray(list) || list.length === 0) return done(false);
        list.splice(w.index % list.length, w.count);
        return done(true, [path!]);
      }
      case "splice-text": {
        const path = pick(places.texts, w.n);
        what = `splice ${JSON.stringify(w.ins.slice(0, 30))} into ${show(path)} at ${w.index} (deleting ${w.del})`;
        const text = path && at(d, path);
        if (typeof text !== "string") return done(false);
        const index = Math.min(w.index, text.length);
        A.splice(d as A.Doc<unknown>, path! as A.Prop[], index, Math.min(w.del, text.length - index), w.ins);
        return done(true, [path!]);
      }
      case "schema": {
        what = `set schemaVersion = ${describeVal(w.val)}`;
        return done(setAt(d, ["schemaVersion"], valueOf(w.val, d, places)), [["schemaVersion"]]);
      }
      case "rank": {
        const withRank = places.items.filter((p) => isMapLike(at(d, p)) && "rank" in (at(d, p) as Obj));
        const path = pick(withRank, w.n);
        what = `rank of ${show(path)} = ${w.rank}`;
        if (!path) return done(false);
        return done(setAt(d, [...path, "rank"], rankOf(w.rank, d, places, w.n)), [[...path, "rank"]]);
      }
      case "link": {
        const items = places.items.filter((p) => isMapLike(at(d, p)));
        const path = pick(items, w.n);
        what = `${w.field} of ${show(path)} -> [${w.ids.join(", ")}]`;
        if (!path) return done(false);
        const self = path[path.length - 1];
        const ids = w.ids.map((t, i) => idOf(t, self, places, w.n + i));
        const many = w.field === "commitmentIds" || w.field === "dependsOn";
        return done(setAt(d, [...path, w.field], many ? ids : (ids[0] ?? null)), [[...path, w.field]]);
      }
      case "id": {
        const items = places.items.filter((p) => isMapLike(at(d, p)));
        const path = pick(items, w.n);
        what = `id of ${show(path)} = ${w.to}`;
        if (!path) return done(false);
        return done(setAt(d, [...path, "id"], idOf(w.to, path[path.length - 1], places, w.n)), [[...path, "id"]]);
      }
      case "copy-item": {
        const from = pick(places.items, w.n);
        const into = pick(ITEM_PARTS, w.into);
        what = `copy ${show(from)} into ${show(into)} as ${JSON.stringify(w.key.slice(0, 24))}`;
        if (!from || !into) return done(false);
        const value = plainCopy(at(d, from), 64);
        const container = at(d, into);
        if (Array.isArray(container)) {
          container.push(value);
          return done(true, [[...into, container.length - 1]]);
        }
        return done(setAt(d, [...into, w.key], value), [[...into, w.key]]);
      }
    }
  } catch (e) {
    what += ` — refused: ${(e as Error).message.slice(0, 80)}`;
    return done(false);
  }
}

function placesFor(places: Places, kind: PlaceKind): PathStep[][] {
  return kind === "declared" ? places.declared : kind === "existing" ? places.existing : kind === "item" ? places.items : places.fields;
}

/** Apply a whole change inside `A.change` / `handle.change`; what each write did. */
export function applyChange(d: unknown, change: WrongChange): Applied[] {
  const places = placesOf(d);
  return change.map((w) => applyWrite(d, w, places));
}
