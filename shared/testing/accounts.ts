/**
 * Test support for the domain: people, a fresh account, two laptops and syncing them.
 * Real Automerge throughout (importing the full package initialises its wasm).
 */
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { createAccount } from "../commands/account";
import { prepareChange, type CommandArgs, type CommandName } from "../commands/catalog";

export type Doc = A.Doc<AccountDoc>;

export const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
export const lead: Profile = { id: "p-lead", name: "Dana Lead", role: "delivery-lead" };
export const AT = "2026-03-02T09:00:00.000Z";
export const ACTOR_A = "aa".repeat(16);
export const ACTOR_B = "bb".repeat(16);

/** A new account created by the rep. */
export function newAccount(name = "Acme", actor?: string): Doc {
  return A.change(A.init<AccountDoc>(actor ? { actor } : undefined), { message: prepareChange(rep, "createAccount", { name, by: rep, at: AT }).message, time: 1_772_000_000 }, (d) =>
    createAccount(d, { name, by: rep, at: AT }),
  );
}

/** Run a catalog command as `person`, with its change message (and an explicit time in seconds, if given). */
export function run<N extends CommandName>(doc: Doc, person: Profile, name: N, args: CommandArgs<N>, time?: number): Doc {
  const change = prepareChange(person, name, args, doc);
  return A.change(doc, time === undefined ? { message: change.message } : { message: change.message, time }, change.run);
}

/** Two laptops holding the same account, each with its own actor. */
export function laptops(doc: Doc, [x, y]: readonly [string, string] = [ACTOR_A, ACTOR_B]): [Doc, Doc] {
  return [A.clone(doc, { actor: x }), A.clone(doc, { actor: y })];
}

/** Both replicas after exchanging everything they have. */
export function sync(a: Doc, b: Doc): [Doc, Doc] {
  const [a2] = A.applyChanges(a, A.getAllChanges(b));
  const [b2] = A.applyChanges(b, A.getAllChanges(a));
  return [a2, b2];
}

/** The error a function throws (fails the test if it does not throw). */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}
