import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { ACCOUNT_MIGRATIONS, isFromNewerApp, migrate, migrated, needsMigration, versionOf, type Migration } from "./migrations";
import { SCHEMA_VERSION, type AccountDoc } from "./schema";
import { fixed } from "./fixed";
import { createAccount } from "../commands/account";
import { addCommitment } from "../commands/commitments";
import { commitmentsOf, headerOf } from "../queries/account-view";
import { checkAccount } from "./check";
import { fullAccount } from "../testing/accounts";
import { summarize } from "../queries/summary";
import { savedV3Account } from "./fixtures/account-v3";
import { setCustomer } from "../commands/account";
import { updateOwnerContact } from "../commands/owner-contact";
import { recapOf } from "../queries/recap";
import { run } from "../testing/accounts";
import { repairEverything } from "../testing/account-invariants";

type Raw = Record<string, unknown>;

/** Every top-level part of a v1 account. */
const V1_KEYS: (keyof AccountDoc)[] = [
  "schemaVersion", "name", "created", "rep", "deliveryLead", "owner", "stage", "stageHistory", "order", "payment",
  "contacts", "requirements", "commitments", "milestones", "risks", "followUps", "activities", "decisionProcess",
  "feedback", "handoff",
];

const rep = { id: "p-rep", name: "Riley Rep", role: "rep" as const };
const AT = "2026-03-02T09:00:00.000Z";

/** A document written before versioning: a name and a few fields, no schemaVersion. */
function v0Doc(): A.Doc<Raw> {
  return A.from<Raw>({
    name: "Old Acme",
    stage: fixed("ordered"),
    commitments: {
      c1: { id: fixed("c1"), rank: fixed("a0"), text: "Install by March", status: fixed("agreed") },
    },
  });
}

describe("v0 → current", () => {
  it("adds every part of an account and leaves existing data untouched", () => {
    const before = v0Doc();
    expect(versionOf(before)).toBe(0);
    expect(needsMigration(before)).toBe(true);

    const after = A.change(before, (d) => migrate(d));
    for (const key of V1_KEYS) expect(after[key], key).not.toBeUndefined();
    expect(after.schemaVersion).toBe(SCHEMA_VERSION);
    expect(needsMigration(after)).toBe(false);

    const js = A.toJS(after) as unknown as AccountDoc;
    expect(js.name).toBe("Old Acme");
    expect(String(js.stage)).toBe("ordered");
    expect(Object.keys(js.commitments)).toEqual(["c1"]);
    expect(js.commitments.c1!.text).toBe("Install by March");
    // Filled-in parts have their defaults.
    expect(String(js.owner)).toBe("rep");
    expect(js.stageHistory).toEqual([]);
    expect(js.milestones).toEqual({});
    expect(js.handoff).toEqual({ signOffs: {}, customerAgreedBy: null, baseline: null, agenda: {} });
  });

  it("leaves the document readable by the queries", () => {
    const doc = A.change(v0Doc(), (d) => migrate(d)) as unknown as A.Doc<AccountDoc>;
    expect(headerOf(doc)).toMatchObject({ name: "Old Acme", stage: "ordered", owner: "rep", readOnly: false, schemaVersion: SCHEMA_VERSION });
    expect(commitmentsOf(doc).map((c) => c.text)).toEqual(["Install by March"]);
  });

  it("running it a second time changes nothing (no operations, same heads)", () => {
    const once = A.change(v0Doc(), (d) => migrate(d));
    const twice = A.change(once, (d) => migrate(d));
    expect(A.getHeads(twice)).toEqual(A.getHeads(once));
    expect(A.toJS(twice)).toEqual(A.toJS(once));
    expect(A.getAllChanges(twice)).toHaveLength(A.getAllChanges(once).length);
  });

  it("does nothing to an account created by this version", () => {
    const doc = A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "New", by: rep, at: AT }));
    expect(needsMigration(doc)).toBe(false);
    expect(A.getHeads(A.change(doc, (d) => migrate(d as unknown as Raw)))).toEqual(A.getHeads(doc));
  });

  it("two replicas migrating the same v0 document at once end up identical", () => {
    const base = v0Doc();
    const a = A.change(A.clone(base, { actor: "aa".repeat(16) }), (d) => migrate(d));
    const b = A.change(A.clone(base, { actor: "bb".repeat(16) }), (d) => migrate(d));
    const [a2] = A.applyChanges(a, A.getAllChanges(b));
    const [b2] = A.applyChanges(b, A.getAllChanges(a));
    expect(A.toJS(a2)).toEqual(A.toJS(b2));
    expect(a2.schemaVersion).toBe(SCHEMA_VERSION);
    expect((a2.commitments as Record<string, unknown>).c1).toBeDefined();
  });

  it("an item added after migrating on one replica survives the same migration on the other", () => {
    const base = A.from<Raw>({ name: "Old Acme" });
    for (const [x, y] of [["aa", "bb"], ["bb", "aa"]] as const) {
      let a = migrated(A.clone(base, { actor: x.repeat(16) })) as unknown as A.Doc<AccountDoc>;
      a = A.change(a, (d) => addCommitment(d, { id: "c1", text: "Train two admins", by: rep, at: AT }));
      const b = migrated(A.clone(base, { actor: y.repeat(16) })) as unknown as A.Doc<AccountDoc>;
      const [merged] = A.applyChanges(b, A.getAllChanges(a));
      expect(commitmentsOf(merged).map((c) => c.id)).toEqual(["c1"]);
      // One migration change, not two.
      expect(A.getAllChanges(merged)).toHaveLength(A.getAllChanges(base).length + 2);
    }
  });
});

