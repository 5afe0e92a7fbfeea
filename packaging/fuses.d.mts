/** Types of packaging/fuses.mjs for its tests. */
export const BATON_FUSES: Record<string | number, unknown>;
export function wrongFuses(path: string): Promise<string[]>;
