/** Who is at this keyboard: name and role, attributed to every edit they make. */
import { useState } from "react";
import { Alert, Button, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import type { Profile, Role } from "../../../shared";
import { check, profileInputSchema } from "../../../shared/validation/fields";
import { ApiRequestError, messageOf } from "../sync/api";
import { useClient } from "../sync/context";

export interface ProfileFormProps {
  profile: Profile | null;
  onSaved?: (profile: Profile) => void;
  autoFocus?: boolean;
}

export function ProfileForm({ profile, onSaved, autoFocus }: ProfileFormProps) {
  const client = useClient();
  const [name, setName] = useState(profile?.name ?? "");
  const [role, setRole] = useState<Role | "">(profile?.role ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setSaved(false);
    setError(null);
    const checked = check(profileInputSchema, { name, role });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const next = await client.api.saveProfile(checked.value);
      await client.refresh();
      setSaved(true);
      onSaved?.(next);
    } catch (e) {
      if (e instanceof ApiRequestError && Object.keys(e.fields).length > 0) setErrors(e.fields);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      aria-label="Profile"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <TextInput
          label="Your name"
          description="Shown next to every change you make."
          value={name}
          autoFocus={autoFocus}
          autoComplete="name"
          error={errors.name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setSaved(false);
          }}
          maw={420}
        />
        <Radio.Group
          label="Role"
          description="What you do on your accounts."
          value={role}
          error={errors.role}
          onChange={(v) => {
            setRole(v as Role);
            setSaved(false);
          }}
        >
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
          <Button type="submit" loading={busy}>
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
