import {
  Alert,
  Box,
  Button,
  Card,
  Divider,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconCameraCheck, IconFileText, IconReportAnalytics } from "@tabler/icons-react";
import { useState } from "react";
import { useComposeReview, useCustomerReview, useGenerateEvidenceSnapshot, useUpdateReviewNote } from "../../api";
import type {
  ApiError,
  EvidenceSnapshot,
  ReviewReadiness,
  ReviewSection,
  StartRunResponse,
  Tenant,
  TenantReview,
} from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import {
  RunLink,
  reasonWords,
  syncActionLabel,
  toastRunStarted,
  toastStartRefused,
  UNKNOWN_RUN_REASON,
  useRunWatch,
} from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { useCan } from "../../workspace";
import { openFindingsWords } from "../packs/packWords";

/** The gate's title when its reason is one this version does not describe. */
const NOT_READY = "A review cannot be composed yet";

/** Starting a snapshot or a review: the intent toast, then a watch that keeps it current until the run ends. */
function useReviewStarts(tenant: Tenant) {
  const evidence = useGenerateEvidenceSnapshot(tenant);
  const compose = useComposeReview(tenant);
  const watch = useRunWatch();
  const follow = (response: StartRunResponse) => {
    toastRunStarted(response);
    watch({ runs: [response.run], tenantNames: { [tenant.id]: tenant.display_name } });
  };
  return {
    generate: () =>
      void evidence
        .mutateAsync()
        .then(follow, (error: ApiError) =>
          toastStartRefused(`Evidence snapshot of ${tenant.display_name} was not started`, error.message),
        ),
    compose: () =>
      void compose
        .mutateAsync()
        .then(follow, (error: ApiError) =>
          toastStartRefused(`Review of ${tenant.display_name} was not started`, error.message),
        ),
    generating: evidence.isPending,
    composing: compose.isPending,
  };
}

type Starts = ReturnType<typeof useReviewStarts>;

/**
 * The tenant's customer review: whether one can be composed now (and if not, the next step and
 * the one action that helps), its newest evidence snapshot, and its newest review with the
 * operator's note. Members who may manage review packs take snapshots, compose reviews and write
 * the note; others read them. Refreshes while a snapshot is being taken and when its run ends.
 */