/** An account as schema 1 left it: no agenda, calls and activities without the later links, sign-offs without heads. */
function v1Doc(): A.Doc<Raw> {
  const doc = newAccountV2();
  return A.change(doc, (d) => {
    d.schemaVersion = 1;
    delete (d.handoff as Raw).agenda;
    (d.followUps as Raw).f1 = {
      id: fixed("f1"), purpose: fixed("follow-up"), agreedTime: fixed(AT), timeZone: fixed("UTC"), reason: "Price", callGuide: "", outcome: null, nextStep: "",
      created: { by: { id: fixed(rep.id), name: fixed(rep.name) }, at: fixed(AT) },
    };
    (d.activities as unknown[]).push({ id: fixed("a1"), kind: fixed("note"), summary: "Hello", at: fixed(AT), by: { id: fixed(rep.id), name: fixed(rep.name) } });
    (d.handoff as Raw).signOffs = { rep: { role: fixed("rep"), by: { id: fixed(rep.id), name: fixed(rep.name) }, at: fixed(AT) } };
  });
}

function newAccountV2(): A.Doc<Raw> {
  return A.change(A.init<AccountDoc>(), (d) => createAccount(d, { name: "Acme", by: rep, at: AT })) as unknown as A.Doc<Raw>;
}

describe("v1 → v2", () => {
  it("creates the handoff agenda and fills in the fields added since v1, leaving the rest as it was", () => {
    const before = v1Doc();
    expect(versionOf(before)).toBe(1);
    const after = A.toJS(migrated(before)) as unknown as AccountDoc;
    expect(after.schemaVersion).toBe(SCHEMA_VERSION);
    expect(after.handoff.agenda).toEqual({});
    expect(after.followUps.f1).toMatchObject({ nextStepKind: null, previousId: null, reason: "Price" });
    expect(after.activities[0]).toMatchObject({ followUpId: null, outcome: null, summary: "Hello" });
    expect(after.handoff.signOffs.rep!.heads).toEqual([]);
  });

  it("turns an order value typed as a float into the decimal string it was shown as, and leaves a value that was never an amount to be shown as damaged", () => {
    for (const [before, after] of [[18.4, "18.4"], [18400, "18400"], [1234567.89, "1234567.89"], [0.1 + 0.2, "0.30000000000000004"], [-5, -5], [null, null]] as const) {
      const doc = A.change(v1Doc(), (d) => void ((d.order as Raw).value = before));
      const value = (A.toJS(migrated(doc)) as unknown as AccountDoc).order.value;
      expect(value === null || typeof value === "number" ? value : String(value), String(before)).toEqual(after);
    }
  });

  it("upgrades an old account whose order a peer replaced with nonsense, leaving the order to be shown as damaged", () => {
    for (const order of [null, "x", 5, [1]]) {
      const doc = A.from<Raw>({ name: "Old Acme", order } as Raw);
      const after = migrated(doc);
      expect(after.schemaVersion).toBe(SCHEMA_VERSION);
      expect(after.order).toEqual(order);
    }
  });

  it("leaves a damaged part alone instead of failing (it is shown as damaged and restored from there)", () => {
    const broken = A.change(v1Doc(), (d) => {
      d.followUps = "nothing";
      d.handoff = 3;
      (d.activities as unknown[]).push(null);
    });
    const after = migrated(broken);
    expect(after.schemaVersion).toBe(SCHEMA_VERSION);
    expect(after.followUps).toBe("nothing");
    expect(after.handoff).toBe(3);
  });

  it("two laptops upgrading the same account apart both keep the agenda items they tick", () => {
    const base = v1Doc();
    let a = migrated(A.clone(base, { actor: "aa".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    let b = migrated(A.clone(base, { actor: "bb".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    a = A.change(a, (d) => void (d.handoff.agenda.requirements = { by: { id: fixed(rep.id), name: fixed(rep.name) }, at: fixed(AT) }));
    b = A.change(b, (d) => void (d.handoff.agenda.commitments = { by: { id: fixed(rep.id), name: fixed(rep.name) }, at: fixed(AT) }));
    const [merged] = A.applyChanges(a, A.getAllChanges(b));
    expect(Object.keys(merged.handoff.agenda).sort()).toEqual(["commitments", "requirements"]);
  });
});

/** An account as schema 2 left it: calls, milestones and commitments without an assignee, no record of reminders shown. */
function v2Doc(): A.Doc<Raw> {
  const made = { by: { id: fixed(rep.id), name: fixed(rep.name) }, at: fixed(AT) };
  return A.change(newAccountV2(), (d) => {
    d.schemaVersion = 2;
    delete d.remindersShown;
    d.followUps = {
      f1: { id: fixed("f1"), purpose: fixed("follow-up"), agreedTime: fixed(AT), timeZone: fixed("UTC"), reason: "Price", callGuide: "", outcome: null, nextStep: "", nextStepKind: null, previousId: null, created: made },
    };
    d.milestones = {
      m1: { id: fixed("m1"), rank: fixed("a0"), title: "Install", owner: fixed(""), startDate: null, endDate: fixed("2026-03-20"), status: fixed("planned"), dependsOn: [], commitmentIds: [], created: made },
    };
    d.commitments = {
      c1: { id: fixed("c1"), rank: fixed("a0"), text: "Train", requirementId: null, promisedBy: fixed(""), dueDate: null, status: fixed("agreed"), confirmed: null, created: made },
      // A peer broke who made this one: it gets no assignee rather than a made-up one.
      c2: { id: fixed("c2"), rank: fixed("a1"), text: "Ship", requirementId: null, promisedBy: fixed(""), dueDate: null, status: fixed("agreed"), confirmed: null, created: { by: 7, at: fixed(AT) } },
    };
  });
}

describe("v2 → v3", () => {
  it("assigns every call, milestone and commitment to whoever made it, and keeps a record of reminders shown", () => {
    const after = A.toJS(migrated(v2Doc())) as unknown as AccountDoc;
    expect(after.schemaVersion).toBe(SCHEMA_VERSION);
    expect(after.remindersShown).toEqual({});
    const riley = { id: fixed(rep.id), name: fixed(rep.name) };
    expect(after.followUps.f1!.assignee).toEqual(riley);
    expect(after.milestones.m1!.assignee).toEqual(riley);
    expect(after.commitments.c1!.assignee).toEqual(riley);
    expect(after.commitments.c2!.assignee).toBeNull();
  });

  it("is idempotent: a second run changes nothing", () => {
    const once = migrated(v2Doc());
    const twice = A.change(once, (d) => migrate(d));
    expect(A.getHeads(twice)).toEqual(A.getHeads(once));
    expect(migrated(once)).toBe(once);
  });

  it("converges on two laptops that upgrade apart: one change, and what each adds afterwards survives", () => {
    const base = v2Doc();
    let a = migrated(A.clone(base, { actor: "aa".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    let b = migrated(A.clone(base, { actor: "bb".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    expect(A.getHeads(a)).toEqual(A.getHeads(b));
    a = A.change(a, (d) => void (d.remindersShown["p-rep d/f1@2026-03-02T09:00:00.000Z"] = { at: fixed(AT) }));
    b = A.change(b, (d) => void (d.remindersShown["p-lead d/m1@2026-03-20T00:00:00.000Z"] = { at: fixed(AT) }));
    b = A.change(b, (d) => void (d.commitments.c1!.assignee = { id: fixed("p-lead"), name: fixed("Dana Lead") }));
    const [merged] = A.applyChanges(a, A.getAllChanges(b));
    const [merged2] = A.applyChanges(b, A.getAllChanges(a));
    expect(A.toJS(merged)).toEqual(A.toJS(merged2));
    expect(Object.keys(merged.remindersShown).sort()).toEqual(["p-lead d/m1@2026-03-20T00:00:00.000Z", "p-rep d/f1@2026-03-02T09:00:00.000Z"]);
    expect(String(merged.commitments.c1!.assignee!.id)).toBe("p-lead");
    expect(A.getAllChanges(merged)).toHaveLength(A.getAllChanges(base).length + 4);
  });

  it("an item an older Baton adds after the upgrade (no assignee field) reads as its maker's, and is not damage", () => {
    const made = { by: { id: fixed(rep.id), name: fixed(rep.name) }, at: fixed(AT) };
    const after = A.change(migrated(v2Doc()), (d) => {
      (d.followUps as Raw).f2 = { id: fixed("f2"), purpose: fixed("follow-up"), agreedTime: fixed(AT), timeZone: fixed("UTC"), reason: "Later", callGuide: "", outcome: null, nextStep: "", nextStepKind: null, previousId: null, created: made };
    }) as unknown as A.Doc<AccountDoc>;
    // Only the commitment whose maker a peer broke is damage.
    expect(checkAccount(after).damage.map((x) => x.path.join("."))).toEqual(["commitments.c2"]);
    expect(summarize("d", after).calls?.map((c) => [c.id, c.assigneeId])).toEqual([["f1", rep.id], ["f2", rep.id]]);
  });
});

describe("migration sequences", () => {
  function sequence(log: number[], order: number[]): Migration[] {
    return order.map((version) => ({
      version,
      description: `step ${version}`,
      up: (doc: Raw) => {
        log.push(version);
        doc[`v${version}`] = version;
      },
    }));
  }

  it("runs steps given out of order in version order, once each", () => {
    const log: number[] = [];
    const steps = sequence(log, [3, 1, 2]);
    const doc = A.change(A.from<Raw>({ name: "x" }), (d) => migrate(d, steps));
    expect(log).toEqual([1, 2, 3]);
    expect(doc.schemaVersion).toBe(3);
    expect(needsMigration(doc, steps)).toBe(false);
    A.change(doc, (d) => migrate(d, steps));
    expect(log).toEqual([1, 2, 3]);
  });

  it("runs only the steps after the document's version", () => {
    const log: number[] = [];
    const doc = A.change(A.from<Raw>({ name: "x", schemaVersion: 2 }), (d) => migrate(d, sequence(log, [2, 3, 1])));
    expect(log).toEqual([3]);
    expect(doc.schemaVersion).toBe(3);
    expect(doc.v1).toBeUndefined();
  });

  it("treats a missing or malformed version as 0", () => {
    expect(versionOf({})).toBe(0);
    expect(versionOf({ schemaVersion: "1" })).toBe(0);
    expect(versionOf({ schemaVersion: 1.5 })).toBe(0);
    expect(versionOf({ schemaVersion: 4 })).toBe(4);
    expect(versionOf({ schemaVersion: -1 })).toBe(0);
    // No Baton writes a version like these: a peer's nonsense, not a newer app.
    expect(versionOf({ schemaVersion: 1e15 })).toBe(0);
    expect(versionOf({ schemaVersion: 2 ** 53 })).toBe(0);
    expect(isFromNewerApp({ schemaVersion: 1e15 })).toBe(false);
  });

  it("never migrates over a version a peer broke: what the peer deleted stays damaged and restorable", () => {
    for (const bogus of ["2", 2.5, -1, 5_000, null, {}]) expect(needsMigration({ schemaVersion: bogus }), String(bogus)).toBe(false);
    const doc = A.change(fullAccount(), (d) => {
      delete (d as unknown as Raw).order;
      (d as unknown as Raw).schemaVersion = "x";
    });
    expect(needsMigration(doc)).toBe(false);
    // Once the version is restored, the deleted order is reported, and can be restored in turn.
    const repaired = A.change(doc, (d) => void ((d as unknown as Raw).schemaVersion = 2));
    expect(checkAccount(repaired).damage.map((x) => x.path.join("."))).toEqual(["order"]);
  });

  it("the account sequence ends at the version this build writes", () => {
    expect(Math.max(...ACCOUNT_MIGRATIONS.map((m) => m.version))).toBe(SCHEMA_VERSION);
  });
});

describe("a document from a newer Baton", () => {
  const newer = () => A.from<Raw>({ name: "Future", schemaVersion: 99, somethingNew: { x: 1 } });

  it("is recognised as such and shown read-only", () => {
    const doc = newer();
    expect(isFromNewerApp(doc)).toBe(true);
    expect(isFromNewerApp({ schemaVersion: SCHEMA_VERSION })).toBe(false);
    expect(headerOf(doc as unknown as AccountDoc)).toMatchObject({ readOnly: true, schemaVersion: 99 });
  });

  it("is never migrated down", () => {
    const doc = newer();
    expect(needsMigration(doc)).toBe(false);
    const after = A.change(doc, (d) => migrate(d));
    expect(after.schemaVersion).toBe(99);
    expect(A.getHeads(after)).toEqual(A.getHeads(doc));
  });
});

/** A real account saved by Baton at schema 3 (every part filled in: shared/testing/accounts.ts `fullAccount`). */
function savedV3(): A.Doc<Raw> {
  return A.load<Raw>(savedV3Account());
}

describe("v3 → v4", () => {
  it("gives a saved v3 account the customer's domain and phone and its owners' phone and email, none yet, and leaves the rest as it was", () => {
    const before = savedV3();
    expect(versionOf(before)).toBe(3);
    expect(needsMigration(before)).toBe(true);
    const after = migrated(before);
    const js = A.toJS(after) as unknown as AccountDoc;
    expect(js.schemaVersion).toBe(4);
    // Nothing written but the version: the new fields read as none until someone sets them.
    const { schemaVersion: _a, ...rest } = js;
    const { schemaVersion: _b, ...restBefore } = A.toJS(before) as unknown as AccountDoc;
    expect(rest).toEqual(restBefore);
    const checked = checkAccount(after as unknown as A.Doc<AccountDoc>);
    expect(checked.damage).toEqual([]);
    expect(headerOf(checked.account)).toMatchObject({ domain: null, phone: null });
    expect(recapOf(after as unknown as A.Doc<AccountDoc>, { today: "2026-03-11" }).callFirst).toMatchObject({ name: "Dana Lead", phone: null, email: null });
  });

  it("is idempotent: a second run changes nothing", () => {
    const once = migrated(savedV3());
    expect(A.getHeads(A.change(once, (d) => migrate(d)))).toEqual(A.getHeads(once));
    expect(migrated(once)).toBe(once);
    expect(needsMigration(once)).toBe(false);
  });

  it("two laptops upgrading apart make one change, and what each writes afterwards survives the merge", () => {
    const base = savedV3();
    let a = migrated(A.clone(base, { actor: "aa".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    let b = migrated(A.clone(base, { actor: "bb".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    expect(A.getHeads(a)).toEqual(A.getHeads(b));
    a = A.change(a, (d) => setCustomer(d, { domain: "acme.com" }));
    a = A.change(a, (d) => updateOwnerContact(d, { personId: "p-lead", phone: "+49 30 1234567", email: "dana@baton.example" }));
    b = A.change(b, (d) => setCustomer(d, { phone: "+1 555 0100" }));
    b = A.change(b, (d) => updateOwnerContact(d, { personId: rep.id, phone: "+1 555 0199", email: "riley@baton.example" }));
    const [merged] = A.applyChanges(a, A.getAllChanges(b));
    const [merged2] = A.applyChanges(b, A.getAllChanges(a));
    expect(A.toJS(merged)).toEqual(A.toJS(merged2));
    expect(String(merged.domain)).toBe("acme.com");
    expect(String(merged.phone)).toBe("+1 555 0100");
    expect([String(merged.deliveryLead!.phone), String(merged.deliveryLead!.email)]).toEqual(["+49 30 1234567", "dana@baton.example"]);
    expect([String(merged.rep!.phone), String(merged.rep!.email)]).toEqual(["+1 555 0199", "riley@baton.example"]);
    expect(A.getAllChanges(merged)).toHaveLength(A.getAllChanges(base).length + 5);
  });

  it("two laptops upgrading from different heads (one edited before upgrading) still keep what each sets afterwards", () => {
    const base = savedV3();
    let a = migrated(A.clone(base, { actor: "aa".repeat(16) })) as unknown as A.Doc<AccountDoc>;
    // The other laptop made many changes on v3 first, so its upgrade's operations come later in Automerge's order.
    let b = A.clone(base, { actor: "bb".repeat(16) }) as unknown as A.Doc<AccountDoc>;
    for (let i = 0; i < 5; i++) b = run(b, rep, "addContact", { id: `k${i + 2}`, name: `Contact number ${i}`, role: "finance" });
    b = migrated(b);
    a = A.change(a, (d) => setCustomer(d, { domain: "acme.com", phone: "+1 555 0100" }));
    a = A.change(a, (d) => updateOwnerContact(d, { personId: "p-lead", phone: "+49 30 1234567", email: "dana@baton.example" }));
    const [merged] = A.applyChanges(b, A.getAllChanges(a));
    expect([String(merged.domain), String(merged.phone)]).toEqual(["acme.com", "+1 555 0100"]);
    expect([String(merged.deliveryLead!.phone), String(merged.deliveryLead!.email)]).toEqual(["+49 30 1234567", "dana@baton.example"]);
    expect(Object.keys(merged.contacts)).toHaveLength(6);
  });

  it("a rep or lead an older Baton names after the upgrade (no phone or email) reads as without them, and is not damage", () => {
    const after = A.change(migrated(savedV3()), (d) => void (d.deliveryLead = { id: fixed("p-new"), name: fixed("Noor New") })) as unknown as A.Doc<AccountDoc>;
    expect(checkAccount(after).damage).toEqual([]);
  });

  it("a domain, phone or owner's email a peer replaced with something else shows as damaged and reads as none", () => {
    const broken = A.change(migrated(savedV3()), (d) => {
      d.domain = 7;
      d.phone = ["+1"];
      (d.rep as Raw).email = [];
    }) as unknown as A.Doc<AccountDoc>;
    const checked = checkAccount(broken);
    expect(checked.damage.map((x) => x.path.join("."))).toEqual(["domain", "phone", "rep"]);
    expect(headerOf(checked.account)).toMatchObject({ domain: null, phone: null, rep: null });
    // Each is put right from before the peer's change, as a repair would from the window.
    let doc = broken;
    const repaired = repairEverything(
      () => doc,
      (args) => (doc = run(doc, rep, "repairDamage", args)),
    );
    expect(repaired.unknownOrigins).toEqual([]);
    expect(checkAccount(doc).damage).toEqual([]);
    expect(headerOf(doc)).toMatchObject({ domain: null, phone: null, rep: { id: rep.id, phone: null, email: null } });
  });
});
