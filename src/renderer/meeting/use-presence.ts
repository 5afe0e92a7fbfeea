/**
 * Presence in the handoff meeting (shared/presence.ts): while this account is in a
 * meeting, tell the other laptop who is here and which item has the focus — an agenda
 * item, a commitment or a milestone (any element with `data-item-id`) — and hear theirs.
 * Ephemeral messages on the account's handle: never stored, gone without a heartbeat.
 */
import { useEffect, useState } from "react";
import type { DocHandle } from "@automerge/automerge-repo/slim";
import { isPresence, PRESENCE_HEARTBEAT_MS, PresenceBook, type PresenceMessage, type PresentPerson } from "../../../shared";
import { useProfile } from "../sync/context";
import { ROWS_DRAWN_EVENT } from "../ui/near-rows";
import type { AccountSession } from "../document/session";

interface Focus {
  id: string;
  label: string | null;
}

/** What the focused element is about: its `data-item-label`, or "kind “first field”". */
function focusOf(target: EventTarget | null): Focus | null {
  const el = target instanceof Element ? target.closest<HTMLElement>("[data-item-id]") : null;
  if (!el?.dataset.itemId) return null;
  if (el.dataset.itemLabel) return { id: el.dataset.itemId, label: el.dataset.itemLabel };
  const list = el.parentElement?.getAttribute("aria-label") ?? "";
  const kind = list === "Commitments" ? "the commitment" : list === "Delivery plan" ? "the milestone" : "";
  const field = el.querySelector<HTMLInputElement | HTMLTextAreaElement>("input[type=text], input:not([type]), textarea");
  const name = field?.value.trim().slice(0, 80) ?? "";
  return { id: el.dataset.itemId, label: [kind, name && `“${name}”`].filter(Boolean).join(" ") || null };
}

/**
 * The other people in this account's meeting, as last heard; empty while not in a meeting
 * (`session` null). The handle is taken in the effect, not while drawing: a session drawn
 * from a loaded document is handed to the repo when its handle is first asked for.
 */
export function usePresence(session: AccountSession | null): PresentPerson[] {
  const profile = useProfile();
  const [people, setPeople] = useState<PresentPerson[]>([]);

  useEffect(() => {
    if (!session) {
      setPeople([]);
      return;
    }
    const handle = session.handle as DocHandle<unknown>;
    const book = new PresenceBook();
    let focus: Focus | null = null;
    let focusEl: Element | null = null;
    const send = (leaving = false) => {
      // The item's name may have changed since it got the focus (someone typed into it).
      if (focusEl?.isConnected) focus = focusOf(focusEl) ?? focus;
      const message: PresenceMessage = {
        type: "baton/presence",
        person: { id: profile.id, name: profile.name },
        itemId: focus?.id ?? null,
        itemLabel: focus?.label ?? null,
      };
      if (leaving) message.leaving = true;
      handle.broadcast(message);
    };
    const onMessage = ({ message }: { message: unknown }) => {
      if (!isPresence(message)) return;
      const isNew = !book.people().some((p) => p.id === message.person.id);
      if (book.hear(message, Date.now(), profile.id)) setPeople(book.people());
      if (isNew && !message.leaving) send(); // Answer a newcomer at once rather than at the next heartbeat.
    };
    const onFocus = (e: FocusEvent) => {
      const next = focusOf(e.target);
      if (!next) return; // Leaving an item for a place that is no item keeps the last one.
      focusEl = e.target as Element;
      if (next.id === focus?.id && next.label === focus?.label) return;
      focus = next;
      send();
    };
    handle.on("ephemeral-message", onMessage);
    document.addEventListener("focusin", onFocus);
    send();
    const timer = setInterval(() => {
      send();
      if (book.expire(Date.now())) setPeople(book.people());
    }, PRESENCE_HEARTBEAT_MS);
    const onUnload = () => send(true);
    window.addEventListener("pagehide", onUnload);
    return () => {
      send(true);
      clearInterval(timer);
      handle.off("ephemeral-message", onMessage);
      document.removeEventListener("focusin", onFocus);
      window.removeEventListener("pagehide", onUnload);
      setPeople([]);
    };
  }, [session, profile.id, profile.name]);

  // Mark the item each other person is on, on this screen (a visual cue; the meeting panel
  // says it in words), again whenever a long list draws rows it had only stood in for.
  useEffect(() => {
    let marked: HTMLElement[] = [];
    const unmark = () => {
      for (const el of marked) delete el.dataset.presence;
      marked = [];
    };
    const mark = () => {
      unmark();
      for (const p of people) {
        if (!p.itemId) continue;
        const el = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(p.itemId)}"]`);
        if (!el) continue;
        el.dataset.presence = el.dataset.presence ? `${el.dataset.presence}, ${p.name}` : p.name;
        marked.push(el);
      }
    };
    mark();
    window.addEventListener(ROWS_DRAWN_EVENT, mark);
    return () => {
      window.removeEventListener(ROWS_DRAWN_EVENT, mark);
      unmark();
    };
  }, [people]);

  return people;
}
