/** What the rep learns before the order: the customer's decision process and feedback. */
import type { Fixed } from "../values";
import { date, nullable, text } from "../stored";
import type { FieldChecks } from "../stored";

export interface DecisionProcessDoc {
  otherDecisionMakers: string;
  meetingDate: Fixed | null;
  informationNeeded: string;
  reviewTime: string;
  notes: string;
}

export const decisionProcessFields: FieldChecks<DecisionProcessDoc> = {
  otherDecisionMakers: text,
  meetingDate: nullable(date),
  informationNeeded: text,
  reviewTime: text,
  notes: text,
};

export const newDecisionProcess = (): DecisionProcessDoc => ({ otherDecisionMakers: "", meetingDate: null, informationNeeded: "", reviewTime: "", notes: "" });

export interface FeedbackDoc {
  likes: string;
  optionsComfort: string;
  priceFit: string;
  viability: string;
}

export const feedbackFields: FieldChecks<FeedbackDoc> = { likes: text, optionsComfort: text, priceFit: text, viability: text };

export const newFeedback = (): FeedbackDoc => ({ likes: "", optionsComfort: "", priceFit: "", viability: "" });
