/**
 * The handoff tab: the rep and the delivery lead sign off (each from their own laptop,
 * together in the meeting or apart), then "what changed since handoff" against the
 * frozen baseline, and a comparison between any two points of the timeline.
 */
import { useEffect, useMemo, useState } from "react";
import { CATCH_UP_WORDS } from "../../words/catch-up";
import { getHeads, type Doc } from "@automerge/automerge/slim";
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import {
  changedSinceHandoff,
  changesBetween,
  checkSignOff,
  contactsOf,
  describeItemChange,
  handoffOf,
  HandoffRuleError,
  ROLE_WORDS,
  type AccountChanges,
  type AccountDoc,
  type Role,
  type SignOffView,
  } from "../../../../shared";
import { useProfile } from "../../sync/context";
import { formatMoment } from "../../ui/clock";
import classes from "./Handoff.module.css";
import { useEdit, useReadOnly, useAccountQuery, useAccountSession, useAccountSnapshot } from "../../document/hooks";

function SignOffLine({ role, signOff }: { role: Role; signOff: SignOffView | null }) {
  return (
    <li className={classes.signOff} data-role={role}>
      <Text fw={600} size="sm" span>
        The {ROLE_WORDS[role]}:
      </Text>{" "}
      {signOff ? (
        <Text size="sm" span>
          signed off by {signOff.by?.name ?? "someone"}, {formatMoment(signOff.at)}
        </Text>
      ) : (
        <Badge color="yellow" variant="light" radius="sm">
          Pending
        </Badge>
      )}
    </li>
  );
}

/** Sign-off for both roles, and the person's own button. */
export function SignOff() {
  const session = useAccountSession();
  const edit = useEdit();
  const readOnly = useReadOnly();
  const profile = useProfile();
  const handoff = useAccountQuery(handoffOf);
  const decisionMaker = useAccountQuery((d) => contactsOf(d).find((c) => c.role === "decision-maker")?.name ?? "");
  const deliveryLeadName = useAccountQuery((d) => (d.deliveryLead ? String(d.deliveryLead.name) : null));
  const [customer, setCustomer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const customerValue = customer || handoff.customerAgreedBy || decisionMaker;
  const mine = profile.role === "rep" ? handoff.rep : handoff.deliveryLead;

  const sign = () => {
    const args = { role: profile.role, by: profile, customerAgreedBy: customerValue.trim() };
    try {
      checkSignOff(session.snapshot().account, args);
    } catch (e) {
      setError(e instanceof HandoffRuleError ? e.message : String(e));
      return;
    }
    setError(null);
    // The signer's phone and email go on the account with the sign-off: as the lead, they are who the customer calls next.
    edit("signOffHandoff", { ...args, heads: getHeads(session.snapshot().stored), contact: { phone: profile.phone, email: profile.email } });
  };

  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="signoff-title">
      <Title order={2} size="h3" id="signoff-title">
        Handoff sign-off
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The rep and the delivery lead each sign off on their own laptop. When both have, the account passes to the delivery lead and
        what was agreed is frozen as the baseline.
      </Text>
      <ul className="plain" aria-label="Sign-offs">
        <SignOffLine role="rep" signOff={handoff.rep} />
        <SignOffLine role="delivery-lead" signOff={handoff.deliveryLead} />
      </ul>
      {handoff.customerAgreedBy && (
        <Text size="sm" mt="xs">
          Agreed with the customer: <strong>{handoff.customerAgreedBy}</strong>
        </Text>
      )}
      {handoff.baseline ? (
        <Alert color="teal" variant="light" mt="md" title={handoff.baseline.name} role="status">
          Both have signed off. {deliveryLeadName ? `${deliveryLeadName} (delivery lead) owns the account now.` : ""}
        </Alert>
      ) : handoff.pending.length === 1 ? (
        <Text size="sm" mt="sm" role="status">
          Waiting for the {ROLE_WORDS[handoff.pending[0]!]} to sign off — on their laptop, even offline; it syncs when the laptops meet.
        </Text>
      ) : null}
      {!mine && !readOnly && (
        <Group align="flex-end" mt="md" gap="sm">
          <TextInput
            label="Customer who agreed"
            value={customerValue}
            onChange={(e) => setCustomer(e.currentTarget.value)}
            placeholder="Name of the customer contact"
            w={280}
          />
          <Button onClick={sign}>Sign off as the {ROLE_WORDS[profile.role]}</Button>
        </Group>
      )}
      {mine && !readOnly && (
        <Button variant="default" mt="md" onClick={sign}>
          Sign off as the {ROLE_WORDS[profile.role]} again
        </Button>
      )}
      {error && (
        <Text size="sm" c="red" role="alert" mt="xs">
          {error}
        </Text>
      )}
    </Paper>
  );
}

