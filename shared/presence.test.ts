import { describe, expect, it } from "vitest";
import { isPresence, PRESENCE_EXPIRY_MS, PresenceBook, type PresenceMessage } from "./presence";

const msg = (id: string, itemId: string | null, extra: Partial<PresenceMessage> = {}): PresenceMessage => ({
  type: "baton/presence",
  person: { id, name: id.toUpperCase() },
  itemId,
  itemLabel: itemId,
  ...extra,
});

describe("presence", () => {
  it("accepts only well-formed presence messages", () => {
    expect(isPresence(msg("a", "x"))).toBe(true);
    expect(isPresence({ type: "baton/presence", person: { id: "", name: "x" }, itemId: null })).toBe(false);
    expect(isPresence({ type: "baton/presence", person: null, itemId: null })).toBe(false);
    expect(isPresence({ type: "baton/presence", person: { id: "a", name: "A" }, itemId: 5 })).toBe(false);
    expect(isPresence({ type: "baton/live-change" })).toBe(false);
    expect(isPresence("x".repeat(10))).toBe(false);
  });

  it("shows others (never self), follows their item, and forgets them without a heartbeat or when they leave", () => {
    const book = new PresenceBook();
    expect(book.hear(msg("me", "x"), 0, "me")).toBe(false);
    expect(book.hear(msg("bob", "c1"), 0, "me")).toBe(true);
    expect(book.hear(msg("bob", "c1"), 1000, "me")).toBe(false);
    expect(book.hear(msg("bob", "m1"), 2000, "me")).toBe(true);
    expect(book.people()).toMatchObject([{ id: "bob", itemId: "m1" }]);
    expect(book.expire(2000 + PRESENCE_EXPIRY_MS)).toBe(false);
    expect(book.expire(2001 + PRESENCE_EXPIRY_MS)).toBe(true);
    expect(book.people()).toEqual([]);
    book.hear(msg("ann", null), 0, "me");
    expect(book.hear(msg("ann", null, { leaving: true }), 1, "me")).toBe(true);
    expect(book.people()).toEqual([]);
  });
});
