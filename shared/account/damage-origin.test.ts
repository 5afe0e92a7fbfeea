import { SCHEMA_VERSION } from "./values";
import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { checkAccount } from "./check";
import { damageOrigin } from "./damage-origin";
import { fixed } from "./fixed";
import { repairFor } from "../commands/damage";
import { commitmentsOf, headerOf } from "../queries/account-view";
import { ACTOR_A, ACTOR_B, AT, fullAccount, lead, rep, run, sync, type Doc } from "../testing/accounts";

type Raw = Record<string, unknown>;
const STOCK = "cc".repeat(16);
const T = 1_790_000_000;

/** A change made by a client that writes no Baton change message (a stock automerge-repo client). */
function stock(doc: Doc, fn: (d: Raw) => void, actor = STOCK, time = T): Doc {
  const theirs = A.change(A.clone(doc, { actor }), { time }, (d) => fn(d as unknown as Raw));
  const [mine] = A.applyChanges(doc, [A.getLastLocalChange(theirs)!]);
  return mine;
}

/** Repair every damaged part the way the window's "Restore" button does. */
function repairAll(doc: Doc): Doc {
  for (const damage of checkAccount(doc).damage) {
    doc = run(doc, lead, "repairDamage", { path: damage.path, repair: repairFor(damage, damageOrigin(doc, damage)) });
  }
  return doc;
}

