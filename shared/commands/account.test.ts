import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { SCHEMA_VERSION, type AccountDoc, type Profile } from "../account/schema";
import { assertWritable, createAccount, renameAccount } from "./account";
import { addCommitment, editCommitment, moveCommitment, removeCommitment } from "./commitments";
import { addMilestone, editMilestone, linkCommitment, moveMilestone, removeMilestone } from "./milestones";
import { ReadOnlyDocumentError } from "./errors";
import { headerOf } from "../queries/account-view";

const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const lead: Profile = { id: "p-lead", name: "Dana Lead", role: "delivery-lead" };
const AT = "2026-03-02T09:00:00.000Z";

const create = (name: string, by: Profile, actor?: string) =>
  A.change(A.init<AccountDoc>(actor ? { actor } : undefined), (d) => createAccount(d, { name, by, at: AT }));

/** Both replicas after exchanging everything they have. */
function sync<T>(a: A.Doc<T>, b: A.Doc<T>): [A.Doc<T>, A.Doc<T>] {
  const [a2] = A.applyChanges(a, A.getAllChanges(b));
  const [b2] = A.applyChanges(b, A.getAllChanges(a));
  return [a2, b2];
}

describe("createAccount", () => {
  it("makes the rep who creates it the owner, at the current schema version", () => {
    const doc = create("Acme", rep);
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.name).toBe("Acme");
    expect(headerOf(doc)).toEqual({
      name: "Acme",
      domain: null,
      phone: null,
      stage: "follow-up",
      owner: "rep",
      ownerPerson: { id: "p-rep", name: "Riley Rep", phone: null, email: null },
      rep: { id: "p-rep", name: "Riley Rep", phone: null, email: null },
      deliveryLead: null,
      readOnly: false,
      schemaVersion: SCHEMA_VERSION,
    });
    expect(String(doc.created.at)).toBe(AT);
    expect(String(doc.created.by.id)).toBe("p-rep");
  });

  it("makes a delivery lead who creates it the owner and the delivery lead", () => {
    const h = headerOf(create("Acme", lead));
    expect(h.owner).toBe("delivery-lead");
    expect(h.deliveryLead).toEqual({ id: "p-lead", name: "Dana Lead", phone: null, email: null });
    expect(h.ownerPerson).toEqual(h.deliveryLead);
    expect(h.rep).toBeNull();
  });

  it("stores ids, enums and dates as fixed strings and the name as collaborative text", () => {
    const doc = create("Acme", rep);
    for (const v of [doc.owner, doc.stage, doc.created.at, doc.created.by.id, doc.rep!.id, doc.rep!.name]) {
      expect(A.isImmutableString(v)).toBe(true);
    }
    expect(typeof doc.name).toBe("string");
    expect(A.isImmutableString(doc.name)).toBe(false);
    expect(typeof doc.commitments).toBe("object");
  });

  it("reaches a second laptop that starts from nothing", () => {
    const doc = create("Acme", rep);
    const [other] = A.applyChanges(A.init<AccountDoc>(), A.getAllChanges(doc));
    expect(headerOf(other)).toEqual(headerOf(doc));
  });
});

describe("renameAccount", () => {
  it("renames", () => {
    const doc = A.change(create("Acme", rep), (d) => renameAccount(d, { name: "Acme Corp" }));
    expect(headerOf(doc).name).toBe("Acme Corp");
  });

  it("merges two concurrent renames character by character, the same on both laptops", () => {
    const base = create("Acme", rep, "aa".repeat(16));
    const a = A.change(A.clone(base, { actor: "aa".repeat(16) }), (d) => renameAccount(d, { name: "Acme Corp" }));
    const b = A.change(A.clone(base, { actor: "bb".repeat(16) }), (d) => renameAccount(d, { name: "Big Acme" }));
    const [a2, b2] = sync(a, b);
    expect(a2.name).toBe("Big Acme Corp");
    expect(b2.name).toBe("Big Acme Corp");
  });
});

describe("a document from a newer Baton", () => {
  const newer = () => {
    let doc = create("Acme", rep);
    doc = A.change(doc, (d) => addCommitment(d, { id: "c1", text: "x", by: rep, at: AT }));
    doc = A.change(doc, (d) => addMilestone(d, { id: "m1", title: "y", by: rep, at: AT }));
    return A.change(doc, (d) => void (d.schemaVersion = 99));
  };

  const commands: [string, (d: AccountDoc) => void][] = [
    ["createAccount", (d) => createAccount(d, { name: "x", by: rep, at: AT })],
    ["renameAccount", (d) => renameAccount(d, { name: "x" })],
    ["addCommitment", (d) => addCommitment(d, { id: "c2", text: "x", by: rep, at: AT })],
    ["editCommitment", (d) => editCommitment(d, { id: "c1", text: "changed" })],
    ["moveCommitment", (d) => moveCommitment(d, { id: "c1", toIndex: 0 })],
    ["removeCommitment", (d) => removeCommitment(d, { id: "c1" })],
    ["addMilestone", (d) => addMilestone(d, { id: "m2", title: "x", by: rep, at: AT })],
    ["editMilestone", (d) => editMilestone(d, { id: "m1", title: "changed" })],
    ["moveMilestone", (d) => moveMilestone(d, { id: "m1", toIndex: 0 })],
    ["linkCommitment", (d) => linkCommitment(d, { milestoneId: "m1", commitmentId: "c1", linked: true })],
    ["removeMilestone", (d) => removeMilestone(d, { id: "m1" })],
  ];

  it.each(commands)("%s refuses with ReadOnlyDocumentError and changes nothing", (_name, command) => {
    const doc = newer();
    let error: unknown;
    try {
      A.change(doc, command);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadOnlyDocumentError);
    expect((error as ReadOnlyDocumentError).version).toBe(99);
    expect((error as Error).message).toMatch(/newer version of Baton/);
    expect(A.toJS(doc).schemaVersion).toBe(99);
    expect(Object.keys(doc.commitments)).toEqual(["c1"]);
    expect(Object.keys(doc.milestones)).toEqual(["m1"]);
  });

  it("assertWritable lets the current and older versions through", () => {
    expect(() => assertWritable({ schemaVersion: SCHEMA_VERSION })).not.toThrow();
    expect(() => assertWritable({})).not.toThrow();
    expect(() => assertWritable({ schemaVersion: SCHEMA_VERSION + 1 })).toThrow(ReadOnlyDocumentError);
  });
});
