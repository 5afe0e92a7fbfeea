/** Words of catching up: "since you last looked", changes since handoff, comparing two points. */
export const CATCH_UP_WORDS = {
  label: "Since you last looked",
  title: (n: number, when: string) => `Since you last looked (${when}): ${n === 1 ? "1 change" : `${n} changes`} by others`,
  list: "Changes since you last looked",
  hint: "Each line says who changed it and when.",
  dismiss: "Got it",
  sinceHandoff: (baseline: string, n: number) => `Against “${baseline}”: ${n === 1 ? "1 change" : `${n} changes`} since.`,
  noneBetween: "Nothing changed between these two points.",
  between: (n: number) => (n === 1 ? "1 change between these two points." : `${n} changes between these two points.`),
} as const;
