/**
 * The open account for the screens below it: `useAccountQuery(select)` reads it — the
 * screen redraws only when what it selected changed — and `useEdit()` changes it.
 */
import { createContext, useContext, useRef, useSyncExternalStore, type ReactNode } from "react";
import type { AccountDoc, Damage } from "../../../shared";
import { ChangeFeedProvider } from "../ui/change-feed";
import { runQuery, type QueryRun } from "./recorded-query";
import type { AccountSession, AccountSnapshot } from "./session";
import type { Edit } from "./edit";

const SessionContext = createContext<AccountSession | null>(null);

export function AccountSessionProvider({ session, children }: { session: AccountSession; children: ReactNode }) {
  return (
    <SessionContext.Provider value={session}>
      <ChangeFeedProvider subscribe={session.subscribe}>{children}</ChangeFeedProvider>
    </SessionContext.Provider>
  );
}

/** The open account's session; only inside an account's screens. */
export function useAccountSession(): AccountSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useAccountSession outside an open account");
  return session;
}

/**
 * A query of the open account (a pure function of the checked account, e.g. from
 * shared/queries). It runs again only when a top-level part it read last time changed or
 * one of `deps` did (its other inputs, e.g. today's date), and a result equal by value to
 * the last one keeps its identity: typing a commitment's text does not redraw the stage
 * checklist's "3 of 4 confirmed" (recorded-query.ts).
 */
export function useAccountQuery<T>(select: (account: AccountDoc) => T, deps: readonly unknown[] = []): T {
  const session = useAccountSession();
  const last = useRef<QueryRun<T> | null>(null);
  const read = () => {
    last.current = runQuery(last.current, session.snapshot().account, select, deps);
    return last.current.result;
  };
  return useSyncExternalStore(session.subscribe, read);
}

/** The whole account at this moment, stored document included: the screen redraws on every change (the timeline, the recap). */
export function useAccountSnapshot(): AccountSnapshot {
  const session = useAccountSession();
  return useSyncExternalStore(session.subscribe, session.snapshot);
}

/** Run a command of the catalog on the open account (document/edit.ts). */
export function useEdit(): Edit {
  return useAccountSession().edit;
}

/** True when a newer Baton wrote the open account: shown, never edited. */
export function useReadOnly(): boolean {
  const session = useAccountSession();
  return useSyncExternalStore(session.subscribe, () => session.snapshot().readOnly);
}

/** Key of a damage list by what is damaged and how. */
const keyOf = (damage: readonly Damage[]) => damage.map((d) => `${d.path.join("\u0000")}|${d.scope}|${d.field.join(".")}|${d.expected}|${d.got}|${d.found ?? ""}`).join("\n");

/** What a peer damaged in the open account; the same array until what is damaged changes. */
export function useDamage(): readonly Damage[] {
  const session = useAccountSession();
  const last = useRef<{ key: string; damage: readonly Damage[] } | null>(null);
  return useSyncExternalStore(session.subscribe, () => {
    const damage = session.snapshot().damage;
    const key = keyOf(damage);
    if (last.current?.key !== key) last.current = { key, damage };
    return last.current.damage;
  });
}
