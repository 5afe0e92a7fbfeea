/**
 * The order (reference, date, value, what was ordered, the proposal and quote it rests
 * on) and its payment (invoice, due date, paid date). Each field is written as soon as
 * it is valid; a bad value or dates out of order get a message next to the field and
 * are not written. An overdue payment is flagged. The value is read and shown in the
 * window's locale ("18.400,50" in de-DE), formatted with the currency's minor digits
 * once the field is left, so what the person sees is what is stored.
 */
import { Alert, Badge, Group, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import {
  currencyProblem,
  formatAmount,
  orderInputSchema,
  orderOf,
  paymentInputSchema,
  paymentState,
  type OrderInput,
  type PaymentInput,
  type SetOrderArgs,
  type SetPaymentArgs,
  stageOf,
  storedDecimal,
} from "../../../../shared";
import { CheckedField } from "../../ui/CheckedField";
import { DateField } from "../../ui/DateField";
import { LiveTextField } from "../../ui/LiveTextField";
import { formatDay } from "../../words/labels";
import { PAYMENT_STATE_COLOR, PAYMENT_STATE_LABEL } from "../../words/lifecycle";
import { today } from "../../ui/clock";
import { localLocale } from "../../ui/locale";
import lists from "../../ui/ItemList.module.css";
import classes from "./OrderAndPayment.module.css";
import { checkField } from "./form-check";
import { useEdit, useReadOnly, useAccountQuery } from "../../document/hooks";
import { PaidDialog } from "./PaidDialog";
import { useState } from "react";

/** Stages where a paid date is just recorded: the deal is already won, or over. */
const WON_OR_ENDED: ReadonlySet<string> = new Set(["paid", "relationship", "lost", "cancelled"]);

const text = (v: string | null) => (v === null ? "" : v);
const shown = (v: unknown) => (v === null || v === undefined ? "" : String(v));

type OrderKey = Exclude<keyof OrderInput, "items" | "date">;
type PaymentKey = Exclude<keyof PaymentInput, PaymentDateKey>;
type PaymentDateKey = "invoiceDate" | "dueDate" | "paidDate";

export function OrderAndPayment() {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const day = today();
  const order = useAccountQuery(orderOf);
  const payment = useAccountQuery((d) => paymentState(d, day), [day]);
  const stage = useAccountQuery(stageOf);
  const [paidDate, setPaidDate] = useState<string | null>(null);
  const locale = localLocale();
  const orderSchema = orderInputSchema(locale);
  // The stored order as the form's text, for checks across fields. The value is written
  // with exactly the digits it holds: padded to a currency's cents it would read as typed
  // cents when the currency changes (18400 in USD shown "18,400.00" is fine in JPY).
  const storedOrder = {
    reference: text(order.reference),
    date: text(order.date),
    value: order.value === null ? "" : formatAmount(order.value, locale, null),
    currency: text(order.currency),
    items: order.items,
    proposalReference: text(order.proposalReference),
    quoteReference: text(order.quoteReference),
  };
  const storedPayment = {
    invoiceReference: text(payment.invoiceReference),
    invoiceDate: text(payment.invoiceDate),
    dueDate: text(payment.dueDate),
    paidDate: text(payment.paidDate),
  };

  // The value as the person reads it: grouped, with the currency's minor digits.
  const shownValue = (v: unknown) => (typeof v === "string" && v !== "" ? formatAmount(storedDecimal(v), locale, order.currency) : "");
  const orderField = (
    field: OrderKey,
    label: string,
    extra: { placeholder?: string; inputMode?: "decimal"; standingError?: string | null; formatOnBlur?: boolean } = {},
  ) => (
    <CheckedField<OrderInput[OrderKey]>
      label={label}
      showLabel
      value={field === "value" ? shownValue(order.value) : storedOrder[field]}
      disabled={readOnly}
      // Typing a value before its currency is fine: the currency field says what is missing.
      parse={(t) => checkField(orderSchema, storedOrder, field, t, ["currency"])}
      format={field === "value" ? shownValue : shown}
      onCommit={(v) => edit("setOrder", { [field]: v } as SetOrderArgs)}
      {...extra}
    />
  );
  const paymentDate = (field: PaymentDateKey, label: string) => (
    <DateField
      label={label}
      showLabel
      value={payment[field]}
      disabled={readOnly}
      validate={(d) => {
        const r = checkField(paymentInputSchema, storedPayment, field, d ?? "");
        return r.ok ? null : r.message;
      }}
      onCommit={(d) => {
        // A paid date on an account not yet won offers the move to Paid in the same step.
        if (field === "paidDate" && d && !WON_OR_ENDED.has(stage)) {
          setPaidDate(d);
          return true;
        }
        return edit("setPayment", { [field]: d } as SetPaymentArgs);
      }}
    />
  );
  const paymentField = (field: PaymentKey, label: string, placeholder?: string) => (
    <CheckedField<PaymentInput[PaymentKey]>
      label={label}
      showLabel
      value={storedPayment[field]}
      placeholder={placeholder}
      disabled={readOnly}
      parse={(t) => checkField(paymentInputSchema, storedPayment, field, t)}
      format={shown}
      onCommit={(v) => edit("setPayment", { [field]: v } as SetPaymentArgs)}
    />
  );

  return (
    <div className={classes.columns}>
      <PaidDialog paidDate={paidDate} onClose={() => setPaidDate(null)} />
      <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="order-title">
        <div className={lists.title}>
          <Title order={2} id="order-title">
            Order
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            What the customer ordered. Until the order reference arrives, it is only a promise.
          </Text>
        </div>
        <div className={classes.form}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            {orderField("reference", "Order reference", { placeholder: "e.g. PO-2026-0142" })}
            <DateField
              label="Order date"
              showLabel
              value={order.date}
              disabled={readOnly}
              validate={(d) => {
                const r = checkField(orderSchema, storedOrder, "date", d ?? "", ["currency"]);
                return r.ok ? null : r.message;
              }}
              onCommit={(date) => edit("setOrder", { date })}
            />
            {orderField("value", "Order value", {
              placeholder: `e.g. ${formatAmount("48000", locale, null)}`,
              inputMode: "decimal",
              formatOnBlur: true,
              // Two people's edits can meet: cents typed in USD, the currency changed to JPY.
              standingError: order.value !== null && order.currency ? currencyProblem(order.value, order.currency, locale) : null,
            })}
            {orderField("currency", "Currency", {
              placeholder: "e.g. EUR",
              standingError: order.value !== null && !order.currency ? "Give the currency of the value." : null,
            })}
            {orderField("proposalReference", "Proposal reference", { placeholder: "e.g. Proposal v3" })}
            {orderField("quoteReference", "Quote reference", { placeholder: "e.g. Q-0098" })}
          </SimpleGrid>
          <LiveTextField
            label="What was ordered"
            showLabel
            value={order.items}
            multiline
            placeholder="Products, quantities, services…"
            disabled={readOnly}
            className={classes.items}
            validate={(t) => {
              const r = checkField(orderSchema, storedOrder, "items", t, ["currency"]);
              return r.ok ? null : r.message;
            }}
            onChange={(items) => edit("setOrder", { items })}
          />
        </div>
      </Paper>
      <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="payment-title">
        <Group justify="space-between" align="flex-start" wrap="nowrap" className={lists.title}>
          <div>
            <Title order={2} id="payment-title">
              Payment
            </Title>
            <Text size="sm" c="dimmed" mt={2}>
              The deal is won when the money is in.
            </Text>
          </div>
          <Badge variant="light" radius="sm" tt="none" color={PAYMENT_STATE_COLOR[payment.state]} aria-label={`Payment: ${PAYMENT_STATE_LABEL[payment.state]}`}>
            {PAYMENT_STATE_LABEL[payment.state]}
          </Badge>
        </Group>
        <div className={classes.form}>
          {payment.state === "overdue" && (
            <Alert color="red" variant="light" role="alert" title="Payment overdue" mb="sm">
              Due on {formatDay(payment.dueDate ?? "")}: {payment.daysOverdue} {payment.daysOverdue === 1 ? "day" : "days"} overdue. Call finance / payables.
            </Alert>
          )}
          {payment.problems.length > 0 && (
            <Alert color="orange" variant="light" role="alert" title="These dates do not fit together" mb="sm">
              {payment.problems.join(" ")} Two edits may have crossed; correct the date that is wrong.
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            {paymentField("invoiceReference", "Invoice reference", "e.g. INV-5521")}
            {paymentDate("invoiceDate", "Invoice date")}
            {paymentDate("dueDate", "Payment due date")}
            {paymentDate("paidDate", "Paid on")}
          </SimpleGrid>
        </div>
      </Paper>
    </div>
  );
}
