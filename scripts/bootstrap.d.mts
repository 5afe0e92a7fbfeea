/** Types of scripts/bootstrap.mjs for its tests. */
export function installReason(root?: string): string | null;
export function chromiumCandidates(env?: Record<string, string | undefined>): string[];
export function findChromium(env?: Record<string, string | undefined>): string | null;
