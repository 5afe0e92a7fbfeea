/**
 * Wrong content through real nodes: a stock automerge-repo client (the attacker) writes
 * well-formed changes with wrong content (shared/testing/wrong-content.ts) into an account
 * a real SyncNode holds — as a meeting guest with the join code, or as a team member
 * through the team sync server the node is linked to — and after every round the node's
 * own copy is checked:
 *
 * - `checkAccount` and every view the node and window build run on it, and the account
 *   they read is sound (shared/testing/account-invariants.ts);
 * - every damaged part is reported, and the same damage is seen on both sides;
 * - the node's summary of the account counts that damage (it was produced after the change);
 * - repairing every reported damage as the window's buttons do leaves none, and the
 *   repair reaches the attacker's copy (both converge on it);
 * - no other account changes.
 *
 * The node side (`ContentFuzzNode`) runs where the node runs: in the test's process for
 * `npm test`, in a child process for the full-size script, which talks to it through
 * `NodeSide` as JSON lines.
 */
import { createHash } from "node:crypto";
import * as A from "@automerge/automerge";
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import { checkAccount } from "../../shared/account/check";
import type { AccountDoc, Profile } from "../../shared/account/schema";
import { prepareChange } from "../../shared/commands/catalog";
import { accountProblems, editsThatFail, repairEverything } from "../../shared/testing/account-invariants";
import { FULL_ACCOUNT_EDITS } from "../../shared/testing/accounts";
import { applyChange, roundOf, type WrongContentOptions } from "../../shared/testing/wrong-content";
import type { SyncNode } from "../../src/node/sync-node";

/** What the node's copy of an account looks like after a round. */
export interface NodeInspection {
  heads: string[];
  /** Every damage reported, as "path|scope|expected|got". */
  damage: string[];
  /** What was expected at each damaged part, in the same order. */
  expected: string[];
  /** Broken invariants (a view that threw, an unreported or unreadable part); empty when all hold. */
  problems: string[];
  /** The damage count of the node's summary of the account (null: no summary). */
  summaryDamaged: number | null;
}

/** What the fuzzer asks of the node (in-process or in a child process). */
export interface NodeSide {
  /** Wait until the node's copy holds `heads`; false on timeout. */
  waitForHeads(documentId: string, heads: string[], timeoutMs: number): Promise<boolean>;
  inspect(documentId: string): Promise<NodeInspection>;
  /** Repair every reported damage as the window's buttons do; the node's heads afterwards. */
  repair(documentId: string): Promise<{ repairs: number; unknownOrigins: number; heads: string[]; failure: string | null }>;
  /** Commands a person runs that fail on the repaired account (empty when all work). */
  editsThatFail(documentId: string): Promise<string[]>;
  /** Heads and a hash of the content of each account, to see that nothing changed. */
  fingerprints(documentIds: string[]): Promise<Record<string, string>>;
  /** Lines the node logged that say something failed ("could not …", uncaught errors). */
  failures(): Promise<string[]>;
}

export const damageKey = (d: { path: readonly (string | number)[]; scope: string; expected: string; got: string }) => `${d.path.join(".")}|${d.scope}|${d.expected}|${d.got}`;

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 15));
  }
  return true;
}

/** Lines of a node's log that say something went wrong. */
export const FAILURE_LINE = /could not|failed|uncaught|TypeError|RangeError|ReferenceError|is not a function|Cannot read/i;

/** The fuzzer's view of a real SyncNode, run where the node runs. */
export class ContentFuzzNode implements NodeSide {
  readonly #node: SyncNode;
  readonly #logs: string[];
  readonly #person: Profile;
  /** Other repos whose accounts must not change either (the team server's). */
  readonly #others: Repo[];

  constructor(node: SyncNode, logs: string[], person: Profile, others: Repo[] = []) {
    this.#node = node;
    this.#logs = logs;
    this.#person = person;
    this.#others = others;
  }

