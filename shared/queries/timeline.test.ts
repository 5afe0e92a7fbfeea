import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import * as A from "@automerge/automerge";
import { ACTOR_A, ACTOR_B, AT, lead, newAccount, rep, run, sync, type Doc } from "../testing/accounts";
import type { AccountDoc } from "../account/schema";
import { TimelineReader, timelineOf, timelinePeople, TIMELINE_MERGE_WINDOW_S, type TimelineEntry } from "./timeline";
import { changeMessage } from "../attribution";
import { MOST_IMPORTANT_CALL_ID } from "./call-guide";
import { addCommitment } from "../commands/commitments";
import { changeEffect } from "./change-effects";

// The real reading of changes, counted (the reader must read each change once).
vi.mock("./change-effects", async (importOriginal) => {
  const real = await importOriginal<typeof import("./change-effects")>();
  return { ...real, changeEffect: vi.fn(real.changeEffect) };
});

/** Seconds since the epoch of an ISO instant (Automerge change times are in seconds). */
const s = (iso: string) => Date.parse(iso) / 1000;
const brief = (entries: TimelineEntry[]) => entries.map((e) => [e.at.slice(11, 19), e.by?.name ?? null, e.kind, e.text]);

function base(): Doc {
  let doc = run(newAccount("Acme", ACTOR_A), rep, "addCommitment", { id: "c1", text: "Train two admins", dueDate: "2026-04-01", by: rep, at: AT }, s("2026-03-02T09:00:00Z"));
  doc = run(doc, rep, "addMilestone", { id: "m1", title: "Admin training", endDate: "2026-03-25", commitmentIds: ["c1"], by: rep, at: AT }, s("2026-03-02T09:01:00Z"));
  return doc;
}

/** The rep's laptop (actor A) and the lead's (actor B), each making changes offline. */
function twoLaptops(): [Doc, Doc] {
  const start = base();
  let a = A.clone(start, { actor: ACTOR_A });
  let b = A.clone(start, { actor: ACTOR_B });
  a = run(a, rep, "addRisk", { id: "k1", kind: "competitor", description: "Rival offers 20% off", by: rep, at: AT }, s("2026-03-02T10:00:00Z"));
  b = run(b, lead, "editMilestone", { id: "m1", endDate: "2026-03-27" }, s("2026-03-02T10:05:00Z"));
  a = run(a, rep, "setPayment", { invoiceReference: "INV-1", invoiceDate: "2026-03-02" }, s("2026-03-02T10:10:00Z"));
  b = run(b, lead, "editCommitment", { id: "c1", status: "at-risk" }, s("2026-03-02T10:10:00Z"));
  b = run(b, lead, "logActivity", { id: "a1", kind: "meeting", summary: "Kick-off with Kim", by: lead, at: "2026-03-02T10:02:00.000Z" }, s("2026-03-02T11:00:00Z"));
  return [a, b];
}

