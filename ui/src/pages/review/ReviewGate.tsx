import { Alert, Group, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { ReviewReadiness } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { reasonWords } from "../../runs";
import { NOT_READY } from "./evidenceWords";
import { ComposeReviewButton, GenerateEvidenceButton } from "./ReviewButtons";
import type { ReviewStarts } from "./useReviewStarts";

type ReviewGateProps = {
  readiness: ReviewReadiness;
  canManage: boolean;
  canSync: boolean;
  /** When given, the gate offers the one start that helps now; a page with its own buttons leaves it out. */
  starts?: ReviewStarts;
  /** Where the inventory sync is started from, for members who may sync a tenant with nothing synced. */
  syncHint: ReactNode;
};

/** Ready to compose (and from which evidence), or, in the backend's words, why not and what to do next. */
export function ReviewGate({ readiness, canManage, canSync, starts, syncHint }: ReviewGateProps) {
  if (readiness.state === "ready") {
    return (
      <Group justify="space-between" align="center" wrap="wrap" gap="xs" data-testid="review-gate" data-state="ready">
        <Text size="sm">
          Ready to compose from the evidence taken <RelativeTime value={readiness.captured_at} size="sm" span />.
        </Text>
        {canManage && starts !== undefined && <ComposeReviewButton starts={starts} />}
      </Group>
    );
  }
  const needsEvidence = readiness.reason === "review.no_evidence" || readiness.reason === "review.evidence_stale";
  return (
    <Alert
      color="yellow"
      variant="light"
      title={reasonWords(readiness.reason, NOT_READY).label}
      data-testid="review-gate"
      data-state="not_ready"
      data-reason={readiness.reason}
    >
      <Stack gap={6}>
        <Text size="sm">{readiness.message}</Text>
        <Text size="sm" data-testid="review-next-step">
          Next step: {readiness.next_step}
        </Text>
        {readiness.reason === "review.no_sync" && canSync && (
          <Text size="sm" data-testid="review-sync-hint">
            {syncHint}
          </Text>
        )}
        {needsEvidence && canManage && starts !== undefined && (
          <Group>
            <GenerateEvidenceButton starts={starts} />
          </Group>
        )}
        {!canManage && (
          <Text size="xs" c="dimmed">
            A member who may manage review packs can take the snapshot and compose the review.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
