import { Button, Card, Divider, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconReportAnalytics } from "@tabler/icons-react";
import { Link } from "react-router";
import { useCustomerReview } from "../../api";
import type { EvidenceSnapshot, Tenant } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { RunLink, syncActionLabel } from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { useCan } from "../../workspace";
import { openFindingsWords } from "../packs/packWords";
import { snapshotFailureWords, snapshotTakenAt } from "../review/evidenceWords";
import { NoReview } from "../review/NoReview";
import { ReviewDetails } from "../review/ReviewDetails";
import { ReviewGate } from "../review/ReviewGate";
import { customerReviewPath } from "../review/reviewLinks";
import { useReviewStarts } from "../review/useReviewStarts";

/**
 * The tenant's customer review in brief: whether one can be composed now (and if not, the next
 * step and the one action that helps), its newest evidence snapshot, and its newest review with
 * the operator's note; every snapshot and the review's facts are on the customer review page it
 * links to. Members who may manage review packs take snapshots, compose reviews and write the
 * note; others read them. Refreshes while a snapshot is being taken and when its run ends.
 */
export function CustomerReviewCard({ tenant }: { tenant: Tenant }) {
  const current = useCustomerReview(tenant.id);
  const can = useCan(tenant.workspace_id);
  const canManage = can("review_pack.manage");
  const starts = useReviewStarts(tenant);
  return (
    <Card withBorder padding="md" radius="md" id="customer-review" data-testid="customer-review-card">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={8} wrap="nowrap">
            <IconReportAnalytics size={18} aria-hidden />
            <Title order={3} size="h5">
              Customer review
            </Title>
          </Group>
          <Button
            component={Link}
            to={customerReviewPath(tenant.id)}
            size="xs"
            variant="subtle"
            rightSection={<IconArrowRight size={14} aria-hidden />}
            data-testid="open-customer-review"
          >
            Open customer review
          </Button>
        </Group>
        {current.isPending ? (
          <Stack gap={8} aria-busy="true" data-testid="customer-review-loading">
            {slots(3).map((slot) => (
              <Skeleton key={slot} height={14} radius="sm" width={`${70 - slot * 10}%`} />
            ))}
          </Stack>
        ) : current.isError ? (
          <ErrorState
            title="The customer review could not be loaded"
            message={current.error.message}
            onRetry={() => void current.refetch()}
            retrying={current.isFetching}
          />
        ) : (
          <>
            <ReviewGate
              readiness={current.data.readiness}
              canManage={canManage}
              canSync={can("tenant.sync")}
              starts={starts}
              syncHint={`Use ${syncActionLabel("inventory")} at the top of this page; once it has completed, generate an evidence snapshot here.`}
            />
            <SnapshotLine snapshot={current.data.snapshot} />
            <Divider />
            {current.data.review === null ? (
              <NoReview tenantName={tenant.display_name} />
            ) : (
              <ReviewDetails review={current.data.review} tenant={tenant} canEdit={canManage} compact />
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The newest evidence snapshot: its state, when it was taken, its open findings or why it is incomplete. */
function SnapshotLine({ snapshot }: { snapshot: EvidenceSnapshot | null }) {
  if (snapshot === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="evidence-snapshot" data-state="none">
        No evidence snapshot yet.
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="wrap" data-testid="evidence-snapshot" data-state={snapshot.state}>
      <Text size="sm" fw={500}>
        Newest evidence
      </Text>
      <StatusBadge domain="snapshot_state" code={snapshot.state} />
      {snapshot.state === "building" && (
        <Text size="sm">
          Being taken, started <RelativeTime value={snapshot.created_at} size="sm" span />. This card shows it when it
          is ready.
        </Text>
      )}
      {snapshot.state === "complete" && (
        <>
          <Text size="sm">
            Taken <RelativeTime value={snapshotTakenAt(snapshot)} size="sm" span />
          </Text>
          <Text size="sm" c="dimmed" aria-hidden>
            ·
          </Text>
          <Text size="sm" data-testid="evidence-findings">
            Open findings: {snapshot.content === null ? "not recorded" : openFindingsWords(snapshot.content)}
          </Text>
        </>
      )}
      {snapshot.state === "incomplete" && (
        <>
          <Text size="sm">
            Started <RelativeTime value={snapshot.created_at} size="sm" span />.
          </Text>
          <Text size="sm" c="red" data-testid="evidence-failure">
            {snapshotFailureWords(snapshot)}
          </Text>
          {snapshot.run_id !== null && <RunLink runId={snapshot.run_id} label="See why in its run" />}
        </>
      )}
    </Group>
  );
}
