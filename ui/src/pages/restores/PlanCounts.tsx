import { Paper, SimpleGrid, Text, UnstyledButton } from "@mantine/core";
import type { PlanCounts as Counts, RestoreAction } from "../../bindings/types";
import { actionLook, countOf, countTitle, planActions } from "./restoreWords";

type PlanCountsProps = {
  counts: Counts;
  /** The action the plan table shows, if one. */
  selected: RestoreAction | null;
  /** Shows one action's items in the table (again: every action's). */
  onSelect: (action: RestoreAction | null) => void;
};

/**
 * The plan in four numbers: to create, to update, identical, and those that cannot be restored
 * as they are — and, undoing a restore that created objects, a fifth: to delete. Each narrows the
 * plan table to its items (a second press shows every action again).
 */
export function PlanCounts({ counts, selected, onSelect }: PlanCountsProps) {
  const actions = planActions(counts);
  return (
    <SimpleGrid cols={{ base: 2, md: actions.length }} spacing="sm" data-testid="plan-counts">
      {actions.map((action) => {
        const value = countOf(counts, action);
        const { color } = actionLook(action);
        const pressed = selected === action;
        return (
          <UnstyledButton
            key={action}
            onClick={() => onSelect(pressed ? null : action)}
            aria-pressed={pressed}
            aria-label={`${countTitle(action)}: ${value.toLocaleString()}${pressed ? ", shown alone" : ""}`}
            data-testid="plan-count"
            data-action={action}
          >
            <Paper
              withBorder
              radius="md"
              p="sm"
              style={{
                borderLeft: `4px solid var(--mantine-color-${color}-6)`,
                background: pressed ? "var(--mantine-primary-color-light)" : undefined,
              }}
            >
              <Text
                fz={28}
                fw={700}
                lh={1.1}
                c={value === 0 ? "dimmed" : action === "conflict" ? "red.8" : undefined}
                data-testid="plan-count-value"
              >
                {value.toLocaleString()}
              </Text>
              <Text size="sm" c="dimmed">
                {countTitle(action)}
              </Text>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
