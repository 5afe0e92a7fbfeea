/** The handoff to the delivery team: sign-offs, the agreed baseline and the meeting's agenda. */
import { ROLES, type Fixed } from "../values";
import { choice, fixed, heads, instant, orMissing, person, record, type Check } from "../stored";
import type { PersonRefDoc } from "./people";

export interface SignOffDoc {
  role: Fixed;
  by: PersonRefDoc;
  at: Fixed;
  /** The document heads the signer saw when signing (empty on sign-offs from before they were kept). */
  heads: Fixed[];
}

export const signOffRecord: Check<SignOffDoc> = record({
  role: choice(ROLES),
  by: person,
  at: instant,
  heads: orMissing(heads),
});

/** Migration 2: every sign-off has its heads (none known for the older ones). */
export function signOffV2(signOff: Record<string, unknown>): void {
  if (signOff.heads === undefined) signOff.heads = [];
}

/** An item of the handoff meeting's agenda ticked as agreed. */
export interface AgendaTickDoc {
  by: PersonRefDoc;
  at: Fixed;
}

export const agendaTickRecord: Check<AgendaTickDoc> = record({ by: person, at: instant });

/** The state of the account everyone agreed at handoff. */
export interface BaselineDoc {
  name: Fixed;
  heads: Fixed[];
  at: Fixed;
}

export const baselineRecord: Check<BaselineDoc> = record({ name: fixed, heads, at: instant });

export interface HandoffDoc {
  signOffs: Record<string, SignOffDoc>;
  customerAgreedBy: Fixed | null;
  baseline: BaselineDoc | null;
  /** Agenda items of the handoff meeting ticked as agreed, by agenda item id. */
  agenda: Record<string, AgendaTickDoc>;
}

export const newHandoff = (): HandoffDoc => ({ signOffs: {}, customerAgreedBy: null, baseline: null, agenda: {} });
