/** Winning or losing the deal asks what to do with its open risks: close them with the deal, or keep them open. */
import { Radio, Stack, Text } from "@mantine/core";
import type { OpenRisksChoice as Choice } from "../../../../shared";
import { DEAL_WORDS } from "../../words/lifecycle";

export function OpenRisksChoice({ count, value, onChange }: { count: number; value: Choice; onChange: (v: Choice) => void }) {
  if (count === 0) return null;
  return (
    <Radio.Group label={DEAL_WORDS.risksQuestion(count)} value={value} onChange={(v) => onChange(v === "keep" ? "keep" : "close")}>
      <Stack gap={6} mt={6}>
        <Radio value="close" label={DEAL_WORDS.closeRisks} />
        <Radio value="keep" label={DEAL_WORDS.keepRisks} />
        <Text size="xs" c="dimmed">
          {DEAL_WORDS.risksHint}
        </Text>
      </Stack>
    </Radio.Group>
  );
}
