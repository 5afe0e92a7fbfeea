/**
 * Requests the app shell makes of a feature without importing it (the floor plan lets the
 * shell know features, not the other way round): a DOM event on `window` by name.
 */
export const WINDOW_EVENTS = {
  /** Open the Join meeting dialog (menu, shortcut). */
  joinMeeting: "baton:join-meeting",
} as const;

export function requestFromWindow(name: (typeof WINDOW_EVENTS)[keyof typeof WINDOW_EVENTS]): void {
  window.dispatchEvent(new Event(name));
}
