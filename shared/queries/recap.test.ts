import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { lead, newAccount, rep, run } from "../testing/accounts";
import { recapHtml, recapMarkdown, recapOf } from "./recap";

const AT = "2026-03-10T10:00:00.000Z";

describe("customer recap", () => {
  it("says plainly when there is no plan and no commitment", () => {
    const r = recapOf(newAccount("Contoso"), { today: "2026-03-10", includeChanges: true });
    expect(r.changes).toBeNull();
    const md = recapMarkdown(r);
    expect(md).toContain("# Contoso — what we agreed");
    expect(md).toContain("No commitments have been recorded yet.");
    expect(md).toContain("There is no delivery plan yet: no milestones have been agreed.");
    expect(recapHtml(r)).toContain("There is no delivery plan yet");
  });

  it("holds the commitments, the plan with dates, who to call, and the changes since handoff — escaped", () => {
    let doc = newAccount("Fabrikam <GmbH>");
    doc = run(doc, rep, "addCommitment", { id: "c1", text: "Line 2 running by the <b>trade fair</b>", dueDate: "2026-04-01", by: rep, at: AT });
    doc = run(doc, rep, "addMilestone", { id: "m1", title: "Install line 2", startDate: "2026-03-20", endDate: "2026-03-30", owner: "Dana", commitmentIds: ["c1"], by: rep, at: AT });
    doc = run(doc, rep, "signOffHandoff", { role: "rep", by: rep, at: AT, heads: A.getHeads(doc), customerAgreedBy: "Carla Customer" });
    doc = run(doc, lead, "signOffHandoff", { role: "delivery-lead", by: lead, at: AT, heads: A.getHeads(doc) });
    doc = run(doc, lead, "editMilestone", { id: "m1", endDate: "2026-04-05" });
    const r = recapOf(doc, { today: "2026-03-11", includeChanges: true });
    expect(r.callFirst).toEqual({ name: "Dana Lead", role: "Delivery lead" });
    const md = recapMarkdown(r);
    expect(md).toContain("Line 2 running by the \\<b\\>trade fair\\</b\\> — by 2026-04-01");
    expect(md).toContain("**Install line 2**: 2026-03-20 → 2026-04-05 — Dana (Planned)");
    expect(md).toContain("From now on, call **Dana Lead** (Delivery lead).");
    expect(md).toContain("As agreed at handoff, 2026-03-10, with Carla Customer.");
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
    expect(md).toContain("1\\. \\<script\\>x\\</script\\>");
    expect(md).toContain("\\~\\~gone\\~\\~ \\&lt;b\\&gt;");
    expect([...md].filter((ch) => ch !== "\n" && (ch < " " || ch === "\u007f"))).toEqual([]);
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual(["# Initech — what we agreed", "## What we committed", "## Delivery plan", "## Who to call"]);
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
