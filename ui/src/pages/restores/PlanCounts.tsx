import { SimpleGrid } from "@mantine/core";
import type { PlanCounts as Counts, RestoreAction } from "../../bindings/types";
import { CountTile } from "./CountTile";
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
          <CountTile
            key={action}
            label={countTitle(action)}
            value={value}
            color={color}
            alarming={action === "conflict"}
            pressed={pressed}
            onToggle={() => onSelect(pressed ? null : action)}
            testId="plan-count"
            data={{ action }}
          />
        );
      })}
    </SimpleGrid>
  );
}
