/** After payment the account becomes a relationship: satisfaction, referrals, the next opportunity. */
import { Alert, Paper, Text, Title } from "@mantine/core";
import { relationshipOf } from "../../../../shared";
import { Satisfaction } from "./Satisfaction";
import { Referrals } from "./Referrals";
import { Opportunities } from "./Opportunities";
import lists from "../../ui/ItemList.module.css";
import classes from "./Relationship.module.css";
import { useAccountQuery } from "../../document/hooks";

export function Relationship() {
  const r = useAccountQuery(relationshipOf);
  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="relationship-title">
      <div className={lists.title}>
        <Title order={2} id="relationship-title">
          Relationship
        </Title>
        <Text size="sm" c="dimmed" mt={2}>
          A good delivery leads to repeat sales and referrals.
          {r.latestScore !== null && ` Latest satisfaction: ${r.latestScore} of 5.`}
        </Text>
      </div>
      {!r.open && (
        <Alert color="gray" variant="light" mx="lg" mb="sm">
          Satisfaction checks and referrals come after payment: record the paid date under Order &amp; payment first. The next opportunity can be noted any time.
        </Alert>
      )}
      <div className={classes.sections}>
        <Satisfaction checks={r.satisfactionChecks} open={r.open} />
        <Referrals referrals={r.referrals} open={r.open} />
        <Opportunities opportunities={r.opportunities} />
      </div>
    </Paper>
  );
}
