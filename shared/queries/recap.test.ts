import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { lead, newAccount, rep, run } from "../testing/accounts";
import { describeItemChange, recapHtml, recapMarkdown, recapOf } from "./recap";

const AT = "2026-03-10T10:00:00.000Z";

describe("customer recap", () => {
  it("says plainly what is missing for an account with no requirements, no order and no lead", () => {
    const r = recapOf(newAccount("Contoso"), { today: "2026-03-10", includeChanges: true });
    expect(r.changes).toBeNull();
    const md = recapMarkdown(r);
    expect(md).toContain("# Contoso — what we agreed");
    expect(md).toContain("No requirements have been recorded yet");
    expect(md).toContain("## Not included\n\nEverything you asked for is covered above.");
    expect(md).toContain("There is no order yet.");
    expect(md).toContain("The delivery dates are not set yet");
    // The rep created it: until there is a delivery lead, the customer calls the rep.
    expect(md).toContain("From now on, call Riley Rep (your sales contact).");
    expect(recapHtml(r)).toContain("There is no order yet.");
    const nobody = A.change(newAccount("Nobody"), (d) => {
      d.rep = null;
    });
    expect(recapMarkdown(recapOf(nobody, { today: "2026-03-10" }))).toContain("We will name your contact shortly.");
  });

  it("pairs each requirement with what meets it and when, lists what is not included, the order and who to call with phone and email", () => {
    let doc = newAccount("Fabrikam");
    doc = run(doc, rep, "addRequirement", { id: "r1", text: "Runs offline on the shop floor", source: "call-note", by: rep, at: AT });
    doc = run(doc, rep, "addRequirement", { id: "r2", text: "SAP integration", source: "email", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Offline mode on every terminal", dueDate: "2027-01-11", requirementId: "r1", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c2", text: "Two days of training", by: rep, at: AT });
    doc = run(doc, rep, "setOrder", { reference: "PO-4711", date: "2026-03-01", items: "- 12 terminals\n- Installation\n\n" });
    doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Carla Customer" });
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc), contact: { phone: "+49 30 1234567", email: "dana@baton.example" } });
    const r = recapOf(doc, { today: "2026-03-11", locale: "en-GB" });
    expect(r.requirements).toEqual([{ text: "Runs offline on the shop floor", meetBy: [{ text: "Offline mode on every terminal", when: "11\u00a0January\u00a02027", delivered: false }] }]);
    expect(r.notIncluded).toEqual(["SAP integration"]);
    expect(r.alsoCommitted.map((p) => p.text)).toEqual(["Two days of training"]);
    expect(r.order).toEqual({ reference: "PO-4711", date: "1\u00a0March\u00a02026", items: ["12 terminals", "Installation"] });
    expect(r.callFirst).toEqual({ name: "Dana Lead", role: "Your delivery contact", phone: "+49 30 1234567", email: "dana@baton.example" });
    expect(r.escalation.map((e) => e.name)).toEqual(["Riley Rep"]);
    const md = recapMarkdown(r);
    expect(md).toContain("## Not included\n\nYou mentioned these, and they are not part of what we agreed:\n\n- SAP integration");
    expect(md).toContain("From now on, call Dana Lead (your delivery contact): +49 30 1234567, dana@baton.example.");
    expect(md).toContain("Agreed in the handoff meeting on 10\u00a0March\u00a02026, with Carla Customer.");
    // Customer wording: no internal statuses or roles, dates that never wrap.
    for (const internal of ["Proposed", "proposed", "owner to be named", "Account executive", "2027-01-"]) expect(md).not.toContain(internal);
    const html = recapHtml(r);
    expect(html).toContain('<a href="tel:+49301234567">+49 30 1234567</a>');
    expect(html).toContain("SAP integration");
    expect(html).toContain(".when{white-space:nowrap}");
  });

  it("says who to call with the phone and email the account holds: the rep before handoff, the lead after; a clear line where none is given", () => {
    let doc = newAccount("Initech");
    doc = run(doc, rep, "updateOwnerContact", { personId: rep.id, phone: "+1 555 0199", email: "riley@baton.example" });
    let md = recapMarkdown(recapOf(doc, { today: "2026-03-10" }));
    expect(md).toContain("From now on, call Riley Rep (your sales contact): +1 555 0199, riley@baton.example.");
    expect(md).not.toContain("If that does not resolve it");

    doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Carla Customer" });
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) });
    // The lead's phone and email are not on the account yet: the customer reads that they follow, not a blank.
    const r = recapOf(doc, { today: "2026-03-11" });
    expect(r.callFirst).toEqual({ name: "Dana Lead", role: "Your delivery contact", phone: null, email: null });
    md = recapMarkdown(r);
    expect(md).toContain("From now on, call Dana Lead (your delivery contact). We will send you Dana Lead's phone number and email shortly.");
    expect(md).toContain("If that does not resolve it: Riley Rep (your sales contact): +1 555 0199, riley@baton.example.");
    expect(recapHtml(r)).toContain("From now on, call Dana Lead (your delivery contact). We will send you Dana Lead&#39;s phone number and email shortly.");

    // The lead's own laptop writes them (on opening the account with a profile that has them).
    doc = run(doc, lead, "updateOwnerContact", { personId: lead.id, phone: "+49 30 1234567", email: null });
    md = recapMarkdown(recapOf(doc, { today: "2026-03-11" }));
    expect(md).toContain("From now on, call Dana Lead (your delivery contact): +49 30 1234567.");
    expect(md).not.toContain("shortly");
  });

  it("holds the plan with dates and the changes since handoff — escaped", () => {
    let doc = newAccount("Fabrikam <GmbH>");
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Line 2 running by the <b>trade fair</b>", dueDate: "2026-04-01", by: rep, at: AT });
    doc = run(doc, rep, "addMilestone", { id: "m1", title: "Install line 2", startDate: "2026-03-20", endDate: "2026-03-30", owner: "Dana", commitmentIds: ["c1"], by: rep, at: AT });
    doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Carla Customer" });
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) });
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-04-05" });
    const r = recapOf(doc, { today: "2026-03-11", includeChanges: true });
    const md = recapMarkdown(r);
    expect(md).toContain("Line 2 running by the \\<b\\>trade fair\\</b\\> — by 1\u00a0April\u00a02026");
    expect(md).toContain("**Install line 2**: 20\u00a0March\u00a02026 – 5\u00a0April\u00a02026");
    expect(md).toMatch(/Milestone “Install line 2”: end date 2026-03-30 → 2026-04-05 — Dana Lead/);
    const html = recapHtml(r);
    expect(html).toContain("Fabrikam &lt;GmbH&gt;");
    expect(html).toContain("Line 2 running by the &lt;b&gt;trade fair&lt;/b&gt;");
    expect(html).not.toContain("<b>trade fair</b>");
    expect(html).toContain("@media print");
    expect(recapOf(doc, { today: "2026-03-11" }).changes).toBeNull();
  });

  it("escapes every field a peer can write in the Markdown and drops control characters", () => {
    const evil = "<img src=x onerror=alert(1)>";
    let doc = newAccount("Initech");
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Training", dueDate: "2026-04-01", by: rep, at: AT });
    doc = run(doc, rep, "addMilestone", { id: "m1", title: "Install", startDate: "2026-03-20", endDate: "2026-03-30", owner: "Dana", commitmentIds: ["c1"], by: rep, at: AT });
    doc = run(doc, rep, "addContact", { id: "k1", name: "Kim", role: "decision-maker", email: "kim@initech.example", phone: "+49 30 1234567" });
    // A peer writes well-formed changes with whatever it likes in the fields that hold text.
    doc = A.change(doc, (d) => {
      const x = d as unknown as Record<string, Record<string, Record<string, unknown>>>;
      x.commitments!.c1!.text = `${evil}\r\n# Heading`;
      x.milestones!.m1!.title = "[click](javascript:alert(1))";
      x.milestones!.m1!.owner = new A.ImmutableString("1. <script>x</script>");
      x.contacts!.k1!.name = "~~gone~~ &lt;b&gt;";
      x.contacts!.k1!.email = new A.ImmutableString(`${evil}\u0007`);
    });
    const md = recapMarkdown(recapOf(doc, { today: "2026-03-11" }));
    // No tag, link or formatting of the peer's survives: every < [ ~ & is escaped.
    expect(md).not.toMatch(/(^|[^\\])<(img|script)/m);
    expect(md).not.toMatch(/(^|[^\\])\[click\]/);
    expect(md).toContain("\\<img src=x onerror=alert(1)\\>");
    expect(md).toContain("\\[click\\](javascript:alert(1))");
    expect(md).toContain("\\~\\~gone\\~\\~ \\&lt;b\\&gt;");
    expect([...md].filter((ch) => ch !== "\n" && (ch < " " || ch === "\u007f"))).toEqual([]);
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      "# Initech — what we agreed",
      "## What you need, and how we meet it",
      "## What else we committed",
      "## Not included",
      "## What you ordered",
      "## Delivery plan",
      "## Who to call",
    ]);
  });

  it("leaves out of the recap what a peer made nonsense of: a status, a role or a date Baton does not know", () => {
    const evil = "<img src=x onerror=alert(1)>";
    let doc = newAccount("Initech");
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Training", dueDate: "2026-04-01", by: rep, at: AT });
    doc = run(doc, rep, "addCommitment", { id: "c2", text: "Go live", dueDate: "2026-04-10", by: rep, at: AT });
    doc = A.change(doc, (d) => {
      const x = d as unknown as Record<string, Record<string, Record<string, unknown>>>;
      x.commitments!.c1!.status = evil;
      x.commitments!.c2!.dueDate = `${evil}\r\n# Heading`;
    });
    const md = recapMarkdown(recapOf(doc, { today: "2026-03-11" }));
    expect(md).not.toContain("Training");
    expect(md).not.toContain("Go live");
    expect(md).not.toContain("img");
  });
});

describe("a change said in words", () => {
  it("says a status or field a peer named after Object's own keys as written, without throwing", () => {
    const said = describeItemChange({
      kind: "commitment",
      id: "c1",
      name: "Train two admins",
      change: "changed",
      fields: [
        { field: "status", before: "constructor", after: "toString" },
        { field: "__proto__" as never, before: "agreed", after: "hasOwnProperty" },
      ],
      by: [],
      at: null,
    } as never);
    expect(said).toBe("Commitment “Train two admins”: status constructor → toString; __proto__ agreed → hasOwnProperty");
  });
});
