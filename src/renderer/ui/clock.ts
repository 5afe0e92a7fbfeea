/**
 * This person's clock: their time zone and today's date in it. The domain takes both as
 * arguments (a stage move schedules the most important call in the mover's zone; gaps
 * and the checklist ask "overdue on which day?"), so they are read here, once, in the UI.
 */
import { localDateOf } from "../../../shared";

/** The IANA time zone of this browser or laptop, e.g. Europe/Berlin. */
export function localTimeZone(): string {
  // Read at most every 10 s: building a formatter to ask costs ~1 ms, and drawing an account
  // asks many times. A laptop that changes zone (a flight) is seen within seconds.
  const now = Date.now();
  if (!zoneCache || now - zoneCache.at > 10_000) zoneCache = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", at: now };
  return zoneCache.zone;
}
let zoneCache: { zone: string; at: number } | null = null;

/** Today's date (YYYY-MM-DD) in this person's time zone. */
export function today(now: Date = new Date()): string {
  // The same date for the same minute and zone (many sections ask on every redraw).
  const zone = localTimeZone();
  const minute = Math.floor(now.getTime() / 60_000);
  if (todayCache?.minute === minute && todayCache.zone === zone) return todayCache.day;
  const day = localDateOf(now.toISOString(), zone);
  todayCache = { minute, zone, day };
  return day;
}
let todayCache: { minute: number; zone: string; day: string } | null = null;

/** Now, as the ISO instant commands record. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** "9 Mar 2026, 09:00" for an ISO instant, in this person's zone (or `timeZone`). */
export function formatMoment(instant: string, timeZone?: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  // One formatter per zone: toLocaleString builds a new one per call, which was a quarter
  // of the time to draw 200 timeline entries.
  const key = timeZone ?? "";
  let format = momentFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
    } catch {
      return instant; // an unknown zone from another device: show the instant as written
    }
    momentFormats.set(key, format);
  }
  return format.format(d);
}
const momentFormats = new Map<string, Intl.DateTimeFormat>();
