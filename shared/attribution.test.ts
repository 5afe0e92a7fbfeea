import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { changeMessage, isChangeKind, kindOfChange, parseChangeMessage } from "./attribution";
import type { AccountDoc, Profile } from "./account/schema";
import { createAccount } from "./commands/account";
import { addCommitment } from "./commands/commitments";

const rep: Profile = { id: "p-rep", name: "Riley Rep", role: "rep" };
const lead: Profile = { id: "p-lead", name: "Dana “DL” Lead", role: "delivery-lead" };
const AT = "2026-03-02T09:00:00.000Z";

describe("change messages", () => {
  it("read back the author and what they did", () => {
    expect(parseChangeMessage(changeMessage(lead, "Added a commitment"))).toEqual({ by: "p-lead", name: "Dana “DL” Lead", what: "Added a commitment" });
  });

  it.each([null, undefined, "", "Initial import", "{", "null", "42", '"text"', "[]", '{"by":"p","name":"n"}', '{"by":1,"name":"n","what":"w"}'])(
    "a message that is not ours (%j) reads as no author",
    (message) => expect(parseChangeMessage(message)).toBeNull(),
  );

  it("are recorded on the change and read the same on another laptop", () => {
    let doc = A.change(A.init<AccountDoc>(), { message: changeMessage(rep, "Created the account") }, (d) =>
      createAccount(d, { name: "Acme", by: rep, at: AT }),
    );
    doc = A.change(doc, { message: changeMessage(lead, "Added a commitment") }, (d) =>
      addCommitment(d, { id: "c1", text: "Install", by: lead, at: AT }),
    );
    doc = A.change(doc, (d) => void (d.name = "Acme GmbH"));

    expect(parseChangeMessage(A.decodeChange(A.getLastLocalChange(doc)!).message)).toBeNull();

    const [other] = A.applyChanges(A.init<AccountDoc>(), A.getAllChanges(doc));
    for (const replica of [doc, other]) {
      const authors = A.getHistory(replica).map((state) => parseChangeMessage(state.change.message));
      expect(authors).toEqual([
        { by: "p-rep", name: "Riley Rep", what: "Created the account" },
        { by: "p-lead", name: "Dana “DL” Lead", what: "Added a commitment" },
        null,
      ]);
    }
  });
});

describe("kinds of change", () => {
  it("a message can say what part of the account it is about, and which item", () => {
    expect(parseChangeMessage(changeMessage(rep, "Moved the account to Ordered", "stage"))).toEqual({ by: "p-rep", name: "Riley Rep", what: "Moved the account to Ordered", kind: "stage" });
    expect(parseChangeMessage(changeMessage(rep, "Removed a risk", "risk", "k1"))).toEqual({ by: "p-rep", name: "Riley Rep", what: "Removed a risk", kind: "risk", item: "k1" });
    expect(changeMessage(rep, "Added a commitment")).toBe('{"by":"p-rep","name":"Riley Rep","what":"Added a commitment"}');
  });

  it("an unknown kind (from a newer Baton) or a bad item is dropped, the rest still reads", () => {
    expect(parseChangeMessage('{"by":"p","name":"n","what":"Did a future thing","kind":"hologram","item":7}')).toEqual({ by: "p", name: "n", what: "Did a future thing" });
    expect(isChangeKind("hologram")).toBe(false);
    expect(isChangeKind("payment")).toBe(true);
  });

  it.each([
    ["Added a commitment", "commitment"],
    ["Moved a commitment", "commitment"],
    ["Changed a milestone's end date", "milestone"],
    ["Removed a requirement", "requirement"],
    ["Closed a risk", "risk"],
    ["Edited a contact", "contact"],
    ["Recorded the invoice", "payment"],
    ["Set the order reference", "order"],
    ["Changed the stage", "stage"],
    ["Signed off the handoff", "handoff"],
    ["Renamed the account", "account"],
    ["Created the account", "account"],
  ] as const)("an old message %j is read as kind %s", (what, kind) => {
    expect(kindOfChange({ what })).toBe(kind);
  });

  it("a kind given wins over the words", () => {
    expect(kindOfChange({ what: "Added a commitment", kind: "call" })).toBe("call");
  });
});

describe("a change message a peer wrote", () => {
  it("reads back without direction overrides or control characters, and cut to a name's length", () => {
    const author = parseChangeMessage(JSON.stringify({ by: "p", name: `\u202Eevil\u202C\u0007 ${"x".repeat(100_000)}`, what: "Added\u2066 a commitment\n" }));
    expect(author!.name.startsWith("evil x")).toBe(true);
    expect(author!.name.length).toBeLessThanOrEqual(80);
    expect(author!.what).toBe("Added a commitment");
  });
});
