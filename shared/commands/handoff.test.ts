import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { errorOf, laptops, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import { handoffOf } from "../queries/handoff";
import { headerOf } from "../queries/account-view";
import { openItemsForMove } from "../queries/stage-checklist";
import { HandoffRuleError } from "./handoff";

const AT1 = "2026-03-10T10:00:00.000Z";
const AT2 = "2026-03-10T10:05:00.000Z";

function signOff(doc: Doc, who: typeof rep, at: string, customerAgreedBy = "Carla Customer"): Doc {
  return run(doc, who, "signOffHandoff", { role: who.role, by: who, at, heads: A.getHeads(doc), customerAgreedBy });
}

describe("handoff sign-off", () => {
  it("records one sign-off as pending, then completes: baseline, owner and delivery lead", () => {
    let doc = run(newAccount(), rep, "addCommitment", { id: "c1", text: "Train two admins", by: rep, at: AT1 });
    doc = signOff(doc, rep, AT1);
    let h = handoffOf(doc);
    expect(h.rep?.by?.name).toBe("Riley Rep");
    expect(h.pending).toEqual(["delivery-lead"]);
    expect(h.baseline).toBeNull();
    expect(h.customerAgreedBy).toBe("Carla Customer");
    expect(headerOf(doc).owner).toBe("rep");

    const headsBeforeLead = A.getHeads(doc);
    doc = signOff(doc, lead, AT2, "");
    h = handoffOf(doc);
    expect(h.pending).toEqual([]);
    expect(h.baseline).toMatchObject({ name: "As agreed at handoff, 2026-03-10", at: AT2, stored: true });
    // The heads both signers saw (the rep's are an ancestor of the lead's here).
    expect(h.baseline!.heads).toEqual(expect.arrayContaining(headsBeforeLead));
    expect(h.needsCompletion).toBe(false);
    const header = headerOf(doc);
    expect(header.owner).toBe("delivery-lead");
    expect(header.ownerPerson).toEqual({ id: lead.id, name: lead.name, phone: null, email: null });
    expect(header.rep).toEqual({ id: rep.id, name: rep.name, phone: null, email: null });
    // The stage checklist's sign-off item is done: moving to handed off no longer needs a reason for it.
    expect(openItemsForMove(doc, "ordered", "handed-off", "2026-03-10").map((i) => i.id)).not.toContain("handoff-signed-off");
  });

  it("refuses the same person twice, for the same role or the other one, and adds nothing", () => {
    let doc = signOff(newAccount(), rep, AT1);
    const again = errorOf(() => signOff(doc, rep, AT2));
    expect(again).toBeInstanceOf(HandoffRuleError);
    expect(again.message).toMatch(/You already signed off as the rep on 2026-03-10/);
    const asLead = errorOf(() => run(doc, rep, "signOffHandoff", { role: "delivery-lead", by: rep, at: AT2, heads: A.getHeads(doc) }));
    expect(asLead.message).toMatch(/the delivery lead must sign off from their own profile/);
    expect(Object.keys(doc.handoff.signOffs)).toEqual(["rep"]);
    doc = signOff(doc, lead, AT2);
    expect(errorOf(() => signOff(doc, lead, AT2)).message).toMatch(/already signed off as the delivery lead/);
  });

  it("needs the name of the customer who agreed", () => {
    const e = errorOf(() => signOff(newAccount(), rep, AT1, "  "));
    expect(e.message).toBe("Name the customer who agreed to the handoff.");
  });

  it("sign-offs made apart are both kept, pending until synced, and concurrent completions converge on one baseline", () => {
    const [a0, b0] = laptops(run(newAccount(), rep, "addMilestone", { id: "m1", title: "Install", by: rep, at: AT1 }));
    const a = signOff(a0, rep, AT1);
    const b = signOff(run(b0, lead, "editMilestone", { id: "m1", endDate: "2026-04-01" }), lead, AT2);
    expect(handoffOf(a).pending).toEqual(["delivery-lead"]);
    expect(handoffOf(b).pending).toEqual(["rep"]);
    let [a2, b2] = sync(a, b);
    expect(handoffOf(a2).pending).toEqual([]);
    expect(handoffOf(a2).needsCompletion).toBe(true);
    // The implied baseline is already the same on both.
    expect(handoffOf(a2).baseline).toEqual(handoffOf(b2).baseline);
    expect(handoffOf(a2).baseline?.stored).toBe(false);
    // Both laptops complete at once.
    a2 = run(a2, rep, "completeHandoff", {});
    b2 = run(b2, lead, "completeHandoff", {});
    const [a3, b3] = sync(a2, b2);
    expect(handoffOf(a3).baseline).toEqual(handoffOf(b3).baseline);
    expect(handoffOf(a3).baseline?.stored).toBe(true);
    expect(handoffOf(a3).needsCompletion).toBe(false);
    expect(headerOf(a3).ownerPerson?.name).toBe("Dana Lead");
    expect(headerOf(b3).owner).toBe("delivery-lead");
    // The baseline holds what each signer saw: the rep's side and the lead's edit.
    const old = A.view(a3, handoffOf(a3).baseline!.heads);
    expect(String(old.milestones.m1!.endDate)).toBe("2026-04-01");
    expect(old.handoff.signOffs.rep).toBeUndefined();
  });

  it("ticks agenda items as agreed and unticks them", () => {
    let doc = run(newAccount(), rep, "tickAgendaItem", { itemId: "delivery-plan", agreed: true, by: rep, at: AT1 });
    expect(doc.handoff.agenda?.["delivery-plan"]).toBeDefined();
    doc = run(doc, lead, "tickAgendaItem", { itemId: "delivery-plan", agreed: false, by: lead, at: AT2 });
    expect(doc.handoff.agenda?.["delivery-plan"]).toBeUndefined();
  });
});
