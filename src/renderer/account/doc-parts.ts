/**
 * Skipping redraws of a part of the account page that the change did not touch. Automerge
 * keeps every unchanged part of a document the same object from one version to the next,
 * so a section that reads only some top-level parts can compare those by identity: typing
 * in a commitment then does not redraw, say, the follow-up form.
 */
import type { AccountDoc } from "../../../shared";

/**
 * A `React.memo` comparison: equal when every prop is the same object, except `doc`, which
 * counts as equal when the listed parts of it are. List EVERY part the section (and the
 * queries it calls) reads, or it will show stale values.
 */
export function sameDocParts<P extends { doc: AccountDoc }>(parts: readonly (keyof AccountDoc)[]): (a: Readonly<P>, b: Readonly<P>) => boolean {
  return (a, b) => {
    for (const key of Object.keys(a) as (keyof P)[]) {
      if (key === "doc") {
        if (a.doc !== b.doc && !parts.every((part) => a.doc[part] === b.doc[part])) return false;
      } else if (a[key] !== b[key]) return false;
    }
    return Object.keys(a).length === Object.keys(b).length;
  };
}
