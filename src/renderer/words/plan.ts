/** Words of the delivery plan's dependencies. */
export const PLAN_WORDS = {
  waitsFor: (names: string) => `Waits for ${names}`,
  waitsForNothing: "Waits for no other milestone",
  choose: "Choose what it waits for",
  legend: (title: string) => `Milestones “${title}” waits for`,
  noOthers: "No other milestone yet.",
  wouldCircle: "Waits for this one already: that would be a circle.",
} as const;
