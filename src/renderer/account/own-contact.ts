/**
 * Keeps this person's phone and email on the accounts they own (rep or delivery lead) as
 * their profile gives them: only this laptop knows its person's current details, and the
 * recap on every laptop reads them from the account. Writes only when the account says
 * otherwise, so opening an account with nothing to update writes nothing; and at most once
 * per window for the same profile details and the same stored record, so two laptops of
 * one person with different profiles cannot write back and forth, while a record another
 * laptop made at the same moment (a handoff completed on both) still gets the details.
 */
import { useEffect, useRef } from "react";
import { ownerContactStale, ownerRecordsOf } from "../../../shared";
import { useAccountQuery, useEdit, useReadOnly } from "../document/hooks";
import { useProfile } from "../sync/context";

export function useOwnContactKept(): void {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { id, phone, email } = useProfile();
  const { stale, records } = useAccountQuery((d) => ({ stale: ownerContactStale(d, { personId: id, phone, email }), records: ownerRecordsOf(d, id) }), [id, phone, email]);
  const written = useRef(new Set<string>());
  useEffect(() => {
    const key = `${id}\n${phone ?? ""}\n${email ?? ""}\n${records}`;
    if (!stale || readOnly || written.current.has(key)) return;
    written.current.add(key);
    edit("updateOwnerContact", { personId: id, phone, email });
  }, [stale, records, readOnly, edit, id, phone, email]);
}