describe("timelineOf", () => {
  it("two laptops that synced show the same entries in the same order, each attributed to the right person", () => {
    const [a, b] = twoLaptops();
    const [a2, b2] = sync(a, b);
    const onA = timelineOf(a2);
    const onB = timelineOf(b2);
    expect(onB).toEqual(onA);
    expect(brief(onA)).toEqual([
      ["06:13:20", "Riley Rep", "account", "Created the account"],
      ["09:00:00", "Riley Rep", "commitment", "Added the commitment “Train two admins”"],
      ["09:01:00", "Riley Rep", "milestone", "Added the milestone “Admin training”"],
      ["10:00:00", "Riley Rep", "risk", "Added a competitor risk: “Rival offers 20% off”"],
      ["10:02:00", "Dana Lead", "meeting", "Kick-off with Kim"],
      ["10:05:00", "Dana Lead", "milestone", "Set the end date of the milestone “Admin training” to 2026-03-27"],
      // Same second: ordered by change hash, the same on both laptops.
      ...(onA[6]!.text.startsWith("Recorded")
        ? [
            ["10:10:00", "Riley Rep", "payment", "Recorded invoice INV-1; set the invoice date to 2026-03-02"],
            ["10:10:00", "Dana Lead", "commitment", "Marked the commitment “Train two admins” as at risk"],
          ]
        : [
            ["10:10:00", "Dana Lead", "commitment", "Marked the commitment “Train two admins” as at risk"],
            ["10:10:00", "Riley Rep", "payment", "Recorded invoice INV-1; set the invoice date to 2026-03-02"],
          ]),
    ]);
    const sameSecond = onA.slice(6, 8);
    expect(sameSecond.map((e) => e.id)).toEqual(sameSecond.map((e) => e.id).sort());
    expect(onA.find((e) => e.kind === "meeting")).toMatchObject({ id: "activity:a1", source: "activity", by: { id: "p-lead", name: "Dana Lead" } });
    expect(onA.find((e) => e.kind === "risk")).toMatchObject({ source: "change", item: "k1", count: 1, by: { id: "p-rep", name: "Riley Rep" } });
  });

  it("is the same whichever way the changes travelled (A→B, B→A, or both to a third laptop)", () => {
    const [a, b] = twoLaptops();
    const [third] = A.applyChanges(A.init<never>(), [...A.getAllChanges(b), ...A.getAllChanges(a)]);
    const [a2] = A.applyChanges(a, A.getAllChanges(b));
    const [b2] = A.applyChanges(b, A.getAllChanges(a));
    expect(timelineOf(b2)).toEqual(timelineOf(a2));
    expect(timelineOf(third as Doc)).toEqual(timelineOf(a2));
  });

  it("never puts a change before the change it was built on, even when the laptop's clock is behind", () => {
    let a = run(base(), rep, "addRisk", { id: "k1", kind: "credit", description: "Slow payer", by: rep, at: AT }, s("2026-03-02T12:00:00Z"));
    // The lead's clock is an hour slow: they close the risk "at 11:00", after seeing it added at 12:00.
    let b = A.clone(a, { actor: ACTOR_B });
    b = run(b, lead, "editRisk", { id: "k1", status: "closed" }, s("2026-03-02T11:00:00Z"));
    [a, b] = sync(a, b);
    const entries = brief(timelineOf(a)).slice(-2);
    expect(entries).toEqual([
      ["12:00:00", "Riley Rep", "risk", "Added a credit risk: “Slow payer”"],
      ["12:00:00", "Dana Lead", "risk", "Marked the risk “Slow payer” as closed"],
    ]);
    expect(timelineOf(b)).toEqual(timelineOf(a));
  });

  it("keeps the order changes were made in within one second", () => {
    let doc = base();
    const t = s("2026-03-02T15:00:00Z");
    doc = run(doc, rep, "addRisk", { id: "k1", kind: "scope", description: "First", by: rep, at: AT }, t);
    doc = run(doc, rep, "addRisk", { id: "k2", kind: "scope", description: "Second", by: rep, at: AT }, t);
    doc = run(doc, rep, "addRisk", { id: "k3", kind: "scope", description: "Third", by: rep, at: AT }, t);
    expect(timelineOf(doc, { kinds: ["risk"] }).map((e) => e.item)).toEqual(["k1", "k2", "k3"]);
  });

  it("typing is one entry: consecutive same edits by one person on one item within the window", () => {
    let doc = base();
    const t0 = s("2026-03-02T13:00:00Z");
    for (const [i, text] of ["Train two", "Train two ad", "Train two admins on site"].entries()) {
      doc = run(doc, rep, "editCommitment", { id: "c1", text }, t0 + i * 2);
    }
    doc = run(doc, lead, "editCommitment", { id: "c1", text: "Train two admins on site (2 days)" }, t0 + 10);
    doc = run(doc, rep, "editCommitment", { id: "c1", text: "Train 2 admins on site (2 days)" }, t0 + 20);
    doc = run(doc, rep, "editCommitment", { id: "c1", text: "Train 2 admins on site (3 days)" }, t0 + 20 + TIMELINE_MERGE_WINDOW_S + 1);
    const edits = timelineOf(doc).filter((e) => e.text === "Edited a commitment's wording");
    expect(edits.map((e) => [e.by!.id, e.count, e.at.slice(11, 19), e.item])).toEqual([
      ["p-rep", 3, "13:00:00", "c1"],
      ["p-lead", 1, "13:00:10", "c1"],
      ["p-rep", 1, "13:00:20", "c1"],
      ["p-rep", 1, "13:05:21", "c1"],
    ]);
  });

  it("shows a logged call at the time it happened, with its outcome; the logging change itself is not repeated", () => {
    let doc = run(base(), rep, "moveStage", { to: "ordered", reason: "PO by phone", by: rep, at: AT, timeZone: "Europe/Berlin" }, s("2026-03-02T16:00:00Z"));
    doc = run(
      doc,
      rep,
      "logCallOutcome",
      { followUpId: MOST_IMPORTANT_CALL_ID, outcome: "reached", summary: "Kim confirmed the training dates", activityId: "a9", by: rep, at: "2026-03-03T08:15:00.000Z" },
      s("2026-03-03T09:00:00Z"),
    );
    expect(brief(timelineOf(doc)).slice(-2)).toEqual([
      ["16:00:00", "Riley Rep", "stage", "Moved the account from Follow-up to Ordered — reason: PO by phone. Most important call scheduled for 2026-03-03 09:00 (Europe/Berlin)"],
      ["08:15:00", "Riley Rep", "call", "Most important call: reached the customer — Kim confirmed the training dates"],
    ]);
  });

  describe("filters", () => {
    function busy(): Doc {
      const [a] = sync(...twoLaptops());
      let doc = run(a, rep, "addConcern", { id: "q1", kind: "concern", text: "Downtime", by: rep, at: AT }, s("2026-03-02T12:00:00Z"));
      doc = run(doc, rep, "logActivity", { id: "a2", kind: "call", summary: "Called Kim back", by: rep, at: "2026-03-02T12:30:00.000Z" }, s("2026-03-02T12:31:00Z"));
      return doc;
    }

    it("by kind", () => {
      expect(brief(timelineOf(busy(), { kinds: ["milestone"] }))).toEqual([
        ["09:01:00", "Riley Rep", "milestone", "Added the milestone “Admin training”"],
        ["10:05:00", "Dana Lead", "milestone", "Set the end date of the milestone “Admin training” to 2026-03-27"],
      ]);
      // "call" gathers logged calls and the changes made about calls.
      expect(brief(timelineOf(busy(), { kinds: ["call"] }))).toEqual([
        ["12:00:00", "Riley Rep", "call", "Noted a concern: “Downtime”"],
        ["12:30:00", "Riley Rep", "call", "Called Kim back"],
      ]);
      expect(timelineOf(busy(), { kinds: [] })).toEqual([]);
    });

    it("by person, and by both", () => {
      const doc = busy();
      expect(timelineOf(doc, { personIds: ["p-lead"] }).map((e) => e.kind)).toEqual(["meeting", "milestone", "commitment"]);
      expect(timelineOf(doc, { personIds: ["p-lead"], kinds: ["commitment"] }).map((e) => e.text)).toEqual(["Marked the commitment “Train two admins” as at risk"]);
      expect(timelineOf(doc, { personIds: ["p-rep", "p-lead"] })).toEqual(timelineOf(doc));
      expect(timelineOf(doc, { personIds: ["nobody"] })).toEqual([]);
      expect(timelinePeople(timelineOf(doc))).toEqual([{ id: "p-rep", name: "Riley Rep" }, { id: "p-lead", name: "Dana Lead" }]);
    });
  });

  describe("changes from elsewhere", () => {
    it("reads messages written before kinds existed, by their words", () => {
      let doc = newAccount();
      doc = A.change(doc, { message: changeMessage(lead, "Added a commitment"), time: s("2026-03-02T10:00:00Z") }, (d) => addCommitment(d, { id: "c1", text: "x", by: lead, at: AT }));
      doc = A.change(doc, { message: changeMessage(lead, "Changed a milestone's end date"), time: s("2026-03-02T10:01:00Z") }, (d) => void (d.name = "Acme 2"));
      doc = A.change(doc, { message: changeMessage(lead, "Renamed the account"), time: s("2026-03-02T10:02:00Z") }, (d) => void (d.name = "Acme 3"));
      expect(timelineOf(doc).slice(1).map((e) => [e.kind, e.text, e.item])).toEqual([
        ["commitment", "Added a commitment", null],
        ["milestone", "Changed a milestone's end date", null],
        ["account", "Renamed the account", null],
      ]);
    });

    it("survives impossible change times: they order as unknown (after what they build on)", () => {
      let doc = run(newAccount(), rep, "addRisk", { id: "k1", kind: "other", description: "Future", by: rep, at: AT }, 9e15);
      doc = run(doc, rep, "addRisk", { id: "k2", kind: "other", description: "Past", by: rep, at: AT }, -5);
      const entries = timelineOf(doc);
      expect(entries.map((e) => e.item)).toEqual([null, "k1", "k2"]);
      expect(entries.map((e) => e.at)).toEqual(["2026-02-25T06:13:20.000Z", "2026-02-25T06:13:20.000Z", "2026-02-25T06:13:20.000Z"]);
    });

    it("reads on when a peer made the logged activities something else, or put null in the list", () => {
      let doc = run(newAccount(), rep, "logActivity", { id: "a1", kind: "call", summary: "Called Kim", by: rep, at: AT }, s("2026-03-02T09:30:00Z"));
      doc = A.change(doc, { message: changeMessage(lead, "Edited an activity"), time: s("2026-03-02T10:00:00Z") }, (d) => void (d.activities as unknown[]).push(null));
      expect(timelineOf(doc).filter((e) => e.source === "activity").map((e) => e.text)).toEqual(["Called Kim"]);
      doc = A.change(doc, { message: changeMessage(lead, "Edited an activity"), time: s("2026-03-02T10:01:00Z") }, (d) => void ((d as unknown as Record<string, unknown>).activities = "not a list"));
      expect(timelineOf(doc).filter((e) => e.source === "activity")).toEqual([]);
    });

    it("keeps Baton's own changes made without a person as they were: the migration reads “Baton”", () => {
      let doc = newAccount();
      doc = A.change(doc, { message: JSON.stringify({ by: "baton", name: "Baton", what: "Upgraded the account format" }), time: s("2026-03-02T10:02:00Z") }, (d) => void (d.name = "Acme!"));
      expect(brief(timelineOf(doc))).toEqual([
        ["06:13:20", "Riley Rep", "account", "Created the account"],
        ["10:02:00", "Baton", "account", "Upgraded the account format"],
      ]);
      expect(timelineOf(doc).every((e) => e.device === null)).toBe(true);
    });
  });
});

