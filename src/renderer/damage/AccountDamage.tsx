/**
 * What a peer damaged in the open account (shared/account/check.ts), shown where it lives:
 * each section lists its damaged items with what is wrong, which change made it, who sent
 * it and when, and one click to put back the last good value — a new, attributed change
 * that reaches the other laptop like any edit. Damage to the account as a whole (its name,
 * a part replaced wholesale) is shown at the top of the page.
 */
import { memo, useMemo } from "react";
import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { damageOrigin, repairFor, type Damage, type DamageOrigin } from "../../../shared";
import { EXPECTED_LABEL, ITEM_KIND_LABEL, PART_LABEL, STORED_TYPE_LABEL } from "../words/labels";
import { useAccountSession, useDamage, useEdit, useReadOnly } from "../document/hooks";
import classes from "./AccountDamage.module.css";

/** The damage under the parts `parts` of the account (e.g. ["commitments"], or ["handoff"]). */
export function useDamageIn(parts: readonly string[]): Damage[] {
  const all = useDamage();
  const key = parts.join("|");
  return useMemo(() => all.filter((d) => key.split("|").includes(String(d.path[0]))), [all, key]);
}

/** "the due date", "the commitment links" — a path inside an item or part, in words. */
function fieldWords(path: readonly (string | number)[]): string {
  const named = path.filter((s): s is string => typeof s === "string");
  const last = named[named.length - 1];
  return last ? `its ${PART_LABEL[last] ?? last}` : "it";
}

/** "A commitment", "The order's value", "The commitments" — what is damaged, as a heading. */
export function damageTitle(d: Damage): string {
  if (d.scope === "item" && d.itemKind) return `A damaged ${ITEM_KIND_LABEL[d.itemKind]}`;
  const names = d.path.map((s) => PART_LABEL[String(s)] ?? String(s));
  if (names.length === 1) return `The account's ${names[0]} ${d.scope === "container" ? "were replaced" : "is damaged"}`;
  return `The ${names[0]}'s ${names[names.length - 1]} is damaged`;
}

/** What is wrong, in a sentence: "Its due date should be a date; it is a number (“5”)." */
export function damageProblem(d: Damage): string {
  if (d.scope === "item" && d.itemKind && !d.field.length) return `It is ${STORED_TYPE_LABEL[d.got]} instead of a ${ITEM_KIND_LABEL[d.itemKind]}.`;
  const what = d.scope === "item" ? fieldWords(d.field) : d.field.length ? fieldWords(d.field) : "it";
  const found = d.found !== null && d.found !== "" ? ` (“${d.found}”)` : "";
  const subject = what.charAt(0).toUpperCase() + what.slice(1);
  return `${subject} should be ${EXPECTED_LABEL[d.expected]}; it is ${STORED_TYPE_LABEL[d.got]}${found}.`;
}

let timeFormat: Intl.DateTimeFormat | undefined;

/** Who sent the change and when, in a sentence. */
export function originWords(origin: DamageOrigin): string {
  const change = origin.change;
  if (!change) return "The change that made it so is too far back in the history to name.";
  timeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const when = change.at ? ` on ${timeFormat.format(new Date(change.at))}` : "";
  if (change.by) return `Sent by ${change.by.name}${when}.`;
  const device = change.deviceOf ? `${change.deviceOf.name}'s device` : `a device Baton does not know (${change.device})`;
  return `Sent from ${device}${when}; the change does not say who made it.`;
}

/** The name of an item as it was, from its wording, title, name or description. */
function formerName(origin: DamageOrigin | null): string | null {
  const before = origin?.before;
  if (!before || !("value" in before) || typeof before.value !== "object" || before.value === null) return null;
  const item = before.value as Record<string, unknown>;
  for (const key of ["text", "title", "name", "description", "summary"]) {
    const v = item[key];
    if (typeof v === "string" && v.trim()) return v.trim().length > 80 ? `${v.trim().slice(0, 79)}…` : v.trim();
  }
  return null;
}

