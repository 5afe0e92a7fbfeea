/** Words of the window starting: shown before any screen, some before React has loaded. */
export const START_WORDS = {
  starting: "Starting Baton…",
  failed: "Baton could not start",
  tryAgain: "Try again",
  /** The window's own script did not load (a broken or half-updated install); only plain text can say so. */
  noWindow: "Baton could not load its window",
  reload: "Reload the window to try again.",
} as const;