describe("changes without Baton's message", () => {
  const GUEST = "3f2a9c".padEnd(32, "7");
  /** The account with three commitments, made by the rep (actor A) in Baton. */
  function account(): Doc {
    let doc = base();
    doc = run(doc, rep, "addCommitment", { id: "c2", text: "Ship the spare parts", by: rep, at: AT }, s("2026-03-02T09:02:00Z"));
    doc = run(doc, rep, "addCommitment", { id: "c3", text: "Weekly status call", by: rep, at: AT }, s("2026-03-02T09:03:00Z"));
    return doc;
  }
  /** What a stock automerge-repo client does with the meeting code: no message, its own actor. */
  function guestWipes(doc: Doc, actor = GUEST): Doc {
    let g = A.clone(doc, { actor });
    g = A.change(g, { time: s("2026-03-02T11:00:00Z") }, (d) => {
      for (const id of Object.keys(d.commitments)) delete d.commitments[id];
      A.updateText(d, ["name"], "Evil Corp");
    });
    return A.change(g, { time: s("2026-03-02T11:01:00Z") }, (d) => A.updateText(d, ["name"], "Evil Corp 2"));
  }

  it("are on the timeline, attributed to the device, saying what they changed", () => {
    const doc = guestWipes(account());
    const entries = timelineOf(doc);
    expect(brief(entries).slice(-2)).toEqual([
      ["11:00:00", "Unknown device 3f2a9c", "commitment", "Removed 3 commitments; changed the account name"],
      ["11:01:00", "Unknown device 3f2a9c", "account", "Changed the account name"],
    ]);
    expect(entries.at(-2)).toMatchObject({ by: { id: `device:${GUEST}` }, device: GUEST, source: "change", item: null, count: 1 });
    // The filters work on them: by kind, and by the device as a "person".
    expect(timelineOf(doc, { kinds: ["commitment"] }).map((e) => e.text).at(-1)).toBe("Removed 3 commitments; changed the account name");
    expect(timelineOf(doc, { personIds: [`device:${GUEST}`] })).toHaveLength(2);
    expect(timelinePeople(entries)).toEqual([
      { id: "p-rep", name: "Riley Rep" },
      { id: `device:${GUEST}`, name: "Unknown device 3f2a9c" },
    ]);
  });

  it("name the person when the same device also made changes with Baton's message", () => {
    let doc = guestWipes(account(), ACTOR_B);
    doc = run(doc, lead, "addRisk", { id: "k1", kind: "scope", description: "Scope creep", by: lead, at: AT }, s("2026-03-02T12:00:00Z"));
    const entries = timelineOf(doc);
    expect(brief(entries).slice(-3)).toEqual([
      ["11:00:00", "Dana Lead's device", "commitment", "Removed 3 commitments; changed the account name"],
      ["11:01:00", "Dana Lead's device", "account", "Changed the account name"],
      ["12:00:00", "Dana Lead", "risk", "Added a scope risk: “Scope creep”"],
    ]);
    expect(entries.at(-3)).toMatchObject({ by: { id: "p-lead", name: "Dana Lead's device" }, device: ACTOR_B });
    // Filtering by Dana shows what her device did too; the filter names her as she signs.
    expect(timelineOf(doc, { personIds: ["p-lead"] })).toHaveLength(3);
    expect(timelinePeople(entries)).toEqual([
      { id: "p-rep", name: "Riley Rep" },
      { id: "p-lead", name: "Dana Lead" },
    ]);
  });

  it("are the same on two replicas that received the changes in different orders", () => {
    let lead2 = A.clone(account(), { actor: ACTOR_B });
    lead2 = run(lead2, lead, "editCommitment", { id: "c1", status: "agreed" }, s("2026-03-02T10:30:00Z"));
    const guest = guestWipes(lead2);
    const repLaptop = run(account(), rep, "addRisk", { id: "k1", kind: "credit", description: "Slow payer", by: rep, at: AT }, s("2026-03-02T11:00:00Z"));
    const [merged] = A.applyChanges(repLaptop, A.getAllChanges(guest));
    const all = A.getAllChanges(merged);
    const forward = A.applyChanges(A.init<never>(), all)[0] as Doc;
    const backward = A.applyChanges(A.init<never>(), [...all].reverse())[0] as Doc;
    // A third replica reads incrementally as the changes arrive one at a time, newest first.
    const reader = new TimelineReader();
    let third = A.init<never>() as Doc;
    for (const c of [...all].reverse()) {
      [third] = A.applyChanges(third, [c]);
      reader.read(third);
    }
    expect(timelineOf(backward)).toEqual(timelineOf(forward));
    expect(reader.read(third)).toEqual(timelineOf(forward));
    expect(brief(timelineOf(forward)).filter(([, who]) => who === "Unknown device 3f2a9c")).toEqual([
      ["11:00:00", "Unknown device 3f2a9c", "commitment", "Removed 3 commitments; changed the account name"],
      ["11:01:00", "Unknown device 3f2a9c", "account", "Changed the account name"],
    ]);
    expect(timelineOf(merged)).toEqual(timelineOf(forward));
  });

  it("say what changed in each part of the account, with the kind and the one item touched", () => {
    let doc = A.clone(account(), { actor: GUEST });
    const said: [string, string, string | null][] = [];
    const step = (fn: (d: AccountDoc) => void) => {
      const before = A.getHeads(doc);
      doc = A.change(doc, { time: s("2026-03-02T11:00:00Z") + said.length * 600 }, fn);
      const e = timelineOf(doc).find((x) => x.id === A.getHeads(doc)[0]);
      expect(A.getHeads(doc)).not.toEqual(before);
      said.push([e?.kind ?? "(none)", e?.text ?? "(none)", e?.item ?? null]);
    };
    step((d) => void (d.commitments.c2!.dueDate = new A.ImmutableString("2026-05-01")));
    step((d) => {
      d.commitments.c2!.status = new A.ImmutableString("at-risk");
      d.commitments.c2!.dueDate = null;
    });
    step((d) => A.splice(d, ["commitments", "c3", "text"], 0, 0, "A "));
    step((d) => {
      d.commitments.c9 = { ...JSON.parse(JSON.stringify(d.commitments.c3)), id: new A.ImmutableString("c9") } as never;
    });
    step((d) => void delete d.milestones.m1);
    step((d) => {
      d.order.value = new A.ImmutableString("18400");
      d.order.currency = new A.ImmutableString("USD");
    });
    step((d) => void (d.stage = new A.ImmutableString("paid")));
    step((d) => void d.activities.push({ id: new A.ImmutableString("a1"), kind: new A.ImmutableString("note"), summary: "hi", at: new A.ImmutableString(AT), by: { id: new A.ImmutableString("x"), name: new A.ImmutableString("X") }, followUpId: null, outcome: null }));
    step((d) => {
      d.contacts.x = null as never;
      d.payment.paidDate = new A.ImmutableString("2026-03-01");
      A.updateText(d, ["feedback", "likes"], "The price");
    });
    step((d) => void ((d as unknown as Record<string, unknown>).unheardOf = 1));
    expect(said).toEqual([
      ["commitment", "Changed the due date of a commitment", "c2"],
      ["commitment", "Changed the status and due date of a commitment", "c2"],
      ["commitment", "Changed the wording of a commitment", "c3"],
      ["commitment", "Added a commitment", "c9"],
      ["milestone", "Removed a milestone", "m1"],
      ["order", "Changed the value and currency of the order", null],
      ["stage", "Changed the stage", null],
      ["activity", "Added a logged activity", null],
      ["account", "Changed 3 parts of the account: contacts, payment, feedback", null],
      ["account", "Changed another part of the account", null],
    ]);
  });

  it("typed by a script merge into one entry, like typed changes do", () => {
    let doc = A.clone(account(), { actor: GUEST });
    const t0 = s("2026-03-02T13:00:00Z");
    for (let i = 0; i < 20; i++) doc = A.change(doc, { time: t0 + i }, (d) => A.splice(d, ["commitments", "c2", "text"], 0, 0, "x"));
    doc = A.change(doc, { time: t0 + 30 }, (d) => A.splice(d, ["commitments", "c3", "text"], 0, 0, "y"));
    doc = A.change(doc, { time: t0 + 30 + TIMELINE_MERGE_WINDOW_S + 1 }, (d) => A.splice(d, ["commitments", "c3", "text"], 0, 0, "y"));
    expect(timelineOf(doc).slice(-3).map((e) => [e.by?.name, e.text, e.item, e.count])).toEqual([
      ["Unknown device 3f2a9c", "Changed the wording of a commitment", "c2", 20],
      ["Unknown device 3f2a9c", "Changed the wording of a commitment", "c3", 1],
      ["Unknown device 3f2a9c", "Changed the wording of a commitment", "c3", 1],
    ]);
  });

  it("leave out only empty changes, so a document automerge-repo created reads as before", () => {
    // repo.create() starts a document with an empty change; Baton's first change creates the account.
    let doc = A.emptyChange(A.init<AccountDoc>({ actor: ACTOR_A }), { time: 1_772_000_000 });
    doc = run(doc, rep, "createAccount", { name: "Acme", by: rep, at: AT }, 1_772_000_000);
    doc = A.emptyChange(A.clone(doc, { actor: GUEST }), { time: s("2026-03-02T10:00:00Z") });
    expect(brief(timelineOf(doc))).toEqual([["06:13:20", "Riley Rep", "account", "Created the account"]]);
  });

  it("keep a message that is not Baton's as a short, cleaned note", () => {
    let doc = A.clone(newAccount(), { actor: GUEST });
    doc = A.change(doc, { message: "Imported from the old CRM", time: s("2026-03-02T10:00:00Z") }, (d) => void (d.name = "Acme (import)"));
    doc = A.change(doc, { message: `\u202eevil\u0007 ${"x".repeat(10_000)}`, time: s("2026-03-02T10:01:00Z") }, (d) => void (d.name = "Acme"));
    const [imported, long] = timelineOf(doc).slice(1);
    expect([imported!.by?.name, imported!.kind, imported!.text]).toEqual(["Unknown device 3f2a9c", "account", "Changed the account name — note: “Imported from the old CRM”"]);
    expect(long!.text).toMatch(/^Changed the account name — note: “evil x+…”$/);
    expect(long!.text.length).toBeLessThanOrEqual(100);
  });

  it("from a hostile peer (1,000 keys, wrong types, odd paths, a huge change) never throw and stay short", () => {
    let doc = A.clone(account(), { actor: GUEST });
    const odd = (i: number) => `\u202e<img src=x onerror=alert(${i})>${"\u0000".repeat(i % 3)}${"k".repeat(i % 7 === 0 ? 5000 : 3)}${i}`;
    doc = A.change(doc, { time: s("2026-03-02T11:00:00Z") }, (d) => {
      const raw = d as unknown as Record<string, unknown>;
      for (let i = 0; i < 1000; i++) raw[odd(i)] = i % 2 ? null : { deep: [i, "x", { a: true }] };
      (d.commitments as Record<string, unknown>)[odd(1)] = 5;
      (d.milestones.m1 as unknown as Record<string, unknown>).commitmentIds = 5;
      raw.name = { not: "a name" };
      raw.activities = "not a list";
    });
    doc = A.change(doc, { time: s("2026-03-02T11:01:00Z") }, (d) => {
      const raw = d as unknown as Record<string, unknown>;
      for (let i = 0; i < 1000; i++) delete raw[odd(i)];
      raw.name = 42;
    });
    doc = A.change(doc, { time: s("2026-03-02T11:02:00Z") }, (d) => {
      const m = d.commitments as unknown as Record<string, unknown>;
      for (let i = 0; i < 20_001; i++) m[`n${i}`] = i;
    });
    const t = performance.now();
    const entries = timelineOf(doc);
    const ms = performance.now() - t;
    const hostile = entries.filter((e) => e.device === GUEST);
    expect(hostile.map((e) => [e.kind, e.text])).toEqual([
      ["account", "Changed 1,004 parts of the account: commitments, milestones, logged activities, name, …"],
      ["account", "Changed the account name; changed 1,000 other parts of the account"],
      ["account", "Made a large change to the account (20,001 edits at once)"],
    ]);
    for (const e of hostile) {
      expect(e.text.length).toBeLessThanOrEqual(120);
      expect(e.text).not.toMatch(/img|onerror|\u202e|kkk/);
      expect(e.item).toBeNull();
    }
    expect(ms).toBeLessThan(2000);
  });
});