/** One damaged item or part: what, who, when, and the repair. */
export const DamagedItem = memo(function DamagedItem({ damage }: { damage: Damage }) {
  const session = useAccountSession();
  const edit = useEdit();
  const readOnly = useReadOnly();
  // Read from the history only for damage that is shown, once per damaged part (the check keeps its identity).
  const origin = useMemo(() => damageOrigin(session.snapshot().stored, damage), [session, damage]);
  const repair = useMemo(() => repairFor(damage, origin), [damage, origin]);
  const name = damage.scope === "item" ? formerName(origin) : null;
  const removes = "remove" in repair;
  const label = removes ? "Remove the damaged item" : origin?.before && "value" in origin.before ? "Restore the last good value" : "Reset to empty";
  return (
    <Alert color="orange" variant="light" role="alert" className={classes.item} title={name ? `${damageTitle(damage)}: “${name}”` : damageTitle(damage)} data-damaged={damage.path.join(".")}>
      <Stack gap={6}>
        <Text size="sm">{damageProblem(damage)} It is left out until it is put right.</Text>
        {origin && <Text size="sm">{originWords(origin)}</Text>}
        {!readOnly && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => edit("repairDamage", { path: [...damage.path], repair })}>
              {label}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
});

/** The damaged items of some parts of the account, where those parts are shown. */
/** How many damaged items a section lists one by one; past that, the rest are counted and put right together. */
const SHOWN = 10;

export function DamagedItems({ parts }: { parts: readonly string[] }) {
  const damage = useDamageIn(parts);
  if (!damage.length) return null;
  return (
    <Stack gap="xs" className={classes.list}>
      {damage.slice(0, SHOWN).map((d) => (
        <DamagedItem key={d.path.join("\u0000")} damage={d} />
      ))}
      {damage.length > SHOWN && <RepairAll damage={damage} />}
    </Stack>
  );
}

/** The damaged items past the first few: how many, and one button that puts every one right in one change. */
function RepairAll({ damage }: { damage: Damage[] }) {
  const session = useAccountSession();
  const edit = useEdit();
  const readOnly = useReadOnly();
  const more = damage.length - SHOWN;
  const repairAll = () => {
    const stored = session.handle.doc();
    edit("repairAllDamage", { repairs: damage.map((d) => ({ path: [...d.path], repair: repairFor(d, damageOrigin(stored, d)) })) });
  };
  return (
    <Group gap="sm" className={classes.more}>
      <Text size="sm">
        And {more} more damaged {more === 1 ? "item" : "items"}, each left out until it is put right.
      </Text>
      {!readOnly && (
        <Button size="xs" variant="default" onClick={repairAll}>
          Put all {damage.length} right
        </Button>
      )}
    </Group>
  );
}

/** Parts of the account that have no section of their own: shown at the top of the page. */
export const ACCOUNT_LEVEL_PARTS = ["schemaVersion", "name", "created", "rep", "deliveryLead", "owner", "remindersShown"] as const;

/**
 * The top of the account page: damage to the account itself in full, and where the other
 * damaged items are (with a link to their tab).
 */
export function DamageBanner({ tabOf, onShowTab }: { tabOf: (part: string) => { tab: string; label: string } | null; onShowTab: (tab: string) => void }) {
  const all = useDamage();
  const top = all.filter((d) => (ACCOUNT_LEVEL_PARTS as readonly string[]).includes(String(d.path[0])));
  const elsewhere = new Map<string, { label: string; count: number }>();
  for (const d of all) {
    const where = tabOf(String(d.path[0]));
    if (!where) continue;
    const entry = elsewhere.get(where.tab) ?? { label: where.label, count: 0 };
    entry.count++;
    elsewhere.set(where.tab, entry);
  }
  if (!all.length) return null;
  return (
    <Stack gap="xs">
      <Alert color="orange" variant="light" title={`${all.length === 1 ? "One part" : `${all.length} parts`} of this account ${all.length === 1 ? "makes" : "make"} no sense`}>
        <Text size="sm">
          A laptop or server that shares this account sent {all.length === 1 ? "something" : "things"} Baton cannot read. What cannot be read is left
          out of lists, Today, reminders and the recap; the rest of the account works as usual. Each is shown where it lives, with a way to put it right.
        </Text>
        {elsewhere.size > 0 && (
          <Group gap="md" mt={6}>
            {[...elsewhere].map(([tab, { label, count }]) => (
              <Anchor key={tab} component="button" type="button" size="sm" onClick={() => onShowTab(tab)}>
                {label}: {count} damaged
              </Anchor>
            ))}
          </Group>
        )}
      </Alert>
      {top.map((d) => (
        <DamagedItem key={d.path.join("\u0000")} damage={d} />
      ))}
    </Stack>
  );
}
