/**
 * A peer allowed to edit writes well-formed changes with wrong content into a real
 * account (shared/testing/wrong-content.ts): after every change the account as checked is
 * readable, every damaged part is reported and every view runs; repairing every reported
 * damage as the window does leaves none, both replicas converge on the repair, and the
 * account can be edited again. Pure and property-based, so fast-check shrinks a failure to
 * the writes that cause it. The same writes go through real nodes, meetings and the team
 * server in src/node/content-fuzz.test.ts and reliability/content-fuzz.ts.
 *
 * Replay: BATON_CONTENT_SEED=<seed> [BATON_CONTENT_PATH=<path>] npx vitest run shared/account/wrong-content.test.ts
 */
import * as A from "@automerge/automerge";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAccount } from "./check";
import { accountProblems, editsThatFail, repairEverything } from "../testing/account-invariants";
import { ACTOR_A, fullAccount, lead, run } from "../testing/accounts";
import { applyChange, changeArb, describeVal, type WrongChange } from "../testing/wrong-content";

const STOCK = "cc".repeat(16);
const FIXED_SEED = 20261206;
const randomSeed = Math.floor(Math.random() * 2 ** 31);
const envSeed = process.env.BATON_CONTENT_SEED;
const runs = Number(process.env.BATON_CONTENT_RUNS ?? 15);
const base = fullAccount("Acme", ACTOR_A);

/** Apply `changes` as a stock client would, checking the account after each; then repair everything. */
function property(changes: WrongChange[]): void {
  let theirs = A.clone(base, { actor: STOCK });
  let ours = A.clone(base);
  for (const [i, change] of changes.entries()) {
    const before = A.getHeads(theirs);
    const log: string[] = [];
    theirs = A.change(theirs, { time: 1_790_000_000 + i }, (d) => void log.push(...applyChange(d, change).map((a) => a.what)));
    if (A.getHeads(theirs).join() === before.join()) continue;
    [ours] = A.applyChanges(ours, A.getChanges(A.view(theirs, before), theirs));
    const problems = accountProblems(ours);
    if (problems.length) throw new Error(`after change ${i} (${log.join("; ")}):\n    ${problems.join("\n    ")}`);
  }
  // Limits well past the window's, so a loaded machine cannot hide a part whose origin is lost.
  const repaired = repairEverything(
    () => ours,
    (args) => (ours = run(ours, lead, "repairDamage", args)),
    { changes: 5_000, ms: 10_000 },
  );
  // Every damaged part is shown with the change that made it so, and restored from before it.
  if (repaired.unknownOrigins.length) throw new Error(`no origin found for ${repaired.unknownOrigins.join(", ")}`);
  // The repairs are ordinary changes: the other side converges on them.
  [theirs] = A.applyChanges(theirs, A.getChanges(theirs, ours));
  expect(A.getHeads(theirs).sort()).toEqual(A.getHeads(ours).sort());
  expect(checkAccount(theirs).damage).toEqual([]);
  const failed = editsThatFail(ours);
  if (failed.length) throw new Error(`after every repair, edits fail:\n    ${failed.join("\n    ")}`);
}

const options = { huge: 0.3 };
const changes = fc.array(changeArb(options), { minLength: 1, maxLength: 6 });

describe("well-formed changes with wrong content", () => {
  // A gate must give the same answer twice: CI runs the fixed seed, a person's run a random one too.
  const seeds = envSeed !== undefined ? [["given", Number(envSeed)] as const] : process.env.CI ? ([["fixed", FIXED_SEED]] as const) : ([["fixed", FIXED_SEED], ["random", randomSeed]] as const);
  for (const [name, seed] of seeds) {
    it(`leave every account readable, reported and repairable (${name} seed ${seed}; replay: BATON_CONTENT_SEED=${seed})`, () => check(seed));
  }

  // Seeds that once found a gap, kept as regressions: a change replacing a declared object
  // part (the feedback, the checks) so that every field reads as damaged was traced to no
  // change (damage-origin.ts now follows the records on the way to a part).
  for (const seed of [1841541057, 1254309879]) {
    it(`finds the origin of a declared part replaced whole, field by field (seed ${seed})`, () => check(seed), 120_000);
  }
});

function check(seed: number): void {
      fc.assert(fc.property(changes, property), {
        seed,
        numRuns: runs,
        path: process.env.BATON_CONTENT_PATH,
        endOnFailure: process.env.BATON_CONTENT_SHRINK === undefined,
        examples: [],
        reporter: (details) => {
          if (!details.failed) return;
          const example = details.counterexample?.[0] as WrongChange[] | undefined;
          const writes = example?.map((c, i) => `change ${i}: ${c.map((w) => JSON.stringify(w, (_k, v: unknown) => (typeof v === "object" && v !== null && "t" in v ? describeVal(v as never) : v))).join("\n    ")}`).join("\n  ");
          throw new Error(`seed ${seed}, path ${details.counterexamplePath}: ${details.errorInstance instanceof Error ? (details.errorInstance.stack ?? "").split("\n").slice(0, 8).join("\n      ") : String(details.errorInstance)}\n  ${writes ?? ""}`);
        },
      });
}