describe("where a damaged part came from, and putting it right", () => {
  it("names the change, the device and the time, and restores the last good value as a new change", () => {
    const good = fullAccount("Acme", ACTOR_A);
    const doc = stock(good, (d) => void (((d.commitments as Raw).c1 as Raw).dueDate = 5));
    const [damage] = checkAccount(doc).damage;
    const origin = damageOrigin(doc, damage!);
    expect(origin.change).toMatchObject({ by: null, device: STOCK.slice(0, 8), deviceOf: null, at: new Date(T * 1000).toISOString() });
    expect(origin.change!.hash).toBe(A.getHeads(doc)[0]);
    expect(String((origin.before as { value: Raw }).value.dueDate)).toBe("2026-03-20");

    const changesBefore = A.getAllChanges(doc).length;
    const repaired = repairAll(doc);
    expect(checkAccount(repaired).damage).toEqual([]);
    expect(commitmentsOf(repaired).find((c) => c.id === "c1")).toMatchObject({ dueDate: "2026-03-20", text: "Train two admins", confirmed: true });
    // The repair is a change of its own, attributed; the damaging change stays in the history.
    expect(A.getAllChanges(repaired)).toHaveLength(changesBefore + 1);
    const last = A.decodeChange(A.getLastLocalChange(repaired)!);
    expect(JSON.parse(last.message!)).toMatchObject({ name: lead.name, kind: "commitment", what: "Restored a damaged commitment to its last good value" });
  });

  it("names the person whose device it is when the same device signed other changes", () => {
    const base = fullAccount("Acme", ACTOR_A);
    const leads = run(A.clone(base, { actor: ACTOR_B }), lead, "editMilestone", { id: "m1", title: "Training day" });
    const doc = stock(leads, (d) => void ((d.milestones as Raw).m2 = 42), ACTOR_B);
    const [damage] = checkAccount(doc).damage;
    expect(damageOrigin(doc, damage!).change).toMatchObject({ by: null, deviceOf: { id: lead.id, name: lead.name } });
  });

  it("takes out an item that was never sound, and puts back a replaced container whole", () => {
    let doc = stock(fullAccount(), (d) => {
      (d.commitments as Raw).junk = null;
      d.risks = "none";
    });
    const damage = checkAccount(doc).damage;
    expect(damage.map((d) => d.path.join("."))).toEqual(["commitments.junk", "risks"]);
    expect(damageOrigin(doc, damage[0]!).before).toEqual({ absent: true });
    doc = repairAll(doc);
    expect(checkAccount(doc).damage).toEqual([]);
    expect(Object.keys(doc.commitments).sort()).toEqual(["c1", "c2"]);
    expect(Object.keys(doc.risks)).toEqual(["x1"]);
  });

  it("names the change that replaced a declared part with an empty one, for each of its fields, and puts each back", () => {
    const good = run(fullAccount("Acme", ACTOR_A), rep, "editFeedback", { likes: "The dashboards" });
    let doc = stock(good, (d) => void (d.feedback = {}));
    const damage = checkAccount(doc).damage.filter((d) => d.path[0] === "feedback");
    expect(damage.map((d) => d.path.join(".")).sort()).toEqual(["feedback.likes", "feedback.optionsComfort", "feedback.priceFit", "feedback.viability"]);
    for (const d of damage) expect(damageOrigin(doc, d).change).toMatchObject({ hash: A.getHeads(doc)[0], device: STOCK.slice(0, 8) });
    expect(String((damageOrigin(doc, damage.find((d) => d.path[1] === "likes")!).before as { value: unknown }).value)).toBe("The dashboards");
    doc = repairAll(doc);
    expect(checkAccount(doc).damage).toEqual([]);
    expect(String(doc.feedback.likes)).toBe("The dashboards");
  });

  it("looks past several damaging changes to the last value that was sound", () => {
    let doc = stock(fullAccount(), (d) => void (((d.commitments as Raw).c1 as Raw).dueDate = 5));
    doc = stock(doc, (d) => void (((d.commitments as Raw).c1 as Raw).status = fixed("lost")), "dd".repeat(16), T + 60);
    const [damage] = checkAccount(doc).damage;
    const origin = damageOrigin(doc, damage!);
    expect(origin.change!.device).toBe(STOCK.slice(0, 8));
    expect(String((origin.before as { value: Raw }).value.status)).toBe("proposed");
  });

  it("finds the last good value past a change that pasted a long text, within the time it may take", () => {
    let doc = stock(fullAccount(), (d) => void (((d.commitments as Raw).c1 as Raw).dueDate = 5));
    // 150,000 characters of notes: 150,000 operations in one change, made after the damage.
    doc = stock(doc, (d) => void ((d.feedback as Raw).likes = "x".repeat(150_000)), "dd".repeat(16), T + 60);
    const [damage] = checkAccount(doc).damage;
    const started = Date.now();
    const origin = damageOrigin(doc, damage!, { changes: 5_000, ms: 600 });
    expect(Date.now() - started).toBeLessThan(600);
    expect(origin.change).toMatchObject({ device: STOCK.slice(0, 8) });
    expect(String((origin.before as { value: Raw }).value.dueDate)).toBe("2026-03-20");
    // So the button restores the due date instead of removing the commitment.
    expect(repairFor(damage!, origin)).toHaveProperty("value");
  });

  it("reads past a change holding a number too big for JavaScript, and names such a change", () => {
    // Automerge stores 2^53 (and 1e300) as a 64-bit whole number it cannot hand back as a
    // JavaScript number when it decodes the change.
    let doc = stock(fullAccount(), (d) => void (((d.commitments as Raw).c1 as Raw).dueDate = 5));
    doc = stock(doc, (d) => void ((d.order as Raw).value = 2 ** 53), "dd".repeat(16), T + 60);
    doc = stock(doc, (d) => void (d.schemaVersion = 1e300), "ee".repeat(16), T + 120);
    const damage = checkAccount(doc).damage;
    expect(damage.map((d) => d.path.join("."))).toEqual(["schemaVersion", "order.value", "commitments.c1"]);
    const [version, value, c1] = damage.map((d) => damageOrigin(doc, d));
    expect(version!.change).toMatchObject({ device: "ee".repeat(4) });
    expect((version!.before as { value: unknown }).value).toBe(SCHEMA_VERSION);
    expect(value!.change).toMatchObject({ device: "dd".repeat(4) });
    expect(String((value!.before as { value: unknown }).value)).toBe("18400");
    expect(c1!.change).toMatchObject({ device: STOCK.slice(0, 8) });
    expect(String((c1!.before as { value: Raw }).value.dueDate)).toBe("2026-03-20");
    expect(checkAccount(repairAll(doc)).damage).toEqual([]);
  });

  it("restores a part a peer deleted and then filled with nonsense to what it was before the deletion", () => {
    let doc = stock(fullAccount(), (d) => {
      delete d.order;
      delete (d.payment as Raw).invoiceReference;
    });
    doc = stock(doc, (d) => {
      d.order = 5;
      (d.payment as Raw).invoiceReference = 7;
    }, "dd".repeat(16), T + 60);
    const damage = checkAccount(doc).damage;
    expect(damage.map((d) => d.path.join("."))).toEqual(["order", "payment.invoiceReference"]);
    const [order, reference] = damage.map((d) => damageOrigin(doc, d));
    // The change that made it so is the deletion: the nonsense came on top of a part already missing.
    expect(order!.change).toMatchObject({ device: STOCK.slice(0, 8) });
    expect(String((order!.before as { value: Raw }).value.reference)).toBe("PO-1");
    expect(String((reference!.before as { value: unknown }).value)).toBe("INV-1");
    doc = repairAll(doc);
    expect(checkAccount(doc).damage).toEqual([]);
    expect(String(doc.order.reference)).toBe("PO-1");
    expect(String(doc.payment.invoiceReference)).toBe("INV-1");
  });

  it("restores a damaged value and the account name to what they were", () => {
    let doc = stock(fullAccount(), (d) => {
      d.name = { evil: true };
      (d.order as Raw).reference = 12;
    });
    doc = repairAll(doc);
    expect(headerOf(doc).name).toBe("Acme");
    expect(String(doc.order.reference)).toBe("PO-1");
  });

  it("converges when both laptops restore at once", () => {
    const damaged = stock(fullAccount("Acme", ACTOR_A), (d) => void ((d.commitments as Raw).c1 = "oops"));
    const [a, b] = [A.clone(damaged, { actor: ACTOR_A }), A.clone(damaged, { actor: ACTOR_B })];
    const [ma, mb] = sync(repairAll(a), repairAll(b));
    expect(A.toJS(ma)).toEqual(A.toJS(mb));
    expect(checkAccount(ma).damage).toEqual([]);
    expect(commitmentsOf(ma).map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("follows a damaged item of a list by what it is made of, not by its place, as other items come and go", () => {
    let doc = fullAccount("Acme", ACTOR_A);
    doc = run(doc, rep, "logActivity", { id: "a2", kind: "note", summary: "Second", by: rep, at: AT });
    doc = run(doc, rep, "logActivity", { id: "a3", kind: "note", summary: "Third", by: rep, at: AT });
    // A peer damages a3's time; then the rep removes a1, so a3 moves up one place.
    doc = stock(doc, (d) => void (((d.activities as unknown as Raw[])[2] as Raw).at = 7));
    doc = run(doc, rep, "removeActivity", { id: "a1" });
    const [damage] = checkAccount(doc).damage;
    expect(damage!.path).toEqual(["activities", 1]);
    const origin = damageOrigin(doc, damage!);
    expect(origin.change).toMatchObject({ by: null, device: STOCK.slice(0, 8) });
    expect(String((origin.before as { value: Raw }).value.id)).toBe("a3");
    doc = repairAll(doc);
    expect(doc.activities.map((a) => [String(a.id), a.summary])).toEqual([["a2", "Second"], ["a3", "Third"]]);
  });

  it("takes out an item a peer inserted into a list, instead of copying its neighbour over it", () => {
    let doc = run(fullAccount(), rep, "logActivity", { id: "a2", kind: "note", summary: "Second", by: rep, at: AT });
    doc = stock(doc, (d) => void (d.activities as unknown as { insertAt(i: number, v: unknown): void }).insertAt(0, null));
    const [damage] = checkAccount(doc).damage;
    expect(damageOrigin(doc, damage!).before).toEqual({ absent: true });
    doc = repairAll(doc);
    expect(doc.activities.map((a) => String(a.id))).toEqual(["a1", "a2"]);
  });

  it("puts back a list item a peer replaced with nonsense", () => {
    let doc = run(fullAccount(), rep, "logActivity", { id: "a2", kind: "note", summary: "Second", by: rep, at: AT });
    doc = stock(doc, (d) => void ((d.activities as unknown as unknown[])[1] = 42));
    doc = repairAll(doc);
    expect(doc.activities.map((a) => [String(a.id), a.summary])).toEqual([["a1", "Sent the proposal"], ["a2", "Second"]]);
  });

  it("traces every one of many items damaged by one change", () => {
    let doc = fullAccount();
    doc = A.change(doc, (d) => {
      for (let i = 0; i < 300; i++) d.commitments[`x${String(i)}`] = { ...JSON.parse(JSON.stringify(d.commitments.c2)), id: new A.ImmutableString(`x${String(i)}`), rank: new A.ImmutableString("a5"), status: new A.ImmutableString("agreed"), dueDate: null, requirementId: null, confirmed: null, promisedBy: new A.ImmutableString("Riley"), created: { by: { id: new A.ImmutableString("p"), name: new A.ImmutableString("P") }, at: new A.ImmutableString(AT) } } as never;
    });
    doc = stock(doc, (d) => {
      for (let i = 0; i < 300; i++) (d.commitments as Raw)[`x${String(i)}`] = null;
    });
    const damage = checkAccount(doc).damage;
    expect(damage).toHaveLength(300);
    for (const d of damage) {
      const origin = damageOrigin(doc, d);
      expect(origin.change?.device).toBe(STOCK.slice(0, 8));
      expect(String((origin.before as { value: Raw }).value.id)).toBe(d.path[1]);
    }
  });

  it("refuses to write a value that would itself be damaged", () => {
    const doc = fullAccount();
    expect(() => run(doc, lead, "repairDamage", { path: ["commitments", "c1"], repair: { value: { id: "c1" } } })).toThrow(/still be damaged/);
    expect(() => run(doc, lead, "repairDamage", { path: ["nowhere", "x", "y"], repair: { remove: true } })).toThrow();
  });

  it("never throws, whatever the path", () => {
    const doc = fullAccount();
    for (const path of [[], ["commitments"], ["commitments", "missing"], ["activities", 99], ["a", "b", "c"]]) {
      expect(() => damageOrigin(doc, { path })).not.toThrow();
    }
  });
});
