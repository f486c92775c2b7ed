import { Alert, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import type { BaselineReadiness, BaselineSnapshot } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { iconFor, present, toneColor } from "../../vocabulary";
import { itemCount, plural, reasonLabel } from "./baselineWords";

/**
 * What the profile compares against and whether it can (SPEC §6.3): the current snapshot, the
 * latest attempt when it is another one (a capture running or one that failed), and the next
 * step in words.
 */
export function ReadinessCallout({ readiness }: { readiness: BaselineReadiness }) {
  const blocked = readiness.blocked_by;
  const presentation = blocked === null ? null : present("reason_code", blocked);
  const BlockedIcon = presentation === null ? IconCircleCheck : iconFor(presentation.icon);
  return (
    <Alert
      variant="light"
      color={presentation === null ? "green" : toneColor(presentation.tone)}
      icon={<BlockedIcon aria-hidden />}
      title={presentation === null ? "Ready to compare" : presentation.label}
      data-testid="readiness-callout"
      data-ready={blocked === null}
    >
      <Stack gap={4}>
        <Text size="sm" data-testid="readiness-current">
          <Text span size="sm" fw={600}>
            Current:{" "}
          </Text>
          {readiness.current === null ? "no complete snapshot yet" : <SnapshotLine snapshot={readiness.current} />}
        </Text>
        {readiness.latest_attempt !== null && (
          <Text size="sm" data-testid="readiness-latest">
            <Text span size="sm" fw={600}>
              Latest attempt:{" "}
            </Text>
            <SnapshotLine snapshot={readiness.latest_attempt} />
          </Text>
        )}
        <Text size="sm" data-testid="readiness-next">
          <Text span size="sm" fw={600}>
            Next step:{" "}
          </Text>
          {readiness.next_step}
        </Text>
      </Stack>
    </Alert>
  );
}

/**
 * "complete, 3 d ago · 1,204 items" / "incomplete, 10 min ago — Capture failed" / "building,
 * started …", and for one made from an imported backup the rule that decided it.
 */
function SnapshotLine({ snapshot }: { snapshot: BaselineSnapshot }) {
  const state = present("snapshot_state", snapshot.state).label.toLowerCase();
  const items = itemCount(snapshot);
  if (snapshot.state === "building") {
    return (
      <>
        {state}, started <RelativeTime value={snapshot.created_at} size="sm" />
      </>
    );
  }
  const at = snapshot.completed_at ?? snapshot.failed_at ?? snapshot.created_at;
  return (
    <>
      {state}, <RelativeTime value={at} size="sm" />
      {items !== null && ` · ${plural(items, "item", "items")}`}
      {snapshot.failure_reason !== null && ` — ${reasonLabel(snapshot.failure_reason)}`}
      {snapshot.proof_rule !== undefined && (
        <span data-testid="readiness-imported">
          {` · made from an imported backup (${present("proof_rule", snapshot.proof_rule).label.toLowerCase()})`}
        </span>
      )}
    </>
  );
}
