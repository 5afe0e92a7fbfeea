/**
 * What this install knows about its person and its links: the local profile and the
 * team sync server settings. Stored in `<data>/device.json`.
 */
import { join } from "node:path";
import { z } from "zod";
import type { Profile } from "../../../shared/account/schema";
import { ROLES } from "../../../shared/account/schema";
import { readJsonFile, writeJsonFile } from "./json-file";

const deviceFileSchema = z.object({
  profile: z.object({ id: z.string().min(1), name: z.string().min(1), role: z.enum(ROLES) }).nullable(),
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

  get profile(): Profile | null {
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

  async setProfile(input: { name: string; role: Profile["role"] }): Promise<Profile> {
    const profile: Profile = { id: this.#state.profile?.id ?? globalThis.crypto.randomUUID(), ...input };
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
