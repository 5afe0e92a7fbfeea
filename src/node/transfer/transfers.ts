/**
 * Getting accounts out and back in as files: the export of one or every account (an
 * account file with history, or a CSV of accounts, commitments or follow-ups), with
 * progress and a cancel; and the import of an account file, merged into the same account
 * when this device has it (the histories join) or added when not, with progress and a
 * cancel between accounts.
 */
import * as A from "@automerge/automerge";
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { CheckedInput } from "../../../shared/api";
import { checkAccount } from "../../../shared/account/check";
import type { AccountDoc, Profile } from "../../../shared/account/schema";
import { SCHEMA_VERSION } from "../../../shared/account/values";
import { csvFile, csvRows, type CsvExport, type ExportedAccount } from "../../../shared/export/csv";
import type { DownloadFile } from "../../../shared/import/transfer-api";
import type { JobAccount, JobProgress } from "../../../shared/jobs";
import type { AccountSummary } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import type { Library } from "../library/library";
import { accountsCount, type JobControl, type JobEnd, type Jobs } from "../api/jobs";
import { accountFileParts, loadAccountEntry, openAccountFile, writeAccountFile, type AccountFileEntry, type AccountFromFile } from "./account-file";
import { storeNewAccounts } from "./new-accounts";

export interface TransfersOptions {
  repo: Repo;
  library: Library;
  jobs: Jobs;
  profile: () => Profile;
  /** Summarise an account into the library and the search index. */
  summarise: (documentId: string, doc: AccountDoc) => AccountSummary;
  /** New accounts were written to disk without being opened (the team server link opens them for sync). */
  added: (documentIds: string[]) => void;
}

const EXPORT_BUSY = "An export is running; wait for it or cancel it first.";
/** Accounts read from disk at once by an export. */
const READ_AT_ONCE = 8;
export const IMPORT_BUSY = "An import is running; wait for it or cancel it first.";

export class Transfers {
  readonly #o: TransfersOptions;
  #file: DownloadFile | null = null;

  constructor(options: TransfersOptions) {
    this.#o = options;
  }

