/**
 * Accounts, commitments and follow-ups as CSV a spreadsheet opens safely. A cell that
 * starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
 * reading a formula) would be run as a formula when the file is opened: an account name a
 * peer typed as `=HYPERLINK("http://evil", "Click")` must come out as text. Such a cell gets
 * a leading apostrophe (OWASP's advice), which spreadsheets show as the text itself.
 */
import type { AccountDoc } from "../account/schema";
import { read, readOrNull } from "../account/fixed";
import { byRank } from "../account/rank";
import { stageOf } from "../queries/stage-checklist";

/** A cell neutralised against formula injection. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (RFC 4180: quoted when it holds a comma, quote or line break; CRLF ends it). */
export function csvLine(cells: readonly string[]): string {
  return (
    cells
      .map((raw) => {
        const cell = safeCell(raw);
        return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
      })
      .join(",") + "\r\n"
  );
}

/** A CSV file: a byte-order mark (so spreadsheets read it as UTF-8), the header, the rows. */
export function csvFile(header: readonly string[], rows: Iterable<readonly string[]>): string {
  let out = "\uFEFF" + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/** What an account export holds: the checked account (damaged items left out) and its id. */
export interface ExportedAccount {
  documentId: string;
  account: AccountDoc;
}

export const CSV_EXPORTS = ["accounts", "commitments", "follow-ups"] as const;
export type CsvExport = (typeof CSV_EXPORTS)[number];

const person = (p: { name: unknown } | null | undefined) => (p ? read(p.name as string) : "");

/** The header and rows of one CSV export. */
export function csvRows(kind: CsvExport, accounts: Iterable<ExportedAccount>): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  if (kind === "accounts") {
    for (const { documentId, account: a } of accounts) {
      rows.push([
        read(a.name),
        documentId,
        stageOf(a),
        read(a.owner),
        person(a.rep),
        person(a.deliveryLead),
        readOrNull(a.order.reference) ?? "",
        readOrNull(a.order.date) ?? "",
        readOrNull(a.order.value) ?? "",
        readOrNull(a.order.currency) ?? "",
        String(Object.keys(a.contacts).length),
        String(Object.values(a.commitments).filter((c) => !["delivered", "dropped"].includes(read(c.status))).length),
        readOrNull(a.payment.paidDate) ?? "",
        readOrNull(a.domain) ?? "",
        readOrNull(a.phone) ?? "",
        readOrNull(a.rep?.phone) ?? "",
        readOrNull(a.rep?.email) ?? "",
        readOrNull(a.deliveryLead?.phone) ?? "",
        readOrNull(a.deliveryLead?.email) ?? "",
      ]);
    }
    // Columns added later go at the end, so a spreadsheet built on an earlier export still reads its columns.
    return {
      header: [
        "Account", "Account id", "Stage", "Owner", "Rep", "Delivery lead", "Order reference", "Order date", "Order value", "Currency", "Contacts", "Open commitments", "Paid on",
        "Domain", "Phone", "Rep phone", "Rep email", "Delivery lead phone", "Delivery lead email",
      ],
      rows,
    };
  }
  if (kind === "commitments") {
    for (const { documentId, account: a } of accounts) {
      for (const c of Object.values(a.commitments).sort(byRank)) {
        rows.push([read(a.name), documentId, read(c.text), read(c.promisedBy), readOrNull(c.dueDate) ?? "", read(c.status), c.confirmed ? read(c.confirmed.occasion) : ""]);
      }
    }
    return { header: ["Account", "Account id", "Commitment", "Promised by", "Due date", "Status", "Confirmed on"], rows };
  }
  for (const { documentId, account: a } of accounts) {
    const calls = Object.values(a.followUps).sort((x, y) => read(x.agreedTime).localeCompare(read(y.agreedTime)));
    for (const f of calls) {
      rows.push([read(a.name), documentId, read(f.purpose), read(f.agreedTime), read(f.timeZone), read(f.reason), readOrNull(f.outcome) ?? "", read(f.nextStep)]);
    }
  }
  return { header: ["Account", "Account id", "Purpose", "Agreed time (UTC)", "Time zone", "Reason", "Outcome", "Next step"], rows };
}
