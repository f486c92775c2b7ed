import { Text } from "@mantine/core";

/** Before the first review: what one is, and what composing it needs (the gate above says what is missing). */
export function NoReview({ tenantName }: { tenantName: string }) {
  return (
    <Text size="sm" c="dimmed" data-testid="review-none">
      No review yet. A review sums up {tenantName}&apos;s configuration, drift, privileged access and operations from an
      evidence snapshot, with what to act on, for a customer meeting. Composing one needs a completed inventory sync and
      a recent, complete evidence snapshot; the readiness above says what is missing.
    </Text>
  );
}
