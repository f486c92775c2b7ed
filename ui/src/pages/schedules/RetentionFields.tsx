import { Group, Input, NumberInput, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { MAX_KEEP_DAYS, MAX_KEEP_LAST, type RetentionDraft, type RetentionErrors } from "./retentionForm";

type RetentionFieldsProps = {
  value: RetentionDraft;
  onChange: (next: RetentionDraft) => void;
  errors: RetentionErrors;
  /** The schedule keeps every backup now: an empty "keep" field leaves it so. */
  keepsEvery: boolean;
  disabled: boolean;
};

/**
 * Which backups a backup schedule keeps: the newest N, and optionally every one younger than D
 * days. Older ones are removed only after a newer backup completed.
 */
export function RetentionFields({ value, onChange, errors, keepsEvery, disabled }: RetentionFieldsProps) {
  return (
    <Input.Wrapper
      label="Which backups it keeps"
      description={
        keepsEvery
          ? "It keeps every backup now. Enter a number to remove older backups after each complete one; the newest complete backup is always kept."
          : "After each complete backup, older ones beyond these are removed; the newest complete backup is always kept."
      }
      data-testid="schedule-retention-fields"
    >
      <Group gap="md" align="flex-start" mt={6} wrap="wrap">
        <NumberInput
          label="Keep the newest"
          rightSection={<Unit>backups</Unit>}
          rightSectionWidth={72}
          w={220}
          value={value.keepLast}
          onChange={(next) => onChange({ ...value, keepLast: String(next) })}
          min={1}
          max={MAX_KEEP_LAST}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          error={errors.keepLast ?? null}
          disabled={disabled}
          withAsterisk={!keepsEvery}
          data-field="keepLast"
          data-testid="schedule-keep-last"
        />
        <NumberInput
          label="Also keep every backup younger than"
          placeholder="Optional"
          rightSection={<Unit>days</Unit>}
          rightSectionWidth={56}
          w={280}
          value={value.keepDays}
          onChange={(next) => onChange({ ...value, keepDays: String(next) })}
          min={1}
          max={MAX_KEEP_DAYS}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          error={errors.keepDays ?? null}
          disabled={disabled}
          data-field="keepDays"
          data-testid="schedule-keep-days"
        />
      </Group>
    </Input.Wrapper>
  );
}

function Unit({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" c="dimmed" aria-hidden>
      {children}
    </Text>
  );
}
