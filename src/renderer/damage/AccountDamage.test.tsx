import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { checkAccount } from "../../../shared";
import { ACTOR_A, fullAccount, lead } from "../../../shared/testing/accounts";
import { renderInAccount } from "../testing/account";
import { DamagedItems } from "./AccountDamage";

type Raw = Record<string, Record<string, Record<string, unknown>>>;

type Doc = ReturnType<typeof fullAccount>;

/** What a stock client without Baton's change messages writes. */
function strangerWrites(doc: Doc, fn: (d: Raw) => void): Doc {
  const theirs = A.change(A.clone(doc, { actor: "cc".repeat(16) }), { time: 1_790_000_000 }, (d) => fn(d as unknown as Raw));
  return A.applyChanges(doc, [A.getLastLocalChange(theirs)!])[0];
}

describe("a damaged commitment in its section", () => {
  it("says what is wrong, who sent it and when, and one click puts the last good value back", async () => {
    const good = fullAccount("Acme", ACTOR_A);
    const damaged = strangerWrites(good, (d) => void (d.commitments!.c1!.dueDate = 5));
    const { stored } = renderInAccount(<DamagedItems parts={["commitments"]} />, damaged, lead);

    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("A damaged commitment: “Train two admins”");
    expect(alert.textContent).toContain("Its due date should be a date; it is a number (“5”).");
    expect(alert.textContent).toMatch(/Sent from a device Baton does not know \(cccccccc\) on .+; the change does not say who made it\./);

    fireEvent.click(screen.getByRole("button", { name: "Restore the last good value" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(checkAccount(stored()).damage).toEqual([]);
    expect(String(stored().commitments.c1!.dueDate)).toBe("2026-03-20");
  });

  it("offers to take out an item that never made sense, and does", async () => {
    const damaged = strangerWrites(fullAccount(), (d) => void (d.commitments!.junk = null as never));
    const { stored } = renderInAccount(<DamagedItems parts={["commitments"]} />, damaged, lead);
    expect(screen.getByRole("alert").textContent).toContain("It is empty (null) instead of a commitment.");
    fireEvent.click(screen.getByRole("button", { name: "Remove the damaged item" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(Object.keys(stored().commitments).sort()).toEqual(["c1", "c2"]);
  });

  it("lists the first ten, counts the rest, and puts every one right in one change", async () => {
    let doc = fullAccount();
    doc = strangerWrites(doc, (d) => {
      for (let i = 0; i < 25; i++) d.commitments![`junk${String(i)}`] = null as never;
      d.commitments!.c1!.dueDate = 5;
    });
    const { stored } = renderInAccount(<DamagedItems parts={["commitments"]} />, doc, lead);
    expect(screen.getAllByRole("alert")).toHaveLength(10);
    expect(screen.getByText("And 16 more damaged items, each left out until it is put right.")).toBeTruthy();
    const changes = A.getAllChanges(stored()).length;
    fireEvent.click(screen.getByRole("button", { name: "Put all 26 right" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(checkAccount(stored()).damage).toEqual([]);
    expect(Object.keys(stored().commitments).sort()).toEqual(["c1", "c2"]);
    expect(String(stored().commitments.c1!.dueDate)).toBe("2026-03-20");
    expect(A.getAllChanges(stored())).toHaveLength(changes + 1);
  });
});
