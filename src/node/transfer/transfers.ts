/**
 * Getting accounts out and back in as files: the export of one or every account (an
 * account file with history, or a CSV of accounts, commitments or follow-ups), with
 * progress and a cancel; and the import of an account file, merged into the same account
 * when this device has it (the histories join) or added when not.
 */
import * as A from "@automerge/automerge";
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { CheckedInput } from "../../../shared/api";
import { checkAccount } from "../../../shared/account/check";
import type { AccountDoc, Profile } from "../../../shared/account/schema";
import { SCHEMA_VERSION } from "../../../shared/account/values";
import { csvFile, csvRows, type CsvExport, type ExportedAccount } from "../../../shared/export/csv";
import type { AccountFileResult, DownloadFile, JobProgress } from "../../../shared/import/transfer-api";
import { summarize } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import type { Library } from "../library/library";
import { accountFileParts, readAccountFile, writeAccountFile } from "./account-file";
import { Job } from "./job";

export interface TransfersOptions {
  repo: Repo;
  library: Library;
  profile: () => Profile;
}

const BUSY = "An export is running; wait for it or cancel it first.";

export class Transfers {
  readonly #o: TransfersOptions;
  readonly #job = new Job("export", BUSY);
  #file: DownloadFile | null = null;

  constructor(options: TransfersOptions) {
    this.#o = options;
  }

  startExport({ what, documentIds }: CheckedInput<"startExport">): JobProgress {
    const { library } = this.#o;
    const ids = documentIds ?? library.ids();
    for (const id of ids) if (!library.has(id)) throw new ApiFailure(404, "That account is not on this device.");
    if (ids.length === 0) throw new ApiFailure(422, "There is no account to export yet.");
    if (this.#job.running) throw new ApiFailure(409, BUSY);
    this.#file = null;
    const day = new Date().toISOString().slice(0, 10);
    const one = ids.length === 1 ? library.get(ids[0] ?? "")?.name : undefined;
    const base = one ? `baton-${fileSafe(one)}` : "baton";
    return this.#job.start(ids.length, async (control) => {
      const missing: string[] = [];
      const loaded: { documentId: string; doc: A.Doc<AccountDoc> }[] = [];
      for (const id of ids) {
        const doc = await this.#load(id);
        if (doc) loaded.push({ documentId: id, doc });
        else missing.push(library.get(id)?.name ?? id);
        await control.step();
      }
      control.finishing();
      if (what === "account-file") {
        const parts = loaded.map(({ documentId, doc }) => ({ documentId, ...accountFileParts(documentId, doc) }));
        this.#file = { name: `${base}-${one ? "account" : "accounts"}-${day}.zip`, type: "application/zip", bytes: writeAccountFile(parts) };
      } else {
        const accounts: ExportedAccount[] = loaded.map(({ documentId, doc }) => ({ documentId, account: checkAccount(doc).account }));
        const { header, rows } = csvRows(what as CsvExport, accounts);
        this.#file = { name: `${base}-${what}-${day}.csv`, type: "text/csv; charset=utf-8", bytes: new TextEncoder().encode(csvFile(header, rows)) };
      }
      const said = `${String(loaded.length)} ${loaded.length === 1 ? "account" : "accounts"} exported.`;
      return missing.length ? `${said} Left out (damaged or not on this device's disk): ${missing.join(", ")}.` : said;
    });
  }

  exportProgress(): JobProgress {
    return this.#job.progress();
  }

  cancelExport(): void {
    this.#job.cancel();
  }

  exportFile(): DownloadFile {
    if (!this.#file) throw new ApiFailure(409, "There is no finished export to save.");
    return this.#file;
  }

  /** Bring in an account file: every account or none. */
  async importAccountFile(bytes: Uint8Array): Promise<AccountFileResult> {
    this.#o.profile();
    const { repo, library } = this.#o;
    const accounts = readAccountFile(bytes);
    if (accounts.length === 0) throw new ApiFailure(422, "That account file holds no account.");
    // Find every account this device has before changing any, so a failure changes nothing.
    const existing = new Map<string, DocHandle<AccountDoc>>();
    for (const a of accounts) {
      if (library.has(a.documentId)) {
        const handle = await repo.find<AccountDoc>(a.documentId as DocumentId, { signal: AbortSignal.timeout(15_000) }).catch(() => null);
        if (!handle) throw new ApiFailure(409, `“${a.name}” is on this device but could not be opened (it may be damaged), so it cannot be merged. Nothing was imported.`);
        existing.set(a.documentId, handle);
      }
    }
    const result: AccountFileResult["accounts"] = [];
    for (const a of accounts) {
      let handle = existing.get(a.documentId);
      const merged = handle !== undefined;
      if (handle) handle.update((d) => A.merge(d, a.doc));
      else {
        const known = repo.handles[a.documentId as DocumentId] as DocHandle<AccountDoc> | undefined;
        if (known) {
          known.update((d) => A.merge(d, a.doc));
          if (!known.isReady()) known.doneLoading();
          handle = known;
        } else {
          handle = repo.import<AccountDoc>(a.binary, { docId: a.documentId as DocumentId });
          handle.doneLoading();
        }
      }
      library.upsert(summarize(handle.documentId, handle.doc()));
      result.push({ documentId: a.documentId, name: a.name, outcome: a.schemaVersion > SCHEMA_VERSION ? "read-only" : merged ? "merged" : "added" });
    }
    await repo.flush(accounts.map((a) => a.documentId as DocumentId));
    await library.flush();
    const added = result.filter((r) => r.outcome === "added").length;
    const merged = result.filter((r) => r.outcome === "merged").length;
    const readOnly = result.filter((r) => r.outcome === "read-only");
    const parts = [];
    if (added) parts.push(`${String(added)} added`);
    if (merged) parts.push(`${String(merged)} merged with ${merged === 1 ? "its copy" : "their copies"} on this device (the histories joined)`);
    let message = `${String(result.length)} ${result.length === 1 ? "account" : "accounts"} imported${parts.length ? `: ${parts.join(", ")}` : ""}.`;
    if (readOnly.length) message += ` ${readOnly.map((r) => `“${r.name}”`).join(", ")} ${readOnly.length === 1 ? "was" : "were"} made by a newer Baton and ${readOnly.length === 1 ? "opens" : "open"} read-only here; update Baton to edit ${readOnly.length === 1 ? "it" : "them"}.`;
    return { accounts: result, message };
  }

  /**
   * An account as this device has it: from memory when it is open (the freshest), else
   * straight from storage, without making it a live document of the Repo (an export of a
   * thousand accounts would otherwise load, watch and keep every one of them).
   */
  async #load(id: string): Promise<A.Doc<AccountDoc> | null> {
    const { repo } = this.#o;
    const open = repo.handles[id as DocumentId] as DocHandle<AccountDoc> | undefined;
    try {
      if (open?.isReady()) return open.doc();
      const stored = await repo.storageSubsystem?.loadDoc<AccountDoc>(id as DocumentId);
      if (stored) return stored;
      const handle = await repo.find<AccountDoc>(id as DocumentId, { signal: AbortSignal.timeout(5_000) });
      return handle.doc();
    } catch {
      return null;
    }
  }
}

/** A name as part of a file name: letters, digits and dashes. */
function fileSafe(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .toLowerCase() || "account"
  );
}
