/**
 * What this install knows about its person and its links: the local profile and the
 * team sync server settings. Stored in `<data>/device.json`.
 */
import { join } from "node:path";
import { z } from "zod";
import type { Profile, ProfileSettings } from "../../../shared/account/schema";
import { ROLES } from "../../../shared/account/schema";
import { REMINDER_LEAD_DEFAULT_MINUTES, REMINDER_LEAD_MAX_MINUTES } from "../../../shared/validation/profile";
import { readJsonFile, writeJsonFile } from "./json-file";

const deviceFileSchema = z.object({
  profile: z
    .object({
      id: z.string().min(1),
      name: z.string().min(1),
      role: z.enum(ROLES),
      // Absent in profiles saved before they were asked for.
      phone: z.string().nullable().default(null),
      email: z.string().nullable().default(null),
      reminderLeadMinutes: z.number().int().min(0).max(REMINDER_LEAD_MAX_MINUTES).default(REMINDER_LEAD_DEFAULT_MINUTES),
    })
    .nullable(),
  server: z.object({ url: z.string().min(1), token: z.string().min(1) }).nullable(),
  /** Accounts this person archived on this device: hidden from lists and Today, nothing changed in the account. */
  archived: z.array(z.string()).max(100_000).default([]),
});

export type DeviceFile = z.infer<typeof deviceFileSchema>;

export class DeviceSettings {
  #file: string;
  #state: DeviceFile = { profile: null, server: null, archived: [] };
  /** Set when the file on disk could not be read at start (kept aside). */
  problem: string | null = null;

  constructor(dataDir: string) {
    this.#file = join(dataDir, "device.json");
  }

  async load(): Promise<void> {
    const r = await readJsonFile(this.#file, (raw) => deviceFileSchema.parse(raw));
    if (r.state === "ok") this.#state = r.value;
    if (r.state === "damaged") this.problem = `Settings file was unreadable and was kept at ${r.keptAt}: ${r.reason}`;
  }

  get profile(): ProfileSettings | null {
    return this.#state.profile;
  }

  get server(): { url: string; token: string } | null {
    return this.#state.server;
  }

  /** Accounts archived on this device. */
  get archived(): readonly string[] {
    return this.#state.archived;
  }

  /** Archive (or bring back) an account on this device. */
  async setArchived(documentId: string, archived: boolean): Promise<void> {
    const others = this.#state.archived.filter((id) => id !== documentId);
    if (others.length === this.#state.archived.length && !archived) return;
    await this.#save({ ...this.#state, archived: archived ? [...others, documentId] : others });
  }

  /** Save the profile; `personId` (when given) is the id the person carries from another laptop. */
  async setProfile(input: Omit<Profile, "id"> & Partial<Omit<ProfileSettings, "id">> & { personId?: string }): Promise<ProfileSettings> {
    const before = this.#state.profile;
    const profile: ProfileSettings = {
      id: input.personId || before?.id || globalThis.crypto.randomUUID(),
      name: input.name,
      role: input.role,
      phone: input.phone !== undefined ? input.phone : (before?.phone ?? null),
      email: input.email !== undefined ? input.email : (before?.email ?? null),
      reminderLeadMinutes: input.reminderLeadMinutes ?? before?.reminderLeadMinutes ?? REMINDER_LEAD_DEFAULT_MINUTES,
    };
    await this.#save({ ...this.#state, profile });
    return profile;
  }

  async setServer(server: { url: string; token: string } | null): Promise<void> {
    await this.#save({ ...this.#state, server });
  }

  async #save(next: DeviceFile): Promise<void> {
    await writeJsonFile(this.#file, next);
    this.#state = next;
  }
}
