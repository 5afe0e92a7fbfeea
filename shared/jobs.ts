/**
 * Long work of the node that the window shows with progress and a cancel button: a new
 * laptop's accounts from the server, a restore, a backup, an import, an export.
 */

export const JOB_KINDS = ["server-accounts", "restore", "backup", "import", "export"] as const;
/** Which long work. */
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobProgress {
  job: JobKind;
  /** "finishing": being written, no longer cancellable; "idle": none started yet. */
  state: "idle" | "running" | "finishing" | "done" | "cancelled" | "failed";
  /** Items done and in all (accounts, companies). */
  done: number;
  total: number;
  /** What happened, in words for the person (the result, or why it failed). */
  message: string | null;
}
