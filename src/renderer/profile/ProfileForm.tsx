/**
 * Who is at this keyboard: name and role, attributed to every edit they make; the phone and
 * email colleagues and customers reach them on; how early a call reminds them; and the
 * person id that makes them the same person on each of their laptops.
 */
import { useState } from "react";
import { Alert, Button, CopyButton, Group, NumberInput, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { ProfileSettings, Role } from "../../../shared";
import { profileInputSchema, REMINDER_LEAD_DEFAULT_MINUTES, REMINDER_LEAD_MAX_MINUTES } from "../../../shared/validation/profile";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { domainRules, domainValue } from "../ui/form-rules";
import { PROFILE_WORDS } from "../words/labels";

export interface ProfileFormProps {
  profile: ProfileSettings | null;
  onSaved?: (profile: ProfileSettings) => void;
  autoFocus?: boolean;
}

export function ProfileForm({ profile, onSaved, autoFocus }: ProfileFormProps) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: {
      name: profile?.name ?? "",
      role: (profile?.role ?? "") as Role | "",
      phone: profile?.phone ?? "",
      email: profile?.email ?? "",
      reminderLeadMinutes: (profile?.reminderLeadMinutes ?? REMINDER_LEAD_DEFAULT_MINUTES) as number | string,
      personId: "",
    },
    validate: domainRules(() => profileInputSchema),
    transformValues: (values) => domainValue(profileInputSchema, values),
    onValuesChange: () => setSaved(false),
  });

  const submit = form.onSubmit(
    async (input) => {
      setSaved(false);
      setError(null);
      try {
        const next = await client.api.saveProfile({ ...input, phone: input.phone ?? "", email: input.email ?? "" });
        await client.refresh();
        form.setFieldValue("personId", "");
        setSaved(true);
        onSaved?.(next);
      } catch (e) {
        if (e instanceof ApiRequestError && Object.keys(e.fields).length > 0) form.setErrors(e.fields);
        else setError(messageOf(e));
      }
    },
    () => {
      setSaved(false);
      setError(null);
    },
  );

  return (
    <form noValidate aria-label="Profile" onSubmit={submit}>
      <Stack gap="md">
        <TextInput label="Your name" description="Shown next to every change you make." autoFocus={autoFocus} autoComplete="name" {...form.getInputProps("name")} maw={420} />
        <Radio.Group label="Role" description="What you do on your accounts." {...form.getInputProps("role")}>
          <Group gap="lg" mt={6}>
            <Radio value="rep" label="Rep" />
            <Radio value="delivery-lead" label="Delivery lead" />
          </Group>
        </Radio.Group>
        <Group gap="md" align="flex-start">
          <TextInput label="Your phone" description={PROFILE_WORDS.phoneHint} autoComplete="tel" {...form.getInputProps("phone")} w={240} />
          <TextInput label="Your email" description={PROFILE_WORDS.emailHint} autoComplete="email" {...form.getInputProps("email")} w={300} />
        </Group>
        <NumberInput
          label="Remind me before a call (minutes)"
          description={PROFILE_WORDS.leadHint}
          min={0}
          max={REMINDER_LEAD_MAX_MINUTES}
          allowDecimal={false}
          {...form.getInputProps("reminderLeadMinutes")}
          w={240}
        />
        {profile ? (
          <Group gap="xs" align="center">
            <Text size="sm">
              {PROFILE_WORDS.personId}: <code>{profile.id}</code>
            </Text>
            <CopyButton value={profile.id}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" onClick={copy}>
                  {copied ? "Copied" : "Copy"}
                </Button>
              )}
            </CopyButton>
          </Group>
        ) : null}
        <TextInput label={PROFILE_WORDS.carryLabel} description={PROFILE_WORDS.carryHint} {...form.getInputProps("personId")} maw={420} />
        {error && (
          <Alert color="red" variant="light" role="alert" title="Profile not saved">
            {error}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={form.submitting}>
            Save profile
          </Button>
          {saved && (
            <Text size="sm" c="teal" role="status" aria-label="Profile saved">
              Saved.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
