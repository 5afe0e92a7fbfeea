/**
 * Rows of a CRM's CSV checked with the same rules as Baton's forms (shared/validation), and
 * grouped into the accounts they make: one per company, with its contacts and its most
 * advanced deal. A row with a problem says which field and why, and is left out until the
 * person fixes it; nothing from a row reaches an account unchecked.
 */
import type { ContactRole } from "../account/values";
import { accountNameSchema, check, isCalendarDate } from "../validation/fields";
import { contactInputSchema, phoneSchema } from "../validation/contacts";
import { domainSchema } from "../validation/customer";
import { currencySchema, orderValueSchema, ORDER_ITEMS_MAX } from "../validation/order-payment";
import { optionalText } from "../validation/text";
import type { ColumnMapping, ImportField, ImportSource } from "./crm-columns";
import { IMPORT_FIELDS } from "./crm-columns";
import { mapDealStage, type ImportStage } from "./deal-stages";

export type { ImportSource } from "./crm-columns";

/** The values a row gives each mapped field (trimmed), after the person's fixes. */
export type RowValues = Partial<Record<ImportField, string>>;

/** What is wrong with one field of a row, in the words of Baton's forms. */
export interface RowProblem {
  field: ImportField;
  message: string;
}

export interface ContactPlan {
  /** The CRM's id, else the email, else the name: what finds the contact again on a re-import. */
  key: string;
  name: string;
  role: ContactRole;
  email: string | null;
  phone: string | null;
}

export interface DealPlan {
  /** The stage value as the file writes it (for the timeline's reason). */
  stageValue: string;
  stage: ImportStage;
  name: string;
  /** A decimal string ("18400.5"), or null. */
  value: string | null;
  currency: string | null;
  /** YYYY-MM-DD. */
  closeDate: string | null;
}

/** A checked row. */
export interface CheckedRow {
  /** How the row finds its account again: `id:<CRM id>` or `name:<name in lower case>`. */
  companyKey: string;
  companyName: string;
  /** The company's web domain and phone, null when the row gives none. */
  domain: string | null;
  phone: string | null;
  contact: ContactPlan | null;
  deal: DealPlan | null;
}

/** One account an import makes or updates. */
export interface CompanyPlan {
  /** `id:<CRM id>` when the file gives one, else `name:<name>`. */
  key: string;
  /** The other key the company is known by (its name when the key is an id). */
  nameKey: string;
  name: string;
  /** The domain and phone the company's rows give (the last that gives one); null: the file gives none, the account keeps its own. */
  domain: string | null;
  phone: string | null;
  contacts: ContactPlan[];
  /** The most advanced deal of the company's rows. */
  deal: DealPlan | null;
}

/** How the rows of one file are read. */
export interface RowReading {
  mapping: ColumnMapping;
  source: ImportSource;
  /** Stage values the person mapped themselves (value as in the file → stage). */
  stages: Readonly<Record<string, ImportStage>>;
  /** The person's locale, for amounts written the local way ("18.400,50"). */
  locale: string;
}

/** The values of a row's mapped fields, with the person's fixes laid over them. */
export function rowValues(cells: readonly string[], mapping: ColumnMapping, fixes?: RowValues): RowValues {
  const values: RowValues = {};
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    const fixed = fixes?.[field];
    const raw = fixed ?? (column === null ? undefined : cells[column]);
    if (raw !== undefined) values[field] = raw.trim();
  }
  return values;
}

/** Why the mapping cannot import anything, or null. */
export function mappingProblem(mapping: ColumnMapping): string | null {
  if (mapping.companyName === null) return "Choose the column that holds the company (the account's name).";
  return null;
}

const dealNameSchema = optionalText("The deal's name", ORDER_ITEMS_MAX);

