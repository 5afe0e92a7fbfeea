/**
 * What an imported company does to its account, made only of the domain's commands so an
 * imported account is as sound as one typed in: a new account is created, an existing one
 * is renamed, the company's domain and phone set, its contacts added or updated, its order's value set, and its stage moved
 * forward (never back: a re-import does not undo what happened in Baton since).
 */
import type { AccountDoc, Profile } from "../account/schema";
import { read } from "../account/fixed";
import { createAccount, renameAccount, setCustomer } from "../commands/account";
import { addContact, editContact } from "../commands/contacts";
import { setOrder } from "../commands/order-payment";
import { moveStage } from "../commands/stages";
import { stageOf } from "../queries/stage-checklist";
import type { CompanyPlan, DealPlan } from "./crm-rows";
import { stageToApply } from "./deal-stages";

export interface ApplyCompanyArgs {
  company: CompanyPlan;
  /** The CRM's name for the timeline ("HubSpot"). */
  from: string;
  by: Profile;
  /** ISO instant of the import. */
  at: string;
  /** The importer's IANA zone (a won deal schedules the most important call in it). */
  timeZone: string;
  /** True when the document is empty and becomes a new account. */
  create: boolean;
}

/**
 * The id of an imported contact: the same for the same company and CRM contact on every
 * import, so a re-import finds it in the account itself.
 */
export function importedContactId(companyKey: string, contactKey: string): string {
  return `crm-${hash32(`${companyKey}\n${contactKey}`, 0x811c9dc5)}${hash32(`${contactKey}\n${companyKey}`, 0x01000193)}`;
}

/** Make or update the account of one imported company. */
export function applyCompany(doc: AccountDoc, a: ApplyCompanyArgs & { moveStage?: boolean }): void {
  const { company } = a;
  if (a.create) createAccount(doc, { name: company.name, by: a.by, at: a.at });
  else if (read(doc.name) !== company.name) renameAccount(doc, { name: company.name });
  // What the file gives is the CRM's current word; what it leaves empty stays as Baton has it.
  setCustomer(doc, { ...(company.domain ? { domain: company.domain } : {}), ...(company.phone ? { phone: company.phone } : {}) });

  for (const c of company.contacts) {
    const id = importedContactId(company.key, c.key);
    if (doc.contacts[id]) editContact(doc, { id, name: c.name, email: c.email, phone: c.phone });
    else addContact(doc, { id, name: c.name, role: c.role, email: c.email, phone: c.phone });
  }

  const deal = company.deal;
  if (!deal) return;
  if (deal.value !== null || deal.currency !== null) setOrder(doc, { ...(deal.value !== null ? { value: deal.value } : {}), ...(deal.currency !== null ? { currency: deal.currency } : {}) });
  if (deal.name && read(doc.order.items) === "") setOrder(doc, { items: deal.name });
  if (a.moveStage !== false) applyDealStage(doc, deal, a);
  // A won deal's close date is the order's date.
  if (deal.stage === "ordered" && deal.closeDate && stageOf(doc) === "ordered" && read(doc.order.date) === "") setOrder(doc, { date: deal.closeDate });
}

/**
 * Move the account to the deal's stage, when that is forward. The same for every new account
 * of one stage in a file: the import makes it once and starts each such account from it.
 */
export function applyDealStage(doc: AccountDoc, deal: DealPlan, a: Pick<ApplyCompanyArgs, "from" | "by" | "at" | "timeZone">): void {
  const to = stageToApply(stageOf(doc), deal.stage);
  if (!to) return;
  const what = deal.stageValue ? `deal stage “${deal.stageValue}”` : "an open deal";
  moveStage(doc, { to, reason: `Imported from ${a.from}: ${what}.`, by: a.by, at: a.at, timeZone: a.timeZone });
}

/** FNV-1a, 32 bits, as 8 hex digits. */
function hash32(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
