/** Checklist items in a few words, for "moved with … still open". */
import type { ChecklistItemId } from "../../../shared";

export const CHECKLIST_SHORT: Record<ChecklistItemId, string> = {
  "decision-maker": "the decision maker",
  requirements: "the requirements",
  "order-reference": "the order reference",
  "credit-check": "the credit check",
  "supply-date": "the supply date",
  "most-important-call": "the most important call",
  "customer-confirmed": "the customer's confirmation",
  "plan-covers-commitments": "the plan covering every commitment",
  "handoff-signed-off": "the handoff sign-off",
  "delivery-started": "the start of delivery",
  "milestones-done": "milestones",
  "commitments-delivered": "commitments",
  "invoice-sent": "the invoice",
  "payment-received": "the payment",
};
