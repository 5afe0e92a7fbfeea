/**
 * What the node's import and export operations (shared/api.ts) take and answer: a CRM's
 * CSV read into a preview the person adjusts, the progress of a long import or export, and
 * what an account file brought in.
 */
import { z } from "zod";
import { CSV_EXPORTS } from "../export/csv";
import { IMPORT_FIELDS, type ColumnMapping, type ImportField, type ImportSource } from "./crm-columns";
import type { RowProblem, RowValues } from "./crm-rows";
import { IMPORT_STAGES, type StageLine } from "./deal-stages";

/** One row of the preview. */
export interface PreviewRow {
  /** The row's number in the file (the header is row 1), as a spreadsheet shows it. */
  line: number;
  values: RowValues;
  problems: RowProblem[];
  /** The person changed a value of this row. */
  fixed: boolean;
}

/** A CRM's CSV as the node read it, with what an import would do. */
export interface ImportPreview {
  fileName: string;
  source: ImportSource;
  /** How the file's text was written: "UTF-8", "UTF-16LE", "windows-1252"… */
  encoding: string;
  headers: string[];
  mapping: ColumnMapping;
  /** Why nothing can be imported with this mapping, or null. */
  mappingProblem: string | null;
  stages: StageLine[];
  totals: {
    rows: number;
    ready: number;
    withProblems: number;
    /** Accounts the import would create and update. */
    newAccounts: number;
    updatedAccounts: number;
    contacts: number;
    deals: number;
  };
  /** Every row with a problem (the first `PREVIEW_PROBLEM_ROWS`), then the first good rows. */
  rows: PreviewRow[];
}

/** At most this many rows with problems are listed; the totals count them all. */
export const PREVIEW_PROBLEM_ROWS = 200;
/** Good rows shown as a sample. */
export const PREVIEW_SAMPLE_ROWS = 10;


/** A file the node hands the window to save. */
export interface DownloadFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const fieldColumn = z.number().int().min(0).max(10_000).nullable();

/** The person's mapping of columns and stage values. */
export const importMappingInputSchema = z.object({
  mapping: z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, fieldColumn])) as Record<ImportField, typeof fieldColumn>),
  stages: z.record(z.string().max(200), z.enum(IMPORT_STAGES, { error: "Choose one of Baton's stages." })).default({}),
  locale: z.string().max(40).default("en-US"),
});

/** The person's fix of one row: the values they typed, by field. */
export const importFixInputSchema = z.object({
  line: z.number().int().min(2),
  values: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(5_000)),
});

const documentIdSchema = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{20,60}$/, { error: "That is not an account id." });

/** What to export: one account or every one, as an account file or one of the CSVs. */
export const exportInputSchema = z.object({
  what: z.enum(["account-file", ...CSV_EXPORTS], { error: "Choose what to export." }),
  /** The accounts; null for every account on this device. */
  documentIds: z.array(documentIdSchema).max(100_000).nullable(),
});
export type ExportInput = z.output<typeof exportInputSchema>;

/** Largest CSV the node reads: a 100,000-row export with long notes fits. */
export const CSV_MAX_BYTES = 64 * 1024 * 1024;
/** Largest account file: every account of a big desk, with history. */
export const ACCOUNT_FILE_MAX_BYTES = 512 * 1024 * 1024;
