/**
 * What must hold of an account whatever a peer wrote into it — the oracle of the
 * wrong-content fuzzers (shared/testing/wrong-content.ts; reliability/content-fuzz.ts).
 * Written apart from account/check.ts, with its own idea of a sound container, so that a
 * mistake in the checker shows up here instead of being repeated:
 *
 * - what `checkAccount` hands to views is readable: every part of the right shape (a
 *   plain map or list, not a date, bytes or a counter that merely looks like one), every
 *   item and value sound, every text cleaned of what rewrites the screen;
 * - every part of the stored document that is not sound is reported as damage;
 * - every view the node and the window build from it runs;
 * - once every reported damage is repaired, the account can be edited again.
 */
import * as A from "@automerge/automerge";
import { checkAccount, soundAt, type Damage, type PathStep } from "../account/check";
import { ACCOUNT_PARTS, type PartSpec } from "../account/records/account";
import type { AccountDoc, Profile } from "../account/schema";
import { prepareChange, type CommandArgs, type CommandName } from "../commands/catalog";
import { damageOrigin, ORIGIN_LIMITS } from "../account/damage-origin";
import { versionOf } from "../account/migrations";
import { repairFor } from "../commands/damage";
import { StageRuleError } from "../commands/stages";
import { fullAccount } from "./accounts";
import { everyView } from "./views";

type Obj = Record<string, unknown>;
const isPlainMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isPlainList = (v: unknown): v is unknown[] => Array.isArray(v);
/** Keys whose values are ids and links: views use them as they are, never shown as text. */
const STRUCTURAL = new Set(["id", "rank", "requirementId", "followUpId", "previousId", "heads", "commitmentIds", "dependsOn", "skipped"]);
const show = (path: readonly PathStep[]) => path.join(".");
/** What must never reach the screen: control characters (tab and line feed aside), line separators, what reorders or hides text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSHOWABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200b\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function itemsOf(container: unknown): [PathStep, unknown][] {
  if (isPlainList(container)) return container.map((v, i) => [i, v]);
  if (isPlainMap(container)) return Object.entries(container);
  return [];
}

function walkParts(parts: Readonly<Record<string, PartSpec>>, record: Obj, path: PathStep[], visit: (spec: PartSpec, value: unknown, path: PathStep[]) => void): void {
  for (const [key, spec] of Object.entries(parts)) {
    const value = record[key];
    visit(spec, value, [...path, key]);
    if (spec.kind === "group" && isPlainMap(value)) walkParts(spec.parts, value, [...path, key], visit);
  }
}

/**
 * Strings inside `value` that still need cleaning before they are shown, following only
 * the keys `shape` has (what a record declares: views read nothing else).
 */
function uncleanText(value: unknown, shape: unknown, path: PathStep[], out: string[]): void {
  if (out.length > 5) return;
  if (typeof value === "string" || A.isImmutableString(value)) {
    const s = String(value);
    // Text is cut at 20,000 characters (and an ellipsis), fixed strings at 200 (account/check.ts).
    if (s.length > 20_001 || UNSHOWABLE.test(s) || LONE_SURROGATE.test(s)) out.push(`${show(path)} holds text that is not cleaned (${JSON.stringify(s.slice(0, 30))}, ${s.length} chars)`);
    return;
  }
  if (!isPlainMap(value) || !isPlainMap(shape)) return;
  for (const k of Object.keys(shape)) if (!STRUCTURAL.has(k)) uncleanText(value[k], shape[k], [...path, k], out);
}

/**
 * The shape of each kind of item, by part: the items of a full account (which has
 * something in every part) merged. Fields a record does not declare are allowed (a newer
 * Baton may have added them) and no view reads them, so only declared ones must be clean.
 */
let itemShapes: Map<string, Obj> | null = null;
let full: Obj | null = null;
/** The shape of a value part (a person, an attribution, the baseline): as a full account has it. */
function shapeOfValueAt(path: readonly PathStep[]): unknown {
  full ??= A.toJS(fullAccount()) as unknown as Obj;
  let v: unknown = full;
  for (const step of path) v = isPlainMap(v) ? v[step] : undefined;
  return isPlainMap(v) ? v : "";
}
function shapeOfItemsIn(path: readonly PathStep[]): Obj {
  if (!itemShapes) {
    itemShapes = new Map();
    const merge = (into: Obj, item: unknown) => {
      if (!isPlainMap(item)) return;
      for (const [k, v] of Object.entries(item)) {
        if (isPlainMap(v)) merge((into[k] = isPlainMap(into[k]) ? into[k] : {}) as Obj, v);
        else if (!(k in into)) into[k] = "";
      }
    };
    walkParts(ACCOUNT_PARTS, fullAccount() as unknown as Obj, [], (spec, value, at) => {
      if (spec.kind !== "map" && spec.kind !== "list") return;
      const shape: Obj = {};
      for (const [, item] of itemsOf(value)) merge(shape, item);
      itemShapes!.set(show(at), shape);
    });
  }
  return itemShapes.get(show(path)) ?? {};
}

