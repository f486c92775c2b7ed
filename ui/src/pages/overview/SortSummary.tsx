import { ActionIcon, Button, Group, Text, Tooltip } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { OverviewSort } from "./overviewView";
import { sortDescription, WORST_FIRST_EXPLANATION } from "./words";

/** The table's order in words, how "worst first" ranks, and the way back to it. */
export function SortSummary({ sort, onReset }: { sort: OverviewSort; onReset: () => void }) {
  return (
    <Group gap={4} wrap="nowrap" data-testid="overview-order">
      <Text size="xs" c="dimmed">
        Order: {sortDescription(sort)}
      </Text>
      <Tooltip label={WORST_FIRST_EXPLANATION} multiline maw={360} withinPortal>
        <ActionIcon variant="subtle" color="gray" size="xs" aria-label="How worst first ranks tenants">
          <IconInfoCircle size={14} aria-hidden />
        </ActionIcon>
      </Tooltip>
      {sort.key !== "attention" && (
        <Button variant="subtle" size="compact-xs" onClick={onReset} data-testid="overview-worst-first">
          Back to worst first
        </Button>
      )}
    </Group>
  );
}
