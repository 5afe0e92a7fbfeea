import { describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { ChangeFeedProvider } from "./change-feed";
import { LiveTextField } from "./LiveTextField";

/** A field bound to a stored text that the "other laptop" can change, as the account page binds it. */
function Harness({ store, onWrite, validate }: { store: { text: string; listeners: Set<() => void> }; onWrite: (t: string) => void; validate?: (t: string) => string | null }) {
  const [value, setValue] = useState(store.text);
  const subscribe = (l: () => void) => {
    store.listeners.add(l);
    return () => store.listeners.delete(l);
  };
  return (
    <ChangeFeedProvider subscribe={subscribe}>
      <LiveTextField
        label="Commitment text"
        value={value}
        current={() => store.text}
        validate={validate}
        onChange={(t) => {
          store.text = t;
          onWrite(t);
          setValue(t);
        }}
      />
    </ChangeFeedProvider>
  );
}

function remoteEdit(store: { text: string; listeners: Set<() => void> }, text: string) {
  act(() => {
    store.text = text;
    for (const l of store.listeners) l();
  });
}

describe("a text field bound live to the account", () => {
  it("shows the other laptop's typing at once and keeps the caret where the person left it", () => {
    const store = { text: "Train admins", listeners: new Set<() => void>() };
    render(<Harness store={store} onWrite={() => undefined} />);
    const input = screen.getByLabelText("Commitment text") as HTMLInputElement;
    input.focus();
    input.setSelectionRange(6, 6); // after "Train "
    remoteEdit(store, "Please Train admins");
    expect(input.value).toBe("Please Train admins");
    expect(input.selectionStart).toBe(13); // still after "Train "
  });

  it("merges a keystroke with the other laptop's edit that reached the document first", () => {
    const store = { text: "Train admins", listeners: new Set<() => void>() };
    const writes: string[] = [];
    render(<Harness store={store} onWrite={(t) => writes.push(t)} />);
    const input = screen.getByLabelText("Commitment text") as HTMLInputElement;
    // The other laptop's edit is in the document, but this field has not been told yet.
    store.text = "Train two admins";
    fireEvent.change(input, { target: { value: "Train admins on site" } });
    expect(writes).toEqual(["Train two admins on site"]);
  });

  it("never writes a value it refuses: the message shows next to the field, and leaving it puts the stored text back", () => {
    const store = { text: "Train admins", listeners: new Set<() => void>() };
    const write = vi.fn();
    render(<Harness store={store} onWrite={write} validate={(t) => (t.trim() ? null : "What was promised cannot be empty.")} />);
    const input = screen.getByLabelText("Commitment text") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "" } });
    expect(write).not.toHaveBeenCalled();
    expect(screen.getByText("What was promised cannot be empty.")).toBeTruthy();
    fireEvent.blur(input);
    expect(input.value).toBe("Train admins");
    expect(screen.queryByText("What was promised cannot be empty.")).toBeNull();
  });
});