  #handle(documentId: string): DocHandle<AccountDoc> {
    const handle = this.#node.repo.handles[documentId as DocumentId] as DocHandle<AccountDoc> | undefined;
    if (!handle?.isReady()) throw new Error(`the node does not hold ${documentId}`);
    return handle;
  }

  /** A new account on the node with something in every part, made by the node's own commands. */
  async createFullAccount(name: string, teamMembers?: string[]): Promise<string> {
    const { documentId } = await this.#node.handlers.createAccount({ name });
    const handle = this.#handle(documentId);
    for (const edit of FULL_ACCOUNT_EDITS) {
      const change = edit(handle.doc());
      handle.change(change.run, { message: change.message });
    }
    // Who else the team server shares it with (read by the server from the document, membership.ts).
    if (teamMembers) handle.change((d) => void ((d as unknown as { teamMembers: Record<string, boolean> }).teamMembers = Object.fromEntries(teamMembers.map((m) => [m, true]))));
    await this.#node.repo.flush([documentId as DocumentId]);
    return documentId;
  }

  async waitForHeads(documentId: string, heads: string[], timeoutMs: number): Promise<boolean> {
    return until(() => {
      const handle = this.#node.repo.handles[documentId as DocumentId];
      return !!handle?.isReady() && A.hasHeads(handle.doc() as A.Doc<unknown>, heads);
    }, timeoutMs);
  }

  async inspect(documentId: string): Promise<NodeInspection> {
    const handle = this.#handle(documentId);
    const doc = handle.doc();
    const problems = accountProblems(doc);
    const damage = checkAccount(doc).damage;
    // The node summarises an account 150 ms after it changes: wait for the summary of this very state.
    const summary = () => this.#node.handlers.accounts().find((s) => s.documentId === documentId);
    const heads = A.getHeads(doc).join();
    await until(() => summary()?.damaged === damage.length && A.getHeads(handle.doc()).join() === heads, 5_000);
    return { heads: A.getHeads(doc), damage: damage.map(damageKey), expected: damage.map((d) => d.expected), problems, summaryDamaged: summary()?.damaged ?? null };
  }

  async repair(documentId: string): Promise<{ repairs: number; unknownOrigins: number; heads: string[]; failure: string | null }> {
    const handle = this.#handle(documentId);
    let failure: string | null = null;
    let repairs = 0;
    let unknownOrigins = 0;
    try {
      const done = repairEverything(
        () => handle.doc(),
        (args) => {
          // What the window's button runs (account/damage/AccountDamage.tsx through use-editor.ts).
          const change = prepareChange(this.#person, "repairDamage", args, handle.doc());
          handle.change(change.run, { message: change.message });
        },
      );
      repairs = done.made;
      unknownOrigins = done.unknownOrigins.length;
    } catch (e) {
      failure = (e as Error).message;
    }
    return { repairs, unknownOrigins, heads: A.getHeads(handle.doc()), failure };
  }

  async editsThatFail(documentId: string): Promise<string[]> {
    return editsThatFail(this.#handle(documentId).doc());
  }

  async fingerprints(documentIds: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of documentIds) {
      const handle = [this.#node.repo, ...this.#others].map((r) => r.handles[id as DocumentId]).find((h) => h?.isReady());
      if (!handle?.isReady()) {
        out[id] = "(not loaded)";
        continue;
      }
      const doc = handle.doc() as A.Doc<unknown>;
      out[id] = `${[...A.getHeads(doc)].sort().join(",")} ${createHash("sha256").update(JSON.stringify(A.toJS(doc), (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))).digest("hex").slice(0, 16)}`;
    }
    return out;
  }

  async failures(): Promise<string[]> {
    return this.#logs.filter((l) => FAILURE_LINE.test(l));
  }
}

/** The attacker: a stock automerge-repo client's handle on the account. */
export interface Attack {
  /** "meeting" or "team-server", for the log. */
  via: string;
  handle: DocHandle<AccountDoc>;
}

export interface FuzzStats {
  changes: number;
  writes: number;
  refused: number;
  rounds: number;
  damageSeen: number;
  repairs: number;
  /** Repairs whose damaged part had no origin within the window's limits (so they fell back to a default). */
  unknownOrigins: number;
  /** Damage reported after a round, by the kind of expected value ("record", "map", …). */
  byExpected: Record<string, number>;
  failures: string[];
}

export const emptyStats = (): FuzzStats => ({ changes: 0, writes: 0, refused: 0, rounds: 0, damageSeen: 0, repairs: 0, unknownOrigins: 0, byExpected: {}, failures: [] });

export interface RoundOptions extends WrongContentOptions {
  seed: number;
  round: number;
  /** Changes in this round. */
  changes: number;
  /** Repair everything after this round (otherwise damage is left to pile up into the next). */
  repair: boolean;
  /** Pause after a change now and then, so the node also sees changes one at a time. */
  pauses?: boolean;
  timeoutMs?: number;
}

/**
 * One round: send the round's changes from the attacker, wait until the node holds them,
 * check the node's copy, and (if asked) repair everything and wait until the attacker has
 * the repair. Failures are added to `stats.failures` with the writes of the round.
 */
export async function fuzzRound(attack: Attack, node: NodeSide, stats: FuzzStats, o: RoundOptions): Promise<void> {
  const { handle } = attack;
  const documentId = handle.documentId;
  // Automerge's own (hex) heads: automerge-repo's handle.heads() are encoded for URLs.
  const headsOf = () => A.getHeads(handle.doc() as A.Doc<unknown>);
  const timeoutMs = o.timeoutMs ?? 30_000;
  const log: string[] = [];
  const fail = (what: string) => stats.failures.push(`${attack.via}, seed ${o.seed}, round ${o.round}: ${what}\n    writes of the round:\n      ${log.slice(-40).join("\n      ")}`);
  const changes = roundOf(o.seed, o.round, o.changes, o);
  for (const [i, writes] of changes.entries()) {
    const before = headsOf().join();
    handle.change((d) => {
      for (const applied of applyChange(d, writes)) {
        stats.writes++;
        if (!applied.done) stats.refused++;
        log.push(`${i}: ${applied.what}`);
      }
    });
    if (headsOf().join() !== before) stats.changes++;
    if (o.pauses && (o.round + i) % 4 === 0) await new Promise((r) => setTimeout(r, (o.round * 7 + i) % 25));
  }
  stats.rounds++;
  const t0 = Date.now();
  const heads = headsOf();
  if (!(await node.waitForHeads(documentId, heads, timeoutMs))) return void fail(`the node did not receive the round's changes within ${timeoutMs} ms`);

  const t1 = Date.now();
  const seen = await node.inspect(documentId);
  const t2 = Date.now();
  for (const p of seen.problems) fail(p);
  stats.damageSeen += seen.damage.length;
  for (const expected of seen.expected) stats.byExpected[expected] = (stats.byExpected[expected] ?? 0) + 1;
  if (seen.summaryDamaged !== seen.damage.length) fail(`the node's summary counts ${seen.summaryDamaged} damaged parts, the check ${seen.damage.length}`);
  // Every replica of the same heads reports the same damage.
  if ([...seen.heads].sort().join() === [...headsOf()].sort().join()) {
    const mine = checkAccount(handle.doc()).damage.map(damageKey);
    // The same parts, in any order (two replicas may list a map's keys in another order).
    if ([...mine].sort().join("\n") !== [...seen.damage].sort().join("\n")) fail(`the node reports [${seen.damage.join(", ")}], the attacker's copy [${mine.join(", ")}]`);
  }
  if (!o.repair) return;

  const t3 = Date.now();
  const repaired = await node.repair(documentId);
  const t4 = Date.now();
  stats.repairs += repaired.repairs;
  stats.unknownOrigins += repaired.unknownOrigins;
  if (repaired.failure) return void fail(repaired.failure);
  const converged = await until(() => A.hasHeads(handle.doc() as A.Doc<unknown>, repaired.heads), timeoutMs);
  if (!converged) return void fail(`the repair did not reach the attacker's copy within ${timeoutMs} ms`);
  const t5 = Date.now();
  if (process.env.BATON_CONTENT_FUZZ_TIMES) console.log(`round ${o.round}: arrive ${t1 - t0} inspect ${t2 - t1} repair ${t4 - t3} back ${t5 - t4}`);
  const left = checkAccount(handle.doc()).damage;
  if (left.length) fail(`after the repair the attacker's copy still has damage: ${left.map(damageKey).join(", ")}`);
  const after = await node.inspect(documentId);
  if (after.damage.length) fail(`after the repair the node still reports damage: ${after.damage.join(", ")}`);
  for (const p of after.problems) fail(`after the repair: ${p}`);
}
