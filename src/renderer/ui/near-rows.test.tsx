import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
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

// Which stand-ins come near needs a real layout: e2e/long-plan.spec.ts checks that in Chromium.
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
