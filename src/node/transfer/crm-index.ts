/**
 * Which account each CRM record became on this device, so importing the same file again
 * updates those accounts instead of adding them twice. The account document has no field
 * for a CRM's id (and its schema is not changed for one), so the index lives beside the
 * library in `<data>/crm-index.json`: `hubspot|id:1234` or `name:acme gmbh` → document id.
 * Contacts need no entry: an imported contact's id is derived from its CRM key
 * (`importedContactId`), so the account itself finds it again.
 */
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonFile } from "../device/json-file";

const fileSchema = z.object({ version: z.literal(1), companies: z.record(z.string(), z.string()) });

export class CrmIndex {
  readonly #file: string;
  #companies = new Map<string, string>();
  #loaded = false;

  constructor(dataDir: string) {
    this.#file = join(dataDir, "crm-index.json");
  }

  /** Read the index (once); a damaged file is set aside and the index starts empty (imports then match by name). */
  async load(): Promise<void> {
    if (this.#loaded) return;
    const r = await readJsonFile(this.#file, (raw) => fileSchema.parse(raw));
    if (r.state === "ok") this.#companies = new Map(Object.entries(r.value.companies));
    this.#loaded = true;
  }

  /** The account a company became: by the CRM's id first, then by name. */
  find(keys: readonly string[], exists: (documentId: string) => boolean): string | null {
    for (const key of keys) {
      const id = this.#companies.get(key);
      if (id !== undefined && exists(id)) return id;
    }
    return null;
  }

  set(keys: readonly string[], documentId: string): void {
    for (const key of keys) this.#companies.set(key, documentId);
  }

  async save(): Promise<void> {
    await writeJsonFile(this.#file, { version: 1, companies: Object.fromEntries(this.#companies) });
  }
}
