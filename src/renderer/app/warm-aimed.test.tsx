import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import type { BatonClient } from "../sync/client";
import { hrefOf } from "../ui/route";
import { useWarmAimedAccounts } from "./warm-aimed";

/** Only what the hook asks of the client: which accounts it was told to start. */
function clientThatRecords(warmed: string[]): BatonClient {
  return { warm: (documentId: string) => void warmed.push(documentId) } as unknown as BatonClient;
}

function Screen({ client }: { client: BatonClient }) {
  useWarmAimedAccounts(client);
  return (
    <main>
      <a href={hrefOf({ page: "account", documentId: "acct-today" })}>Müller &amp; Söhne</a>
      <a href={hrefOf({ page: "call", documentId: "acct-call", followUpId: "f1" })}>Open call guide</a>
      <a href={hrefOf({ page: "accounts" })}>All accounts</a>
      <div role="row" data-account="acct-row">
        <span>Row of the list, outside its link</span>
      </div>
      <button type="button">Not an account</button>
    </main>
  );
}

describe("the account aimed at, anywhere in the window", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is started once the pointer rests on a link to it, a call guide's link, or a marked row", () => {
    const warmed: string[] = [];
    render(<Screen client={clientThatRecords(warmed)} />);
    for (const [target, id] of [
      [screen.getByRole("link", { name: "Müller & Söhne" }), "acct-today"],
      [screen.getByRole("link", { name: "Open call guide" }), "acct-call"],
      [screen.getByText("Row of the list, outside its link"), "acct-row"],
    ] as const) {
      fireEvent.pointerOver(target);
      vi.advanceTimersByTime(79);
      expect(warmed.at(-1)).not.toBe(id);
      vi.advanceTimersByTime(1);
      expect(warmed.at(-1)).toBe(id);
    }
  });

  it("starts nothing on a sweep, on what is no account, or when the pointer leaves the window", () => {
    const warmed: string[] = [];
    render(<Screen client={clientThatRecords(warmed)} />);
    fireEvent.pointerOver(screen.getByRole("link", { name: "Müller & Söhne" }));
    vi.advanceTimersByTime(40);
    fireEvent.pointerOver(screen.getByRole("link", { name: "All accounts" }));
    vi.advanceTimersByTime(200);
    fireEvent.pointerOver(screen.getByRole("link", { name: "Open call guide" }));
    vi.advanceTimersByTime(40);
    fireEvent.pointerOver(screen.getByRole("button", { name: "Not an account" }));
    vi.advanceTimersByTime(200);
    fireEvent.pointerOver(screen.getByText("Row of the list, outside its link"));
    vi.advanceTimersByTime(40);
    fireEvent.pointerOut(screen.getByText("Row of the list, outside its link"), { relatedTarget: null });
    vi.advanceTimersByTime(200);
    expect(warmed).toEqual([]);
  });

  it("follows the keyboard's focus as well", () => {
    const warmed: string[] = [];
    render(<Screen client={clientThatRecords(warmed)} />);
    screen.getByRole("link", { name: "Open call guide" }).focus();
    vi.advanceTimersByTime(80);
    expect(warmed).toEqual(["acct-call"]);
  });
});
