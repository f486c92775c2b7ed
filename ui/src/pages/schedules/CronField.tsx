import { Chip, Group, Input, Stack, TextInput } from "@mantine/core";
import { cronInWords, presetOf, SCHEDULE_PRESETS } from "./cronWords";

type CronFieldProps = {
  value: string;
  onChange: (cron: string) => void;
  /** The zone the times are in, named beside the expression's words. */
  timeZone: string;
  error: string | null;
  disabled: boolean;
};

/**
 * When a schedule starts: presets that fill in the expression, and the expression itself,
 * editable, read back in words when it is a simple one.
 */
export function CronField({ value, onChange, timeZone, error, disabled }: CronFieldProps) {
  const words = cronInWords(value);
  const preset = presetOf(value);
  return (
    <Stack gap="xs">
      <Input.Wrapper label="When" description="A preset fills in the expression below; edit it for any other time.">
        <Chip.Group multiple={false} value={preset?.cron ?? ""} onChange={(cron) => onChange(cron)}>
          <Group gap={6} mt={6} data-testid="schedule-presets">
            {SCHEDULE_PRESETS.map((option) => (
              <Chip key={option.cron} value={option.cron} size="sm" variant="outline" disabled={disabled}>
                {option.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
      <TextInput
        label="Cron expression"
        description={
          words === null
            ? "Five fields: minute hour day-of-month month day-of-week (0 3 * * * is 03:00 every day). At most one start every 15 minutes."
            : `${words}, ${timeZone} time.`
        }
        placeholder="0 3 * * *"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        disabled={disabled}
        withAsterisk
        spellCheck={false}
        autoComplete="off"
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        data-field="cron"
        data-testid="schedule-cron"
      />
    </Stack>
  );
}
