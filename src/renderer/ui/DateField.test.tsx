import { describe, expect, it } from "vitest";
import { useState } from "react";
import { MantineProvider } from "@mantine/core";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DateField } from "./DateField";

/** A date field bound to a stored date that the "other laptop" can change, as an account row binds it. */
function Harness({ initial, writes, remote }: { initial: string | null; writes: (string | null)[]; remote?: { set?: (d: string | null) => void } }) {
  const [stored, setStored] = useState(initial);
  if (remote) remote.set = setStored;
  return (
    <MantineProvider>
      <DateField
        label="Due date"
        value={stored}
        validate={(d) => (d && d < "2026-01-01" ? "Due before the order." : null)}
        onCommit={(d) => {
          writes.push(d);
          setStored(d);
        }}
      />
    </MantineProvider>
  );
}

const field = () => screen.getByLabelText("Due date") as HTMLInputElement;

describe("a date field of the account", () => {
  it("shows the stored date in the person's locale", () => {
    render(<Harness initial="2026-03-09" writes={[]} />);
    expect(field().value).toBe("Mar 9, 2026");
  });

  it("writes a typed date at once, and shows it in the locale once left", async () => {
    const writes: (string | null)[] = [];
    const user = userEvent.setup();
    render(<Harness initial={null} writes={writes} />);
    await user.type(field(), "2026-03-09");
    expect(writes).toEqual(["2026-03-09"]);
    await user.tab();
    expect(field().value).toBe("Mar 9, 2026");
  });

  it("writes a day picked from the calendar", async () => {
    const writes: (string | null)[] = [];
    const user = userEvent.setup();
    render(<Harness initial="2026-03-02" writes={writes} />);
    await user.click(field());
    // The calendar fades in (Mantine's transition): found by its name rather than as visible.
    await user.click(await screen.findByLabelText("Thursday, March 19, 2026"));
    expect(writes).toEqual(["2026-03-19"]);
    await waitFor(() => expect(field().value).toBe("Mar 19, 2026"));
  });

  it("refuses 30 February with a message next to the field, writes nothing and keeps the text to correct", async () => {
    const writes: (string | null)[] = [];
    const user = userEvent.setup();
    render(<Harness initial="2026-03-09" writes={writes} />);
    await user.clear(field());
    await user.type(field(), "2026-02-30");
    await user.tab();
    expect(await screen.findByText("“2026-02-30” is not a valid date (use YYYY-MM-DD).")).toBeTruthy();
    expect(field().value).toBe("2026-02-30");
    expect(field().getAttribute("aria-invalid")).toBe("true");
    // Emptying the field on the way was "no date", a valid value: written, then nothing more.
    expect(writes).toEqual([null]);
  });

  it("refuses a date that breaks the rule between fields, with the rule's message", async () => {
    const writes: (string | null)[] = [];
    const user = userEvent.setup();
    render(<Harness initial={null} writes={writes} />);
    await user.type(field(), "2025-12-24{Enter}");
    expect(await screen.findByText("Due before the order.")).toBeTruthy();
    expect(writes).toEqual([]);
  });

  it("puts the stored date back on Escape after a wrong one", async () => {
    const user = userEvent.setup();
    render(<Harness initial="2026-03-09" writes={[]} />);
    await user.click(field());
    await user.keyboard("{End}x{Enter}");
    expect(await screen.findByText("“Mar 9, 2026x” is not a valid date (use YYYY-MM-DD).")).toBeTruthy();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(field().value).toBe("Mar 9, 2026"));
    expect(screen.queryByText(/is not a valid date/)).toBeNull();
  });

  it("follows the other laptop's change when the person holds no wrong date", async () => {
    const remote: { set?: (d: string | null) => void } = {};
    render(<Harness initial="2026-03-09" writes={[]} remote={remote} />);
    act(() => remote.set!("2026-04-01"));
    await waitFor(() => expect(field().value).toBe("Apr 1, 2026"));
  });
});

describe("a date field's one input", () => {
  it("mounts no calendar until opened, and stays the same element through picking, typing and the other laptop's change", async () => {
    const remote: { set?: (d: string | null) => void } = {};
    const user = userEvent.setup();
    render(<Harness initial="2026-03-02" writes={[]} remote={remote} />);
    const input = field();
    expect(document.querySelector("[data-dates-dropdown]")).toBeNull();
    await user.click(input);
    await user.click(await screen.findByLabelText("Thursday, March 19, 2026"));
    await waitFor(() => expect(input.value).toBe("Mar 19, 2026"));
    expect(document.activeElement).toBe(input);
    act(() => remote.set!("2026-04-01"));
    await waitFor(() => expect(input.value).toBe("Apr 1, 2026"));
    expect(field()).toBe(input);
    expect(document.activeElement).toBe(input);
  });
});
