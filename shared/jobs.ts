/**
 * Long work of the node that the window shows with progress and a cancel button: a new
 * laptop's accounts from the server, a restore, a backup, an import (a CRM's CSV or an
 * account file), an export.
 */

export const JOB_KINDS = ["server-accounts", "restore", "backup", "import", "export"] as const;
/** Which long work. */
export type JobKind = (typeof JOB_KINDS)[number];

/** What a job did to one account: the window lists them when it ends, each a link. */
export interface JobAccount {
  documentId: string;
  name: string;
  outcome: "added" | "merged" | "updated" | "read-only";
}

export interface JobProgress {
  job: JobKind;
  /** "finishing": being written, no longer cancellable; "idle": none started yet. */
  state: "idle" | "running" | "finishing" | "done" | "cancelled" | "failed";
  /** Items done and in all (accounts, companies). */
  done: number;
  total: number;
  /** Set while the work puts in what it prepared, item by item (a CSV import's second pass); still cancellable. */
  writing?: boolean;
  /** What happened, in words for the person (the result, or why it failed). */
  message: string | null;
  /** When it ended: the accounts it brought in or changed, each whole (also when cancelled). */
  accounts?: JobAccount[];
}
