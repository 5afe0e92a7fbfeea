import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { DRAW_WHOLE_UP_TO, NearRowsList } from "./near-rows";

function List({ names }: { names: string[] }) {
  return (
    <NearRowsList
      label="Rows"
      items={names.map((n) => ({ id: n }))}
      nameOf={(i) => i.id}
      grid={undefined}
      row={(i) => (
        <li key={i.id} data-item-id={i.id}>
          <input aria-label={`Text of ${i.id}`} defaultValue={i.id} />
        </li>
      )}
    />
  );
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => `Row ${String(i + 1)}`);

/**
 * Which stand-ins come near needs a real layout: e2e/long-plan.spec.ts checks that in
 * Chromium, on the production build. happy-dom's IntersectionObserver never reports, so
 * the last test here reports by hand what the browser would, to check the list's own
 * bookkeeping under StrictMode (the development build's doubled effects and refs).
 */
describe("a long list draws rows near the window only", () => {
  it("draws a short list whole", () => {
    render(<List names={rows(DRAW_WHOLE_UP_TO)} />);
    expect(screen.getAllByRole("textbox")).toHaveLength(DRAW_WHOLE_UP_TO);
    expect(document.querySelectorAll("[data-stand-in]")).toHaveLength(0);
  });

  it("still counts and names every row of a long one, drawn or not", () => {
    render(<List names={rows(40)} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(40);
    expect(items[39]!.textContent).toBe("Row 40");
    expect(items[39]!.dataset.itemId).toBe("Row 40");
  });

  it("keeps every row it drew, and the one just added, when the list grows past the bound", () => {
    const { rerender } = render(<List names={rows(DRAW_WHOLE_UP_TO)} />);
    const field = screen.getByRole("textbox", { name: "Text of Row 3" });
    field.focus();
    rerender(<List names={rows(DRAW_WHOLE_UP_TO + 1)} />);
    expect(document.activeElement).toBe(field);
    expect(screen.getAllByRole("textbox")).toHaveLength(DRAW_WHOLE_UP_TO + 1);
    expect(document.querySelectorAll("[data-stand-in]")).toHaveLength(0);
  });
});

describe("a long list's bookkeeping as rows come near", () => {
  const observers: Array<{ callback: IntersectionObserverCallback; watched: Set<Element>; live: boolean }> = [];
  afterEach(() => {
    vi.unstubAllGlobals();
    observers.length = 0;
  });

  /** Tell the list's live observer that these rows came near the window, as the browser would. */
  function comeNear(ids: string[]) {
    const live = observers.filter((o) => o.live);
    expect(live).toHaveLength(1);
    const o = live[0]!;
    const entries = [...o.watched].filter((el) => ids.includes((el as HTMLElement).dataset.itemId ?? "")).map((target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry);
    act(() => o.callback(entries, {} as IntersectionObserver));
  }

  it("draws the rows reported near and keeps them, under StrictMode", () => {
    vi.stubGlobal(
      "IntersectionObserver",
      class {
        readonly #o: { callback: IntersectionObserverCallback; watched: Set<Element>; live: boolean };
        constructor(callback: IntersectionObserverCallback) {
          this.#o = { callback, watched: new Set(), live: true };
          observers.push(this.#o);
        }
        observe(el: Element) {
          this.#o.watched.add(el);
        }
        unobserve(el: Element) {
          this.#o.watched.delete(el);
        }
        disconnect() {
          this.#o.live = false;
          this.#o.watched.clear();
        }
      },
    );
    const names = rows(40);
    const { rerender } = render(
      <StrictMode>
        <List names={names} />
      </StrictMode>,
    );
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    // Every stand-in is watched by the one live observer.
    expect(observers.filter((o) => o.live)[0]!.watched.size).toBe(40);

    comeNear(["Row 39", "Row 40"]);
    expect(screen.getAllByRole("textbox").map((t) => (t as HTMLInputElement).value)).toEqual(["Row 39", "Row 40"]);
    expect(observers.filter((o) => o.live)[0]!.watched.size).toBe(38);

    // A row moved to the top stays drawn; a removed row's stand-in is no longer watched.
    rerender(
      <StrictMode>
        <List names={["Row 40", ...names.slice(1, 39)]} />
      </StrictMode>,
    );
    expect(screen.getAllByRole("textbox").map((t) => (t as HTMLInputElement).value)).toEqual(["Row 40", "Row 39"]);
    expect(screen.getAllByRole("listitem")[0]!.querySelector("input")).not.toBeNull();
    expect(observers.filter((o) => o.live)[0]!.watched.size).toBe(37);
  });
});
