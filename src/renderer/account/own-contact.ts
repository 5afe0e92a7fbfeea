/**
 * Keeps this person's phone and email on the accounts they own (rep or delivery lead) as
 * their profile gives them: only this laptop knows its person's current details, and the
 * recap on every laptop reads them from the account. Writes only when the account says
 * otherwise, so opening an account with nothing to update writes nothing; and at most once
 * per window for the same profile details, so two laptops of one person with different
 * profiles cannot write back and forth.
 */
import { useEffect, useRef } from "react";
import { ownerContactStale } from "../../../shared";
import { useAccountQuery, useEdit, useReadOnly } from "../document/hooks";
import { useProfile } from "../sync/context";

export function useOwnContactKept(): void {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { id, phone, email } = useProfile();
  const stale = useAccountQuery((d) => ownerContactStale(d, { personId: id, phone, email }), [id, phone, email]);
  const written = useRef(new Set<string>());
  useEffect(() => {
    const key = `${id}\n${phone ?? ""}\n${email ?? ""}`;
    if (!stale || readOnly || written.current.has(key)) return;
    written.current.add(key);
    edit("updateOwnerContact", { personId: id, phone, email });
  }, [stale, readOnly, edit, id, phone, email]);
}
