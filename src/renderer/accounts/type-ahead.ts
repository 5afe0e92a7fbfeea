/** Typing the start of a name in a list moves to it; keys further apart than this start a new search. */
export const TYPE_AHEAD_MS = 700;

/**
 * The index of the first name at or after `from` (wrapping round) that starts with
 * `typed`, ignoring case and accents; null when none does.
 */
export function nextByName(names: readonly string[], typed: string, from: number): number | null {
  const want = fold(typed);
  if (!want || names.length === 0) return null;
  for (let k = 0; k < names.length; k++) {
    const i = (((from + k) % names.length) + names.length) % names.length;
    if (fold(names[i] ?? "").startsWith(want)) return i;
  }
  return null;
}

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}
