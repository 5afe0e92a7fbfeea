/**
 * A CRM's CSV as Baton reads it: the columns HubSpot and Salesforce write mapped from their
 * headers, deal stages mapped to Baton's, each row checked with the forms' rules, rows
 * grouped into accounts, and the accounts made with the domain's commands, so a re-import
 * updates instead of adding twice.
 */
import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import type { AccountDoc } from "../account/schema";
import { checkAccount } from "../account/check";
import { read } from "../account/fixed";
import { rep } from "../testing/accounts";
import { applyCompany } from "./apply-company";
import { headerOf } from "../queries/account-view";
import { autoMap, detectSource, IMPORT_FIELDS, type ColumnMapping } from "./crm-columns";
import { checkRow, groupRows, mappingProblem, rowValues, type RowReading } from "./crm-rows";
import { mapDealStage, stageTable, stageToApply } from "./deal-stages";

/** The mapping as field → header name, for reading. */
function named(headers: string[], mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(IMPORT_FIELDS.flatMap((f) => (mapping[f] === null ? [] : [[f, headers[mapping[f]] ?? ""]])));
}

const HUBSPOT = ["Record ID - Company", "Company name", "Company Domain Name", "Record ID - Contact", "First Name", "Last Name", "Email", "Phone Number", "Job Title", "Record ID - Deal", "Deal Name", "Deal Stage", "Amount", "Close Date", "Pipeline"];

describe("the column mapping", () => {
  it("maps a HubSpot export with companies, contacts and deals from its headers", () => {
    expect(detectSource(HUBSPOT)).toBe("hubspot");
    expect(named(HUBSPOT, autoMap(HUBSPOT))).toEqual({
      companyId: "Record ID - Company",
      companyName: "Company name",
      companyDomain: "Company Domain Name",
      contactId: "Record ID - Contact",
      contactFirstName: "First Name",
      contactLastName: "Last Name",
      contactEmail: "Email",
      contactPhone: "Phone Number",
      dealId: "Record ID - Deal",
      dealName: "Deal Name",
      dealStage: "Deal Stage",
      dealAmount: "Amount",
      dealCloseDate: "Close Date",
    });
  });

  it("reads HubSpot's bare Record ID as the id of what the export is of", () => {
    expect(named(["Record ID", "Name", "Company Domain Name"], autoMap(["Record ID", "Name", "Company Domain Name"]))).toEqual({ companyId: "Record ID", companyName: "Name", companyDomain: "Company Domain Name" });
    const contacts = ["Record ID", "First Name", "Last Name", "Email", "Associated Company", "Associated Company IDs"];
    expect(named(contacts, autoMap(contacts))).toMatchObject({ contactId: "Record ID", companyName: "Associated Company", companyId: "Associated Company IDs" });
    const deals = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Associated Company"];
    expect(named(deals, autoMap(deals))).toMatchObject({ dealId: "Record ID", dealName: "Deal Name", companyName: "Associated Company" });
  });

  it("maps a Salesforce opportunity report and a plain CSV", () => {
    const sf = ["Account ID", "Account Name", "Opportunity ID", "Opportunity Name", "Stage", "Amount", "Close Date", "First Name", "Last Name", "Email"];
    expect(detectSource(sf)).toBe("salesforce");
    expect(named(sf, autoMap(sf))).toMatchObject({ companyId: "Account ID", companyName: "Account Name", dealId: "Opportunity ID", dealName: "Opportunity Name", dealStage: "Stage" });
    const plain = ["Customer", "Contact", "E-mail", "Phone"];
    expect(detectSource(plain)).toBe("csv");
    expect(named(plain, autoMap(plain))).toEqual({ companyName: "Customer", contactName: "Contact", contactEmail: "E-mail", contactPhone: "Phone" });
  });

  it("maps the company's domain and phone from HubSpot's and Salesforce's company exports; a bare phone stays the contact's in a file with contacts", () => {
    const hubspot = ["Record ID", "Company name", "Company Domain Name", "Website URL", "Phone Number", "City", "Company owner"];
    expect(detectSource(hubspot)).toBe("hubspot");
    expect(named(hubspot, autoMap(hubspot))).toEqual({ companyId: "Record ID", companyName: "Company name", companyDomain: "Company Domain Name", companyPhone: "Phone Number" });
    const websiteOnly = ["Record ID", "Company name", "Website URL", "Phone Number - Company", "Email", "Phone Number"];
    expect(named(websiteOnly, autoMap(websiteOnly))).toMatchObject({ companyDomain: "Website URL", companyPhone: "Phone Number - Company", contactEmail: "Email", contactPhone: "Phone Number" });
    const salesforce = ["Account ID", "Account Name", "Website", "Phone", "Billing City", "Account Owner"];
    expect(detectSource(salesforce)).toBe("salesforce");
    expect(named(salesforce, autoMap(salesforce))).toEqual({ companyId: "Account ID", companyName: "Account Name", companyDomain: "Website", companyPhone: "Phone" });
    expect(named(HUBSPOT, autoMap(HUBSPOT))).toMatchObject({ contactPhone: "Phone Number" });
    expect(autoMap(HUBSPOT).companyPhone).toBeNull();
  });

  it("says so when nothing is mapped to the account's name", () => {
    const mapping = autoMap(["Email", "Phone"]);
    expect(mappingProblem(mapping)).toMatch(/column that holds the company/);
  });
});

