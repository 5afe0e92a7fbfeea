/**
 * A CRM's CSV export read as Baton's words: which column holds the company, the contact
 * and the open deal, from the column headers HubSpot and Salesforce write (and the usual
 * names in any other CSV). Pure, so the node that imports and the tests read a file alike.
 */

/** What a column can be mapped to. One company (account) per row, with its domain and phone, optionally a contact and a deal. */
export const IMPORT_FIELDS = [
  "companyId",
  "companyName",
  "companyDomain",
  "companyPhone",
  "contactId",
  "contactFirstName",
  "contactLastName",
  "contactName",
  "contactEmail",
  "contactPhone",
  "contactRole",
  "dealId",
  "dealName",
  "dealStage",
  "dealAmount",
  "dealCurrency",
  "dealCloseDate",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which CRM wrote the file: it decides the words of deal stages and the key of a record id. */
export const IMPORT_SOURCES = ["hubspot", "salesforce", "csv"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** For each field, the column it is read from (index into the header row), or null when none. */
export type ColumnMapping = Record<ImportField, number | null>;

/** Lower case, letters and digits only: "Record ID - Company" → "recordidcompany". */
export function headerKey(header: string): string {
  return header.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Header names per field, as normalised by `headerKey`, best first. HubSpot's exports name a
 * record's own id "Record ID" (and "Record ID - Company" etc. when one file holds several
 * objects) and associations "Associated Company IDs"; Salesforce's "Account ID",
 * "Opportunity ID", "Stage"; "any CSV" gets the plain words.
 */
const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  companyId: ["recordidcompany", "companyrecordid", "companyid", "accountid", "associatedcompanyids", "associatedcompanyid", "accountrecordid"],
  companyName: ["companyname", "accountname", "company", "associatedcompany", "account", "organization", "organisation", "organizationname", "customer", "customername"],
  companyDomain: ["companydomainname", "companydomain", "domain", "website", "websiteurl", "companywebsite", "accountwebsite", "web", "url", "homepage"],
  companyPhone: ["phonenumbercompany", "companyphone", "companyphonenumber", "accountphone", "mainphone", "switchboard"],
  contactId: ["recordidcontact", "contactrecordid", "contactid", "associatedcontactids"],
  contactFirstName: ["firstname", "first", "givenname", "contactfirstname"],
  contactLastName: ["lastname", "last", "surname", "familyname", "contactlastname"],
  contactName: ["contactname", "fullname", "contact", "contactfullname", "associatedcontact"],
  contactEmail: ["email", "emailaddress", "contactemail", "email1", "workemail"],
  contactPhone: ["phonenumber", "phone", "businessphone", "mobilephonenumber", "mobile", "mobilephone", "contactphone", "workphone"],
  contactRole: ["buyingrole", "contactrole", "role", "opportunitycontactrole"],
  dealId: ["recordiddeal", "dealrecordid", "dealid", "opportunityid", "associateddealids"],
  dealName: ["dealname", "opportunityname", "deal", "opportunity"],
  dealStage: ["dealstage", "stage", "stagename", "opportunitystage", "pipelinestage"],
  dealAmount: ["amount", "dealamount", "opportunityamount", "amountincompanycurrency", "dealvalue", "value"],
  dealCurrency: ["dealcurrencycode", "currency", "currencycode", "opportunitycurrency", "amountcurrency"],
  dealCloseDate: ["closedate", "dealclosedate", "expectedclosedate"],
};

/** Which CRM wrote a file with these headers. */
export function detectSource(headers: readonly string[]): ImportSource {
  const keys = new Set(headers.map(headerKey));
  const has = (...names: string[]) => names.some((n) => keys.has(n));
  if (has("recordid", "recordidcompany", "recordidcontact", "recordiddeal", "associatedcompanyids", "dealstage", "companydomainname", "hubspotowner", "companyowner", "contactowner", "dealowner")) return "hubspot";
  if (has("accountid", "opportunityid", "opportunityname", "accountname", "stagename", "accountowner", "opportunityowner")) return "salesforce";
  return "csv";
}

/** An empty mapping. */
export function noMapping(): ColumnMapping {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
}

/**
 * The mapping read from the headers: each field gets the first column whose header is one
 * of its names (a column serves one field). HubSpot's bare "Record ID" is the id of the
 * object the export is of: a deal when the file has deal columns, else a contact when it has
 * contact columns, else a company.
 */
export function autoMap(headers: readonly string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const mapping = noMapping();
  const taken = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    for (const name of HEADER_NAMES[field]) {
      const i = keys.findIndex((k, index) => k === name && !taken.has(index));
      if (i >= 0) {
        mapping[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  // A single "Name" column is the company's when nothing else names it.
  const nameColumn = keys.findIndex((k, i) => k === "name" && !taken.has(i));
  if (nameColumn >= 0) {
    if (mapping.dealName === null && mapping.dealStage !== null && mapping.companyName !== null) mapping.dealName = nameColumn;
    else if (mapping.companyName === null) mapping.companyName = nameColumn;
    else if (mapping.contactName === null && mapping.contactFirstName === null) mapping.contactName = nameColumn;
    taken.add(nameColumn);
  }
  // A bare "Phone Number" (HubSpot) or "Phone" (Salesforce) is the contact's in a file with
  // contacts, and the company's in an export of companies or accounts alone.
  const hasContactColumns = [mapping.contactId, mapping.contactFirstName, mapping.contactLastName, mapping.contactName, mapping.contactEmail].some((c) => c !== null);
  if (!hasContactColumns && mapping.companyPhone === null && mapping.contactPhone !== null) {
    mapping.companyPhone = mapping.contactPhone;
    mapping.contactPhone = null;
  }
  const recordId = keys.findIndex((k, i) => (k === "recordid" || k === "id") && !taken.has(i));
  if (recordId >= 0) {
    const hasDeal = mapping.dealStage !== null || mapping.dealName !== null;
    const hasContact = mapping.contactEmail !== null || mapping.contactFirstName !== null || mapping.contactLastName !== null;
    if (hasDeal && mapping.dealId === null) mapping.dealId = recordId;
    else if (!hasDeal && hasContact && mapping.contactId === null) mapping.contactId = recordId;
    else if (!hasDeal && !hasContact && mapping.companyId === null) mapping.companyId = recordId;
  }
  return mapping;
}

/** A mapping that names a column for each field that has one; refuses unknown fields and columns past `columns`. */
export function isMappingFor(value: unknown, columns: number): value is ColumnMapping {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return IMPORT_FIELDS.every((f) => v[f] === null || (Number.isInteger(v[f]) && (v[f] as number) >= 0 && (v[f] as number) < columns));
}
