/**
 * Importing a CRM's CSV export: the node reads the file, maps its columns from the headers,
 * checks every row with the domain's rules and previews what would happen; the window only
 * shows the preview and the person's choices. The import builds every account apart from
 * the Repo first (a cancel there changes nothing), then puts them in one account at a time
 * (a cancel there stops between two accounts: those in are whole and listed, the rest
 * untouched, and importing the file again finishes it, matched by the CRM's record id), and
 * writes them to disk in one flush before it says done. Accounts are made only with the
 * domain's commands.
 */
import { randomBytes } from "node:crypto";
import * as A from "@automerge/automerge";
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { AccountDoc, Profile } from "../../../shared/account/schema";
import { changeMessage } from "../../../shared/attribution";
import { createAccount } from "../../../shared/commands/account";
import { ReadOnlyDocumentError } from "../../../shared/commands/errors";
import { applyCompany, applyDealStage } from "../../../shared/import/apply-company";
import { autoMap, detectSource, type ColumnMapping } from "../../../shared/import/crm-columns";
import { checkRow, groupRows, mappingProblem, rowValues, type CheckedRow, type CompanyPlan, type RowProblem, type RowValues } from "../../../shared/import/crm-rows";
import { stageTable, type ImportStage } from "../../../shared/import/deal-stages";
import { PREVIEW_PROBLEM_ROWS, PREVIEW_SAMPLE_ROWS, type ImportPreview, type PreviewRow } from "../../../shared/import/transfer-api";
import type { JobAccount, JobProgress } from "../../../shared/jobs";
import type { CheckedInput } from "../../../shared/api";
import type { AccountSummary } from "../../../shared/queries/summary";
import { ApiFailure } from "../api/api-failure";
import type { JobControl, JobEnd, Jobs } from "../api/jobs";
import type { Library } from "../library/library";
import type { CrmIndex } from "./crm-index";
import { readCsv } from "./csv-text";
import { newDocumentId, storeNewAccounts } from "./new-accounts";
import { IMPORT_BUSY } from "./transfers";

export interface CsvImportOptions {
  repo: Repo;
  library: Library;
  index: CrmIndex;
  jobs: Jobs;
  profile: () => Profile;
  /** Summarise an account into the library and the search index. */
  summarise: (documentId: string, doc: AccountDoc) => AccountSummary;
  /** New accounts were written to disk without being opened (the team server link opens them for sync). */
  added: (documentIds: string[]) => void;
}

const SOURCE_NAMES = { hubspot: "HubSpot", salesforce: "Salesforce", csv: "a CSV file" } as const;

interface Session {
  fileName: string;
  encoding: string;
  headers: string[];
  cells: string[][];
  source: ImportPreview["source"];
  mapping: ColumnMapping;
  stages: Record<string, ImportStage>;
  locale: string;
  /** The person's fixes, by row index (0 = first data row). */
  fixes: Map<number, RowValues>;
  /** Each row as checked with the current mapping and fixes. */
  checked: { row: CheckedRow | null; problems: RowProblem[] }[];
}

export class CsvImport {
  readonly #o: CsvImportOptions;
  #session: Session | null = null;

  constructor(options: CsvImportOptions) {
    this.#o = options;
  }

  /** Read a file and preview it with the mapping its headers suggest. */
  async importCsv(bytes: Uint8Array): Promise<ImportPreview> {
    this.#o.profile();
    this.#o.jobs.refuseWhileRunning("import", IMPORT_BUSY);
    await this.#o.index.load();
    const table = readCsv(bytes);
    const mapping = autoMap(table.headers);
    const session: Session = {
      fileName: "",
      encoding: table.encoding,
      headers: table.headers,
      cells: table.rows,
      source: detectSource(table.headers),
      mapping,
      stages: {},
      locale: "en-US",
      fixes: new Map(),
      checked: [],
    };
    this.#check(session);
    this.#session = session;
    this.#o.jobs.forget("import");
    return this.#preview(session);
  }

  mapImportCsv(input: CheckedInput<"mapImportCsv">): ImportPreview {
    const s = this.#current();
    const columns = s.headers.length;
    for (const c of Object.values(input.mapping)) if (c !== null && c >= columns) throw new ApiFailure(400, "That column is not in the file.");
    s.mapping = input.mapping as ColumnMapping;
    s.stages = input.stages;
    s.locale = safeLocale(input.locale);
    this.#check(s);
    return this.#preview(s);
  }

