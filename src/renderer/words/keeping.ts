/** Words of keeping accounts safe: backups, restoring them, and a new laptop's accounts from the team server. */
import type { JobKind, JobProgress } from "../../../shared";

/** What each kind of long work is called while it runs. */
export const JOB_TITLE: Record<JobKind, string> = {
  "server-accounts": "Getting your accounts from the server",
  restore: "Restoring from a backup",
  backup: "Backing up",
  import: "Importing",
  export: "Exporting",
};

/** "312 of 1,000 accounts", in this person's locale. */
export function progressPhrase(job: Pick<JobProgress, "done" | "total">, locale: string): string {
  const n = new Intl.NumberFormat(locale);
  if (job.total === 0) return "Starting…";
  return `${n.format(job.done)} of ${n.format(job.total)} accounts`;
}

/** "1.2 MB" for a number of bytes, in this person's locale. */
export function sizePhrase(bytes: number, locale: string): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${n.format(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KB`;
  return `${n.format(bytes / (1024 * 1024))} MB`;
}

export function accountsCount(count: number, locale: string): string {
  return count === 1 ? "1 account" : `${new Intl.NumberFormat(locale).format(count)} accounts`;
}

export const KEEPING = {
  backupsHint: "Baton backs up every account on this laptop while something changed, and when it quits. Choose a folder on another drive, or one your cloud drive syncs.",
  folder: "Backup folder",
  folderHint: "A synced or external drive keeps the backups when this laptop is lost.",
  keep: "Backups to keep",
  everyMinutes: "Back up every (minutes)",
  saveSettings: "Save backup settings",
  backUpNow: "Back up now",
  noBackups: "No backups yet. The first one is made at the next interval after a change, when Baton quits, or now with “Back up now”.",
  lastBackup: "Last backup",
  backupFailed: "The last backup failed",
  listLabel: "Backups",
  restore: "Restore…",
  previewTitle: (when: string) => `Restore from the backup of ${when}`,
  previewHint: "Choose the accounts to restore. Each one is restored whole, one after another; cancelling keeps those already done.",
  modeMerge: "Merge into the accounts here (nothing on this laptop is lost)",
  modeMissing: "Only bring back accounts this laptop does not have, or has damaged",
  modeLabel: "How to restore",
  here: "On this laptop",
  notHere: "Not on this laptop",
  restoreChosen: (n: string) => `Restore ${n}`,
  chooseAll: "Choose all",
  chooseNone: "Choose none",
  cancel: "Cancel",
  close: "Close",
  serverAccounts: "Get my accounts from the server",
  serverAccountsHint: "A new laptop gets every account the server lists for you. Each arrives whole; cancelling keeps those that arrived.",
  restoreDamaged: (when: string) => `Restore from the backup of ${when}`,
  restoreDamagedHint: "No other laptop or server has given it back yet. This backup holds an intact copy: restoring it merges that copy into this laptop.",
};
