/**
 * Reminder timing, in the node: reminders arrive whether or not a window is open.
 *
 * The schedule wakes at the next agreed time of any call (from the library's summaries,
 * never by opening an account), works out which reminders are due for this device's
 * person and not yet shown (the per-person reminder log), and tells whoever shows them:
 * Electron main in-process (`onDue`), the windows over their event stream (a
 * "reminders-due" event, and the list again to every window that connects later — so a
 * reminder due while no page was open shows when one opens). Whoever shows one claims it
 * first (`claim`, or the claim API from a window): the log says "first" exactly once per
 * person and reminder, so a reminder is shown once however many are listening.
 */
import type { NodeEvent } from "../../../shared/api";
import type { ProfileSettings } from "../../../shared/account/schema";
import { dueReminders, nextReminderAt, type DueReminder, type ReminderPerson } from "../../../shared/queries/reminders";
import type { AccountSummary } from "../../../shared/queries/summary";
import type { ReminderLog } from "../device/reminder-log";

/** Longest sleep between two looks: a laptop that slept, or a clock that moved, is caught within it. */
export const MAX_SLEEP_MS = 60_000;

/** What the schedule reads and where it tells. */
export interface ReminderScheduleParts {
  library: { list(): AccountSummary[]; on(event: "changed", listener: (documentId: string) => void): unknown; off(event: "changed", listener: (documentId: string) => void): unknown };
  profile: () => ProfileSettings | null;
  /** Told of each reminder the first time it is claimed. */
  onFirst?: (person: ProfileSettings, key: string) => void;
  /** The zone a due day starts in (the laptop's, by default). */
  timeZone?: () => string;
  log: ReminderLog;
  events: { send(event: NodeEvent): void; onAttach?(extra: () => NodeEvent[]): void };
  now?: () => Date;
}

export type DueListener = (reminders: DueReminder[]) => void;

export class ReminderSchedule {
  readonly #parts: ReminderScheduleParts;
  readonly #listeners = new Set<DueListener>();
  /** Keys already announced, so a summary that changes does not announce them again. */
  readonly #announced = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  readonly #onChanged = () => this.#wake(50);

  constructor(parts: ReminderScheduleParts) {
    this.#parts = parts;
    parts.events.onAttach?.(() => {
      const due = this.due();
      return due.length ? [{ type: "reminders-due", reminders: due }] : [];
    });
  }

  /** Start looking (after the library and the log are loaded). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#parts.library.on("changed", this.#onChanged);
    this.#wake(0);
  }

  stop(): void {
    this.#running = false;
    this.#parts.library.off("changed", this.#onChanged);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Be told of reminders as they fall due (Electron main shows them); returns a function to stop. */
  onDue(listener: DueListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The reminders due now for this device's person that nobody has shown yet, oldest first. */
  due(): DueReminder[] {
    const person = this.#person();
    if (!person) return [];
    return dueReminders(this.#parts.library.list(), this.#now().toISOString(), new Set(this.#parts.log.fired(person.id)), person);
  }

  /** The next time one of this person's reminders falls due (ISO), or null when none is. */
  nextAt(): string | null {
    const person = this.#person();
    return person ? nextReminderAt(this.#parts.library.list(), this.#now().toISOString(), person) : null;
  }

  /** Whose reminders: the person at this keyboard, by the id they carry to each of their laptops. */
  #person(): ReminderPerson | null {
    const p = this.#parts.profile();
    if (!p) return null;
    return { id: p.id, leadMinutes: p.reminderLeadMinutes, timeZone: this.#parts.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone };
  }

  /** Claim a reminder before showing it: true for the first claim of this person only. */
  async claim(key: string): Promise<boolean> {
    const person = this.#parts.profile();
    if (!person) return false;
    const first = await this.#parts.log.claim(person.id, key, this.#now());
    if (first) this.#parts.onFirst?.(person, key);
    return first;
  }

  /** Look now: announce what fell due since the last look. Returns what was announced. */
  check(): DueReminder[] {
    const fresh = this.due().filter((r) => !this.#announced.has(r.key));
    for (const r of fresh) this.#announced.add(r.key);
    if (fresh.length) {
      this.#parts.events.send({ type: "reminders-due", reminders: fresh });
      for (const l of this.#listeners) l(fresh);
    }
    return fresh;
  }

  #now(): Date {
    return this.#parts.now?.() ?? new Date();
  }

  #wake(afterMs: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#running) return;
      this.check();
      const next = this.nextAt();
      const wait = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, Date.parse(next) - this.#now().getTime()) + 5);
      this.#wake(wait);
    }, afterMs);
    this.#timer.unref();
  }
}