describe("TimelineReader", () => {
  it("reads only what is new, and always equals timelineOf: local edits, merged changes, another account", () => {
    const reader = new TimelineReader();
    let [a, b] = twoLaptops();
    expect(reader.read(a)).toEqual(timelineOf(a));
    a = run(a, rep, "editCommitment", { id: "c1", text: "Train two admins on site" }, s("2026-03-02T12:00:00Z"));
    expect(reader.read(a)).toEqual(timelineOf(a));
    // Changes from the other laptop arrive, some of them older than what was read.
    [a] = A.applyChanges(a, A.getAllChanges(b));
    expect(reader.read(a, { personIds: ["p-lead"] })).toEqual(timelineOf(a, { personIds: ["p-lead"] }));
    expect(reader.read(a)).toEqual(timelineOf(a));
    // A different account: read from scratch.
    const other = run(newAccount("Globex"), lead, "addRisk", { id: "k9", kind: "other", description: "Other", by: lead, at: AT });
    expect(reader.read(other)).toEqual(timelineOf(other));
    b = run(b, lead, "addRisk", { id: "k2", kind: "credit", description: "x", by: lead, at: AT });
    expect(reader.read(b)).toEqual(timelineOf(b));
  });

  it("reads each change without Baton's message once, and none of Baton's own", () => {
    const reader = new TimelineReader();
    let doc = A.clone(base(), { actor: "3f2a9c".padEnd(32, "7") });
    vi.mocked(changeEffect).mockClear();
    reader.read(doc);
    expect(changeEffect).not.toHaveBeenCalled();
    for (let i = 0; i < 5; i++) {
      doc = A.change(doc, (d) => A.splice(d, ["commitments", "c1", "text"], 0, 0, "x"));
      doc = run(doc, rep, "editCommitment", { id: "c1", status: "agreed" });
      expect(reader.read(doc)).toEqual(timelineOf(doc));
    }
    // 5 by the reader; timelineOf reads everything each time (1 + 2 + … + 5).
    expect(changeEffect).toHaveBeenCalledTimes(5 + 15);
  });
});

