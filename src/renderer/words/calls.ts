/** Words and time formats for calls and follow-ups, in the viewer's zone with the agreed zone alongside. */
import type { DueReminder, FollowUpPurpose } from "../../../shared";
import { localDateOf, localTimeOf } from "../../../shared";

export const PURPOSE_LABEL: Record<FollowUpPurpose, string> = {
  "follow-up": "Follow-up call",
  call: "Call",
  "most-important-call": "Most important call",
  "handoff-meeting": "Handoff meeting",
};

export const PURPOSE_COLOR: Record<FollowUpPurpose, string> = {
  "follow-up": "indigo",
  call: "gray",
  "most-important-call": "grape",
  "handoff-meeting": "teal",
};


/** The zone this device's clock is in (the default zone for an agreed time). */
export function viewerTimeZone(): string {
  try {
    // Read at most once a minute: building a formatter per row showed up when drawing long
    // lists, and a laptop that crossed a border still shows its new zone within a minute.
    const now = Date.now();
    if (!zone || now - zone.at > 60_000) zone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", at: now };
    return zone.name;
  } catch {
    return "UTC";
  }
}
let zone: { name: string; at: number } | undefined;

/** Every IANA zone this browser knows, for the zone field, with UTC and this device's own zone (browsers list neither always). */
export function knownTimeZones(): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const extra = [viewerTimeZone(), "UTC"].filter((z) => !zones.includes(z));
  return [...zones, ...new Set(extra)];
}

/** A zone as a person reads and searches it: "America/New York". */
export function zoneWords(zone: string): string {
  return zone.replace(/_/g, " ");
}

/** The zone picker's answer when nothing matches what was typed. */
export const NO_SUCH_ZONE = "No time zone by that name";

const WEEKDAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Tue 3 Mar 2026" for a YYYY-MM-DD date. */
export function dayWords(date: string, withYear = false): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return `${WEEKDAY[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH[d.getUTCMonth()]}${withYear ? ` ${d.getUTCFullYear()}` : ""}`;
}

/** "Tue 3 Mar, 16:00" — an instant on the viewer's clock. */
export function whenWords(instant: string, zone: string, today?: string): string {
  try {
    const date = localDateOf(instant, zone);
    const time = localTimeOf(instant, zone);
    if (today && date === today) return `Today, ${time}`;
    return `${dayWords(date, today !== undefined && date.slice(0, 4) !== today.slice(0, 4))}, ${time}`;
  } catch {
    return instant;
  }
}

/** "10:00 in America/New_York" when the call was agreed in another zone than the viewer's; null when the same. */
export function agreedWords(instant: string, agreedZone: string, viewerZone: string): string | null {
  try {
    if (agreedZone === viewerZone || localTimeOf(instant, agreedZone) === localTimeOf(instant, viewerZone)) return null;
    const sameDay = localDateOf(instant, agreedZone) === localDateOf(instant, viewerZone);
    return `${sameDay ? "" : `${dayWords(localDateOf(instant, agreedZone))} `}${localTimeOf(instant, agreedZone)} in ${agreedZone.replace(/_/g, " ")}`;
  } catch {
    return null;
  }
}

/** "2 days ago", "in 3 hours", "just now". */
export function relativeWords(instant: string, now: number): string {
  const diff = Date.parse(instant) - now;
  const abs = Math.abs(diff);
  const unit = abs < 90_000 ? null : abs < 90 * 60_000 ? ["minute", 60_000] : abs < 36 * 3_600_000 ? ["hour", 3_600_000] : ["day", 86_400_000];
  if (!unit) return "just now";
  const n = Math.round(abs / (unit[1] as number));
  const words = `${n} ${unit[0] as string}${n === 1 ? "" : "s"}`;
  return diff < 0 ? `${words} ago` : `in ${words}`;
}

/** A reminder's alert: a call coming up (the lead time the person chose) or due, or a milestone, commitment or invoice due today. */
export function reminderWords(r: DueReminder, missed: boolean, now: number): { title: string; body: string; action: string } {
  const zone = viewerTimeZone();
  if (r.kind === "call" && r.purpose) {
    const when = whenWords(r.agreedTime, zone);
    const soon = Date.parse(r.agreedTime) > now + 60_000;
    return {
      title: `${missed ? "Missed" : soon ? `Coming up ${relativeWords(r.agreedTime, now)}` : "Due now"}: ${PURPOSE_LABEL[r.purpose]} — ${r.accountName}`,
      body: `Agreed for ${when}${r.reason ? `. ${r.reason}` : ""}`,
      action: "Open call guide",
    };
  }
  const what = r.kind === "milestone" ? "Milestone due" : r.kind === "commitment" ? "Commitment due" : "Invoice due";
  return {
    title: `${what}${missed ? "" : " today"}: ${r.accountName}`,
    body: `${r.dueDate ? `Due ${dayWords(r.dueDate, true)}` : "Due"}${r.reason ? `. ${r.reason}` : ""}`,
    action: "Open the account",
  };
}