describe("the stage mapping", () => {
  it("maps HubSpot's and Salesforce's default pipelines onto Baton's stages", () => {
    expect(["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent", "Closed Won", "Closed Lost"].map((v) => mapDealStage(v, "hubspot").stage)).toEqual([
      "follow-up",
      "follow-up",
      "follow-up",
      "promised",
      "promised",
      "ordered",
      "lost",
    ]);
    expect(mapDealStage("closedwon", "hubspot")).toEqual({ stage: "ordered", recognised: true });
    expect(["Prospecting", "Id. Decision Makers", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"].map((v) => mapDealStage(v, "salesforce").stage)).toEqual([
      "follow-up",
      "follow-up",
      "follow-up",
      "promised",
      "ordered",
      "lost",
    ]);
  });

  it("marks a stage it does not know, shows each value once with its rows, and keeps the person's choice", () => {
    expect(mapDealStage("Pilot running", "csv")).toEqual({ stage: "follow-up", recognised: false });
    expect(stageTable(["Closed Won", "Pilot running", "Closed Won", ""], "hubspot", { "Pilot running": "promised" })).toEqual([
      { value: "Closed Won", rows: 2, stage: "ordered", recognised: true },
      { value: "Pilot running", rows: 1, stage: "promised", recognised: true },
    ]);
  });

  it("only moves an account forward", () => {
    expect(stageToApply("follow-up", "ordered")).toBe("ordered");
    expect(stageToApply("ordered", "promised")).toBeNull();
    expect(stageToApply("delivering", "ordered")).toBeNull();
    expect(stageToApply("promised", "lost")).toBe("lost");
    expect(stageToApply("ordered", "lost")).toBeNull();
  });
});

const reading = (headers: string[], locale = "en-US"): RowReading => ({ mapping: autoMap(headers), source: detectSource(headers), stages: {}, locale });
const hubspotRow = (over: Record<string, string> = {}) => HUBSPOT.map((h) => over[h] ?? { "Record ID - Company": "101", "Company name": "Acme GmbH", "Record ID - Contact": "501", "First Name": "Ana", "Last Name": "Berg", Email: "ana@acme.example", "Phone Number": "+49 30 1234567", "Record ID - Deal": "901", "Deal Name": "Acme – 50 seats", "Deal Stage": "Closed Won", Amount: "18400.50", "Close Date": "2026-02-27 14:03" }[h] ?? "");

describe("a row", () => {
  it("becomes a company, a contact and a deal, checked like the forms", () => {
    const r = reading(HUBSPOT);
    const { row, problems } = checkRow(rowValues(hubspotRow(), r.mapping), r);
    expect(problems).toEqual([]);
    expect(row).toEqual({
      companyKey: "id:101",
      companyName: "Acme GmbH",
      domain: null,
      phone: null,
      contact: { key: "id:501", name: "Ana Berg", role: "other-decision-maker", email: "ana@acme.example", phone: "+49 30 1234567" },
      deal: { stageValue: "Closed Won", stage: "ordered", name: "Acme – 50 seats", value: "18400.50", currency: null, closeDate: "2026-02-27" },
    });
  });

  it("names each field that is wrong, in the forms' words, and the person's fix clears it", () => {
    const r = reading(HUBSPOT);
    const bad = hubspotRow({ "Company name": " ", Email: "ana.acme.example", Amount: "lots", "Close Date": "03/04/2026" });
    const { row, problems } = checkRow(rowValues(bad, r.mapping), r);
    expect(row).toBeNull();
    expect(problems).toEqual([
      { field: "companyName", message: "The account name cannot be empty." },
      { field: "contactEmail", message: "“ana.acme.example” is not an email address." },
      { field: "dealAmount", message: expect.stringContaining("lots") as unknown },
      { field: "dealCloseDate", message: "“03/04/2026” is not a date Baton can read without guessing; write it as YYYY-MM-DD." },
    ]);
    const fixed = checkRow(rowValues(bad, r.mapping, { companyName: "Acme GmbH", contactEmail: "ana@acme.example", dealAmount: "18400", dealCloseDate: "2026-04-03" }), r);
    expect(fixed.problems).toEqual([]);
  });

  it("reads the company's web address as its domain and checks its phone like the forms", () => {
    const headers = ["Account ID", "Account Name", "Website", "Phone"];
    const r = reading(headers);
    expect(checkRow(rowValues(["001A", "Initech", "https://www.initech.example/about", "+1 (555) 010-0100"], r.mapping), r).row).toMatchObject({ domain: "initech.example", phone: "+1 (555) 010-0100" });
    expect(checkRow(rowValues(["001A", "Initech", "", ""], r.mapping), r).row).toMatchObject({ domain: null, phone: null });
    expect(checkRow(rowValues(["001A", "Initech", "initech", "call us"], r.mapping), r).problems).toEqual([
      { field: "companyDomain", message: "“initech” is not a web domain: write it like acme.com, or paste the company's web address." },
      { field: "companyPhone", message: "“call us” is not a phone number (digits, spaces and + ( ) - only, at least 5 digits)." },
    ]);
  });

  it("reads an amount written the person's way, and a formula cell as plain text", () => {
    const headers = ["Company", "Amount"];
    const r = reading(headers, "de-DE");
    expect(checkRow(rowValues(["Müller AG", "18.400,50"], r.mapping), r).row?.deal?.value).toBe("18400.50");
    expect(checkRow(rowValues(['=HYPERLINK("http://x.example","Click")', ""], r.mapping), r).row?.companyName).toBe('=HYPERLINK("http://x.example","Click")');
  });

  it("groups rows into one account per company, keeping the most advanced deal", () => {
    const r = reading(HUBSPOT);
    const rows = [
      hubspotRow({ "Deal Stage": "Contract Sent" }),
      hubspotRow({ "Record ID - Contact": "502", "First Name": "Ben", Email: "ben@acme.example", "Record ID - Deal": "902" }),
      hubspotRow({ "Record ID - Company": "102", "Company name": "Globex", "Record ID - Contact": "503", Email: "hank@globex.example", "Deal Stage": "Qualified To Buy" }),
    ].map((cells) => checkRow(rowValues(cells, r.mapping), r).row!);
    const companies = groupRows(rows);
    expect(companies.map((c) => [c.key, c.contacts.length, c.deal?.stage])).toEqual([
      ["id:101", 2, "ordered"],
      ["id:102", 1, "follow-up"],
    ]);
  });
});