/**
 * What is wrong with the account `checkAccount` hands to views (empty when nothing):
 * a part of the wrong shape, an unsound item or value, text that is not cleaned.
 */
export function unreadableParts(account: AccountDoc, version = 2): string[] {
  const out: string[] = [];
  walkParts(ACCOUNT_PARTS, account as unknown as Obj, [], (spec, value, path) => {
    if (value === undefined && (spec.since ?? 1) > version) return;
    if (spec.kind === "value") {
      if (!soundAt(path, value)) out.push(`${show(path)} is shown though it is not sound`);
      return;
    }
    const shapeOk = spec.kind === "list" ? isPlainList(value) : isPlainMap(value);
    if (!shapeOk) {
      out.push(`${show(path)} is shown as ${value === null ? "null" : typeof value === "object" ? (Object.getPrototypeOf(value)?.constructor?.name ?? "an object") : typeof value}, not as a ${spec.kind}`);
      return;
    }
    if (spec.kind === "group") return;
    for (const [key, item] of itemsOf(value)) {
      if (!soundAt([...path, key], item)) out.push(`${show([...path, key])} is shown though it is not sound`);
      uncleanText(item, shapeOfItemsIn(path), [...path, key], out);
    }
  });
  walkParts(ACCOUNT_PARTS, account as unknown as Obj, [], (spec, value, path) => {
    if (spec.kind === "value") uncleanText(value, shapeOfValueAt(path), path, out);
  });
  return out;
}

const covered = (damage: readonly Damage[], path: readonly PathStep[]) =>
  damage.some((d) => d.path.length <= path.length && d.path.every((step, i) => String(step) === String(path[i])));

/**
 * Parts of the stored document that are not sound and that no reported damage covers
 * (empty when every damaged part is reported). Parts a newer schema adds are not expected
 * of an older document.
 */
export function unreportedDamage(stored: AccountDoc, damage: readonly Damage[]): string[] {
  const out: string[] = [];
  const root = stored as unknown as Obj;
  // Parts a version did not have yet are not expected (migration adds them); a damaged version counts as none.
  const version = versionOf(root);
  walkParts(ACCOUNT_PARTS, root, [], (spec, value, path) => {
    if (value === undefined && (spec.since ?? 1) > version) return;
    if (spec.kind === "value") {
      if (!soundAt(path, value) && !covered(damage, path)) out.push(`${show(path)} is not sound and not reported`);
      return;
    }
    const shapeOk = spec.kind === "list" ? isPlainList(value) : isPlainMap(value);
    if (!shapeOk) {
      if (!covered(damage, path)) out.push(`${show(path)} is not a ${spec.kind} and not reported`);
      return;
    }
    if (spec.kind === "group") return;
    for (const [key, item] of itemsOf(value)) {
      const itemPath = [...path, key];
      const idOk = spec.kind !== "map" || !spec.keyedById || (isPlainMap(item) && (typeof item.id === "string" || A.isImmutableString(item.id)) && String(item.id) === String(key));
      if ((!soundAt(itemPath, item) || !idOk) && !covered(damage, itemPath)) out.push(`${show(itemPath)} is not sound and not reported`);
    }
  });
  return out;
}

/** What is wrong with an account as checked and viewed: each of the invariants above, as sentences (empty when all hold). */
export function accountProblems(stored: A.Doc<AccountDoc>): string[] {
  let check;
  try {
    check = checkAccount(stored);
  } catch (e) {
    return [`checkAccount threw: ${(e as Error).stack ?? e}`];
  }
  const out = [...unreadableParts(check.account), ...unreportedDamage(stored, check.damage)];
  try {
    everyView(stored, check.account);
  } catch (e) {
    out.push(`a view threw: ${((e as Error).stack ?? String(e)).split("\n").slice(0, 4).join(" < ")}`);
  }
  return out;
}

/** What repairing everything did. */
export interface Repaired {
  /** Repairs made. */
  made: number;
  /** Damaged parts whose origin (the change that made them so) was not found: their repair fell back to a default. */
  unknownOrigins: string[];
}

