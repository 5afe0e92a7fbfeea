/** The two facts that make an order real besides its reference: the credit check and the date supply confirmed. */
import { Text } from "@mantine/core";
import type { ChecksView, CreditCheckResult } from "../../../../shared";
import { DateField } from "../../ui/DateField";
import { StatusSelect } from "../../ui/StatusSelect";
import { CREDIT_CHECK_COLOR, CREDIT_CHECK_LABEL } from "../../words/lifecycle";
import { formatDay } from "../../words/labels";
import classes from "./StageBar.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

function Recorded({ by, at }: { by: { name: string } | null; at: string | null }) {
  if (!by || !at) return null;
  return (
    <Text size="xs" c="dimmed" mt={4}>
      Recorded by {by.name}, {formatDay(at)}
    </Text>
  );
}

export function OrderChecks({ checks }: { checks: ChecksView; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  return (
    <div className={classes.checks}>
      <div className={classes.checkControl}>
        <StatusSelect<CreditCheckResult>
          label="Credit check"
          showLabel
          value={checks.creditCheck}
          labels={CREDIT_CHECK_LABEL}
          colors={CREDIT_CHECK_COLOR}
          disabled={readOnly}
          onChange={(result) => edit("recordCreditCheck", { result })}
        />
        <Recorded by={checks.creditCheckBy} at={checks.creditCheckAt} />
      </div>
      <div className={classes.checkControl}>
        <DateField
          label="Delivery date confirmed by supply"
          showLabel
          value={checks.supplyConfirmedDate}
          disabled={readOnly}
          onCommit={(date) => edit("confirmSupplyDate", { date })}
        />
        <Recorded by={checks.supplyConfirmedBy} at={checks.supplyConfirmedAt} />
      </div>
    </div>
  );
}
