/** What the window says when a menu command, shortcut or link cannot be carried out as asked. */
import { ACCOUNT_LINK_HELP } from "../../../shared/account-link";

export const COMMAND_WORDS = {
  notALink: `That link is not an account link. ${ACCOUNT_LINK_HELP}`,
  notOnDevice: "That account is not on this device.",
  notOnDeviceNoServer: "That account is not on this device. Set up the team sync server in Settings to get accounts shared with you, then open the link again.",
  getFromServer: "Get it from the team server",
  hostNeedsAccount: "Open the account the meeting is about, then host the meeting (a meeting shares one account).",
  hosting: (name: string) => `Hosting a meeting on ${name}: give the join code shown on the account to the other laptop.`,
} as const;

/** The search dialog (Ctrl/Cmd+K). */
export const SEARCH_WORDS = {
  title: "Search",
  field: "Search accounts, contacts, commitments, milestones and commands",
  placeholder: "A name, a promise, a milestone, or what to do",
  results: "Results",
  nothing: (query: string) => `Nothing matches “${query.length > 60 ? `${query.slice(0, 59)}…` : query}”.`,
  noWords: "Type a letter or a digit to search: punctuation alone matches nothing.",
  tooLong: (max: number) => `Only the first ${max} characters are searched.`,
  failed: (why: string) => `Search is not available right now: ${why}`,
  untitled: "Untitled account",
  pipeline: "Go to Pipeline",
  kind: { contact: "Contact", commitment: "Commitment", milestone: "Milestone" } as Record<string, string>,
  on: (account: string) => `on ${account}`,
  newAccount: "New account",
  today: "Go to Today",
  accounts: "Go to Accounts",
  settings: "Go to Settings",
  joinMeeting: "Join a meeting",
  hostMeeting: "Host a meeting on this account",
  open: (name: string) => `Open ${name}`,
} as const;
