/** The declaration of the part of an account at a path (records/account.ts), for checks that start below the root. */
import { ACCOUNT_PARTS, type PartSpec } from "./records/account";

/** A step of a path into the document: a key of a map or record, or an index of a list. */
export type PathStep = string | number;

/** What lives at `path`: a part, or an item of a list or map part. */
export type SpecAt = { part: PartSpec } | { itemOf: Extract<PartSpec, { kind: "map" | "list" }> };

/** The declaration of what lives at `path`, or null when nothing is declared there. */
export function specAt(path: readonly PathStep[]): SpecAt | null {
  let parts: Readonly<Record<string, PartSpec>> = ACCOUNT_PARTS;
  for (let i = 0; i < path.length; i++) {
    const spec = parts[String(path[i])];
    if (!spec) return null;
    if (i === path.length - 1) return { part: spec };
    if (spec.kind === "group") {
      parts = spec.parts;
      continue;
    }
    if ((spec.kind === "map" || spec.kind === "list") && i === path.length - 2) return { itemOf: spec };
    return null;
  }
  return null;
}
