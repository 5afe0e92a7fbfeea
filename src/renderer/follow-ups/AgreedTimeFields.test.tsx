import { describe, expect, it } from "vitest";
import { useState } from "react";
import { MantineProvider } from "@mantine/core";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AgreedTimeFields as Fields } from "../../../shared";
import { AgreedTimeFields } from "./AgreedTimeFields";

function Harness({ changes }: { changes: Partial<Fields>[] }) {
  const [value, setValue] = useState<Fields>({ date: "", time: "", timeZone: "Europe/London" });
  return (
    <MantineProvider>
      <AgreedTimeFields
        label="Callback"
        value={value}
        errors={{}}
        onChange={(patch) => {
          changes.push(patch);
          setValue((v) => ({ ...v, ...patch }));
        }}
      />
    </MantineProvider>
  );
}

const zoneField = () => screen.getByRole("combobox", { name: "Callback time zone" });

/** The field names the list it opened, as the combobox pattern asks, so a screen reader can follow it. */
async function expectNamesItsList() {
  await waitFor(() => {
    // happy-dom lays nothing out, so Mantine's placement hides the list: look past that.
    const list = screen.getByRole("listbox", { hidden: true });
    expect(zoneField().getAttribute("aria-expanded")).toBe("true");
    expect(zoneField().getAttribute("aria-controls")).toBe(list.id);
  });
}

describe("the agreed time's zone field", () => {
  it("holds no list of zones until it is opened (an account page draws one with every open)", () => {
    render(<Harness changes={[]} />);
    expect(zoneField()).toBeTruthy();
    expect(screen.queryByRole("listbox", { hidden: true })).toBeNull();
    expect(screen.queryAllByRole("option", { hidden: true })).toHaveLength(0);
  });

  it("names its list while open, again after closing and opening, and picks a zone typed in", async () => {
    const changes: Partial<Fields>[] = [];
    const user = userEvent.setup();
    render(<Harness changes={changes} />);
    await user.click(zoneField());
    await expectNamesItsList();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("listbox", { hidden: true })).toBeNull());
    expect(zoneField().getAttribute("aria-expanded")).toBe("false");
    expect(zoneField().getAttribute("aria-controls")).toBeNull();

    await user.click(zoneField());
    await expectNamesItsList();
    await user.clear(zoneField());
    await user.type(zoneField(), "Berlin");
    await user.click(await screen.findByRole("option", { name: /Berlin/, hidden: true }));
    expect(changes.at(-1)).toEqual({ timeZone: "Europe/Berlin" });
  });
});
