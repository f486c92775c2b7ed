import { Paper, Text, UnstyledButton } from "@mantine/core";

type CountTileProps = {
  label: string;
  value: number;
  /** Mantine colour of the tile's left edge. */
  color: string;
  /** A non-zero value in red (conflicts, failures). */
  alarming: boolean;
  /** The table shows this tile's items alone. */
  pressed: boolean;
  onToggle: () => void;
  testId: string;
  /** `data-*` attributes naming what the tile counts, for tests. */
  data: Record<string, string>;
};

/**
 * One number of a restore's plan or outcome, as a toggle that narrows the table below to its
 * items. Full height, so a label that wraps keeps the row's tiles aligned.
 */
export function CountTile({ label, value, color, alarming, pressed, onToggle, testId, data }: CountTileProps) {
  return (
    <UnstyledButton
      onClick={onToggle}
      aria-pressed={pressed}
      aria-label={`${label}: ${value.toLocaleString()}${pressed ? ", shown alone" : ""}`}
      data-testid={testId}
      h="100%"
      {...Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]))}
    >
      <Paper
        withBorder
        radius="md"
        p="sm"
        h="100%"
        style={{
          borderLeft: `4px solid var(--mantine-color-${color}-6)`,
          background: pressed ? "var(--mantine-primary-color-light)" : undefined,
        }}
      >
        <Text
          fz={28}
          fw={700}
          lh={1.1}
          c={value === 0 ? "dimmed" : alarming ? "red.8" : undefined}
          data-testid={`${testId}-value`}
        >
          {value.toLocaleString()}
        </Text>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Paper>
    </UnstyledButton>
  );
}
