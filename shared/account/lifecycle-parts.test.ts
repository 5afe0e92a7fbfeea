import { describe, expect, it } from "vitest";
import * as A from "@automerge/automerge";
import { migrate } from "./migrations";
import { fixed } from "./fixed";
import { newAccount } from "../testing/accounts";
import { orderOf } from "../queries/payment";

type Raw = Record<string, unknown>;

/** The document as plain JSON (fixed strings become strings). */
const plain = (doc: unknown) => JSON.parse(JSON.stringify(doc)) as Raw;

describe("schema v1: the parts of the account lifecycle", () => {
  it("a new account has them all, empty", () => {
    const js = plain(newAccount());
    expect(js.checks).toEqual({ creditCheck: "pending", creditCheckRecorded: null, supplyConfirmedDate: null, supplyConfirmedRecorded: null });
    expect(js.concerns).toEqual({});
    expect(js.relationship).toEqual({ satisfactionChecks: {}, referrals: {}, opportunities: {} });
    expect(js.order).toEqual({ reference: null, date: null, value: null, currency: null, items: "", proposalReference: null, quoteReference: null });
    expect(A.isImmutableString(newAccount().checks.creditCheck)).toBe(true);
  });

  it("migrating an older document adds them and keeps what the order already had", () => {
    const old = A.from<Raw>({ name: "Old", order: { reference: fixed("PO-1"), date: null, value: 10, currency: fixed("EUR"), items: "Scanners" } });
    const js = plain(A.change(old, (d) => migrate(d)));
    // The value was a float before amounts were decimal strings (migration 2).
    expect(js.order).toEqual({ reference: "PO-1", date: null, value: "10", currency: "EUR", items: "Scanners", proposalReference: null, quoteReference: null });
    expect(js.checks).toMatchObject({ creditCheck: "pending" });
    expect(js.concerns).toEqual({});
    expect(js.relationship).toEqual({ satisfactionChecks: {}, referrals: {}, opportunities: {} });
  });

  it("queries read an account that lacks them (written by an early build) without failing", () => {
    const doc = A.change(newAccount(), (d) => {
      const raw = d as unknown as Raw;
      delete raw.checks;
      delete raw.concerns;
      delete raw.relationship;
      delete (raw.order as Raw).proposalReference;
    });
    expect(orderOf(doc).proposalReference).toBeNull();
  });
});
