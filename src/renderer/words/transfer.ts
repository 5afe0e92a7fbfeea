/** Words of importing and exporting: the fields a CSV column can fill, the CRMs, the exports. */
import type { CsvExport, ImportField, ImportSource, JobAccount } from "../../../shared/import/public";

/** Each field a column can be mapped to, as the mapping table names it. */
export const IMPORT_FIELD_LABEL: Record<ImportField, string> = {
  companyId: "Company's CRM id",
  companyName: "Company (account name)",
  companyDomain: "Company's web domain",
  companyPhone: "Company's phone",
  contactId: "Contact's CRM id",
  contactFirstName: "First name",
  contactLastName: "Last name",
  contactName: "Full name",
  contactEmail: "Email",
  contactPhone: "Phone",
  contactRole: "Buying role",
  dealId: "Deal's CRM id",
  dealName: "Deal name",
  dealStage: "Deal stage",
  dealAmount: "Amount",
  dealCurrency: "Currency",
  dealCloseDate: "Close date",
};

/** The mapping table's groups. */
export const IMPORT_FIELD_GROUPS: { title: string; fields: ImportField[] }[] = [
  { title: "Account", fields: ["companyName", "companyDomain", "companyPhone", "companyId"] },
  { title: "Contact", fields: ["contactFirstName", "contactLastName", "contactName", "contactEmail", "contactPhone", "contactRole", "contactId"] },
  { title: "Open deal", fields: ["dealStage", "dealAmount", "dealCurrency", "dealName", "dealCloseDate", "dealId"] },
];

export const SOURCE_LABEL: Record<ImportSource, string> = { hubspot: "HubSpot export", salesforce: "Salesforce export", csv: "CSV file" };

export const EXPORT_LABEL: Record<"account-file" | CsvExport, string> = {
  "account-file": "Account file with full history (.zip)",
  accounts: "Accounts (CSV)",
  commitments: "Commitments (CSV)",
  "follow-ups": "Follow-ups (CSV)",
};

export const TRANSFER_WORDS = {
  title: "Import and export",
  importTitle: "Import",
  importHint: "Bring in companies, contacts and open deals from a CSV export of HubSpot, Salesforce or any CSV, or accounts from a Baton account file.",
  drop: "Drop a CSV export or a Baton account file (.zip) here, or",
  choose: "Choose a file",
  chooseLabel: "Choose a file to import",
  reading: "Reading the file…",
  mappingTitle: "Columns",
  mappingHint: "Baton matched the columns by their names. Change any that are wrong.",
  notImported: "Not imported",
  stagesTitle: "Deal stages",
  stagesHint: "Each stage in the file and the stage the account takes in Baton. A re-import only ever moves an account forward.",
  notRecognised: "Not recognised: check",
  rowsTitle: "Rows",
  problemRows: "Rows with problems are left out until fixed.",
  fix: (line: number) => `Fix row ${String(line)}`,
  row: (line: number) => `Row ${String(line)}`,
  fixed: "Fixed",
  importButton: (n: string) => `Import ${n}`,
  cancel: "Cancel",
  startOver: "Choose another file",
  progress: (done: string, total: string, what: string) => `${done} of ${total} ${what}`,
  writing: (done: string, total: string) => `Writing ${done} of ${total} accounts`,
  finishing: (done: string | null, total: string) => (done === null ? "Writing to disk…" : `Writing to disk… ${done} of ${total}`),
  exportTitle: "Export",
  exportHint: "Take your accounts anywhere: an account file keeps every change and imports back into Baton; CSV opens in a spreadsheet.",
  exportWhat: "What",
  exportWhich: "Accounts",
  allAccounts: "All accounts",
  exportButton: "Export",
  saved: (name: string) => `Saved as ${name}.`,
  cancelledTitle: "Import cancelled",
  outcomeList: "Accounts imported",
  untitled: "Untitled account",
  outcome: { added: "added", merged: "merged", updated: "updated", "read-only": "read-only (made by a newer Baton)" } satisfies Record<JobAccount["outcome"], string>,
  andMore: (n: string) => `and ${n} more`,
} as const;
