/**
 * A button that opens a small dialog (a checklist) under it, for rows that repeat down a
 * long list. Mantine's Popover costs its positioning hooks on every row at every draw
 * (two per milestone: sixty on a year-long account) although a person opens one at a
 * time; here the Popover is mounted the first time its button is used, and placed against
 * an anchor laid over the button, so the button stays the same element (focus, anything
 * holding it) and focus returns to it when the dialog closes.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Popover, type PopoverProps } from "@mantine/core";
import classes from "./PopoverAnchor.module.css";

export interface LazyPopoverProps extends Pick<PopoverProps, "position" | "width"> {
  /** The button's own look and words. */
  buttonClassName: string | undefined;
  buttonLabel: ReactNode;
  disabled?: boolean;
  /** What the dialog holds, drawn only while it is open. */
  children: ReactNode;
}

export function LazyPopover({ buttonClassName, buttonLabel, disabled, children, position = "bottom-start", width = 380 }: LazyPopoverProps) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dropdown = useRef<HTMLDivElement>(null);
  const id = useId();
  // The first click mounts the Popover closed and opens it once mounted: Mantine notes the
  // element to give the focus back to when `opened` changes, not when it mounts open.
  useEffect(() => {
    if (mounted) setOpen(true);
  }, [mounted]);
  // A click on the button toggles; a click anywhere else but the dialog closes it (Mantine's
  // own check knows only the anchor; listened for only while open: a list has sixty of these).
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      const t = e.target as Node;
      if (!button.current?.contains(t) && !dropdown.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    document.addEventListener("touchstart", away);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("touchstart", away);
    };
  }, [open]);
  return (
    <span className={classes.anchored}>
      <button
        ref={button}
        type="button"
        className={buttonClassName}
        disabled={disabled}
        id={`${id}-button`}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-controls={open ? `${id}-dialog` : undefined}
        onClick={() => {
          if (mounted) setOpen((o) => !o);
          else setMounted(true);
        }}
      >
        {buttonLabel}
      </button>
      {mounted && (
        <Popover opened={open} onChange={setOpen} position={position} width={width} trapFocus returnFocus withArrow shadow="md" closeOnClickOutside={false} withRoles={false}>
          <Popover.Target>
            <span className={classes.anchor} aria-hidden="true" />
          </Popover.Target>
          {/* Named by its button, as Mantine names a dropdown by its target (here the anchor, which has no name). */}
          <Popover.Dropdown ref={dropdown} id={`${id}-dialog`} role="dialog" aria-labelledby={`${id}-button`}>{children}</Popover.Dropdown>
        </Popover>
      )}
    </span>
  );
}