export function CustomerReviewCard({ tenant }: { tenant: Tenant }) {
  const current = useCustomerReview(tenant.id);
  const can = useCan(tenant.workspace_id);
  const canManage = can("review_pack.manage");
  const starts = useReviewStarts(tenant);
  return (
    <Card withBorder padding="md" radius="md" id="customer-review" data-testid="customer-review-card">
      <Stack gap="sm">
        <Group gap={8} wrap="nowrap">
          <IconReportAnalytics size={18} aria-hidden />
          <Title order={3} size="h5">
            Customer review
          </Title>
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
            <Gate
              readiness={current.data.readiness}
              canManage={canManage}
              canSync={can("tenant.sync")}
              starts={starts}
            />
            <SnapshotLine snapshot={current.data.snapshot} />
            <Divider />
            {current.data.review === null ? (
              <Text size="sm" c="dimmed" data-testid="review-none">
                No review yet. A review sums up {tenant.display_name}&apos;s configuration, drift, privileged access and
                operations from an evidence snapshot, with what to act on, for a customer meeting.
              </Text>
            ) : (
              <Review review={current.data.review} tenant={tenant} canEdit={canManage} />
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

type GateProps = { readiness: ReviewReadiness; canManage: boolean; canSync: boolean; starts: Starts };

/** Ready to compose, or why not and what to do next. */
function Gate({ readiness, canManage, canSync, starts }: GateProps) {
  if (readiness.state === "ready") {
    return (
      <Group justify="space-between" align="center" wrap="wrap" gap="xs" data-testid="review-gate" data-state="ready">
        <Text size="sm">
          Ready to compose from the evidence taken <RelativeTime value={readiness.captured_at} size="sm" span />.
        </Text>
        {canManage && (
          <Button
            size="xs"
            leftSection={<IconFileText size={14} aria-hidden />}
            onClick={starts.compose}
            loading={starts.composing}
            data-testid="compose-review"
          >
            Compose review
          </Button>
        )}
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
            Use {syncActionLabel("inventory")} at the top of this page; once it has completed, generate an evidence
            snapshot here.
          </Text>
        )}
        {needsEvidence && canManage && (
          <Group>
            <Button
              size="xs"
              leftSection={<IconCameraCheck size={14} aria-hidden />}
              onClick={starts.generate}
              loading={starts.generating}
              data-testid="generate-evidence"
            >
              Generate evidence snapshot
            </Button>
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
            Taken{" "}
            <RelativeTime
              value={snapshot.content?.captured_at ?? snapshot.completed_at ?? snapshot.created_at}
              size="sm"
              span
            />
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
            {snapshot.failure_reason === null
              ? "Its run ended before the snapshot was written."
              : reasonWords(snapshot.failure_reason, UNKNOWN_RUN_REASON).label}
          </Text>
          {snapshot.run_id !== null && <RunLink runId={snapshot.run_id} label="See why in its run" />}
        </>
      )}
    </Group>
  );
}

/** The newest review: its sections, highlights, recommended actions and the operator's note. */
function Review({ review, tenant, canEdit }: { review: TenantReview; tenant: Tenant; canEdit: boolean }) {
  const titles = new Map(review.sections.map((section) => [section.key, section.title]));
  return (
    <Stack gap="sm" data-testid="review">
      <Text size="xs" c="dimmed">
        Composed <RelativeTime value={review.composed_at} size="xs" span />
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {review.sections.map((section) => (
          <Section key={section.key} section={section} />
        ))}
      </SimpleGrid>
      {review.highlights.length > 0 && (
        <Stack gap={4} data-testid="review-highlights">
          <Title order={4} size="h6">
            Highlights
          </Title>
          <List size="sm" spacing={2}>
            {review.highlights.map((highlight) => (
              <List.Item key={highlight}>{highlight}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Stack gap={4} data-testid="review-actions">
        <Title order={4} size="h6">
          Recommended actions
        </Title>
        {review.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing to act on.
          </Text>
        ) : (
          <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: "none" }}>
            {review.actions.map((action) => (
              <Group
                key={`${action.section}:${action.text}`}
                component="li"
                gap={8}
                wrap="nowrap"
                align="flex-start"
                data-testid="review-action"
                data-priority={action.priority}
              >
                <StatusBadge domain="review_section_status" code={action.priority} />
                <Text size="sm">
                  {action.text}{" "}
                  <Text span size="xs" c="dimmed">
                    ({titles.get(action.section) ?? action.section})
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {canEdit ? (
        <NoteEditor key={`${review.id}:${review.updated_at}`} review={review} tenant={tenant} />
      ) : (
        <Stack gap={2} data-testid="review-note-read-only">
          <Text size="sm" fw={500}>
            Note for the customer
          </Text>
          <Text size="sm" c={review.note === "" ? "dimmed" : undefined} style={{ whiteSpace: "pre-wrap" }}>
            {review.note === "" ? "No note yet." : review.note}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function Section({ section }: { section: ReviewSection }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="review-section" data-key={section.key}>
      <Stack gap={6}>
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600}>
            {section.title}
          </Text>
          <StatusBadge domain="review_section_status" code={section.status} />
        </Group>
        <Text size="sm">{section.summary}</Text>
        {section.facts.length > 0 && (
          <Box
            component="dl"
            m={0}
            style={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 12, rowGap: 2 }}
          >
            {section.facts.map(([label, value]) => (
              <FactRow key={`${label}:${value}`} label={label} value={value} />
            ))}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="xs" m={0}>
        {value}
      </Text>
    </>
  );
}

/** The operator's note, saved when changed; the backend's refusal shows under the field. */
function NoteEditor({ review, tenant }: { review: TenantReview; tenant: Tenant }) {
  const [draft, setDraft] = useState(review.note);
  const save = useUpdateReviewNote(tenant);
  return (
    <Stack gap={6}>
      <Textarea
        label="Note for the customer"
        description="Your own words, shown with the review (up to 10,000 characters)."
        value={draft}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          if (save.isError) save.reset();
        }}
        rows={4}
        error={save.error?.message}
        data-testid="review-note"
      />
      <Group gap="xs">
        <Button
          size="xs"
          onClick={() => save.mutate({ review_id: review.id, note: draft })}
          disabled={draft === review.note}
          loading={save.isPending}
          data-testid="save-review-note"
        >
          Save note
        </Button>
        {review.note_updated_by !== null && (
          <Text size="xs" c="dimmed">
            Changed <RelativeTime value={review.updated_at} size="xs" span />
          </Text>
        )}
      </Group>
    </Stack>
  );
}
