/**
 * Meeting mode on an account (issue 5): while the account is in a handoff meeting
 * (hosted here or joined), who is in the meeting and which item each is on, and the
 * agenda built from the account, each item ticked as agreed (stored in the account).
 */
import { memo } from "react";
import { Checkbox, Group, Paper, Text, Title } from "@mantine/core";
import { meetingAgenda } from "../../../shared";
import { useClientSelector, useProfile } from "../sync/context";
import { formatMoment } from "../ui/clock";
import { usePresence } from "./use-presence";
import classes from "./MeetingMode.module.css";
import { useEdit, useReadOnly, useAccountQuery, useAccountSession } from "../document/hooks";

/** The agenda, ticked as agreed; redrawn only when the parts of the account it reads change. */
function Agenda() {
  // Same by value while someone types a commitment: the list below then skips its redraw.
  const agenda = useAccountQuery(meetingAgenda);
  return <AgendaList agenda={agenda} />;
}

const AgendaList = memo(function AgendaList({ agenda }: { agenda: ReturnType<typeof meetingAgenda>; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const agreed = agenda.filter((a) => a.agreed).length;
  return (
    <div className={classes.agendaBlock}>
      <Title order={2} size="h3" id="meeting-mode-title">
        Handoff agenda
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {agreed} of {agenda.length} agreed. Tick each item once the customer, the rep and the delivery lead agree.
      </Text>
      <ol className={`plain ${classes.agenda}`} aria-label="Agenda">
        {agenda.map((item) => (
          <li key={item.id} data-item-id={`agenda:${item.id}`} data-item-label={item.title} className={classes.item}>
            <Checkbox
              label={item.title}
              description={item.agreed ? `${item.detail} Agreed — ticked by ${item.agreed.by?.name ?? "someone"}, ${formatMoment(item.agreed.at)}.` : item.detail}
              checked={item.agreed !== null}
              disabled={readOnly}
              onChange={(e) => edit("tickAgendaItem", { itemId: item.id, agreed: e.currentTarget.checked })}
            />
          </li>
        ))}
      </ol>
    </div>
  );
});

export const MeetingMode = memo(function MeetingMode({ documentId }: { documentId: string }) {
  const session = useAccountSession();
  const profile = useProfile();
  const active = useClientSelector((s) => s.status?.hosting?.documentId === documentId || s.status?.joined?.documentId === documentId);
  const people = usePresence(active ? session : null);
  if (!active) return null;

  return (
    <Paper component="section" withBorder radius="md" p="lg" className={classes.mode} aria-labelledby="meeting-mode-title">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
        <Agenda />
        <div className={classes.people}>
          <Text size="sm" fw={600} id="in-meeting">
            In the meeting
          </Text>
          <ul className="plain" aria-labelledby="in-meeting">
            <li className={classes.person}>
              <span className={classes.dot} data-self aria-hidden="true" />
              <Text size="sm" span>
                {profile.name} (you)
              </Text>
            </li>
            {people.map((p) => (
              <li key={p.id} className={classes.person}>
                <span className={classes.dot} aria-hidden="true" />
                <Text size="sm" span>
                  {p.name}
                  {p.itemLabel ? ` — on ${p.itemLabel}` : ""}
                </Text>
              </li>
            ))}
          </ul>
          {people.length === 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              Nobody else is here yet.
            </Text>
          )}
        </div>
      </Group>
    </Paper>
  );
});