  fixImportRow(input: CheckedInput<"fixImportRow">): ImportPreview {
    const s = this.#current();
    const index = input.line - 2;
    if (index < 0 || index >= s.cells.length) throw new ApiFailure(400, "That row is not in the file.");
    s.fixes.set(index, { ...s.fixes.get(index), ...input.values });
    s.checked[index] = checkRow(rowValues(s.cells[index] ?? [], s.mapping, s.fixes.get(index)), this.#reading(s));
    return this.#preview(s);
  }

  startImport(): JobProgress {
    const s = this.#current();
    const problem = mappingProblem(s.mapping);
    if (problem) throw new ApiFailure(422, problem);
    const by = this.#o.profile();
    const companies = groupRows(s.checked.flatMap((c) => (c.row ? [c.row] : [])));
    if (companies.length === 0) throw new ApiFailure(422, "No row is ready to import: fix the rows the preview flags, or check the mapping.");
    const skipped = s.checked.filter((c) => !c.row).length;
    return this.#o.jobs.start("import", async (job): Promise<JobEnd> => {
      const result = await this.#run(s, companies, by, job);
      if (result === null) return "Import cancelled: nothing was changed.";
      this.#session = null;
      const added = result.accounts.filter((a) => a.outcome === "added").length;
      const parts = [`${count(added, "account", "accounts")} added`, `${String(result.accounts.length - added)} updated`];
      if (skipped) parts.push(`${count(skipped, "row", "rows")} with problems left out`);
      if (result.readOnly) parts.push(`${String(result.readOnly)} left as they are (made by a newer Baton, read-only here)`);
      const said = `${parts.join(", ")}.`;
      const message = job.signal.aborted
        ? `Import cancelled after ${count(result.accounts.length, "account", "accounts")} of ${String(result.planned)}: ${said} Each of those is whole; the other ${String(result.planned - result.accounts.length)} were not touched. Import the same file again to finish: the accounts already in are found by their ${s.source === "csv" ? "record id or name" : `${SOURCE_NAMES[s.source]} record id`} and updated, not added twice.`
        : `Imported from ${SOURCE_NAMES[s.source]}: ${said}`;
      return { message, accounts: result.accounts };
    }).progress;
  }

  /** The import: null when cancelled while preparing (nothing changed), else what it put in (all, or up to a cancel). */
  async #run(s: Session, companies: CompanyPlan[], by: Profile, job: JobControl): Promise<{ accounts: JobAccount[]; planned: number; readOnly: number } | null> {
    const { repo, library, index } = this.#o;
    const at = new Date().toISOString();
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const from = SOURCE_NAMES[s.source];
    const message = changeMessage(by, `Imported from ${from}`, "account");
    const fresh: { company: CompanyPlan; doc: A.Doc<AccountDoc> }[] = [];
    const updates: { company: CompanyPlan; handle: DocHandle<AccountDoc>; doc: A.Doc<AccountDoc> }[] = [];
    let readOnly = 0;
    // Every new account starts as the same created, empty account (made once: creating every
    // part of an account is most of the cost of a new one), then gets its company's change.
    const time = Math.floor(Date.parse(at) / 1000);
    const created = A.change(A.init<AccountDoc>(), { message, time }, (d) => createAccount(d, { name: "", by, at }));
    const staged = new Map<string, A.Doc<AccountDoc>>();
    try {
      // Likewise its move to each stage of the file (a stage move reads the whole account: the costliest command here).
      const startOf = (deal: CompanyPlan["deal"]) => {
        if (!deal) return created;
        const key = `${deal.stage}\n${deal.stageValue}`;
        let start = staged.get(key);
        if (!start) staged.set(key, (start = A.change(A.clone(created), { message, time }, (d) => applyDealStage(d, deal, { from, by, at, timeZone }))));
        return start;
      };
      job.total(companies.length);
      // Build every account apart from the Repo: a cancel here leaves nothing behind.
      for (const company of companies) {
        if (job.signal.aborted) return null;
        const existing = index.find(this.#keys(s, company), (id) => library.has(id));
        const args = { company, from, by, at, timeZone };
        if (existing === null) {
          const own = A.clone(startOf(company.deal), { actor: randomBytes(16).toString("hex") });
          fresh.push({ company, doc: A.change(own, { message, time }, (d) => applyCompany(d, { ...args, create: false, moveStage: false })) });
        } else {
          const handle = await repo.find<AccountDoc>(existing as DocumentId);
          try {
            const doc = A.change(A.clone(handle.doc()), { message }, (d) => applyCompany(d, { ...args, create: false }));
            updates.push({ company, handle, doc });
          } catch (e) {
            if (!(e instanceof ReadOnlyDocumentError)) throw e;
            readOnly++;
          }
        }
        job.step();
        await job.breathe();
      }
      if (job.signal.aborted) return null;
      // Put them in, one whole account at a time; a cancel stops between two.
      job.writing(fresh.length + updates.length);
      const done: { company: CompanyPlan; account: JobAccount }[] = [];
      const put = (company: CompanyPlan, documentId: DocumentId, doc: A.Doc<AccountDoc>, outcome: JobAccount["outcome"]) => {
        index.set(this.#keys(s, company), documentId);
        const summary = this.#o.summarise(documentId, doc);
        done.push({ company, account: { documentId, name: summary.name, outcome } });
        job.step();
      };
      try {
        await storeNewAccounts(
          repo,
          fresh,
          job.signal,
          ({ doc }) => ({ documentId: newDocumentId(), doc }),
          async ({ company }, documentId, doc) => {
            put(company, documentId, doc, "added");
            await job.breathe();
          },
        );
        for (const { company, handle, doc } of updates) {
          if (job.signal.aborted) break;
          handle.update((d) => A.merge(d, doc));
          put(company, handle.documentId, handle.doc(), "updated");
          await job.breathe();
        }
      } finally {
        // Everything put in is on disk before the job says it ended.
        await repo.flush(updates.map((u) => u.handle.documentId));
        await library.flush();
        await index.save();
        this.#o.added(done.filter((d) => d.account.outcome === "added").map((d) => d.account.documentId));
      }
      // Listed in the file's order (accounts written at once finish in any order).
      const order = new Map(companies.map((c, i) => [c, i]));
      const listed = done.sort((x, y) => (order.get(x.company) ?? 0) - (order.get(y.company) ?? 0)).map((d) => d.account);
      return { accounts: listed, planned: fresh.length + updates.length, readOnly };
    } finally {
      // Built apart from the Repo, these are on disk or merged now: freed at once, not when the
      // garbage collector gets round to them, as a thousand of them slow every later Automerge
      // call in this process (docs/PERFORMANCE.md, scenario 9).
      for (const doc of [created, ...staged.values(), ...fresh.map((f) => f.doc), ...updates.map((u) => u.doc)]) A.free(doc);
    }
  }

  /** The keys a company is found by: the CRM's id (per CRM: ids of two CRMs may clash), then its name. */
  #keys(s: Session, company: CompanyPlan): string[] {
    return company.key.startsWith("id:") ? [`${s.source}|${company.key}`, company.nameKey] : [company.nameKey];
  }

  #current(): Session {
    this.#o.jobs.refuseWhileRunning("import", IMPORT_BUSY);
    if (!this.#session) throw new ApiFailure(409, "Choose a CSV file to import first.");
    return this.#session;
  }

  #reading(s: Session) {
    return { mapping: s.mapping, source: s.source, stages: s.stages, locale: s.locale };
  }

  #check(s: Session): void {
    const reading = this.#reading(s);
    s.checked = s.cells.map((cells, i) => checkRow(rowValues(cells, s.mapping, s.fixes.get(i)), reading));
  }

  #preview(s: Session): ImportPreview {
    const { library, index } = this.#o;
    const rows: PreviewRow[] = [];
    const row = (i: number): PreviewRow => ({
      line: i + 2,
      values: rowValues(s.cells[i] ?? [], s.mapping, s.fixes.get(i)),
      problems: s.checked[i]?.problems ?? [],
      fixed: s.fixes.has(i),
    });
    let withProblems = 0;
    let sample = 0;
    s.checked.forEach((c, i) => {
      if (c.problems.length) {
        if (++withProblems <= PREVIEW_PROBLEM_ROWS) rows.push(row(i));
      } else if (sample < PREVIEW_SAMPLE_ROWS || s.fixes.has(i)) {
        sample++;
        rows.push(row(i));
      }
    });
    const companies = groupRows(s.checked.flatMap((c) => (c.row ? [c.row] : [])));
    const updated = companies.filter((c) => index.find(this.#keys(s, c), (id) => library.has(id)) !== null).length;
    const stageColumn = s.mapping.dealStage;
    const stageValues = stageColumn === null ? [] : s.cells.map((cells, i) => s.fixes.get(i)?.dealStage ?? cells[stageColumn] ?? "");
    return {
      fileName: s.fileName,
      source: s.source,
      encoding: s.encoding,
      headers: s.headers,
      mapping: s.mapping,
      mappingProblem: mappingProblem(s.mapping),
      stages: stageTable(stageValues, s.source, s.stages),
      totals: {
        rows: s.cells.length,
        ready: s.checked.length - withProblems,
        withProblems,
        newAccounts: companies.length - updated,
        updatedAccounts: updated,
        contacts: companies.reduce((n, c) => n + c.contacts.length, 0),
        deals: companies.filter((c) => c.deal).length,
      },
      rows: rows.sort((a, b) => a.line - b.line),
    };
  }
}

/** A locale the person's window names, or en-US when the runtime does not know it. */
function safeLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : "en-US";
  } catch {
    return "en-US";
  }
}

const count = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;
