import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { changeMessage, parseChangeMessage } from "./attribution";
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
