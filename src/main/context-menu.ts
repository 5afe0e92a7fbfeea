/**
 * The right-click menu: spelling suggestions on a misspelt word, then cut, copy and paste
 * as the spot allows (Electron's own menu has none of these). Built from what Chromium
 * reports for the click (`context-menu` params), as data.
 */
import type { MenuItemConstructorOptions } from "electron";
import { WORDS } from "./words";

/** The part of Electron's ContextMenuParams this menu reads. */
export interface ContextClick {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export interface ContextActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** The items to show; empty where there is nothing to offer (a click on plain page). */
export function contextMenu(click: ContextClick, a: ContextActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (click.isEditable && click.misspelledWord) {
    const suggestions = click.dictionarySuggestions.slice(0, 5);
    if (suggestions.length === 0) items.push({ label: WORDS.context.noSuggestions, enabled: false });
    for (const s of suggestions) items.push({ label: s, click: () => a.replaceMisspelling(s) });
    items.push({ label: WORDS.context.addToDictionary, click: () => a.addToDictionary(click.misspelledWord) }, { type: "separator" });
  }
  if (click.isEditable) {
    items.push({ role: "cut", enabled: click.editFlags.canCut }, { role: "copy", enabled: click.editFlags.canCopy }, { role: "paste", enabled: click.editFlags.canPaste }, { type: "separator" }, { role: "selectAll", enabled: click.editFlags.canSelectAll });
  } else if (click.selectionText.trim() !== "") {
    items.push({ role: "copy", enabled: click.editFlags.canCopy });
  }
  return items;
}
