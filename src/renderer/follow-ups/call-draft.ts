/**
 * The form that logs a follow-up call, as plain data: what the person has filled in so
 * far, what choosing an outcome does to it (voicemail and no answer propose the retry: the
 * next business day at the same time, in the zone agreed with the customer), and the
 * command it becomes once it is complete — or the message next to each field that is not.
 */
import {
  check,
  logCallInputSchema,
  suggestedRetry,
  type CallOutcome,
  type CommandArgs,
  type FollowUpView,
  type NextStepKind,
  type Person,
} from "../../../shared";

/** What the person has filled in. */
export interface CallDraft {
  outcome: CallOutcome | null;
  summary: string;
  nextStepKind: NextStepKind | null;
  nextStep: string;
  /** Reached: the customer decided, no further call is agreed. */
  decided: boolean;
  nextDate: string;
  nextTime: string;
  nextTimeZone: string;
}

type Call = Pick<FollowUpView, "id" | "agreedTime" | "timeZone">;

/** A new draft for `call`: nothing chosen yet; the next call in the zone agreed for this one. */
export function emptyCallDraft(call: Call): CallDraft {
  return { outcome: null, summary: "", nextStepKind: null, nextStep: "", decided: false, nextDate: "", nextTime: "", nextTimeZone: call.timeZone };
}

/**
 * The draft after choosing how the call went. Reached clears any proposed retry (the next
 * call is agreed with the customer); voicemail and no answer propose one.
 */
export function withOutcome(draft: CallDraft, outcome: CallOutcome, call: Call, now: string): CallDraft {
  if (outcome === "reached") return { ...draft, outcome, nextDate: "", nextTime: "", nextTimeZone: call.timeZone };
  const retry = suggestedRetry(call.agreedTime, call.timeZone, now);
  return { ...draft, outcome, nextDate: retry.date, nextTime: retry.time, nextTimeZone: retry.timeZone };
}

/** The command that logs the call, or the message next to each field that keeps it from being complete. */
export function callCommand(
  draft: CallDraft,
  call: Call,
  who: { by: Person; at: string; newId: () => string },
): { ok: true; args: CommandArgs<"logFollowUpCall"> } | { ok: false; errors: Record<string, string> } {
  const r = check(logCallInputSchema(who.at), { ...draft, outcome: draft.outcome ?? "" });
  if (!r.ok) return { ok: false, errors: r.errors };
  const v = r.value;
  return {
    ok: true,
    args: {
      followUpId: call.id,
      outcome: v.outcome,
      summary: v.summary,
      nextStepKind: v.nextStepKind,
      nextStep: v.nextStep,
      next: v.next ? { id: who.newId(), ...v.next } : null,
      activityId: who.newId(),
      by: who.by,
      at: who.at,
    },
  };
}
