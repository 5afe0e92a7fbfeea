/** Words around the customer recap (the recap's own words are the customer's: shared/queries/recap.ts). */
export const RECAP_WORDS = {
  intro: "Written for the customer: each of their requirements with what meets it and when, what is not included, what they ordered, the plan and who to call.",
  noPhone: (name: string) =>
    `The recap gives no phone or email for ${name} yet, and tells the customer they will follow. They appear here once ${name} has them in their profile (Settings → Profile) and opens this account.`,
} as const;
