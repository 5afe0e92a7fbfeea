/** What the window needs of importing and exporting: the fields, stages and shapes of the node's answers. */
export { IMPORT_FIELDS, IMPORT_SOURCES, type ColumnMapping, type ImportField, type ImportSource } from "./crm-columns";
export { IMPORT_STAGES, type ImportStage, type StageLine } from "./deal-stages";
export type { RowProblem, RowValues } from "./crm-rows";
export { CSV_EXPORTS, type CsvExport } from "../export/csv";
export type { DownloadFile, ImportPreview, PreviewRow } from "./transfer-api";
export type { JobAccount, JobProgress } from "../jobs";