describe("timeline order, for any history", () => {
  it("three laptops with skewed clocks and random syncs: the same timeline everywhere, never a change before what it builds on", () => {
    const op = fc.record({ laptop: fc.nat({ max: 2 }), skew: fc.integer({ min: -3600, max: 3600 }), syncWith: fc.option(fc.nat({ max: 2 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 10 }), (ops) => {
        const start = newAccount();
        const people = [rep, lead, { id: "p-3", name: "Third", role: "rep" as const }];
        const docs = ["aa", "bb", "cc"].map((x) => A.clone(start, { actor: x.repeat(16) }));
        ops.forEach((o, i) => {
          const t = s("2026-03-02T10:00:00Z") + i * 60 + o.skew;
          docs[o.laptop] = run(docs[o.laptop]!, people[o.laptop]!, "addRisk", { id: `k${i}`, kind: "other", description: `Risk ${i}`, by: people[o.laptop]!, at: AT }, t);
          if (o.syncWith !== null && o.syncWith !== o.laptop) {
            [docs[o.laptop], docs[o.syncWith]] = sync(docs[o.laptop]!, docs[o.syncWith]!);
          }
        });
        let all = A.clone(docs[0]!);
        for (const d of docs.slice(1)) [all] = A.applyChanges(all, A.getAllChanges(d));
        const finals = docs.map((d) => A.applyChanges(d, A.getAllChanges(all))[0]);
        const expected = timelineOf(finals[0]!);
        for (const d of finals.slice(1)) expect(timelineOf(d)).toEqual(expected);
        // Causal: each change after every change it depends on.
        const position = new Map(expected.map((e, i) => [e.id, i]));
        for (const meta of A.getChangesMetaSince(finals[0]!, [])) {
          for (const dep of meta.deps) {
            if (position.has(meta.hash) && position.has(dep)) expect(position.get(dep)!).toBeLessThan(position.get(meta.hash)!);
          }
        }
        // And by time.
        const times = expected.map((e) => e.at);
        expect(times).toEqual([...times].sort());
      }),
      { numRuns: 25 },
    );
  });
});
