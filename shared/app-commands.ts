/**
 * What the person can ask of the window from outside a page: the application menu, a
 * keyboard shortcut, a deep link, a click on a reminder. Electron main sends these over
 * the bridge; browser mode's keyboard handler and address make the same ones; the window
 * carries them out in one place (src/renderer/app/commands.ts).
 */

/** The pages a command can go to. */
export type CommandPage = "today" | "accounts" | "pipeline" | "settings";

export type AppCommand =
  | { type: "new-account" }
  | { type: "search" }
  | { type: "go"; page: CommandPage }
  | { type: "host-meeting" }
  | { type: "join-meeting" }
  /** Open an account by id (a deep link main has checked). */
  | { type: "open-account"; documentId: string }
  /** Open an account from a link as the person gave it (checked by the window, which says what is wrong). */
  | { type: "open-link"; link: string }
  /** Open a call's guide (a reminder was clicked). */
  | { type: "open-call"; documentId: string; followUpId: string };

const ID = /^[1-9A-HJ-NP-Za-km-z]{20,60}$/;
const PAGES: readonly string[] = ["today", "accounts", "pipeline", "settings"] satisfies CommandPage[];

/** A command received over IPC, checked (the window trusts nothing it receives); null when it is not one. */
export function checkAppCommand(input: unknown): AppCommand | null {
  if (typeof input !== "object" || input === null) return null;
  const c = input as Record<string, unknown>;
  switch (c.type) {
    case "new-account":
    case "search":
    case "host-meeting":
    case "join-meeting":
      return { type: c.type };
    case "go":
      return typeof c.page === "string" && PAGES.includes(c.page) ? { type: "go", page: c.page as CommandPage } : null;
    case "open-account":
      return typeof c.documentId === "string" && ID.test(c.documentId) ? { type: "open-account", documentId: c.documentId } : null;
    case "open-link":
      return typeof c.link === "string" && c.link.length <= 500 ? { type: "open-link", link: c.link } : null;
    case "open-call":
      return typeof c.documentId === "string" && ID.test(c.documentId) && typeof c.followUpId === "string" && c.followUpId.length > 0 && c.followUpId.length <= 120
        ? { type: "open-call", documentId: c.documentId, followUpId: c.followUpId }
        : null;
    default:
      return null;
  }
}
