/**
 * "Stay close" on Today: promised, ordered and delivering deals with no logged contact for
 * the number of days this person sets (kept by the node, per person, on this laptop).
 * From the summaries only (`quietDealsOf`).
 */
import { useEffect, useMemo, useState } from "react";
import { Anchor, Badge, Group, NumberInput, Paper, Text, Title } from "@mantine/core";
import { quietDealsOf, STAY_CLOSE_DEFAULT_DAYS, STAY_CLOSE_MAX_DAYS } from "../../../shared";
import { useClient, useClientSelector } from "../sync/context";
import { messageOf } from "../sync/api";
import { hrefOf } from "../ui/route";
import { useNow } from "../ui/use-now";
import { viewerTimeZone } from "../words/calls";
import { label, STAGE_LABEL } from "../words/labels";
import { STAY_CLOSE_WORDS } from "../words/find";
import classes from "./today.module.css";

const FIRST_ROWS = 50;

export function StayClose() {
  const client = useClient();
  const accounts = useClientSelector((s) => s.accounts);
  const [days, setDays] = useState<number | null>(null);
  const [typed, setTyped] = useState<string | number>("");
  const [problem, setProblem] = useState<string | null>(null);
  const hour = Math.floor(useNow(60_000) / 3_600_000);
  const timeZone = useMemo(() => viewerTimeZone(), []);

  useEffect(() => {
    let live = true;
    client.api
      .viewSettings()
      .then((s) => live && (setDays(s.stayCloseDays), setTyped(s.stayCloseDays)))
      .catch(() => live && (setDays(STAY_CLOSE_DEFAULT_DAYS), setTyped(STAY_CLOSE_DEFAULT_DAYS)));
    return () => {
      live = false;
    };
  }, [client]);

  const deals = useMemo(() => (accounts && days !== null ? quietDealsOf(accounts, { now: new Date(hour * 3_600_000), timeZone, days }) : []), [accounts, days, hour, timeZone]);
  if (days === null) return null;

  const save = (value: string | number) => {
    setTyped(value);
    const n = typeof value === "number" ? value : Number(value);
    if (value === "" || !Number.isInteger(n) || n < 1 || n > STAY_CLOSE_MAX_DAYS) {
      setProblem(`Enter a whole number of days from 1 to ${STAY_CLOSE_MAX_DAYS}.`);
      return;
    }
    setProblem(null);
    setDays(n);
    client.api.saveViewSettings({ stayCloseDays: n }).catch((e: unknown) => setProblem(messageOf(e)));
  };

  return (
    <Paper component="section" withBorder radius="md" className={classes.section} aria-labelledby="today-stay-close-title">
      <Group justify="space-between" align="flex-end" className={classes.title}>
        <div>
          <Group gap={8}>
            <Title order={2} id="today-stay-close-title">
              {STAY_CLOSE_WORDS.title}
            </Title>
            <Badge variant="light" color={deals.length ? "orange" : "gray"} radius="sm">
              {deals.length}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mt={2}>
            {STAY_CLOSE_WORDS.hint(days)}
          </Text>
        </div>
        <NumberInput label={STAY_CLOSE_WORDS.days} value={typed} onChange={save} min={1} max={STAY_CLOSE_MAX_DAYS} allowDecimal={false} allowNegative={false} w={260} error={problem} />
      </Group>
      {deals.length === 0 ? (
        <Text size="sm" c="dimmed" className={classes.emptyRow}>
          {STAY_CLOSE_WORDS.none}
        </Text>
      ) : (
        <ul className="plain" aria-label={STAY_CLOSE_WORDS.title}>
          {deals.slice(0, FIRST_ROWS).map((d) => (
            <li key={d.documentId} className={`${classes.row} ${classes.smallGrid}`}>
              <Text size="sm" c={d.daysQuiet === null || d.daysQuiet >= days * 2 ? "red" : "orange"} fw={600}>
                {STAY_CLOSE_WORDS.quiet(d.daysQuiet)}
              </Text>
              <div className={classes.cell}>
                <Anchor href={hrefOf({ page: "account", documentId: d.documentId })} className={classes.account}>
                  {d.name || "Untitled account"}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {label(STAGE_LABEL, d.stage)}
                </Text>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}
