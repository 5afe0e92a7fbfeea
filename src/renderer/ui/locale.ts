/**
 * This person's locale: how they write numbers. The domain takes it as an argument
 * (`parseAmount`, `formatAmount`), as it takes the time zone, so it is read here, in the UI.
 * The window's language is the browser's in browser mode and the system's in Electron;
 * the profile has no locale of its own.
 */

/** The BCP 47 tag of this window's language, e.g. "de-DE"; en-US when the window has none. */
export function localLocale(): string {
  return (typeof navigator !== "undefined" && navigator.language) || "en-US";
}
