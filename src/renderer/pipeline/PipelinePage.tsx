/**
 * The pipeline: a board of accounts by stage, each column with its order values summed per
 * currency, each card with the days since the customer was last reached. Drawn from the
 * node's summaries only (`pipelineOf`); a column draws its first cards and more on request,
 * so 10,000 accounts draw as fast as a few hundred.
 */
import { memo, useMemo, useState } from "react";
import { Button, Loader, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { formatAmount, pipelineOf, type BoardCard, type BoardColumn } from "../../../shared";
import { useClientSelector } from "../sync/context";
import { hrefOf } from "../ui/route";
import { useNow } from "../ui/use-now";
import { localLocale } from "../ui/locale";
import { viewerTimeZone } from "../words/calls";
import { label, STAGE_LABEL } from "../words/labels";
import { PIPELINE_WORDS } from "../words/find";
import classes from "./PipelinePage.module.css";

/** Cards a column draws before "Show more". */
const FIRST_CARDS = 30;

export function PipelinePage() {
  const accounts = useClientSelector((s) => s.accounts);
  const hour = Math.floor(useNow(60_000) / 3_600_000);
  const timeZone = useMemo(() => viewerTimeZone(), []);
  const board = useMemo(() => (accounts ? pipelineOf(accounts, { now: new Date(hour * 3_600_000), timeZone }) : null), [accounts, hour, timeZone]);
  const locale = useMemo(() => localLocale(), []);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{PIPELINE_WORDS.title}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {PIPELINE_WORDS.intro}
        </Text>
      </div>
      {board === null ? (
        <Group justify="center" p="xl">
          <Loader size="sm" aria-label="Loading the pipeline" />
        </Group>
      ) : accounts?.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Text size="sm">{PIPELINE_WORDS.empty}</Text>
        </Paper>
      ) : (
        <>
          <div className={classes.board} role="list" aria-label={PIPELINE_WORDS.board}>
            {board.columns.map((c) => (
              <Column key={c.stage} column={c} locale={locale} />
            ))}
          </div>
          {board.ended > 0 && (
            <Text size="sm" c="dimmed">
              {PIPELINE_WORDS.ended(board.ended)}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function Column({ column, locale }: { column: BoardColumn; locale: string }) {
  const [shown, setShown] = useState(FIRST_CARDS);
  const stage = label(STAGE_LABEL, column.stage);
  const id = `pipeline-${column.stage}`;
  return (
    <section className={classes.column} role="listitem" aria-labelledby={id}>
      <header className={classes.columnHead}>
        <h2 id={id} className={classes.columnTitle} aria-label={PIPELINE_WORDS.column(stage, column.cards.length)}>
          {stage} <span className={classes.count}>{column.cards.length}</span>
        </h2>
        <div className={classes.totals} aria-label={`${PIPELINE_WORDS.total}, ${stage}`}>
          {column.totals.length === 0 ? (
            <span className={classes.dimmed}>{PIPELINE_WORDS.noTotal}</span>
          ) : (
            column.totals.map((t) => (
              <span key={t.currency} className={classes.total}>
                {formatAmount(t.amount, locale, t.currency || null)} {t.currency || PIPELINE_WORDS.noCurrency}
              </span>
            ))
          )}
        </div>
      </header>
      <ul className={`plain ${classes.cards}`} aria-label={stage}>
        {column.cards.slice(0, shown).map((card) => (
          <Card key={card.documentId} card={card} locale={locale} />
        ))}
      </ul>
      {column.cards.length > shown && (
        <Button variant="subtle" size="xs" onClick={() => setShown((n) => n + 200)}>
          {PIPELINE_WORDS.more(Math.min(200, column.cards.length - shown))}
        </Button>
      )}
    </section>
  );
}

/** One account, drawn with plain elements (a board can hold thousands). */
const Card = memo(function Card({ card, locale }: { card: BoardCard; locale: string }) {
  const name = card.name || "Untitled account";
  const quiet = card.daysQuiet === null || card.daysQuiet >= 14 ? "long" : card.daysQuiet >= 7 ? "some" : undefined;
  return (
    <li className={classes.card}>
      <a href={hrefOf({ page: "account", documentId: card.documentId })} className={classes.cardName} title={name}>
        {name}
      </a>
      <span className={classes.cardLine}>
        {card.orderValue ? `${formatAmount(card.orderValue.amount, locale, card.orderValue.currency || null)} ${card.orderValue.currency}`.trim() : PIPELINE_WORDS.noValue}
        {card.ownerName ? ` · ${card.ownerName}` : ""}
      </span>
      <span className={classes.quiet} data-quiet={quiet}>
        {PIPELINE_WORDS.quiet(card.daysQuiet)}
      </span>
    </li>
  );
});
