import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { createAccount } from "./account";
import { ownerContactStale, ownerRecordsOf } from "./owner-contact";
import { headerOf } from "../queries/account-view";
import type { AccountDoc } from "../account/schema";

const dana = { phone: "+49 30 1234567", email: "dana@baton.example" };

function handedOff(contact?: { phone: string | null; email: string | null }): Doc {
  let doc = newAccount();
  doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Kim Buyer" });
  return run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc), contact });
}

describe("the owners' phone and email", () => {
  it("are written from the creator's profile when they create the account", () => {
    const doc = A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "Acme", by: { ...rep, phone: "+1 555 0199", email: "riley@baton.example" }, at: AT }));
    expect(headerOf(doc).rep).toEqual({ id: rep.id, name: rep.name, phone: "+1 555 0199", email: "riley@baton.example" });
  });

  it("are written from the lead's profile when the lead's sign-off hands the account over", () => {
    expect(headerOf(handedOff(dana)).deliveryLead).toEqual({ id: lead.id, name: lead.name, ...dana });
    // Completed on a laptop that does not know the lead's details: none until the lead's own laptop writes them.
    const doc = handedOff();
    expect(headerOf(doc).deliveryLead).toEqual({ id: lead.id, name: lead.name, phone: null, email: null });
    expect(ownerContactStale(doc, { personId: lead.id, ...dana })).toBe(true);
    const updated = run(doc, lead, "updateOwnerContact", { personId: lead.id, ...dana });
    expect(headerOf(updated).deliveryLead).toEqual({ id: lead.id, name: lead.name, ...dana });
  });

  it("change nothing when the profile says what the account already holds (opening an account writes nothing)", () => {
    const doc = handedOff(dana);
    expect(ownerContactStale(doc, { personId: lead.id, ...dana })).toBe(false);
    const again = run(doc, lead, "updateOwnerContact", { personId: lead.id, phone: ` ${dana.phone} `, email: dana.email });
    expect(A.getHeads(again)).toEqual(A.getHeads(doc));
  });

  it("follow a profile that changed or lost its phone, and touch only the owner records of that person", () => {
    let doc = handedOff(dana);
    doc = run(doc, lead, "updateOwnerContact", { personId: lead.id, phone: null, email: "dana@new.example" });
    expect(headerOf(doc).deliveryLead).toMatchObject({ phone: null, email: "dana@new.example" });
    expect(headerOf(doc).rep).toMatchObject({ phone: null, email: null });
    expect(ownerContactStale(doc, { personId: "p-stranger", phone: "1", email: null })).toBe(false);
    const before = A.getHeads(doc);
    doc = run(doc, rep, "updateOwnerContact", { personId: "p-stranger", phone: "+1 555 0100", email: null });
    expect(A.getHeads(doc)).toEqual(before);
  });
});

describe("a handoff completed on both laptops at once", () => {
  it("keeps one of the two lead records; when it is not the one the lead's laptop wrote into, that laptop sees another record and writes again", () => {
    const base = newAccount();
    // The rep's laptop sorts after the lead's, so its lead record is the one Automerge keeps.
    let repLaptop = A.clone(base, { actor: "ff".repeat(16) });
    let leadLaptop = A.clone(base, { actor: "11".repeat(16) });
    leadLaptop = run(leadLaptop, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(leadLaptop), customerAgreedBy: "Kim Buyer", contact: dana });
    repLaptop = run(repLaptop, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(repLaptop), customerAgreedBy: "Kim Buyer" });
    [repLaptop, leadLaptop] = sync(repLaptop, leadLaptop);
    // Each window completes the handoff; the lead's then writes the lead's details on the record it sees.
    repLaptop = run(repLaptop, rep, "completeHandoff", {});
    leadLaptop = run(leadLaptop, lead, "completeHandoff", {});
    leadLaptop = run(leadLaptop, lead, "updateOwnerContact", { personId: lead.id, ...dana });
    const written = ownerRecordsOf(leadLaptop, lead.id);
    expect(written).not.toBe("");
    [repLaptop, leadLaptop] = sync(repLaptop, leadLaptop);
    expect(ownerRecordsOf(leadLaptop, lead.id)).not.toBe(written);
    expect(ownerContactStale(leadLaptop, { personId: lead.id, ...dana })).toBe(true);
    leadLaptop = run(leadLaptop, lead, "updateOwnerContact", { personId: lead.id, ...dana });
    [repLaptop] = sync(repLaptop, leadLaptop);
    expect(headerOf(repLaptop).deliveryLead).toEqual({ id: lead.id, name: lead.name, ...dana });
  });
});

describe("the customer's domain and phone", () => {
  it("are set, changed and removed, and a field left out stays as it is", () => {
    let doc = run(newAccount(), rep, "setCustomer", { domain: "acme.com", phone: "+1 555 0100" });
    expect(headerOf(doc)).toMatchObject({ domain: "acme.com", phone: "+1 555 0100" });
    doc = run(doc, rep, "setCustomer", { phone: null });
    expect(headerOf(doc)).toMatchObject({ domain: "acme.com", phone: null });
    const heads = A.getHeads(doc);
    expect(A.getHeads(run(doc, rep, "setCustomer", { domain: "acme.com" }))).toEqual(heads);
  });
});
