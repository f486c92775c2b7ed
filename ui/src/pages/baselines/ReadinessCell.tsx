import { Group, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import type { BaselineReadiness } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";

/** Ready to compare, a capture under way, or why not with the next step under it. */
export function ReadinessCell({ readiness }: { readiness: BaselineReadiness }) {
  if (readiness.latest_attempt?.state === "building") {
    return (
      <Stack gap={2} align="flex-start" data-testid="readiness" data-ready={readiness.blocked_by === null}>
        <StatusBadge domain="snapshot_state" code="building" />
        <Text size="xs" c="dimmed" lineClamp={2}>
          {readiness.blocked_by === null
            ? "A new capture is under way; compares use the current snapshot meanwhile."
            : "The first capture is under way; compare once it completes."}
        </Text>
      </Stack>
    );
  }
  if (readiness.blocked_by === null) {
    return (
      <Group gap={4} wrap="nowrap" data-testid="readiness" data-ready="true">
        <IconCircleCheck size={14} color="var(--mantine-color-green-6)" aria-hidden />
        <Text size="sm" c="green.8">
          Ready to compare
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap={2} align="flex-start" data-testid="readiness" data-ready="false">
      <StatusBadge domain="reason_code" code={readiness.blocked_by} />
      <Text size="xs" c="dimmed" lineClamp={2} title={readiness.next_step}>
        {readiness.next_step}
      </Text>
    </Stack>
  );
}
