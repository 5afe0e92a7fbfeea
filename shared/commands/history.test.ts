import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import type { AccountDoc, Profile } from "../account/schema";
import { checkAccount } from "../account/check";
import { addCommitment, editCommitment, removeCommitment } from "./commitments";
import { addContact, removeContact } from "./contacts";
import { addMilestone } from "./milestones";
import { setOrder } from "./order-payment";
import { addRisk } from "./risks";
import { logActivity } from "./activities";
import { addOpportunity } from "./relationship";
import { prepareChange } from "./catalog";
import { undoLeftAlone } from "./history";
import { commitmentsOf, headerOf, milestonesOf } from "../queries/account-view";
import { contactsOf } from "../queries/contacts";
import { timelineOf, timelinePoint } from "../queries/timeline";
import { parseChangeMessage } from "../attribution";
import { accountAt, compareAccounts, namedPoints, plainAccount } from "../queries/history";

const host: Profile = { id: "p-host", name: "Riley Rep", role: "rep" };
const guest: Profile = { id: "p-guest", name: "Dana Lead", role: "delivery-lead" };
const at = "2026-03-02T09:00:00.000Z";

/** Run a catalog command as `person`, as the window does: one attributed change. */
function edit<N extends Parameters<typeof prepareChange>[1]>(doc: A.Doc<AccountDoc>, person: Profile, name: N, args: Parameters<typeof prepareChange<N>>[2]): A.Doc<AccountDoc> {
  const change = prepareChange(person, name, args, doc);
  return A.change(doc, { message: change.message }, (d) => change.run(d));
}

function account(): A.Doc<AccountDoc> {
  let doc = A.from({} as unknown as Record<string, unknown>, { actor: "aa".repeat(16) }) as unknown as A.Doc<AccountDoc>;
  doc = edit(doc, host, "createAccount", { name: "Acme", by: host, at });
  doc = A.change(doc, { message: JSON.stringify({ by: host.id, name: host.name, what: "Set up the account", kind: "account" }) }, (d) => {
    addCommitment(d, { id: "c1", text: "Train two admins", by: host, at });
    addCommitment(d, { id: "c2", text: "Install by May", dueDate: "2026-05-01", by: host, at });
    addContact(d, { id: "k1", name: "Pat Buyer", role: "decision-maker", email: "pat@acme.test" });
    addMilestone(d, { id: "m1", title: "Kick-off", by: host, at });
  });
  return doc;
}

/** The guest's laptop: a copy of the document with its own actor. */
const onGuestLaptop = (doc: A.Doc<AccountDoc>) => A.clone(doc, { actor: "bb".repeat(16) });

/** The guest wipes every commitment and contact and renames the account, in one change. */
function wipe(doc: A.Doc<AccountDoc>): A.Doc<AccountDoc> {
  return A.change(doc, { message: JSON.stringify({ by: guest.id, name: guest.name, what: "Cleaned up", kind: "account" }) }, (d) => {
    for (const id of Object.keys(d.commitments)) removeCommitment(d, { id });
    for (const id of Object.keys(d.contacts)) removeContact(d, { id });
    A.updateText(d, ["name"], "Wrong name");
  });
}

