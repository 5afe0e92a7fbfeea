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
  reminder: {
    title: (purpose: FollowUpPurpose, account: string, missed: boolean) => `${missed ? "Missed" : "Due now"}: ${PURPOSE[purpose] ?? "Call"} — ${account}`,
    body: (when: string, reason: string) => `Agreed for ${when}${reason ? `. ${reason}` : ""}`,
  },
} as const;
