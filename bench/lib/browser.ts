/**
 * Timing in the page for the Chromium scenarios (Chromium and browser mode themselves are
 * started with scenario 3's helpers in bench/scenarios/cold-start.ts).
 */
import type { Page } from "playwright-core";

/**
 * Installed in the page before the app (add with `page.addInitScript`): `window.__benchTime(action,
 * done, timeoutMs)` runs `action`, then resolves with the ms until `done()` first holds — checked
 * by a MutationObserver, on the shared clock (`performance.timeOrigin + performance.now()`) —
 * and the ms until the frame after it (a requestAnimationFrame, then a task: style, layout and
 * paint of that DOM are done by then). A string, not a function: tsx would wrap named inner
 * functions in a helper the page does not have.
 */
export const PAGE_TIMER = `(() => {
  const clock = () => performance.timeOrigin + performance.now();
  window.__benchTime = (action, done, timeoutMs) => new Promise((resolve, reject) => {
    let finished = false;
    let t0 = 0;
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      reject(new Error("not done in " + timeoutMs + " ms"));
    }, timeoutMs);
    const check = () => {
      if (finished || !done()) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      const domAt = clock();
      requestAnimationFrame(() => setTimeout(() => resolve({ t0, domMs: domAt - t0, frameMs: clock() - t0 }), 0));
    };
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    t0 = clock();
    action();
    queueMicrotask(check);
  });
})();`;

export interface PageTiming {
  /** Start on the shared clock. */
  t0: number;
  /** Until the DOM held what was waited for (MutationObserver). */
  domMs: number;
  /** Until the frame after that (drawn). */
  frameMs: number;
}

/** Run `action` (page-side source of a statement) and time until `done` (page-side source of an expression). */
export function timeInPage(page: Page, action: string, done: string, timeoutMs = 30_000): Promise<PageTiming> {
  return page.evaluate<PageTiming>(`window.__benchTime(() => { ${action}; }, () => (${done}), ${String(timeoutMs)})`);
}

/**
 * Let the page go quiet before a timed action (not part of any figure): two frames, then an
 * idle period of the main thread (requestIdleCallback, at most 2 s), then a short pause — so
 * work left over from the previous step (layout of a long list, effects, GC) is not timed.
 */
export async function settle(page: Page, ms = 50): Promise<void> {
  await page.evaluate(
    `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => setTimeout(r, ${String(ms)}), { timeout: 2000 }))))`,
  );
}

/**
 * In-page condition: the list named `label` holds `n` items and every one the window shows
 * is drawn in full — a long list stands rows away from the window in with their words
 * (src/renderer/ui/near-rows.tsx), which a person sees only after scrolling.
 */
export function listShown(label: string, n: number): string {
  return `((list) => !!list && list.children.length >= ${String(n)} && [...list.children].every((li) => {
    if (li.dataset.standIn === undefined) return true;
    const box = li.getBoundingClientRect();
    return box.bottom <= 0 || box.top >= window.innerHeight;
  }))(document.querySelector(${JSON.stringify(`[aria-label="${label}"]`)}))`;
}