describe("an imported company's account", () => {
  const r = reading(HUBSPOT);
  const company = groupRows([checkRow(rowValues(hubspotRow(), r.mapping), r).row!])[0]!;
  const args = { company, from: "HubSpot", by: rep, at: "2026-03-02T09:00:00.000Z", timeZone: "Europe/Berlin" };

  it("is made with the domain's commands: sound, with its contact, order value and stage", () => {
    const doc = A.change(A.init<AccountDoc>(), (d) => applyCompany(d, { ...args, create: true }));
    expect(checkAccount(doc).damage).toEqual([]);
    expect(read(doc.name)).toBe("Acme GmbH");
    expect(Object.values(doc.contacts).map((c) => [c.name, read(c.email)])).toEqual([["Ana Berg", "ana@acme.example"]]);
    expect([read(doc.stage), read(doc.order.value), read(doc.order.date), doc.order.items]).toEqual(["ordered", "18400.5", "2026-02-27", "Acme – 50 seats"]);
    expect(doc.stageHistory.map((m) => m.reason)).toEqual(["Imported from HubSpot: deal stage “Closed Won”."]);
  });

  it("gets the company's domain and phone, and a re-import of the file updates them (an empty cell leaves them)", () => {
    const headers = ["Account ID", "Account Name", "Website", "Phone"];
    const sf = reading(headers);
    const plan = (cells: string[]) => groupRows([checkRow(rowValues(cells, sf.mapping), sf).row!])[0]!;
    const sfArgs = { ...args, from: "Salesforce" };
    let doc = A.change(A.init<AccountDoc>(), (d) => applyCompany(d, { ...sfArgs, company: plan(["001A", "Initech", "initech.example", "+1 555 0100"]), create: true }));
    expect(headerOf(doc)).toMatchObject({ domain: "initech.example", phone: "+1 555 0100" });
    doc = A.change(doc, (d) => applyCompany(d, { ...sfArgs, company: plan(["001A", "Initech", "https://initech.example.com", "+1 555 0199"]), create: false }));
    expect(headerOf(doc)).toMatchObject({ domain: "initech.example.com", phone: "+1 555 0199" });
    const heads = A.getHeads(doc);
    doc = A.change(doc, (d) => applyCompany(d, { ...sfArgs, company: plan(["001A", "Initech", "", ""]), create: false }));
    expect(A.getHeads(doc)).toEqual(heads);
    expect(checkAccount(doc).damage).toEqual([]);
  });

  it("is updated, not duplicated, by the same row again", () => {
    let doc = A.change(A.init<AccountDoc>(), (d) => applyCompany(d, { ...args, create: true }));
    const again = { ...company, name: "Acme GmbH & Co", contacts: company.contacts.map((c) => ({ ...c, phone: "+49 30 7654321" })) };
    doc = A.change(doc, (d) => applyCompany(d, { ...args, company: again, create: false }));
    expect(read(doc.name)).toBe("Acme GmbH & Co");
    expect(Object.values(doc.contacts).map((c) => read(c.phone))).toEqual(["+49 30 7654321"]);
    expect(doc.stageHistory).toHaveLength(1);
    expect(checkAccount(doc).damage).toEqual([]);
  });
});
