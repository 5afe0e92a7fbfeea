/** The customer company itself: its web domain and main phone, checked as typed (a pasted address keeps only its domain). */
import { Anchor, Group, Paper } from "@mantine/core";
import { check, domainOf, domainSchema, headerOf, phoneSchema } from "../../../../shared";
import { CheckedField } from "../../ui/CheckedField";
import { SectionTitle } from "../../ui/SectionTitle";
import { CUSTOMER_WORDS } from "../../words/labels";
import lists from "../../ui/ItemList.module.css";
import classes from "./Contacts.module.css";
import { useAccountQuery, useEdit, useReadOnly } from "../../document/hooks";

const domainAndPhone = (d: Parameters<typeof headerOf>[0]) => {
  const { domain, phone } = headerOf(d);
  return { domain: domain ?? "", phone: phone ?? "" };
};

export function CustomerSection() {
  const edit = useEdit();
  const readOnly = useReadOnly();
  const { domain, phone } = useAccountQuery(domainAndPhone);
  // A peer can write anything there: only a real domain becomes a link.
  const site = domain && domainOf(domain) === domain ? domain : null;
  return (
    <Paper component="section" withBorder radius="md" className={lists.section} aria-labelledby="customer-title">
      <SectionTitle
        id="customer-title"
        title={CUSTOMER_WORDS.title}
        hint={CUSTOMER_WORDS.hint}
        right={
          site ? (
            <Anchor href={`https://${site}`} target="_blank" rel="noreferrer noopener" size="sm">
              {CUSTOMER_WORDS.website(site)}
            </Anchor>
          ) : null
        }
      />
      <Group gap="md" align="flex-start" className={lists.footer} wrap="wrap">
        <CheckedField<string | null>
          label={CUSTOMER_WORDS.domain}
          showLabel
          value={domain}
          placeholder={CUSTOMER_WORDS.domainPlaceholder}
          description={CUSTOMER_WORDS.domainHint}
          disabled={readOnly}
          className={classes.addField}
          parse={(t) => check(domainSchema, t)}
          format={(v) => v ?? ""}
          formatOnBlur
          onCommit={(next) => edit("setCustomer", { domain: next })}
        />
        <CheckedField<string | null>
          label={CUSTOMER_WORDS.phone}
          showLabel
          value={phone}
          placeholder={CUSTOMER_WORDS.phonePlaceholder}
          description={CUSTOMER_WORDS.phoneHint}
          inputMode="tel"
          disabled={readOnly}
          className={classes.addField}
          parse={(t) => check(phoneSchema, t)}
          format={(v) => v ?? ""}
          onCommit={(next) => edit("setCustomer", { phone: next })}
        />
      </Group>
    </Paper>
  );
}
