/**
 * The account the pointer or the focus rests on is started ahead (sync/start-ahead.ts), so
 * the click only draws it — from any screen: a row of the list, a call or a milestone on
 * Today, a card of the pipeline. One listener for the whole window, so a screen opts in by
 * what it already is: a link to an account (or a call guide) or, for a larger target such
 * as a list's row, an element marked `data-account`.
 */
import { useEffect } from "react";
import type { BatonClient } from "../sync/client";
import { parseRoute } from "../ui/route";

/** How long the pointer or the focus rests before the account is started: a sweep across a list starts nothing. */
const WARM_AFTER_MS = 80;

/** The account an element stands for, if any. */
function accountOf(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest("[data-account], a[href^='#/']") : null;
  if (!el) return null;
  const marked = el.getAttribute("data-account");
  if (marked) return marked;
  const route = parseRoute(el.getAttribute("href") ?? "");
  return route.page === "account" || route.page === "call" ? route.documentId : null;
}

export function useWarmAimedAccounts(client: BatonClient): void {
  useEffect(() => {
    let aimed: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const aim = (documentId: string | null) => {
      if (documentId === aimed) return;
      aimed = documentId;
      if (timer) clearTimeout(timer);
      timer = documentId === null ? null : setTimeout(() => client.warm(documentId), WARM_AFTER_MS);
    };
    const onOver = (e: Event) => aim(accountOf(e.target));
    // Out of the window altogether (pointerover does not fire on nothing).
    const onOut = (e: PointerEvent) => {
      if (e.relatedTarget === null) aim(null);
    };
    document.addEventListener("pointerover", onOver);
    document.addEventListener("focusin", onOver);
    document.addEventListener("pointerout", onOut);
    return () => {
      document.removeEventListener("pointerover", onOver);
      document.removeEventListener("focusin", onOver);
      document.removeEventListener("pointerout", onOut);
      aim(null);
    };
  }, [client]);
}