  startExport({ what, documentIds }: CheckedInput<"startExport">): JobProgress {
    const { library, jobs } = this.#o;
    const ids = documentIds ?? library.ids();
    for (const id of ids) if (!library.has(id)) throw new ApiFailure(404, "That account is not on this device.");
    if (ids.length === 0) throw new ApiFailure(422, "There is no account to export yet.");
    jobs.refuseWhileRunning("export", EXPORT_BUSY);
    this.#file = null;
    const day = new Date().toISOString().slice(0, 10);
    const one = ids.length === 1 ? library.get(ids[0] ?? "")?.name : undefined;
    const base = one ? `baton-${fileSafe(one)}` : "baton";
    return jobs.start("export", async (job) => {
      job.total(ids.length);
      const missing: string[] = [];
      // Each account is made into what the file needs as soon as it is read, and a document
      // read from disk is freed right then: a thousand loaded at once would grow Automerge's
      // heap until every further allocation in it crawls (an export took 15 s instead of 2).
      const parts: Parameters<typeof writeAccountFile>[0] = [];
      const accounts: ExportedAccount[] = [];
      let exported = 0;
      // A few read at once: reading a document's chunks is mostly waiting for the disk.
      for (let at = 0; at < ids.length; at += READ_AT_ONCE) {
        if (job.signal.aborted) return "Export cancelled: no file was made.";
        const batch = ids.slice(at, at + READ_AT_ONCE);
        const read = await Promise.all(batch.map((id) => this.#load(id)));
        batch.forEach((documentId, i) => {
          const one = read[i];
          if (!one) missing.push(library.get(documentId)?.name ?? documentId);
          else {
            if (what === "account-file") parts.push({ documentId, ...accountFileParts(documentId, one.doc, one.binary) });
            // The checked account is plain data already read out of the document: it outlives the free.
            else accounts.push({ documentId, account: checkAccount(one.doc).account });
            if (one.fromDisk) A.free(one.doc);
            exported++;
          }
          job.step();
        });
        await job.breathe();
      }
      if (job.signal.aborted) return "Export cancelled: no file was made.";
      job.finishing();
      if (what === "account-file") {
        this.#file = { name: `${base}-${one ? "account" : "accounts"}-${day}.zip`, type: "application/zip", bytes: writeAccountFile(parts) };
      } else {
        const { header, rows } = csvRows(what as CsvExport, accounts);
        this.#file = { name: `${base}-${what}-${day}.csv`, type: "text/csv; charset=utf-8", bytes: new TextEncoder().encode(csvFile(header, rows)) };
      }
      const said = `${accountsCount(exported)} exported.`;
      return missing.length ? `${said} Left out (damaged or not on this device's disk): ${missing.join(", ")}.` : said;
    }).progress;
  }

  exportFile(): DownloadFile {
    if (!this.#file) throw new ApiFailure(409, "There is no finished export to save.");
    return this.#file;
  }

  /**
   * Bring in an account file, as a job: the file is checked whole first (a damaged one is
   * refused and nothing changes: its parts against the manifest at once, then each account
   * loaded, with progress), then each account is merged or added in one step; a cancel
   * stops between accounts, and the ones already in stay, whole, and are listed.
   */
  importAccountFile(bytes: Uint8Array): JobProgress {
    this.#o.profile();
    const { jobs } = this.#o;
    jobs.refuseWhileRunning("import", IMPORT_BUSY);
    const entries = openAccountFile(bytes);
    if (entries.length === 0) throw new ApiFailure(422, "That account file holds no account.");
    return jobs.start("import", (job) => this.#importAccounts(entries, job)).progress;
  }

  async #importAccounts(entries: AccountFileEntry[], job: JobControl): Promise<JobEnd> {
    const { repo, library } = this.#o;
    // Load and check every account first (seconds for thousands): a bad one refuses the file
    // and a cancel here changes nothing.
    job.total(entries.length);
    const accounts: AccountFromFile[] = [];
    try {
      for (const entry of entries) {
        if (job.signal.aborted) return "Import cancelled: nothing was changed.";
        accounts.push(loadAccountEntry(entry));
        job.step();
        await job.breathe();
      }
      // Open every account this device has before changing any, so one that cannot be opened changes nothing.
      const existing = new Map<string, DocHandle<AccountDoc>>();
      for (const a of accounts) {
        if (!library.has(a.documentId)) continue;
        const handle = await repo.find<AccountDoc>(a.documentId as DocumentId, { signal: AbortSignal.any([job.signal, AbortSignal.timeout(15_000)]) }).catch(() => null);
        if (job.signal.aborted) return "Import cancelled: nothing was changed.";
        if (!handle) throw new Error(`“${a.name}” is on this device but could not be opened (it may be damaged), so it cannot be merged. Nothing was imported.`);
        existing.set(a.documentId, handle);
      }
      job.writing(accounts.length);
      const result: JobAccount[] = [];
      const outcome = (a: AccountFromFile, merged: boolean): JobAccount => ({ documentId: a.documentId, name: a.name, outcome: a.schemaVersion > SCHEMA_VERSION ? "read-only" : merged ? "merged" : "added" });
      // Accounts open in this node (this device's, or one a window is waiting for) are merged
      // through their handle; the others are written straight to disk.
      const isOpen = (a: AccountFromFile) => existing.has(a.documentId) || repo.handles[a.documentId as DocumentId] !== undefined;
      const open = accounts.filter(isOpen);
      const fresh = accounts.filter((a) => !isOpen(a));
      try {
        for (const a of open) {
          if (job.signal.aborted) break;
          // One account is one in-memory change: it is in whole or not at all.
          const handle = this.#mergeInto(a, existing.get(a.documentId));
          this.#o.summarise(handle.documentId, handle.doc());
          result.push(outcome(a, existing.has(a.documentId)));
          job.step();
          await job.breathe();
        }
        await storeNewAccounts(
          repo,
          fresh,
          job.signal,
          (a) => ({ documentId: a.documentId as DocumentId, doc: a.doc }),
          async (a, documentId, doc) => {
            this.#o.summarise(documentId, doc);
            result.push(outcome(a, false));
            job.step();
            await job.breathe();
          },
        );
      } finally {
        // Everything brought in is on disk before the job says it ended.
        await repo.flush(open.map((a) => a.documentId as DocumentId));
        await library.flush();
        this.#o.added(result.filter((r) => r.outcome !== "merged").map((r) => r.documentId));
      }
      // Listed in the file's order (accounts written at once finish in any order).
      const order = new Map(accounts.map((a, i) => [a.documentId, i]));
      result.sort((x, y) => (order.get(x.documentId) ?? 0) - (order.get(y.documentId) ?? 0));
      return { message: importedWords(result, accounts.length, job.signal.aborted), accounts: result };
    } finally {
      // Loaded apart from the Repo, each is on disk or merged now (or was never needed): freed at
      // once rather than when the garbage collector gets round to thousands of them.
      for (const a of accounts) A.free(a.doc);
    }
  }

  /** Merge an account from a file into the copy open in this node. */
  #mergeInto(a: AccountFromFile, handle: DocHandle<AccountDoc> | undefined): DocHandle<AccountDoc> {
    const open = handle ?? (this.#o.repo.handles[a.documentId as DocumentId] as DocHandle<AccountDoc>);
    open.update((d) => A.merge(d, a.doc));
    if (!open.isReady()) open.doneLoading();
    return open;
  }

  /**
   * An account as this device has it: from memory when it is open (the freshest), else
   * straight from storage, without making it a live document of the Repo (an export of a
   * thousand accounts would otherwise load, watch and keep every one of them). From storage
   * it comes with its stored chunks, which are its saved history as they are: the file
   * takes them without saving the document again, and `A.load` materialises it in one go
   * (the Repo's incremental load builds it patch by patch, twice as slow).
   */
  async #load(id: string): Promise<{ doc: A.Doc<AccountDoc>; binary?: Uint8Array; fromDisk: boolean } | null> {
    const { repo } = this.#o;
    const open = repo.handles[id as DocumentId] as DocHandle<AccountDoc> | undefined;
    try {
      if (open?.isReady()) return { doc: open.doc(), fromDisk: false };
      const binary = await repo.storageSubsystem?.loadDocData(id as DocumentId);
      if (binary) {
        try {
          return { doc: A.load<AccountDoc>(binary), binary, fromDisk: true };
        } catch {
          // Chunks A.load refuses whole (a change whose dependency is missing) still load change by change.
          return { doc: A.loadIncremental(A.init<AccountDoc>(), binary), fromDisk: true };
        }
      }
      const handle = await repo.find<AccountDoc>(id as DocumentId, { signal: AbortSignal.timeout(5_000) });
      return { doc: handle.doc(), fromDisk: false };
    } catch {
      return null;
    }
  }
}

/** What an account file's import did, in words: counts, read-only accounts, and where a cancel stopped it. */
function importedWords(result: JobAccount[], inFile: number, cancelled: boolean): string {
  const added = result.filter((r) => r.outcome === "added").length;
  const merged = result.filter((r) => r.outcome === "merged").length;
  const readOnly = result.filter((r) => r.outcome === "read-only");
  const parts = [];
  if (added) parts.push(`${String(added)} added`);
  if (merged) parts.push(`${String(merged)} merged with ${merged === 1 ? "its copy" : "their copies"} on this device (the histories joined)`);
  let message = cancelled
    ? `Import cancelled after ${accountsCount(result.length)} of ${inFile.toLocaleString("en")}: ${parts.length ? parts.join(", ") : "none brought in"}, each whole. The other ${(inFile - result.length).toLocaleString("en")} were not touched; import the same file again to bring them in (the ones already in merge with themselves and do not change).`
    : `${accountsCount(result.length)} imported${parts.length ? `: ${parts.join(", ")}` : ""}.`;
  if (readOnly.length) message += ` ${readOnly.map((r) => `“${r.name}”`).join(", ")} ${readOnly.length === 1 ? "was" : "were"} made by a newer Baton and ${readOnly.length === 1 ? "opens" : "open"} read-only here; update Baton to edit ${readOnly.length === 1 ? "it" : "them"}.`;
  return message;
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
