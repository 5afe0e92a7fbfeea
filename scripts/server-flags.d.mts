/** Types of scripts/server-flags.mjs for the e2e suite and the bench. */
export const serverNodeFlags: readonly string[];