/** Read one row: its account, contact and deal, or the problems that keep it out. */
export function checkRow(values: RowValues, reading: RowReading): { row: CheckedRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const say = (field: ImportField, message: string) => problems.push({ field, message });

  const name = check(accountNameSchema, values.companyName ?? "");
  if (!name.ok) say("companyName", name.message);
  const companyId = values.companyId ?? "";
  const companyName = name.ok ? name.value : "";
  const domain = check(domainSchema, values.companyDomain ?? "");
  if (!domain.ok) say("companyDomain", domain.message);
  const companyPhone = check(phoneSchema, values.companyPhone ?? "");
  if (!companyPhone.ok) say("companyPhone", companyPhone.message);

  let contact: ContactPlan | null = null;
  const first = values.contactFirstName ?? "";
  const last = values.contactLastName ?? "";
  const full = values.contactName || [first, last].filter(Boolean).join(" ");
  const email = values.contactEmail ?? "";
  const phone = values.contactPhone ?? "";
  if (full || email || phone || values.contactId) {
    const role = contactRoleOf(values.contactRole ?? "");
    const c = check(contactInputSchema, { name: full || email, role, email, phone, notes: "" });
    if (!c.ok) {
      for (const [field, message] of Object.entries(c.errors)) {
        const at: ImportField = field === "email" ? "contactEmail" : field === "phone" ? "contactPhone" : values.contactName !== undefined ? "contactName" : "contactFirstName";
        say(at, message);
      }
    } else {
      const key = values.contactId ? `id:${values.contactId}` : c.value.email ? `email:${c.value.email.toLowerCase()}` : `name:${c.value.name.toLowerCase()}`;
      contact = { key, name: c.value.name, role, email: c.value.email, phone: c.value.phone };
    }
  }

  let deal: DealPlan | null = null;
  const stageValue = values.dealStage ?? "";
  if (stageValue || values.dealName || values.dealAmount || values.dealId) {
    const stage = reading.stages[stageValue] ?? (stageValue ? mapDealStage(stageValue, reading.source).stage : "follow-up");
    const dealName = check(dealNameSchema, values.dealName ?? "");
    if (!dealName.ok) say("dealName", dealName.message);
    const value = amountOf(values.dealAmount ?? "", reading.locale);
    if (!value.ok) say("dealAmount", value.message);
    const currency = check(currencySchema, values.dealCurrency ?? "");
    if (!currency.ok) say("dealCurrency", currency.message);
    const closeDate = dateOf(values.dealCloseDate ?? "");
    if (!closeDate.ok) say("dealCloseDate", closeDate.message);
    if (dealName.ok && value.ok && currency.ok && closeDate.ok) {
      deal = { stageValue, stage, name: dealName.value, value: value.decimal, currency: currency.value, closeDate: closeDate.date };
    }
  }

  if (problems.length) return { row: null, problems };
  const companyKey = companyId ? `id:${companyId}` : nameKey(companyName);
  return { row: { companyKey, companyName, domain: domain.ok ? domain.value : null, phone: companyPhone.ok ? companyPhone.value : null, contact, deal }, problems };
}

/** The key a company is found by from its name alone. */
export function nameKey(name: string): string {
  return `name:${name.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ")}`;
}

const STAGE_RANK: Record<ImportStage, number> = { lost: 0, "follow-up": 1, promised: 2, ordered: 3 };

/** The accounts the checked rows make, in the order the file first names them. */
export function groupRows(rows: Iterable<CheckedRow>): CompanyPlan[] {
  const byKey = new Map<string, CompanyPlan>();
  for (const r of rows) {
    let company = byKey.get(r.companyKey);
    if (!company) {
      company = { key: r.companyKey, nameKey: nameKey(r.companyName), name: r.companyName, domain: null, phone: null, contacts: [], deal: null };
      byKey.set(r.companyKey, company);
    }
    if (r.domain) company.domain = r.domain;
    if (r.phone) company.phone = r.phone;
    if (r.contact) {
      const key = r.contact.key;
      const i = company.contacts.findIndex((c) => c.key === key);
      if (i >= 0) company.contacts[i] = r.contact;
      else company.contacts.push(r.contact);
    }
    if (r.deal && (!company.deal || STAGE_RANK[r.deal.stage] > STAGE_RANK[company.deal.stage])) company.deal = r.deal;
  }
  return [...byKey.values()];
}

/** A CRM's buying role as the role a contact plays in Baton. */
export function contactRoleOf(value: string): ContactRole {
  const v = value.toLowerCase().replace(/[^a-z]/g, "");
  if (["decisionmaker", "economicbuyer", "executivesponsor", "buyer"].includes(v)) return "decision-maker";
  if (["finance", "budgetholder", "procurement", "payables", "accountspayable", "billing"].includes(v)) return "finance";
  if (["champion", "enduser", "technicalbuyer", "evaluator", "functionalowner", "user"].includes(v)) return "functional-owner";
  return "other-decision-maker";
}

/** A CRM's amount: a plain decimal as exports write it ("18400.50"), else read in the person's locale. */
function amountOf(text: string, locale: string): { ok: true; decimal: string | null } | { ok: false; message: string } {
  const plain = text.trim();
  if (plain === "") return { ok: true, decimal: null };
  const r = check(orderValueSchema(/^\d+(\.\d+)?$/.test(plain) ? "en-US" : locale), plain);
  return r.ok ? { ok: true, decimal: r.value } : { ok: false, message: r.message };
}

/** YYYY-MM-DD, or an ISO date and time as HubSpot writes them ("2026-03-01 14:03"); other orders of day and month are ambiguous. */
function dateOf(text: string): { ok: true; date: string | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === "") return { ok: true, date: null };
  const day = t.slice(0, 10);
  if (isCalendarDate(day) && (t.length === 10 || /^[T ]\d{1,2}:\d{2}/.test(t.slice(10)))) return { ok: true, date: day };
  return { ok: false, message: `“${t}” is not a date Baton can read without guessing; write it as YYYY-MM-DD.` };
}
