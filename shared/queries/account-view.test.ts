import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { fixed } from "../account/fixed";
import { createAccount } from "../commands/account";
import { addCommitment, moveCommitment } from "../commands/commitments";
import { addMilestone, moveMilestone } from "../commands/milestones";
import { commitmentsOf, headerOf, milestonesOf } from "./account-view";

const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const lead: Profile = { id: "p-lead", name: "Dana Lead", role: "delivery-lead" };
const AT = "2026-03-02T09:00:00.000Z";

function account(): A.Doc<AccountDoc> {
  let doc = A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "Acme", by: rep, at: AT }));
  doc = A.change(doc, (d) => {
    addCommitment(d, { id: "c1", text: "Install", dueDate: "2026-04-01", by: rep, at: AT });
    addCommitment(d, { id: "c2", text: "Train", by: lead, at: AT });
    addCommitment(d, { id: "c3", text: "Support", by: rep, at: AT });
    addMilestone(d, { id: "m1", title: "Kick-off", commitmentIds: ["c1"], by: rep, at: AT });
    addMilestone(d, { id: "m2", title: "Go-live", commitmentIds: ["c1", "c3"], endDate: "2026-05-01", by: rep, at: AT });
  });
  return doc;
}

/** Every string-valued field of a view is a plain JS string, never a stored ImmutableString. */
function expectPlain(value: unknown): void {
  if (value === null || typeof value !== "object") return;
  expect(A.isImmutableString(value)).toBe(false);
  for (const v of Object.values(value)) expectPlain(v);
}

describe("commitmentsOf", () => {
  it("lists commitments in their visible order as plain strings", () => {
    let doc = account();
    doc = A.change(doc, (d) => moveCommitment(d, { id: "c3", toIndex: 0 }));
    const views = commitmentsOf(doc);
    expect(views.map((c) => c.text)).toEqual(["Support", "Install", "Train"]);
    expectPlain(views);
    expect(typeof views[0]!.id).toBe("string");
    expect(views[1]!.dueDate).toBe("2026-04-01");
    expect(views[2]!.createdBy).toEqual({ id: "p-lead", name: "Dana Lead" });
  });

  it("derives which milestones fulfil each commitment from the milestones' links", () => {
    const byId = Object.fromEntries(commitmentsOf(account()).map((c) => [c.id, c.milestoneIds]));
    expect(byId).toEqual({ c1: ["m1", "m2"], c2: [], c3: ["m2"] });
  });

  it("reports whether the customer confirmed it", () => {
    const doc = A.change(account(), (d) => {
      d.commitments.c2!.confirmed = { occasion: fixed("handoff-meeting"), at: fixed(AT), by: { id: fixed("p-rep"), name: fixed("Riley Rep") } };
    });
    expect(commitmentsOf(doc).map((c) => c.confirmed)).toEqual([false, true, false]);
  });

  it("is empty for a document without commitments yet", () => {
    expect(commitmentsOf(A.from({}) as unknown as AccountDoc)).toEqual([]);
    expect(milestonesOf(A.from({}) as unknown as AccountDoc)).toEqual([]);
  });
});

describe("milestonesOf", () => {
  it("lists milestones in order with their links as plain strings", () => {
    let doc = account();
    doc = A.change(doc, (d) => moveMilestone(d, { id: "m2", toIndex: 0 }));
    const views = milestonesOf(doc);
    expect(views.map((m) => [m.id, m.title, m.commitmentIds])).toEqual([
      ["m2", "Go-live", ["c1", "c3"]],
      ["m1", "Kick-off", ["c1"]],
    ]);
    expect(views[0]!.endDate).toBe("2026-05-01");
    expectPlain(views);
  });
});

describe("headerOf", () => {
  it("names the current owner: the rep before handoff, the delivery lead after", () => {
    let doc = account();
    expect(headerOf(doc).ownerPerson).toEqual({ id: "p-rep", name: "Riley Rep", phone: null, email: null });
    doc = A.change(doc, (d) => {
      d.deliveryLead = { id: fixed(lead.id), name: fixed(lead.name), phone: null, email: null };
      d.owner = fixed("delivery-lead");
      d.stage = fixed("handed-off");
    });
    expect(headerOf(doc)).toMatchObject({ owner: "delivery-lead", stage: "handed-off", ownerPerson: { id: "p-lead", name: "Dana Lead" } });
    expectPlain(headerOf(doc));
  });
});
