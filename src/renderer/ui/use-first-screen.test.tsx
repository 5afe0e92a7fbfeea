import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import { FIRST_SCREEN_ROWS, useFirstScreenFirst } from "./use-first-screen";

function List({ items }: { items: string[] }) {
  const drawn = useFirstScreenFirst(items.length);
  return (
    <ul aria-label="Rows">
      {items.slice(0, drawn).map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => `Row ${String(i)}`);

describe("a long list's first screen first", () => {
  it("draws a screenful at once and every row from the next frame", async () => {
    render(<List items={rows(80)} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(FIRST_SCREEN_ROWS);
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(80));
  });

  it("draws a short list whole, and rows added later at once", async () => {
    const { rerender } = render(<List items={rows(12)} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(12);
    await new Promise((r) => setTimeout(r, 50));
    rerender(<List items={rows(13)} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(13);
  });
});
