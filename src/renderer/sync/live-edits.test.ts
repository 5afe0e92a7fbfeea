import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { Repo, cbor } from "@automerge/automerge-repo";
import { applyLiveChange, isLiveChange } from "../../../shared/live-edits";
import { changeAndSend } from "./live-edits";

type Doc = { notes: string[] };

/** A handle of a real Repo, and what happened on it in order: "sent" (a live edit out) and "change" (its listeners told). */
function watched() {
  const repo = new Repo({ network: [] });
  const handle = repo.create<Doc>({ notes: [] });
  const events: string[] = [];
  const sent: unknown[] = [];
  handle.on("ephemeral-message-outbound", ({ data }) => {
    events.push("sent");
    sent.push(cbor.decode(data));
  });
  handle.on("change", () => events.push("change"));
  return { repo, handle, events, sent };
}

describe("an edit made in the window", () => {
  it("is sent as a live edit before the handle's own listeners run, and the message alone carries the change", () => {
    const { handle, events, sent } = watched();
    const otherLaptop = A.clone(handle.doc());
    changeAndSend(handle, "Added a note", (d) => void d.notes.push("Kick-off on Monday"));
    expect(events).toEqual(["sent", "change"]);
    expect(handle.doc().notes).toEqual(["Kick-off on Monday"]);
    const message = sent[0];
    if (!isLiveChange(message)) throw new Error(`not a live edit: ${JSON.stringify(message)}`);
    const there = applyLiveChange(otherLaptop, message);
    expect(there.notes).toEqual(["Kick-off on Monday"]);
    expect(A.getHeads(there)).toEqual(A.getHeads(handle.doc()));
  });

  it("sends nothing when the command changed nothing", () => {
    const { handle, events } = watched();
    changeAndSend(handle, "Nothing", () => undefined);
    expect(events).toEqual([]);
  });

  it("throws what the command threw, leaving the document as it was and sending nothing", () => {
    const { handle, events } = watched();
    expect(() =>
      changeAndSend(handle, "Half an edit", (d) => {
        d.notes.push("never kept");
        throw new Error("the commitment was removed on the other laptop");
      }),
    ).toThrow("the commitment was removed on the other laptop");
    expect(handle.doc().notes).toEqual([]);
    expect(events).toEqual([]);
  });

  it("keeps the edit and the account editable when sending it fails", () => {
    const { handle } = watched();
    let failures = 1;
    handle.on("ephemeral-message-outbound", () => {
      if (failures-- > 0) throw new Error("the socket is gone");
    });
    changeAndSend(handle, "Added a note", (d) => void d.notes.push("first"));
    changeAndSend(handle, "Added a note", (d) => void d.notes.push("second"));
    expect(handle.doc().notes).toEqual(["first", "second"]);
  });

  it("refuses a view of the account at a past moment, as handle.change does", () => {
    const { handle, events } = watched();
    changeAndSend(handle, "Added a note", (d) => void d.notes.push("first"));
    const past = handle.view(handle.heads());
    expect(() => changeAndSend(past, "Into the past", (d) => void d.notes.push("second"))).toThrow(/past moment/);
    expect(handle.doc().notes).toEqual(["first"]);
    expect(events).toEqual(["sent", "change"]);
  });
});
