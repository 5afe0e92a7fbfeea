/** What is still open before the next stage can honestly be called done, item by item. */
import { Text } from "@mantine/core";
import { STAGE_LABELS, type ChecklistSection } from "../../../../shared";
import { formatMoment } from "../../ui/clock";
import classes from "./StageBar.module.css";

function Mark({ done }: { done: boolean }) {
  return done ? (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="var(--mantine-color-teal-text)" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round">
      <path d="M5 12.5l4.5 4.5L19 7.5" />
    </svg>
  ) : (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="var(--mantine-color-orange-text)" strokeWidth="2">
      <circle cx="12" cy="12" r="7.5" />
    </svg>
  );
}

/** The domain's details name instants in ISO form ("Scheduled for 2026-03-10T08:00:00.000Z."); show them in local words. */
function readable(detail: string): string {
  return detail.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/g, (iso) => formatMoment(iso));
}

export function StageChecklist({ section }: { section: ChecklistSection }) {
  if (!section.items.length)
    return (
      <Text size="sm" c="dimmed" className={classes.checklist}>
        Nothing to check before {STAGE_LABELS[section.stage]}.
      </Text>
    );
  return (
    <div className={classes.checklist}>
      <Text size="sm" fw={600} id="next-stage-checklist">
        Before {STAGE_LABELS[section.stage]}:{" "}
        {section.open ? (
          <Text span size="sm" c="orange" fw={600}>
            {section.open} of {section.items.length} still open
          </Text>
        ) : (
          <Text span size="sm" c="teal" fw={600}>
            all done
          </Text>
        )}
      </Text>
      <ul className={`plain ${classes.checkItems}`} aria-label="Checklist for the next stage">
        {section.items.map((item) => (
          <li key={item.id} className={classes.checkItem} data-done={item.done || undefined}>
            <Mark done={item.done} />
            <span>
              <span className="visually-hidden">{item.done ? "Done: " : "Open: "}</span>
              {item.label}
              {item.detail && <span className={classes.detail}> — {readable(item.detail)}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