/** A list of item changes, or a plain "nothing changed". */
export function ChangeList({ changes, label, empty }: { changes: AccountChanges; label: string; empty: string }) {
  if (!changes.items.length) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <ul className={`plain ${classes.changes}`} aria-label={label}>
      {changes.items.map((c) => (
        <li key={`${c.kind}:${c.id}:${c.change}`} className={classes.change} data-change={c.change}>
          <Badge size="sm" radius="sm" variant="light" color={c.change === "added" ? "teal" : c.change === "removed" ? "red" : "blue"} mr={6}>
            {c.change}
          </Badge>
          <Text size="sm" span>
            {describeItemChange(c)}
          </Text>
        </li>
      ))}
    </ul>
  );
}

function ChangedSinceHandoff() {
  const { account } = useAccountSnapshot();
  const since = useMemo(() => changedSinceHandoff(account as Doc<AccountDoc>), [account]);
  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="changed-title">
      <Title order={2} size="h3" id="changed-title">
        Changed since handoff
      </Title>
      {since ? (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {CATCH_UP_WORDS.sinceHandoff(since.baselineName, since.items.length)}
          </Text>
          <ChangeList changes={since} label="Changes since handoff" empty="Nothing has changed since the handoff." />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          There is no baseline yet: it is frozen when both the rep and the delivery lead have signed off.
        </Text>
      )}
    </Paper>
  );
}

const NOW = "now";

function ComparePoints() {
  const session = useAccountSession();
  const { account } = useAccountSnapshot();
  const doc = account as Doc<AccountDoc>;
  const points = useMemo(() => session.timeline.read(doc).filter((e) => e.source === "change"), [doc, session]);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState(NOW);
  const options = points.map((p) => ({ value: p.id, label: `${formatMoment(p.at)} — ${p.by?.name ?? "?"}: ${p.text.slice(0, 70)}` }));
  let result: AccountChanges | string | null = null;
  if (from) {
    try {
      result = changesBetween(doc, [from], to === NOW ? undefined : [to]);
    } catch (e) {
      result = e instanceof Error ? e.message : String(e);
    }
  }
  return (
    <Paper component="section" withBorder radius="md" p="lg" aria-labelledby="compare-title">
      <Title order={2} size="h3" id="compare-title">
        Compare two points of the timeline
      </Title>
      <Group gap="sm" mt="xs" align="flex-end" wrap="wrap">
        <NativeSelect label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} data={[{ value: "", label: "Pick a point…" }, ...options]} w={360} />
        <NativeSelect label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} data={[{ value: NOW, label: "Now" }, ...options]} w={360} />
      </Group>
      <Stack mt="sm">
        {typeof result === "string" ? (
          <Text size="sm" c="red" role="alert">
            {result}
          </Text>
        ) : result ? (
          <>
            {result.items.length > 0 && <Text size="sm" c="dimmed">{CATCH_UP_WORDS.between(result.items.length)}</Text>}
            <ChangeList changes={result} label="Changes between the two points" empty={CATCH_UP_WORDS.noneBetween} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function Handoff() {
  return (
    <Stack gap="lg">
      <SignOff />
      <ChangedSinceHandoff />
      <ComparePoints />
    </Stack>
  );
}

/**
 * Sign-offs made apart meet here: when this laptop sees both but the baseline or the
 * ownership transfer is not written yet, it writes them (the same values on every
 * laptop, so doing it on both at once converges).
 */
export function useHandoffCompletion(): void {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const needs = useAccountQuery((d) => handoffOf(d).needsCompletion);
  useEffect(() => {
    if (needs && !readOnly) edit("completeHandoff", {});
  }, [needs, readOnly, edit]);
}
