import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { errorOf, laptops, newAccount, rep, run, sync } from "../testing/accounts";
import { contactsOf } from "../queries/contacts";
import { MissingItemError } from "./errors";

const withContacts = () => {
  let doc = run(newAccount(), rep, "addContact", { id: "k1", name: "Kim Buyer", role: "decision-maker", email: "kim@acme.example", phone: "+49 30 1234567" });
  doc = run(doc, rep, "addContact", { id: "k2", name: "Pat Payables", role: "finance" });
  return run(doc, rep, "addContact", { id: "k3", name: "Sam User", role: "functional-owner", notes: "Runs the warehouse" });
};

describe("contacts", () => {
  it("adds contacts with roles, in order; email and phone are fixed strings, name and notes text", () => {
    const doc = withContacts();
    expect(contactsOf(doc)).toEqual([
      { id: "k1", name: "Kim Buyer", role: "decision-maker", email: "kim@acme.example", phone: "+49 30 1234567", notes: "" },
      { id: "k2", name: "Pat Payables", role: "finance", email: null, phone: null, notes: "" },
      { id: "k3", name: "Sam User", role: "functional-owner", email: null, phone: null, notes: "Runs the warehouse" },
    ]);
    const k1 = doc.contacts.k1!;
    for (const v of [k1.id, k1.rank, k1.role, k1.email, k1.phone]) expect(A.isImmutableString(v)).toBe(true);
    expect(typeof k1.name).toBe("string");
  });

  it("edits only the fields given; empty email or phone clears it", () => {
    let doc = run(withContacts(), rep, "editContact", { id: "k1", role: "other-decision-maker", phone: "" });
    doc = run(doc, rep, "editContact", { id: "k2", email: "pat@acme.example", notes: "Pays on the 15th" });
    expect(contactsOf(doc).slice(0, 2)).toEqual([
      { id: "k1", name: "Kim Buyer", role: "other-decision-maker", email: "kim@acme.example", phone: null, notes: "" },
      { id: "k2", name: "Pat Payables", role: "finance", email: "pat@acme.example", phone: null, notes: "Pays on the 15th" },
    ]);
  });

  it("merges two people typing into the same name", () => {
    const [a, b] = laptops(withContacts());
    const [a2, b2] = sync(run(a, rep, "editContact", { id: "k1", name: "Kim A. Buyer" }), run(b, rep, "editContact", { id: "k1", name: "Kim Buyer (CFO)" }));
    expect(contactsOf(a2)[0]!.name).toBe("Kim A. Buyer (CFO)");
    expect(contactsOf(b2)[0]!.name).toBe("Kim A. Buyer (CFO)");
  });

  it("moves and removes", () => {
    let doc = run(withContacts(), rep, "moveContact", { id: "k3", toIndex: 0 });
    expect(contactsOf(doc).map((c) => c.id)).toEqual(["k3", "k1", "k2"]);
    doc = run(doc, rep, "removeContact", { id: "k1" });
    expect(contactsOf(doc).map((c) => c.id)).toEqual(["k3", "k2"]);
  });

  it("throws MissingItemError for a contact that is gone", () => {
    const doc = run(withContacts(), rep, "removeContact", { id: "k1" });
    for (const fn of [
      () => run(doc, rep, "editContact", { id: "k1", name: "x" }),
      () => run(doc, rep, "moveContact", { id: "k1", toIndex: 0 }),
      () => run(doc, rep, "removeContact", { id: "k1" }),
    ]) {
      expect(errorOf(fn)).toBeInstanceOf(MissingItemError);
    }
  });
});
