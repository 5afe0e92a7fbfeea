import { SCHEMA_VERSION } from "./values";
import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { checkAccount, damageIn, soundAt, type Damage } from "./check";
import { ACCOUNT_PARTS, emptyContainer, type PartSpec } from "./records/account";
import { fixed } from "./fixed";
import { AT, fullAccount, newAccount, rep, run, type Doc } from "../testing/accounts";
import { commitmentsOf, headerOf, milestonesOf } from "../queries/account-view";
import { everyView } from "../testing/views";
import { editsThatFail, repairEverything } from "../testing/account-invariants";
import { damageOrigin } from "./damage-origin";
import { repairFor } from "../commands/damage";

type Raw = Record<string, unknown>;
const peer = (doc: Doc, fn: (d: Raw) => void): Doc => A.change(doc, (d) => fn(d as unknown as Raw));
const only = (damage: readonly Damage[]) => damage.map(({ path, scope, field, expected, got }) => ({ path, scope, field, expected, got }));

describe("checking an account", () => {
  it("hands back the document itself when nothing is damaged, so nothing redraws because of the check", () => {
    const doc = fullAccount();
    const check = checkAccount(doc);
    expect(check.damage).toEqual([]);
    expect(check.account).toBe(doc);
    expect(checkAccount(doc)).toBe(check);
  });

  it("has something in every part of the full account it is tested on", () => {
    const doc = fullAccount() as unknown as Raw;
    const walk = (parts: Readonly<Record<string, PartSpec>>, record: Raw, path: string) => {
      for (const [key, spec] of Object.entries(parts)) {
        if (spec.kind === "group") walk(spec.parts, record[key] as Raw, `${path}${key}.`);
        else if (spec.kind !== "value") expect(Object.keys(record[key] as object).length, `${path}${key}`).toBeGreaterThan(0);
      }
    };
    walk(ACCOUNT_PARTS, doc, "");
  });

  it("leaves out a damaged item and says what is wrong with it", () => {
    const doc = peer(fullAccount(), (d) => {
      (d.commitments as Raw).c2 = null;
      ((d.commitments as Raw).c1 as Raw).dueDate = 5;
      ((d.milestones as Raw).m1 as Raw).commitmentIds = 5;
    });
    const check = checkAccount(doc);
    expect(only(check.damage)).toEqual([
      { path: ["commitments", "c1"], scope: "item", field: ["dueDate"], expected: "date", got: "number" },
      { path: ["commitments", "c2"], scope: "item", field: [], expected: "record", got: "null" },
      { path: ["milestones", "m1"], scope: "item", field: ["commitmentIds"], expected: "list", got: "number" },
    ]);
    expect(check.damage[0]!.found).toBe("5");
    expect(check.damage[0]!.itemKind).toBe("commitment");
    expect(commitmentsOf(check.account)).toEqual([]);
    expect(milestonesOf(check.account).map((m) => m.id)).toEqual(["m2"]);
    expect(damageIn(check, "commitments").map((d) => d.path[1])).toEqual(["c1", "c2"]);
  });

  it("reads a container replaced by something else as empty, and a damaged value as its default", () => {
    const doc = peer(fullAccount(), (d) => {
      d.commitments = "gone";
      d.name = { evil: true };
      d.stage = fixed("nowhere");
      (d.order as Raw).value = "lots";
      d.handoff = 7;
    });
    const check = checkAccount(doc);
    expect(only(check.damage)).toEqual([
      { path: ["name"], scope: "value", field: [], expected: "text", got: "record" },
      { path: ["stage"], scope: "value", field: [], expected: "choice", got: "text" },
      { path: ["order", "value"], scope: "value", field: [], expected: "amount", got: "text" },
      { path: ["commitments"], scope: "container", field: [], expected: "map", got: "text" },
      { path: ["handoff"], scope: "container", field: [], expected: "record", got: "number" },
    ]);
    const account = check.account;
    expect(account.commitments).toEqual({});
    expect(headerOf(account)).toMatchObject({ name: "", stage: "follow-up" });
    expect(account.order.reference?.toString()).toBe("PO-1");
    expect(account.handoff.signOffs).toEqual({});
    // Still the account's own history underneath: heads and changes read from the checked account.
    expect(A.getHeads(account as Doc)).toEqual(A.getHeads(doc));
  });

  it("refuses an item whose id is not its key, an item with a broken rank, and an unknown status", () => {
    const doc = peer(fullAccount(), (d) => {
      ((d.contacts as Raw).k1 as Raw).id = fixed("other");
      ((d.risks as Raw).x1 as Raw).rank = fixed("!!");
      ((d.milestones as Raw).m2 as Raw).status = fixed("exploded");
    });
    expect(only(checkAccount(doc).damage).map((d) => [d.path.join("."), d.field.join("."), d.expected])).toEqual([
      ["contacts.k1", "id", "same-id"],
      ["milestones.m2", "status", "choice"],
      ["risks.x1", "rank", "rank"],
    ]);
  });

  it("keeps every untouched part the same object after a change, damaged or not", () => {
    const damaged = peer(fullAccount(), (d) => void ((d.commitments as Raw).bad = null));
    const before = checkAccount(damaged).account;
    const after = checkAccount(run(damaged, rep, "editMilestone", { id: "m1", title: "Training day" })).account;
    expect(after.commitments).toBe(before.commitments);
    expect(after.contacts).toBe(before.contacts);
    expect(after.milestones).not.toBe(before.milestones);
    expect(after.milestones.m2).toBe(before.milestones.m2);
  });

  it("shows text a peer wrote without direction overrides or control characters, and cut to the form's length", () => {
    const doc = peer(fullAccount(), (d) => {
      d.name = `\u202Elive\u202C ${"x".repeat(100_000)}`;
      ((d.commitments as Raw).c1 as Raw).text = "Train\u0007 two\u2066 admins\nthen go live";
    });
    const check = checkAccount(doc);
    expect(check.damage).toEqual([]);
    expect(check.account.name.startsWith("live x")).toBe(true);
    expect([...check.account.name].length).toBeLessThanOrEqual(121);
    expect(check.account.commitments.c1!.text).toBe("Train two admins\nthen go live");
    expect(check.account.commitments.c2).toBe(doc.commitments.c2);
  });

  it("treats a part the document's version did not have yet as missing, not damaged", () => {
    const v1 = peer(newAccount(), (d) => {
      d.schemaVersion = 1;
      delete (d.handoff as Raw).agenda;
    });
    expect(checkAccount(v1).damage).toEqual([]);
    const v2 = peer(newAccount(), (d) => void delete (d.handoff as Raw).agenda);
    expect(only(checkAccount(v2).damage)).toEqual([{ path: ["handoff", "agenda"], scope: "container", field: [], expected: "map", got: "nothing" }]);
  });

  it("takes a date, bytes or a counter where a part or an item belongs for damage, not for an empty part", () => {
    const doc = peer(fullAccount(), (d) => {
      d.commitments = new Date(5);
      d.milestones = new Uint8Array([1, 2, 3]);
      d.risks = new A.Counter(3);
      d.payment = new Date(0);
      (d.contacts as Raw).k1 = new Date(1);
    });
    const check = checkAccount(doc);
    expect(only(check.damage)).toEqual([
      { path: ["payment"], scope: "container", field: [], expected: "record", got: "other" },
      { path: ["contacts", "k1"], scope: "item", field: [], expected: "record", got: "other" },
      { path: ["commitments"], scope: "container", field: [], expected: "map", got: "other" },
      { path: ["milestones"], scope: "container", field: [], expected: "map", got: "other" },
      { path: ["risks"], scope: "container", field: [], expected: "map", got: "other" },
    ]);
    expect(check.account.commitments).toEqual({});
    expect(check.account.payment).toEqual({ invoiceReference: null, invoiceDate: null, dueDate: null, paidDate: null });
    // Each is put right by writing back the part as it was.
    let repaired = doc;
    for (const damage of check.damage) {
      repaired = run(repaired, rep, "repairDamage", { path: damage.path, repair: repairFor(damage, damageOrigin(repaired, damage)) });
    }
    expect(checkAccount(repaired).damage).toEqual([]);
    expect(commitmentsOf(repaired).map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("takes a schema version no Baton writes for damage that can be restored, not for a newer app's account", () => {
    for (const bogus of [1e15, 5_000, 2 ** 53, -1, 2.5]) {
      const doc = peer(fullAccount(), (d) => void (d.schemaVersion = bogus));
      const check = checkAccount(doc);
      // 2^53 reads back from Automerge as a bigint ("other"); the rest as numbers.
      expect(only(check.damage), String(bogus)).toEqual([{ path: ["schemaVersion"], scope: "value", field: [], expected: "whole-number", got: bogus === 2 ** 53 ? "other" : "number" }]);
      expect(headerOf(check.account).readOnly).toBe(false);
      const [damage] = check.damage;
      const repaired = run(doc, rep, "repairDamage", { path: damage!.path, repair: repairFor(damage!, damageOrigin(doc, damage!)) });
      expect(repaired.schemaVersion).toBe(SCHEMA_VERSION);
      expect(checkAccount(repaired).damage).toEqual([]);
    }
    // A version a newer Baton could have written still opens read-only.
    expect(headerOf(checkAccount(peer(fullAccount(), (d) => void (d.schemaVersion = 99))).account).readOnly).toBe(true);
  });

  it("reports the same damage on every replica once the schema version is put right, whatever was checked before", () => {
    // A peer deletes a field and breaks the version: under no version, the missing field is not damage yet.
    const broken = peer(fullAccount(), (d) => {
      delete (d.payment as Raw).dueDate;
      d.schemaVersion = -1;
    });
    expect(only(checkAccount(broken).damage).map((d) => d.path)).toEqual([["schemaVersion"]]);
    // Once the version is repaired, the same unchanged record is checked again under it.
    const repaired = peer(broken, (d) => void (d.schemaVersion = 2));
    const fresh: Doc = A.load(A.save(repaired));
    expect(only(checkAccount(fresh).damage).map((d) => d.path)).toEqual([["payment", "dueDate"]]);
    expect(only(checkAccount(repaired).damage)).toEqual(only(checkAccount(fresh).damage));
  });

  it("gives every part a default that is itself sound", () => {
    const walk = (parts: Readonly<Record<string, PartSpec>>, path: string[]) => {
      for (const [key, spec] of Object.entries(parts)) {
        const value = spec.kind === "value" ? spec.fallback() : emptyContainer(spec);
        expect(soundAt([...path, key], value), [...path, key].join(".")).toBe(true);
        if (spec.kind === "group") walk(spec.parts, [...path, key]);
      }
    };
    walk(ACCOUNT_PARTS, []);
  });

  it("lets every view, summary and export run on what it returns, whatever a peer wrote", () => {
    const writes: ((d: Raw) => void)[] = [
      (d) => void (d.commitments = null),
      (d) => void (d.milestones = [1, 2, 3]),
      (d) => void ((d.milestones as Raw).m1 = "m1"),
      (d) => void (((d.milestones as Raw).m1 as Raw).dependsOn = { a: 1 }),
      (d) => void (((d.commitments as Raw).c1 as Raw).created = null),
      (d) => void (((d.commitments as Raw).c1 as Raw).confirmed = { occasion: 3 }),
      (d) => void (d.followUps = { f1: { id: fixed("f1"), agreedTime: 12 } }),
      (d) => void ((d.activities as unknown[])[0] = null),
      (d) => void (d.activities = "none"),
      (d) => void (d.stageHistory = [{ to: null }]),
      (d) => void (d.payment = null),
      (d) => void ((d.payment as Raw).dueDate = fixed("2026-02-30")),
      (d) => void (d.checks = []),
      (d) => void (d.relationship = { referrals: 5 }),
      (d) => void ((d.handoff as Raw).baseline = { heads: "zzz" }),
      (d) => void ((d.handoff as Raw).baseline = { name: fixed("b"), heads: [fixed("not-a-hash")], at: fixed(AT) }),
      (d) => void ((d.handoff as Raw).signOffs = { rep: { role: fixed("rep") } }),
      (d) => void (d.rep = { id: 1 }),
      (d) => void (d.owner = null),
      (d) => void (d.schemaVersion = "2"),
      (d) => void (d.created = "yesterday"),
      (d) => void (d.decisionProcess = { meetingDate: fixed("soon") }),
      (d) => void ((d.risks as Raw).x1 = { id: fixed("x1"), rank: fixed("a0"), kind: fixed("competitor"), description: 5 }),
    ];
    for (const write of writes) {
      const doc = peer(fullAccount(), write);
      const check = checkAccount(doc);
      expect(check.damage.length, write.toString()).toBeGreaterThan(0);
      expect(() => everyView(doc, check.account), write.toString()).not.toThrow();
    }
  });
});

describe("a key named __proto__, which Automerge's core accepts", () => {
  it("is damage to the part that holds it, not a hidden prototype every lookup reads through", () => {
    let base = fullAccount();
    base = run(base, rep, "logFollowUpCall", { followUpId: "f1", outcome: "reached", summary: "ok", nextStepKind: "other", activityId: "act9", by: rep, at: AT });
    // A peer's raw backend writes followUps.__proto__ = { ghost: … } and points an activity at "ghost".
    const raw = A.getBackend(A.load(A.save(base))) as unknown as {
      putObject(obj: string, key: string, value: object): string;
      put(obj: string, key: string, value: unknown): void;
      commit(message: string): void;
      getChanges(heads: string[]): Uint8Array[];
    };
    const proto = raw.putObject(A.getObjectId(base.followUps)!, "__proto__", {});
    const ghost = raw.putObject(proto, "ghost", {});
    raw.put(raw.putObject(ghost, "purpose", {}), "toString", 5);
    raw.put(A.getObjectId(base.activities[base.activities.length - 1])!, "followUpId", "ghost");
    raw.commit("evil");
    const [doc] = A.applyChanges(A.clone(base), raw.getChanges(A.getHeads(base)));
    const check = checkAccount(doc);
    expect(only(check.damage)).toEqual([{ path: ["followUps"], scope: "container", field: [], expected: "map", got: "other" }]);
    expect(() => everyView(doc, check.account)).not.toThrow();
  });
});

describe("the declaration of every record", () => {
  it("declares every part of AccountDoc, and nothing else", () => {
    const doc = newAccount() as unknown as Raw;
    // Values left unwritten until someone sets them are the only parts a new account lacks.
    const written = Object.entries(ACCOUNT_PARTS).filter(([, spec]) => !(spec.kind === "value" && spec.unwritten)).map(([key]) => key);
    expect(written.sort()).toEqual(Object.keys(doc).sort());
  });

  it("accepts every item the commands write", () => {
    const doc = fullAccount();
    const walk = (parts: Readonly<Record<string, PartSpec>>, record: Raw, path: (string | number)[]) => {
      for (const [key, spec] of Object.entries(parts)) {
        const value = record[key];
        expect(soundAt([...path, key], value), [...path, key].join(".")).toBe(true);
        if (spec.kind === "group") walk(spec.parts, value as Raw, [...path, key]);
        if (spec.kind === "map") for (const [k, item] of Object.entries(value as Raw)) expect(soundAt([...path, key, k], item), `${key}.${k}`).toBe(true);
        if (spec.kind === "list") (value as unknown[]).forEach((item, i) => expect(soundAt([...path, key, i], item), `${key}[${i}]`).toBe(true));
      }
    };
    walk(ACCOUNT_PARTS, doc as unknown as Raw, []);
  });
});


describe("a schema version a peer took away", () => {
  it.each([
    ["deleted", (d: Record<string, unknown>) => void delete d.schemaVersion],
    ["set to 0", (d: Record<string, unknown>) => void (d.schemaVersion = 0)],
  ])("%s along with the commitments is damage, and repairs leave an account people can edit", (_how, breakVersion) => {
    let doc = fullAccount();
    doc = A.change(doc, { message: "evil" }, (d) => {
      breakVersion(d as unknown as Record<string, unknown>);
      delete (d as unknown as Record<string, unknown>).commitments;
    });
    expect(checkAccount(doc).damage.map((d) => d.path.join("."))).toContain("schemaVersion");
    const repaired = repairEverything(
      () => doc,
      (args) => void (doc = run(doc, rep, "repairDamage", args)),
    );
    expect(repaired.made).toBeGreaterThanOrEqual(2);
    expect(checkAccount(doc).damage).toEqual([]);
    expect(editsThatFail(doc)).toEqual([]);
  });
});
