/**
 * The open account's document for the parts of the page below the ones that lay it out:
 * a part reads it here and redraws on its own when it changes, so the frame around it (the
 * tab strip, for one) does not redraw on every keystroke from the other laptop.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { AccountDoc } from "../../../shared";

const AccountDocContext = createContext<AccountDoc | null>(null);

export function AccountDocProvider({ doc, children }: { doc: AccountDoc; children: ReactNode }) {
  return <AccountDocContext.Provider value={doc}>{children}</AccountDocContext.Provider>;
}

/** The open account as of this redraw; only inside an account page. */
export function useAccountDoc(): AccountDoc {
  const doc = useContext(AccountDocContext);
  if (!doc) throw new Error("useAccountDoc outside an account page");
  return doc;
}
