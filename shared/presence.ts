/**
 * Presence in the handoff meeting (DESIGN.md "Presence"): who is in the meeting and which
 * item each person is on. Sent as automerge-repo ephemeral messages on the account's
 * handle — never stored. Each window sends a heartbeat every `PRESENCE_HEARTBEAT_MS`; a
 * person not heard from for `PRESENCE_EXPIRY_MS` is gone (closed the laptop, left).
 */

/** The ephemeral message one window sends about its person. */
export interface PresenceMessage {
  type: "baton/presence";
  person: { id: string; name: string };
  /** The item in focus (an agenda item, commitment or milestone id), or null. */
  itemId: string | null;
  /** What the item is called, for the other side to show. */
  itemLabel: string | null;
  /** True when the person is leaving (the window closes or the page changes). */
  leaving?: boolean;
}

export const PRESENCE_HEARTBEAT_MS = 2000;
export const PRESENCE_EXPIRY_MS = 6000;

const short = (v: unknown, max: number) => typeof v === "string" && v.length <= max;

/** True when an ephemeral message is a well-formed presence message (peers may send anything). */
export function isPresence(message: unknown): message is PresenceMessage {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Record<string, unknown>;
  const p = m.person as Record<string, unknown> | null | undefined;
  return (
    m.type === "baton/presence" &&
    typeof p === "object" &&
    p !== null &&
    short(p.id, 200) &&
    (p.id as string).length > 0 &&
    short(p.name, 200) &&
    (m.itemId === null || short(m.itemId, 200)) &&
    (m.itemLabel === null || m.itemLabel === undefined || short(m.itemLabel, 500)) &&
    (m.leaving === undefined || typeof m.leaving === "boolean")
  );
}

/** One other person in the meeting, as last heard. */
export interface PresentPerson {
  id: string;
  name: string;
  itemId: string | null;
  itemLabel: string | null;
  /** When they were last heard from (ms). */
  seen: number;
}

/** The people heard from recently; pure, so the expiry rule is tested without timers. */
export class PresenceBook {
  #people = new Map<string, PresentPerson>();

  /** Record a message heard at `now`; ignores messages about `selfId`. Returns true when what is shown changed. */
  hear(message: PresenceMessage, now: number, selfId: string): boolean {
    const id = message.person.id;
    if (id === selfId) return false;
    if (message.leaving) return this.#people.delete(id);
    const before = this.#people.get(id);
    this.#people.set(id, { id, name: message.person.name, itemId: message.itemId, itemLabel: message.itemLabel ?? null, seen: now });
    return !before || before.itemId !== message.itemId || before.itemLabel !== (message.itemLabel ?? null) || before.name !== message.person.name;
  }

  /** Drop people not heard from for `PRESENCE_EXPIRY_MS`; true when someone was dropped. */
  expire(now: number): boolean {
    let dropped = false;
    for (const [id, p] of this.#people) {
      if (now - p.seen > PRESENCE_EXPIRY_MS) {
        this.#people.delete(id);
        dropped = true;
      }
    }
    return dropped;
  }

  /** The people present, by name. */
  people(): PresentPerson[] {
    return [...this.#people.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
