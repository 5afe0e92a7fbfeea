/**
 * Account links: how a person hands an account to a colleague who syncs through the team
 * server (a meeting needs no link — the join code carries the account). A link names the
 * account's document; the team server still decides who may fetch it.
 */
import { z } from "zod";

const DOCUMENT_ID = /^[1-9A-HJ-NP-Za-km-z]{20,60}$/;

/** The link shown to the person, e.g. `baton:account/4NMNnkMhL8jXrdJ9jamS58PAVdXu`. */
export function formatAccountLink(documentId: string): string {
  return `baton:account/${documentId}`;
}

/** The document id in a pasted link (`baton:account/…`, `automerge:…` or a bare id); null when it is not one. */
export function parseAccountLink(input: string): string | null {
  const text = input.trim();
  const id = text.replace(/^baton:(\/\/)?account\//, "").replace(/^automerge:/, "").replace(/[#?].*$/, "");
  return DOCUMENT_ID.test(id) ? id : null;
}

export const ACCOUNT_LINK_HELP = "An account link looks like baton:account/4NMNnkMhL8jXrdJ9jamS58PAVdXu.";

/**
 * A pasted account link, checked as the "Open a shared account" form and the node's API
 * both check it; its value is the document id the link names.
 */
export const accountLinkSchema = z
  .string()
  .max(500, { error: ACCOUNT_LINK_HELP })
  .refine((text) => parseAccountLink(text) !== null, { error: `That is not an account link. ${ACCOUNT_LINK_HELP}` })
  .transform((text) => parseAccountLink(text) ?? "");
