/** Every word Electron main shows: menus, dialogs, the tray, notifications. */
import type { FollowUpPurpose } from "../../shared/account/schema";

const PURPOSE: Record<FollowUpPurpose, string> = {
  "follow-up": "Follow-up call",
  call: "Call",
  "most-important-call": "Most important call",
  "handoff-meeting": "Handoff meeting",
};

export const WORDS = {
  appName: "Baton",
  menu: {
    file: "File",
    newAccount: "New Account",
    edit: "Edit",
    view: "View",
    today: "Today",
    accounts: "Accounts",
    settings: "Settings",
    search: "Search…",
    meeting: "Meeting",
    hostMeeting: "Host Meeting on This Account",
    joinMeeting: "Join Meeting…",
    window: "Window",
    help: "Help",
    about: "About Baton",
    openLogs: "Open Logs Folder",
    copyDiagnostics: "Copy Diagnostics",
  },
  context: {
    noSuggestions: "No spelling suggestions",
    addToDictionary: "Add to Dictionary",
  },
  tray: {
    tooltip: "Baton — reminders stay on while the window is closed",
    open: "Open Baton",
    startAtLogin: "Start Baton at Login",
    quit: "Quit Baton",
  },
  about: {
    credits: "Keeps a sales rep's promises alive from the order through handoff, delivery and payment.",
    copyright: "© Baton contributors",
  },
  crashed: {
    title: "This window stopped working",
    gone: (reason: string) => `Baton's window stopped (${reason}). Your edits that were shown as saved are on this device; reload the window to carry on.`,
    hung: "Baton's window is not responding. Wait a little longer, or reload it: edits shown as saved are kept either way.",
    reload: "Reload",
    wait: "Wait",
    close: "Close",
  },
  reminder: {
    title: (purpose: FollowUpPurpose, account: string, missed: boolean, soon: boolean) => `${missed ? "Missed" : soon ? "Coming up" : "Due now"}: ${PURPOSE[purpose] ?? "Call"} — ${account}`,
    body: (when: string, reason: string) => `Agreed for ${when}${reason ? `. ${reason}` : ""}`,
    dueTitle: (kind: "milestone" | "commitment" | "payment", account: string) =>
      `${kind === "milestone" ? "Milestone due today" : kind === "commitment" ? "Commitment due today" : "Invoice due today"} — ${account}`,
    dueBody: (day: string, what: string) => `Due ${day}${what ? `: ${what}` : ""}`,
  },
  diagnosticsCopied: "Diagnostics copied to the clipboard (no tokens or account contents).",
  logsUnwritable: (dir: string, why: string) => `Baton cannot write its log files to ${dir} (${why}); it keeps running without a log file.`,
} as const;
