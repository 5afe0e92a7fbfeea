/** Today for the person at this window, from the node's summaries only (shared/queries/today.ts). */
import { useMemo } from "react";
import { todayOf, type TodayView } from "../../../shared";
import { useClientSelector } from "../sync/context";
import { viewerTimeZone } from "../words/calls";
import { useNow } from "../ui/use-now";

/** Whose work Today shows: the person's own (the default) or everyone's on their accounts. */
export type TodayScope = "mine" | "everyone";

/** Today as of the current minute; null until the summaries and the profile have arrived. */
export function useToday(scope: TodayScope = "mine"): { view: TodayView | null; now: number; timeZone: string } {
  const all = useClientSelector((s) => s.accounts);
  // Archived on this device: not on Today.
  const archived = useClientSelector((s) => s.status?.archived);
  const accounts = useMemo(() => (all && archived?.length ? all.filter((a) => !archived.includes(a.documentId)) : all), [all, archived]);
  const person = useClientSelector((s) => s.status?.profile?.id ?? null);
  const now = useNow(10_000);
  const minute = Math.floor(now / 60_000);
  const timeZone = useMemo(() => viewerTimeZone(), []);
  const view = useMemo(
    () => (accounts && person ? todayOf(accounts, { now: new Date(minute * 60_000), timeZone, person: scope === "mine" ? person : undefined }) : null),
    [accounts, minute, timeZone, person, scope],
  );
  return { view, now, timeZone };
}
