import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, errorOf, laptops, lead, newAccount, rep, run, sync } from "../testing/accounts";
import { risksOf } from "../queries/risks";
import { summarize } from "../queries/summary";
import { MissingItemError } from "./errors";

const base = () => {
  const doc = run(newAccount(), rep, "addRisk", { id: "k1", kind: "competitor", description: "Rival offers 20% off", by: rep, at: AT });
  return run(doc, rep, "addRisk", { id: "k2", kind: "supply-date", description: "Chips late", severity: "high", mitigation: "Second supplier", owner: "Dana", by: lead, at: AT });
};

describe("risks", () => {
  it("adds risks: open and medium unless said otherwise", () => {
    const doc = base();
    expect(risksOf(doc)).toEqual([
      { id: "k1", kind: "competitor", description: "Rival offers 20% off", severity: "medium", mitigation: "", status: "open", owner: "", createdBy: { id: "p-rep", name: "Riley Rep" }, createdAt: AT },
      { id: "k2", kind: "supply-date", description: "Chips late", severity: "high", mitigation: "Second supplier", status: "open", owner: "Dana", createdBy: { id: "p-lead", name: "Dana Lead" }, createdAt: AT },
    ]);
    for (const v of [doc.risks.k1!.kind, doc.risks.k1!.severity, doc.risks.k1!.status, doc.risks.k1!.owner]) expect(A.isImmutableString(v)).toBe(true);
  });

  it("edits, and the summary counts only open risks", () => {
    let doc = base();
    expect(summarize("d", doc).openRisks).toBe(2);
    doc = run(doc, rep, "editRisk", { id: "k1", status: "mitigated", mitigation: "Matched on service", severity: "low", kind: "scope", owner: "Riley", description: "Rival offers 25% off" });
    expect(risksOf(doc)[0]).toMatchObject({ status: "mitigated", mitigation: "Matched on service", severity: "low", kind: "scope", owner: "Riley", description: "Rival offers 25% off" });
    expect(summarize("d", doc).openRisks).toBe(1);
    expect(risksOf(doc, { status: "open" }).map((r) => r.id)).toEqual(["k2"]);
    doc = run(doc, rep, "editRisk", { id: "k2", status: "closed" });
    expect(summarize("d", doc).openRisks).toBe(0);
  });

  it("merges concurrent typing in the mitigation", () => {
    const [a, b] = laptops(base());
    const [a2] = sync(run(a, rep, "editRisk", { id: "k2", mitigation: "Second supplier in Taiwan" }), run(b, lead, "editRisk", { id: "k2", mitigation: "Backup: second supplier" }));
    expect(risksOf(a2)[1]!.mitigation).toBe("Backup: second supplier in Taiwan");
  });

  it("moves and removes; a gone risk gives MissingItemError", () => {
    let doc = run(base(), rep, "moveRisk", { id: "k2", toIndex: 0 });
    expect(risksOf(doc).map((r) => r.id)).toEqual(["k2", "k1"]);
    doc = run(doc, rep, "removeRisk", { id: "k2" });
    expect(risksOf(doc).map((r) => r.id)).toEqual(["k1"]);
    expect(errorOf(() => run(doc, rep, "editRisk", { id: "k2", status: "open" }))).toBeInstanceOf(MissingItemError);
    expect(errorOf(() => run(doc, rep, "removeRisk", { id: "k2" }))).toBeInstanceOf(MissingItemError);
  });
});
