import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { AT, lead, newAccount, rep, run } from "../testing/accounts";
import { COMMANDS, describeCommand, prepareChange } from "./catalog";
import { CHANGE_KINDS, parseChangeMessage } from "../attribution";
import * as account from "./account";
import * as commitments from "./commitments";
import * as milestones from "./milestones";
import * as restore from "./restore";
import * as stages from "./stages";
import * as checks from "./checks";
import * as contacts from "./contacts";
import * as requirements from "./requirements";
import * as risks from "./risks";
import * as orderPayment from "./order-payment";
import * as call from "./most-important-call";
import * as relationship from "./relationship";
import * as activities from "./activities";
import * as links from "./links";
import * as followUps from "./follow-ups";
import * as handoff from "./handoff";
import * as damage from "./damage";
import * as history from "./history";
import * as assignees from "./assignees";
import * as reminders from "./reminders";
import * as ownerContact from "./owner-contact";

/** Exported functions that are not commands on a document. */
const NOT_COMMANDS = new Set(["assertWritable", "snapshotCommitment", "snapshotMilestone", "snapshotRequirement", "checkStageMove", "mostImportantCallTime", "StageRuleError", "checkSignOff", "baselineName", "baselineOfSignOffs", "handoffNeedsCompletion", "HandoffRuleError", "repairFor", "NotRestorableError", "undoLeftAlone", "AssigneeError", "newAssignee", "passDeliveryToLead", "openRiskIds", "ownerContactStale", "ownerRecordsOf"]);

