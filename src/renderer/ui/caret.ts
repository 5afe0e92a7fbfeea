/**
 * Keep the caret where the person left it when the other laptop's edit changes the
 * text under it: find the region that changed (common prefix and suffix) and shift
 * positions after it by the change in length.
 */

/** Where `position` in `before` lands in `after`. */
export function mapPosition(before: string, after: string, position: number): number {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const changedEndBefore = before.length - suffix;
  if (position <= prefix) return position;
  if (position >= changedEndBefore) return Math.min(after.length, position + (after.length - before.length));
  // Inside the replaced region: put the caret at the end of what replaced it.
  return after.length - suffix;
}

export interface Selection {
  start: number;
  end: number;
}

export function mapSelection(before: string, after: string, { start, end }: Selection): Selection {
  return { start: mapPosition(before, after, start), end: mapPosition(before, after, end) };
}

/**
 * The person changed `before` into `after` in the field; the stored text has meanwhile
 * become `stored` (the other laptop typed). Apply only the person's change — the region
 * between the common prefix and suffix of `before` and `after` — to `stored`.
 */
export function rebaseEdit(before: string, after: string, stored: string): string {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const inserted = after.slice(prefix, after.length - suffix);
  const start = mapPosition(before, stored, prefix);
  const end = Math.max(start, mapPosition(before, stored, before.length - suffix));
  return stored.slice(0, start) + inserted + stored.slice(end);
}
