/**
 * Which reminders have fired, per person, on this device (`<data>/reminders.json`), and
 * the number each person gives on voicemails. Device-local on purpose: a reminder fires
 * once per person, and the other person's laptop holding the same account must not read
 * "reminded" as its own (shared/queries/reminders.ts explains the keys).
 *
 * A claim is atomic within the node, so two windows (or a window and a restart) asking
 * for the same reminder get one "first" between them; it is on disk before the answer.
 */
import { join } from "node:path";
import { z } from "zod";
import { REMINDER_MAX_AGE_MS } from "../../../shared/queries/reminders";
import { FileWrites, readJsonFile, writeJsonFile } from "./json-file";

const personSchema = z.object({
  /** Reminder key → when it fired (ISO). */
  fired: z.record(z.string(), z.string()),
  callbackNumber: z.string().max(80).default(""),
});
const fileSchema = z.object({ version: z.literal(1), people: z.record(z.string(), personSchema) });
type PersonState = z.infer<typeof personSchema>;

/** Keys are `<document>/<call>@<agreed ISO time>`; the agreed time decides when a record is old enough to forget. */
function agreedTimeOf(key: string): number {
  return Date.parse(key.slice(key.lastIndexOf("@") + 1));
}

/** How long a fired reminder is remembered after its agreed time: past this it is never due again anyway. */
const KEEP_MS = REMINDER_MAX_AGE_MS + 24 * 60 * 60 * 1000;

export class ReminderLog {
  #file: string;
  #people: Record<string, PersonState> = {};
  #writes = new FileWrites(() => writeJsonFile(this.#file, { version: 1, people: this.#people }));
  /** Set when reminders.json could not be read at start (kept aside; reminders may show once more). */
  problem: string | null = null;

  constructor(dataDir: string) {
    this.#file = join(dataDir, "reminders.json");
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => fileSchema.parse(raw));
    if (r.state === "ok") this.#people = r.value.people;
    if (r.state === "damaged") this.problem = `The reminder log was unreadable and was kept at ${r.keptAt}; some reminders may show once more.`;
  }

  /** Keys of the reminders that fired for `personId`. */
  fired(personId: string): string[] {
    return Object.keys(this.#people[personId]?.fired ?? {});
  }

  /** The number `personId` gives on voicemails ("" until set). */
  callbackNumber(personId: string): string {
    return this.#people[personId]?.callbackNumber ?? "";
  }

  /**
   * Record that the reminder `key` fired for `personId`, at `now`. True for the first
   * claim only: the caller shows the reminder then, and never again. A reminder weeks
   * past its agreed time is never shown (it is simply overdue on Today).
   */
  async claim(personId: string, key: string, now: Date = new Date()): Promise<boolean> {
    if (agreedTimeOf(key) < now.getTime() - REMINDER_MAX_AGE_MS) return false;
    const person = (this.#people[personId] ??= { fired: {}, callbackNumber: "" });
    if (key in person.fired) return false;
    person.fired[key] = now.toISOString();
    this.#forgetOld(now);
    await this.#writes.now();
    return true;
  }

  async setCallbackNumber(personId: string, value: string): Promise<void> {
    const person = (this.#people[personId] ??= { fired: {}, callbackNumber: "" });
    person.callbackNumber = value;
    await this.#writes.now();
  }

  /** Wait for writes in flight. */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  #forgetOld(now: Date): void {
    const cutoff = now.getTime() - KEEP_MS;
    for (const person of Object.values(this.#people)) {
      for (const key of Object.keys(person.fired)) {
        const at = agreedTimeOf(key);
        if (Number.isFinite(at) && at < cutoff) delete person.fired[key];
      }
    }
  }

}
