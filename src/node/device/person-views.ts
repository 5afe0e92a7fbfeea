/**
 * What each person on this laptop last saw, and how they like their lists: per account,
 * the heads of the document when they last had it open ("since you last looked" compares
 * the account now with those heads), and the number of days without contact after which
 * Today flags a deal ("stay close"). Stored in `<data>/views.json`, per person id.
 *
 * Laptop-local on purpose: what this person saw on this laptop is not what they saw on
 * another, and it must not travel in the shared account (the other side would see it).
 * A damaged file is set aside: the next opening of each account then shows no catch-up
 * (rather than a wrong one), and the threshold falls back to its default.
 */
import { join } from "node:path";
import { z } from "zod";
import type { CheckedInput, LastSeen, ViewSettings } from "../../../shared/api";
import type { Profile } from "../../../shared/account/schema";
import { STAY_CLOSE_DEFAULT_DAYS } from "../../../shared/queries/pipeline";
import { FileWrites, readJsonFile, writeJsonFile } from "./json-file";

const seenSchema = z.object({ heads: z.array(z.string().max(128)).max(64), at: z.string() });
const personSchema = z.object({
  stayCloseDays: z.number().int().min(1).max(365).default(STAY_CLOSE_DEFAULT_DAYS),
  seen: z.record(z.string(), seenSchema).default({}),
});
const fileSchema = z.object({ version: z.literal(1), people: z.record(z.string(), personSchema) });
type PersonState = z.infer<typeof personSchema>;

export class PersonViews {
  readonly #file: string;
  readonly #profile: () => Profile;
  #people: Record<string, PersonState> = {};
  #writes = new FileWrites(() => writeJsonFile(this.#file, { version: 1, people: this.#people }));
  problem: string | null = null;

  /** @param profile the person at this keyboard; refuses when there is no profile yet */
  constructor(dataDir: string, profile: () => Profile) {
    this.#file = join(dataDir, "views.json");
    this.#profile = profile;
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => fileSchema.parse(raw));
    if (r.state === "ok") this.#people = r.value.people;
    if (r.state === "damaged") this.problem = `What you last saw of each account was unreadable (kept at ${r.keptAt}); catch-up starts afresh.`;
  }

  #person(): PersonState {
    return (this.#people[this.#profile().id] ??= { stayCloseDays: STAY_CLOSE_DEFAULT_DAYS, seen: {} });
  }

  viewSettings(): ViewSettings {
    return { stayCloseDays: this.#people[this.#profile().id]?.stayCloseDays ?? STAY_CLOSE_DEFAULT_DAYS };
  }

  async saveViewSettings({ stayCloseDays }: CheckedInput<"saveViewSettings">): Promise<ViewSettings> {
    this.#person().stayCloseDays = stayCloseDays;
    await this.#writes.now();
    return this.viewSettings();
  }

  lastSeen({ documentId }: CheckedInput<"lastSeen">): LastSeen {
    return this.#people[this.#profile().id]?.seen[documentId] ?? null;
  }

  async markSeen({ documentId, heads }: CheckedInput<"markSeen">): Promise<void> {
    this.#person().seen[documentId] = { heads, at: new Date().toISOString() };
    await this.#writes.now();
  }

  flush(): Promise<void> {
    return this.#writes.flush();
  }

}
