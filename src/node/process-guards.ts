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
