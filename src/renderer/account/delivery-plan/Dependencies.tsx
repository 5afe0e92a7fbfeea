/**
 * What a milestone waits for: their names under the milestone, and a checklist to change
 * them. A milestone that would close a circle (it waits, through others, for this one)
 * cannot be ticked, and says why; the command refuses a cycle too (two laptops at once).
 */
import { Checkbox, Stack, Text } from "@mantine/core";
import { LazyPopover } from "../../ui/LazyPopover";
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

type DependenciesProps = { milestone: MilestoneView; milestones: readonly MilestoneView[] };

export function Dependencies({ milestone: m, milestones }: DependenciesProps) {
  const readOnly = useReadOnly();
  const deps = milestones.filter((x) => m.dependsOn.includes(x.id));
  return (
    <div className={classes.links}>
      <span className={classes.note}>{deps.length ? PLAN_WORDS.waitsFor(deps.map((d) => `“${name(d.title)}”`).join(", ")) : PLAN_WORDS.waitsForNothing}</span>
      <LazyPopover buttonClassName={classes.linkButton} buttonLabel={PLAN_WORDS.choose} disabled={readOnly}>
        <DependencyChoices milestone={m} milestones={milestones} />
      </LazyPopover>
    </div>
  );
}

/** The checklist, drawn while it is open: which milestones would close a circle is worked out then. */
function DependencyChoices({ milestone: m, milestones }: DependenciesProps) {
  const edit = useEdit();
  const others = milestones.filter((x) => x.id !== m.id);
  const blocked = waitingFor(m.id, milestones);
  const set = (id: string, on: boolean) => edit("setMilestoneDependencies", { id: m.id, dependsOn: on ? [...m.dependsOn, id] : m.dependsOn.filter((d) => d !== id) });
  if (others.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {PLAN_WORDS.noOthers}
      </Text>
    );
  return (
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
  );
}
