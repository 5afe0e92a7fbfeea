/** Referrals asked of the customer after payment, and what came of each. */
import { useState } from "react";
import { Button, Group, NativeSelect, Text, TextInput } from "@mantine/core";
import { check, newId, referralInputSchema, referralOutcomeInputSchema, type ReferralStatus, type ReferralView } from "../../../../shared";
import { LiveTextField } from "../../ui/LiveTextField";
import { formatDay } from "../../words/labels";
import { REFERRAL_STATUS_LABEL, optionsOf } from "../../words/lifecycle";
import classes from "./Relationship.module.css";
import { useEdit, useReadOnly } from "../../document/hooks";

function ReferralRow({ referral: r }: { referral: ReferralView; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [statusError, setStatusError] = useState<string | null>(null);
  return (
    <li className={classes.item} data-item-id={r.id}>
      <Group gap="sm" align="flex-start" wrap="nowrap" className={classes.referralRow}>
        <LiveTextField label="Asked of" value={r.askedOf} disabled={readOnly} className={classes.grow} onChange={(askedOf) => edit("editReferral", { id: r.id, askedOf })} />
        <NativeSelect
          aria-label="Referral status"
          value={r.status}
          data={optionsOf(REFERRAL_STATUS_LABEL)}
          disabled={readOnly}
          w={120}
          onChange={(e) => {
            const status = e.currentTarget.value as ReferralStatus;
            const c = check(referralOutcomeInputSchema, { status, referredTo: r.referredTo });
            if (!c.ok) {
              // The select snaps back to the stored status; the message says what is missing.
              setStatusError(c.errors.referredTo ?? c.message);
              return;
            }
            setStatusError(null);
            edit("editReferral", { id: r.id, status });
          }}
        />
        <LiveTextField
          label="Referred to"
          value={r.referredTo}
          placeholder="Who they referred you to"
          disabled={readOnly}
          className={classes.grow}
          onChange={(referredTo) => {
            if (statusError && referredTo.trim()) setStatusError(null);
            edit("editReferral", { id: r.id, referredTo });
          }}
        />
        <Button variant="subtle" color="red" size="compact-sm" mt={6} aria-label="Remove referral" disabled={readOnly} onClick={() => edit("removeReferral", { id: r.id })}>
          Remove
        </Button>
      </Group>
      {statusError && (
        <Text size="xs" c="red" role="alert" mt={2}>
          {statusError}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={2}>
        Asked by {r.by?.name ?? "someone"}, {formatDay(r.at)}
      </Text>
    </li>
  );
}

export function Referrals({ referrals, open }: { referrals: ReferralView[]; open: boolean; }) {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const [askedOf, setAskedOf] = useState("");
  const [error, setError] = useState<string | null>(null);
  const disabled = readOnly || !open;
  return (
    <section aria-labelledby="referrals-title" className={classes.block}>
      <h3 id="referrals-title" className={classes.subTitle}>
        Referrals
      </h3>
      <ul className={`plain ${classes.items}`} aria-label="Referrals">
        {referrals.map((r) => (
          <ReferralRow key={r.id} referral={r} />
        ))}
      </ul>
      <form
        noValidate
        aria-label="Record a referral asked"
        onSubmit={(e) => {
          e.preventDefault();
          const r = check(referralInputSchema, { askedOf });
          if (!r.ok) {
            setError(r.errors.askedOf ?? r.message);
            return;
          }
          setError(null);
          if (edit("askReferral", { id: newId(), ...r.value })) setAskedOf("");
        }}
      >
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput aria-label="Who was asked" placeholder="Who you asked, e.g. the decision maker" value={askedOf} error={error} disabled={disabled} className={classes.grow} onChange={(e) => setAskedOf(e.currentTarget.value)} />
          <Button type="submit" variant="light" disabled={disabled}>
            Record referral asked
          </Button>
        </Group>
      </form>
    </section>
  );
}
