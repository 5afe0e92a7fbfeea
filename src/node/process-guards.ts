/**
 * automerge-repo fires some storage writes (sync state, debounced saves) without awaiting
 * them; a failed write (disk full, folder removed) then surfaces as an unhandled rejection,
 * which ends a Node process by default. One failed background write must not take every
 * open account down: log it, keep serving, and let the next save retry.
 */
export function keepRunningOnBackgroundFailures(log: (line: string) => void): void {
  process.on("unhandledRejection", (reason) => {
    log(`background task failed: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
}

/** Runs one account's background task (see `accountGuard`). */
export type Guard = (documentId: string, what: string, task: () => void) => void;

/**
 * Run a background task of one account so that nothing it meets — whatever a peer wrote
 * into the account — ends the process or stops the other accounts: the failure is logged
 * with the account it belongs to and the node carries on.
 */
export function accountGuard(log: (line: string) => void): Guard {
  return (documentId, what, task) => {
    try {
      task();
    } catch (e) {
      log(`could not ${what} for account ${documentId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
