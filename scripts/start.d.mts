/** Types of scripts/start.mjs for its tests. */
export function electronBinary(pkgDir: string): string | null;
export function downloadProblem(output: string): string;
