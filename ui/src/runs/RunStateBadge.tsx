import { Badge, type BadgeProps, Group, Text, VisuallyHidden } from "@mantine/core";
import { iconFor, toneColor } from "../vocabulary";
import type { RunState } from "./runState";

type RunStateBadgeProps = {
  state: RunState;
  size?: BadgeProps["size"];
  /**
   * Whether the status, outcome and freshness are written out for assistive technology (and
   * kept in the hover title). Off where the page shows them anyway, such as the run's own page.
   */
  withDetail?: boolean;
};

/**
 * A run's one state (`runState`): one badge in its tone with its icon, and the quieter marker
 * ("likely stale", "ended by the engine") beside it when there is one.
 */
export function RunStateBadge({ state, size = "sm", withDetail = true }: RunStateBadgeProps) {
  const IconComponent = iconFor(state.icon);
  return (
    <Group
      gap={6}
      wrap="nowrap"
      miw={0}
      title={withDetail ? state.detail : undefined}
      data-testid="run-state"
      data-state={state.code}
      data-tone={state.tone}
    >
      <Badge
        variant="light"
        color={toneColor(state.tone)}
        size={size}
        radius="sm"
        leftSection={<IconComponent size={12} stroke={2} aria-hidden />}
        style={{ flexShrink: 0 }}
      >
        {state.label}
      </Badge>
      {state.marker !== null && (
        <Text size="xs" fw={500} c="dimmed" truncate="end" miw={0} data-testid="run-state-marker">
          {state.marker}
        </Text>
      )}
      {withDetail && <VisuallyHidden>{state.detail}</VisuallyHidden>}
    </Group>
  );
}