/**
 * Repair every reported damage the way the window's buttons do — one at a time, each from
 * the account as it is after the last one — with `repair(args)` making the change. Throws
 * when a repair fails or does not change what is reported.
 */
export function repairEverything(current: () => A.Doc<AccountDoc>, repair: (args: CommandArgs<"repairDamage">) => void, limits = ORIGIN_LIMITS): Repaired {
  const done: Repaired = { made: 0, unknownOrigins: [] };
  const keys = (damage: readonly Damage[]) => damage.map((d) => `${show(d.path)}|${d.field.join(".")}|${d.expected}|${d.got}`).join("\n");
  for (;;) {
    const doc = current();
    const all = checkAccount(doc).damage;
    const [damage] = all;
    if (!damage) return done;
    if (done.made >= 2_000) throw new Error(`damage remains after ${done.made} repairs (e.g. ${show(damage.path)})`);
    const origin = damageOrigin(doc, damage, limits);
    if (!origin.change) done.unknownOrigins.push(show(damage.path));
    const args = { path: [...damage.path], repair: repairFor(damage, origin) };
    try {
      repair(args);
    } catch (e) {
      throw new Error(`repairing ${show(damage.path)} (${damage.scope}, ${damage.expected} expected, ${damage.got} found) failed: ${(e as Error).message}`, { cause: e });
    }
    done.made++;
    // Each repair must change what is reported (a list's next item may move into the place of one taken out).
    if (keys(checkAccount(current()).damage) === keys(all)) {
      throw new Error(`repairing ${show(damage.path)} does not put it right (still ${damage.expected} expected, ${damage.got} found; the repair wrote ${JSON.stringify(args.repair, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))?.slice(0, 200)})`);
    }
  }
}

const BY: Profile = { id: "p-check", name: "Casey Check", role: "rep" };
const AT = "2026-03-02T09:00:00.000Z";

/**
 * After every damage is repaired, a person can edit the account again: add and edit an
 * item of every kind, link them, move the stage. Returns the commands that failed.
 */
export function editsThatFail(doc: A.Doc<AccountDoc>): string[] {
  const failed: string[] = [];
  let d = A.clone(doc);
  const step = <N extends CommandName>(name: N, args: CommandArgs<N>) => {
    try {
      const change = prepareChange(BY, name, args, d);
      d = A.change(d, { message: change.message }, change.run);
    } catch (e) {
      // A rule of the sales process (no referral before payment) is the account's state, not damage.
      if (!(e instanceof StageRuleError)) failed.push(`${name}: ${(e as Error).message.slice(0, 160)}`);
    }
  };
  step("renameAccount", { name: "Checked" });
  step("addContact", { id: "zz-k", name: "Zed", role: "finance" });
  step("addRequirement", { id: "zz-r", text: "Works", source: "email", by: BY, at: AT });
  step("addCommitment", { id: "zz-c", text: "Deliver", requirementId: "zz-r", dueDate: "2026-04-01", by: BY, at: AT });
  step("addMilestone", { id: "zz-m", title: "Ship", commitmentIds: ["zz-c"], endDate: "2026-04-01", by: BY, at: AT });
  step("addRisk", { id: "zz-x", kind: "scope", description: "Creep", severity: "low", by: BY, at: AT });
  step("recordFollowUp", { id: "zz-f", agreedTime: "2026-03-05T09:00:00.000Z", timeZone: "UTC", reason: "Check in", by: BY, at: AT });
  step("logActivity", { id: "zz-a", kind: "note", summary: "Noted", by: BY, at: AT });
  step("addConcern", { id: "zz-n", kind: "remorse-signal", text: "Second thoughts", by: BY, at: AT });
  step("setOrder", { reference: "PO-9", date: "2026-03-02", value: "100", currency: "EUR", items: "One" });
  step("recordSatisfaction", { id: "zz-s", score: 4, notes: "Fine", by: BY, at: AT });
  step("askReferral", { id: "zz-q", askedOf: "Kim", by: BY, at: AT });
  step("addOpportunity", { id: "zz-o", description: "More", expectedDate: "2026-10-01", by: BY, at: AT });
  step("tickAgendaItem", { itemId: "delivery-plan", agreed: true, by: BY, at: AT });
  const after = checkAccount(d).damage;
  if (after.length) failed.push(`edits left damage: ${after.map((x) => show(x.path)).join(", ")}`);
  return failed;
}