describe("the command catalog", () => {
  it("lists every command of every command module, and nothing else", () => {
    const modules = [account, commitments, milestones, restore, stages, checks, contacts, requirements, risks, orderPayment, call, relationship, activities, links, followUps, handoff, damage, history, assignees, reminders, ownerContact];
    const exported = modules.flatMap((m) => Object.entries(m).filter(([name, v]) => typeof v === "function" && !NOT_COMMANDS.has(name)).map(([name]) => name));
    expect(Object.keys(COMMANDS).sort()).toEqual([...new Set(exported)].sort());
    for (const m of modules) {
      for (const [name, fn] of Object.entries(m)) {
        if (name in COMMANDS) expect(COMMANDS[name as keyof typeof COMMANDS].run, name).toBe(fn);
      }
    }
  });

  it("gives every command a kind the timeline knows", () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      if (typeof entry.kind === "string") expect(CHANGE_KINDS, name).toContain(entry.kind);
    }
  });

  it("prepares an attributed change: the message names the person, what, kind and item; run applies the command", () => {
    const doc = newAccount();
    const change = prepareChange(lead, "addRisk", { id: "k1", kind: "remorse", description: "Asked about cancelling", by: lead, at: AT }, doc);
    expect(change).toMatchObject({ kind: "risk", item: "k1", what: "Added a remorse risk: “Asked about cancelling”" });
    expect(parseChangeMessage(change.message)).toEqual({ by: "p-lead", name: "Dana Lead", what: "Added a remorse risk: “Asked about cancelling”", kind: "risk", item: "k1" });
    const after = A.change(doc, { message: change.message }, change.run);
    expect(Object.keys(after.risks)).toEqual(["k1"]);
    expect(parseChangeMessage(A.decodeChange(A.getLastLocalChange(after)!).message)?.kind).toBe("risk");
  });

  it("names the item when given the document, and says it generically without", () => {
    const doc = run(newAccount(), rep, "addCommitment", { id: "c1", text: "Train two admins", by: rep, at: AT });
    expect(describeCommand("editCommitment", { id: "c1", status: "delivered" }, doc).what).toBe("Marked the commitment “Train two admins” as delivered");
    expect(describeCommand("editCommitment", { id: "c1", status: "delivered" }).what).toBe("Marked a commitment as delivered");
    expect(describeCommand("editCommitment", { id: "c1", dueDate: null, status: "at-risk" }, doc).what).toBe(
      "Removed the due date of the commitment “Train two admins”; marked the commitment “Train two admins” as at risk",
    );
    expect(describeCommand("removeCommitment", { id: "c1" }, doc)).toEqual({ kind: "commitment", what: "Removed the commitment “Train two admins”", item: "c1" });
  });

  it("describes typing without the typed words, so keystrokes read as one entry", () => {
    const doc = run(newAccount(), rep, "addCommitment", { id: "c1", text: "Train", by: rep, at: AT });
    const a = describeCommand("editCommitment", { id: "c1", text: "Train two" }, doc);
    const b = describeCommand("editCommitment", { id: "c1", text: "Train two admins" }, doc);
    expect(a).toEqual(b);
    expect(a.what).toBe("Edited a commitment's wording");
  });

  it("says when the most important call was scheduled by a move to ordered (once)", () => {
    const args = { to: "ordered", reason: "PO by phone", by: rep, at: "2026-03-06T15:00:00.000Z", timeZone: "Europe/Berlin" } as const;
    expect(describeCommand("moveStage", args, newAccount()).what).toBe(
      "Moved the account from Follow-up to Ordered — reason: PO by phone. Most important call scheduled for 2026-03-09 09:00 (Europe/Berlin)",
    );
    const ordered = run(newAccount(), rep, "moveStage", args);
    const back = run(ordered, rep, "moveStage", { ...args, to: "promised" });
    expect(describeCommand("moveStage", args, back).what).toBe("Moved the account from Promised to Ordered — reason: PO by phone");
  });

  it("describes stage moves with the reason, and link repairs by the item holding the link", () => {
    expect(describeCommand("moveStage", { to: "lost", reason: "Budget frozen", by: rep, at: AT, timeZone: "UTC" }, newAccount()).what).toBe(
      "Moved the account from Follow-up to Lost — reason: Budget frozen",
    );
    expect(describeCommand("removeBrokenLink", { from: { kind: "commitment", id: "c1" }, missing: { kind: "requirement", id: "r1" } })).toEqual({
      kind: "commitment",
      item: "c1",
      what: "Removed a link to a requirement that no longer exists",
    });
  });

  it("describes every command without a document, without throwing", () => {
    const samples: { [N in keyof typeof COMMANDS]?: unknown } = {
      setOrder: { value: "10", currency: "EUR" },
      repairDamage: { path: ["commitments", "c1"], repair: { remove: true } },
      repairAllDamage: { repairs: [{ path: ["commitments", "c1"], repair: { remove: true } }] },
      setPayment: { paidDate: "2026-04-01" },
      restoreItem: { values: [{ path: ["contacts", "k1"], value: undefined }], name: "Pat", point: "before the wipe" },
      restoreAccount: { account: {}, point: "at the order" },
      undoChange: { before: {}, after: {}, change: "Dana's change “Cleaned up”" },
      recordCreditCheck: { result: "failed" },
      confirmSupplyDate: { date: null },
      editReferral: { id: "f1", status: "given", referredTo: "Jo" },
      recordFollowUp: { id: "f1", agreedTime: "2026-03-03T09:00:00.000Z", timeZone: "Europe/Berlin", reason: "Price", by: rep, at: AT },
      logFollowUpCall: { followUpId: "f1", outcome: "voicemail", summary: "", next: { id: "f2", agreedTime: "2026-03-04T09:00:00.000Z", timeZone: "UTC" }, activityId: "a1", by: rep, at: AT },
    };
    for (const name of Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]) {
      const args = samples[name] ?? { id: "x", text: "t", title: "t", name: "n", description: "d", kind: "note", to: "paid", from: { kind: "milestone", id: "m" }, missing: { kind: "commitment", id: "c" }, commitmentId: "c", milestoneId: "m", requirementId: null, outcome: "reached", summary: "", askedOf: "Kim", score: 4, resolved: true, date: "2026-03-03", time: "09:00", timeZone: "UTC", occasion: "most-important-call", confirmed: true, linked: true, result: "passed", by: rep, at: AT };
      const { what, kind } = describeCommand(name, args as never);
      expect(what, name).toMatch(/^[A-Z]/);
      expect(CHANGE_KINDS, name).toContain(kind);
    }
  });
});
