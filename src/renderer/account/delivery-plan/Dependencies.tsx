/**
 * What a milestone waits for: their names under the milestone, and a checklist to change
 * them. A milestone that would close a circle (it waits, through others, for this one)
 * cannot be ticked, and says why; the command refuses a cycle too (two laptops at once).
 */
import { useState } from "react";
import { Checkbox, Popover, Stack, Text } from "@mantine/core";
import type { MilestoneView } from "../../../../shared";
import classes from "../../ui/ItemList.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";
import { PLAN_WORDS } from "../../words/plan";

const name = (text: string) => {
  const t = text.trim() || "untitled";
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
};

/** Milestones that wait for `id`, directly or through others. */
function waitingFor(id: string, milestones: readonly MilestoneView[]): Set<string> {
  const waiting = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of milestones) {
      if (waiting.has(m.id)) continue;
      if (m.dependsOn.includes(id) || m.dependsOn.some((d) => waiting.has(d))) {
        waiting.add(m.id);
        grew = true;
      }
    }
  }
  return waiting;
}

export function Dependencies({ milestone: m, milestones }: { milestone: MilestoneView; milestones: readonly MilestoneView[] }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const others = milestones.filter((x) => x.id !== m.id);
  const deps = milestones.filter((x) => m.dependsOn.includes(x.id));
  const blocked = open ? waitingFor(m.id, milestones) : new Set<string>();
  const set = (id: string, on: boolean) => edit("setMilestoneDependencies", { id: m.id, dependsOn: on ? [...m.dependsOn, id] : m.dependsOn.filter((d) => d !== id) });
  return (
    <div className={classes.links}>
      <span className={classes.note}>{deps.length ? PLAN_WORDS.waitsFor(deps.map((d) => `“${name(d.title)}”`).join(", ")) : PLAN_WORDS.waitsForNothing}</span>
      <Popover opened={open} onChange={setOpen} position="bottom-start" width={380} trapFocus returnFocus withArrow shadow="md">
        <Popover.Target>
          <button type="button" className={classes.linkButton} disabled={readOnly} onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-haspopup="dialog">
            {PLAN_WORDS.choose}
          </button>
        </Popover.Target>
        <Popover.Dropdown>
          {others.length === 0 ? (
            <Text size="sm" c="dimmed">
              {PLAN_WORDS.noOthers}
            </Text>
          ) : (
            <fieldset className={classes.choices}>
              <legend>
                <Text size="sm" fw={600}>
                  {PLAN_WORDS.legend(name(m.title))}
                </Text>
              </legend>
              <Stack gap={6} mt={6}>
                {others.map((x) => (
                  <Checkbox
                    key={x.id}
                    checked={m.dependsOn.includes(x.id)}
                    disabled={blocked.has(x.id) && !m.dependsOn.includes(x.id)}
                    label={name(x.title)}
                    description={blocked.has(x.id) && !m.dependsOn.includes(x.id) ? PLAN_WORDS.wouldCircle : undefined}
                    onChange={(e) => set(x.id, e.currentTarget.checked)}
                  />
                ))}
              </Stack>
            </fieldset>
          )}
        </Popover.Dropdown>
      </Popover>
    </div>
  );
}