describe("restore the whole account to a point", () => {
  it("brings back the old state as a new, attributed change on top of the history", () => {
    const before = account();
    const wiped = A.merge(before, wipe(onGuestLaptop(before)));
    const wipeEntry = timelineOf(wiped).find((e) => e.by?.id === guest.id)!;
    const heads = timelinePoint(wiped, wipeEntry.id, "before")!;
    expect(heads).toEqual(A.getHeads(before));
    const past = accountAt(wiped, heads)!;
    expect(commitmentsOf(past.account).map((c) => c.text)).toEqual(["Train two admins", "Install by May"]);

    const changesBefore = A.getAllChanges(wiped).length;
    const restored = edit(wiped, host, "restoreAccount", { account: plainAccount(past.account), point: "before Dana Lead's edit" });

    // The old state is back, checked like any account…
    const { account: now, damage } = checkAccount(restored);
    expect(damage).toEqual([]);
    expect(commitmentsOf(now)).toEqual(commitmentsOf(before));
    expect(contactsOf(now)).toEqual(contactsOf(before));
    expect(headerOf(now).name).toBe("Acme");
    // …as one more change, by the person who restored, and nothing before it rewritten.
    const all = A.getAllChanges(restored);
    expect(all.length).toBe(changesBefore + 1);
    const last = A.decodeChange(all.at(-1)!);
    expect(parseChangeMessage(last.message)).toMatchObject({ by: host.id, what: "Restored the whole account to how it was before Dana Lead's edit" });
    expect(A.getHeads(restored)).not.toEqual(A.getHeads(before));
    // The guest's change is still in the history: its point can still be opened.
    expect(commitmentsOf(accountAt(restored, A.getHeads(wiped))!.account)).toEqual([]);
  });

  it("syncs to the guest, who sees the restore", () => {
    const before = account();
    const guestDoc = wipe(onGuestLaptop(before));
    let hostDoc = A.merge(A.clone(before), guestDoc);
    const past = accountAt(hostDoc, A.getHeads(before))!;
    hostDoc = edit(hostDoc, host, "restoreAccount", { account: plainAccount(past.account), point: "before the wipe" });
    const guestAfter = A.merge(guestDoc, hostDoc);
    expect(commitmentsOf(checkAccount(guestAfter).account).map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("keeps what the other laptop adds at the same moment", () => {
    const before = account();
    let hostDoc = wipe(A.clone(before));
    const guestDoc = A.change(onGuestLaptop(hostDoc), (d) => addCommitment(d, { id: "c9", text: "Added meanwhile", by: guest, at }));
    hostDoc = edit(hostDoc, host, "restoreAccount", { account: plainAccount(accountAt(hostDoc, A.getHeads(before))!.account), point: "before" });
    const merged = A.merge(hostDoc, guestDoc);
    expect(commitmentsOf(checkAccount(merged).account).map((c) => c.id).sort()).toEqual(["c1", "c2", "c9"]);
  });

  it("writes back only what the checker lets through: damage in the history stays out", () => {
    let doc = account();
    // A peer once put a number where a commitment belongs.
    doc = A.change(doc, (d) => {
      (d.commitments as unknown as Record<string, unknown>)["bad"] = 42;
    });
    const past = accountAt(doc, A.getHeads(doc))!;
    expect(past.damage.map((x) => x.path)).toEqual([["commitments", "bad"]]);
    doc = A.change(doc, (d) => {
      delete (d.commitments as unknown as Record<string, unknown>)["bad"];
      removeCommitment(d, { id: "c1" });
    });
    doc = edit(doc, host, "restoreAccount", { account: plainAccount(past.account), point: "then" });
    expect(Object.keys(doc.commitments).sort()).toEqual(["c1", "c2"]);
    expect(checkAccount(doc).damage).toEqual([]);
  });

  it("refuses heads that are not in the history", () => {
    expect(accountAt(account(), ["0".repeat(64)])).toBeNull();
    expect(accountAt(account(), ["not a hash"])).toBeNull();
    expect(accountAt(account(), [])).toBeNull();
  });
});

describe("restore one item", () => {
  it("puts a deleted contact back as it was, leaving the rest as it is now", () => {
    const before = account();
    const wiped = A.merge(before, wipe(onGuestLaptop(before)));
    const diff = compareAccounts(accountAt(wiped, A.getHeads(before))!.account, checkAccount(wiped).account);
    const contact = diff.items.find((i) => i.part === "contacts")!;
    expect(contact).toMatchObject({ id: "k1", name: "Pat Buyer", change: "removed" });
    const restored = edit(wiped, host, "restoreItem", { values: contact.restore, name: contact.name, point: "before Dana Lead's edit", id: "k1" });
    expect(contactsOf(checkAccount(restored).account)).toEqual(contactsOf(before));
    expect(commitmentsOf(checkAccount(restored).account)).toEqual([]);
    const entry = timelineOf(restored).at(-1)!;
    expect(entry).toMatchObject({ kind: "contact", item: "k1", by: { id: host.id }, text: "Restored “Pat Buyer” to how it was before Dana Lead's edit" });
  });
});

describe("undo a change", () => {
  it("undoes another person's change and keeps what was edited since", () => {
    const before = account();
    const guestDoc = A.change(onGuestLaptop(before), { message: JSON.stringify({ by: guest.id, name: guest.name, what: "Cleaned up", kind: "commitment" }) }, (d) => {
      removeCommitment(d, { id: "c1" });
      editCommitment(d, { id: "c2", status: "at-risk" });
      setOrder(d, { value: "999" });
    });
    let doc = A.merge(A.clone(before), guestDoc);
    const entry = timelineOf(doc).find((e) => e.by?.id === guest.id)!;
    // Later, the host changes the order value again: that edit must survive the undo.
    doc = edit(doc, host, "setOrder", { value: "1200" });

    const beforeChange = accountAt(doc, timelinePoint(doc, entry.id, "before")!)!;
    const afterChange = accountAt(doc, timelinePoint(doc, entry.id, "after")!)!;
    const args = { before: plainAccount(beforeChange.account), after: plainAccount(afterChange.stored) };
    expect(undoLeftAlone(checkAccount(doc).account, args)).toEqual([["order", "value"]]);
    doc = edit(doc, host, "undoChange", { before: plainAccount(beforeChange.account), after: plainAccount(afterChange.stored), change: `${guest.name}'s change “Cleaned up”` });

    const now = checkAccount(doc).account;
    // The removed commitment is back and the status change undone…
    expect(commitmentsOf(now)).toEqual(commitmentsOf(checkAccount(before).account));
    expect(String(now.order.value)).toBe("1200");
    expect(timelineOf(doc).at(-1)).toMatchObject({ by: { id: host.id }, text: "Undid Dana Lead's change “Cleaned up”" });
  });
});

describe("compare two points", () => {
  it("lists what differs in every part of the account", () => {
    const from = account();
    let doc = from;
    doc = A.change(doc, (d) => {
      A.updateText(d, ["name"], "Acme Europe");
      removeCommitment(d, { id: "c1" });
      editCommitment(d, { id: "c2", dueDate: "2026-06-01" });
      addContact(d, { id: "k2", name: "Sam Finance", role: "finance" });
      d.milestones["m1"]!.status = new A.ImmutableString("done");
      setOrder(d, { value: "18400", currency: "EUR" });
      addRisk(d, { id: "r1", kind: "credit", description: "Credit check pending", by: guest, at });
      logActivity(d, { id: "a1", kind: "note", summary: "Called Pat", by: guest, at });
      addOpportunity(d, { id: "o1", description: "Second site", by: guest, at });
    });
    const diff = compareAccounts(checkAccount(from).account, checkAccount(doc).account);
    const byPart = (part: string) => diff.items.filter((i) => i.part === part);
    expect(byPart("name")).toMatchObject([{ change: "changed", fields: [{ field: "name", before: "Acme", after: "Acme Europe" }] }]);
    expect(byPart("commitments").map((i) => [i.id, i.change])).toEqual([
      ["c2", "changed"],
      ["c1", "removed"],
    ]);
    expect(byPart("commitments")[0]!.fields).toEqual([{ field: "dueDate", before: "2026-05-01", after: "2026-06-01" }]);
    expect(byPart("contacts")).toMatchObject([{ id: "k2", name: "Sam Finance", change: "added" }]);
    expect(byPart("milestones")).toMatchObject([{ id: "m1", change: "changed", fields: [{ field: "status", after: "done" }] }]);
    expect(byPart("order")).toMatchObject([{ path: ["order"], change: "changed" }]);
    expect(byPart("order")[0]!.fields.map((f) => f.field).sort()).toEqual(["currency", "value"]);
    expect(byPart("risks")).toMatchObject([{ id: "r1", change: "added" }]);
    expect(byPart("activities")).toMatchObject([{ id: "a1", change: "added", name: "Called Pat" }]);
    expect(byPart("relationship")).toMatchObject([{ path: ["relationship", "opportunities", "o1"], change: "added" }]);
    // Nothing else differs.
    expect(new Set(diff.items.map((i) => i.part))).toEqual(new Set(["name", "commitments", "contacts", "milestones", "order", "risks", "activities", "relationship"]));
    expect(compareAccounts(checkAccount(doc).account, checkAccount(doc).account).items).toEqual([]);
    // Restoring every difference gives the older point back.
    let back = doc;
    for (const item of diff.items) back = edit(back, host, "restoreItem", { values: item.restore, name: item.name, point: "then" });
    expect(compareAccounts(checkAccount(from).account, checkAccount(back).account).items).toEqual([]);
    expect(milestonesOf(checkAccount(back).account)[0]!.status).toBe("planned");
  });
});

describe("named points", () => {
  it("finds the order: the account as it was when it moved to ordered", () => {
    let doc = account();
    doc = edit(doc, host, "moveStage", { to: "ordered", reason: "PO by phone", by: host, at, timeZone: "Europe/Berlin" });
    doc = A.change(doc, (d) => addCommitment(d, { id: "c9", text: "Promised after the order", by: host, at }));
    const points = namedPoints(doc);
    expect(points.map((p) => p.id)).toEqual(["order"]);
    const atOrder = accountAt(doc, points[0]!.heads)!;
    expect(String(atOrder.account.stage)).toBe("ordered");
    expect(commitmentsOf(atOrder.account).map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(namedPoints(account())).toEqual([]);
  });
});
