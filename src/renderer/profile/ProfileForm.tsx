/** Who is at this keyboard: name and role, attributed to every edit they make. */
import { useState } from "react";
import { Alert, Button, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Profile, Role } from "../../../shared";
import { profileInputSchema } from "../../../shared/validation/fields";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";
import { domainRules, domainValue } from "../ui/form-rules";

export interface ProfileFormProps {
  profile: Profile | null;
  onSaved?: (profile: Profile) => void;
  autoFocus?: boolean;
}

export function ProfileForm({ profile, onSaved, autoFocus }: ProfileFormProps) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: { name: profile?.name ?? "", role: (profile?.role ?? "") as Role | "" },
    validate: domainRules(() => profileInputSchema),
    transformValues: (values) => domainValue(profileInputSchema, values),
    onValuesChange: () => setSaved(false),
  });

  const submit = form.onSubmit(
    async (input) => {
      setSaved(false);
      setError(null);
      try {
        const next = await client.api.saveProfile(input);
        await client.refresh();
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
        <TextInput
          label="Your name"
          description="Shown next to every change you make."
          autoFocus={autoFocus}
          autoComplete="name"
          {...form.getInputProps("name")}
          maw={420}
        />
        <Radio.Group label="Role" description="What you do on your accounts." {...form.getInputProps("role")}>
          <Group gap="lg" mt={6}>
            <Radio value="rep" label="Rep" />
            <Radio value="delivery-lead" label="Delivery lead" />
          </Group>
        </Radio.Group>
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
