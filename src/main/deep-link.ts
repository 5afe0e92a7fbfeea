/**
 * Deep links: `baton://account/<id>` (and the share form `baton:account/<id>`) open the
 * account in the running app. The operating system hands the link over as a command-line
 * argument (Windows, Linux: to a second instance, which passes its arguments to the first)
 * or as an `open-url` event (macOS). The link is checked with the same parser as a pasted
 * one (shared/account-link.ts); a malformed one still reaches the window, which says what
 * is wrong with it.
 */
import { parseAccountLink } from "../../shared/account-link";
import type { AppCommand } from "../../shared/app-commands";

/** The scheme registered with the operating system (and in the installers' config). */
export const DEEP_LINK_SCHEME = "baton";

/** The app's own pages are served on baton://app/ (app-protocol.ts): never a link to follow. */
const OWN_PAGES = /^baton:\/\/app(\/|$)/i;

/** The deep link among a process's arguments (the last one given), or null. */
export function deepLinkIn(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i]!;
    if (/^baton:/i.test(arg) && !OWN_PAGES.test(arg)) return arg;
  }
  return null;
}

/** What the window should do with a deep link. */
export function commandForDeepLink(link: string): AppCommand {
  const documentId = parseAccountLink(link);
  return documentId ? { type: "open-account", documentId } : { type: "open-link", link: link.slice(0, 500) };
}
