import { Anchor, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { type CustomerReview, useCustomerReview, useTenant } from "../../api";
import type { Tenant, TenantReview } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { PageHeader } from "../../components/PageHeader";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { syncActionLabel } from "../../runs";
import { useCan } from "../../workspace";
import { SimulatedBadge } from "../tenants/cells";
import { EvidenceSnapshots } from "./EvidenceSnapshots";
import { canGenerateEvidence, snapshotTakenAt } from "./evidenceWords";
import { NoReview } from "./NoReview";
import { ComposeReviewButton, GenerateEvidenceButton } from "./ReviewButtons";
import { ReviewDetails } from "./ReviewDetails";
import { ReviewGate } from "./ReviewGate";
import { customerReviewPath } from "./reviewLinks";
import { SNAPSHOT_CONTENT_ID } from "./SnapshotContent";
import { type ReviewStarts, useReviewStarts } from "./useReviewStarts";
import { useSnapshotSelection } from "./useSnapshotSelection";

/** Where the tenant's customer review card is. */
function tenantPath(tenant: Tenant): string {
  return `/tenants/${encodeURIComponent(tenant.id)}?tab=details`;
}

/**
 * A tenant's customer review (SPEC §8.1–8.2): whether a review can be composed now, every
 * evidence snapshot with the selected one's content in full, and the newest review with the
 * operator's note. Members who may manage review packs take snapshots, compose reviews and write
 * the note; others read them. Refreshes with the tenant's customer review card (run events).
 */
export function CustomerReviewPage() {
  const { tenantId = "" } = useParams();
  const tenant = useTenant(tenantId);
  if (tenant.isPending) return <DetailSkeleton data-testid="customer-review-page-loading" />;
  if (tenant.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[{ label: "Tenants", to: "/tenants" }, { label: "Customer review" }]} />
        <ErrorState
          title="This tenant could not be loaded"
          message={tenant.error.message}
          onRetry={() => void tenant.refetch()}
          retrying={tenant.isFetching}
        />
      </Stack>
    );
  }
  // Keyed so another tenant's page starts fresh.
  return <TenantCustomerReview key={tenant.data.id} tenant={tenant.data} />;
}

function TenantCustomerReview({ tenant }: { tenant: Tenant }) {
  const can = useCan(tenant.workspace_id);
  const crumbs = (
    <PageBreadcrumbs
      items={[
        { label: "Tenants", to: "/tenants" },
        { label: tenant.display_name, to: tenantPath(tenant) },
        { label: "Customer review" },
      ]}
    />
  );
  if (!can("review_pack.view")) {
    return (
      <Stack gap="md" data-testid="customer-review-page">
        {crumbs}
        <ReviewHeader tenant={tenant} actions={null} />
        <EmptyState
          icon={IconLock}
          title="Customer reviews are not shown to you"
          description="Your role in this workspace does not include review packs and reviews. A workspace owner can change your role."
          data-testid="customer-review-forbidden"
        />
      </Stack>
    );
  }
  return (
    <Stack gap="md" data-testid="customer-review-page">
      {crumbs}
      <ReviewContent tenant={tenant} />
    </Stack>
  );
}

function ReviewContent({ tenant }: { tenant: Tenant }) {
  const current = useCustomerReview(tenant.id);
  const can = useCan(tenant.workspace_id);
  const canManage = can("review_pack.manage");
  const starts = useReviewStarts(tenant);
  const actions =
    canManage && current.isSuccess && current.data.snapshots.length > 0 ? (
      <ReviewStartButtons data={current.data} starts={starts} />
    ) : null;
  return (
    <>
      <ReviewHeader tenant={tenant} actions={actions} />
      {current.isPending ? (
        <ReviewSkeleton />
      ) : current.isError ? (
        <ErrorState
          title="The customer review could not be loaded"
          message={current.error.message}
          onRetry={() => void current.refetch()}
          retrying={current.isFetching}
        />
      ) : (
        <ReviewBody
          tenant={tenant}
          data={current.data}
          canManage={canManage}
          canSync={can("tenant.sync")}
          starts={starts}
        />
      )}
    </>
  );
}

function ReviewHeader({ tenant, actions }: { tenant: Tenant; actions: ReactNode }) {
  return (
    <PageHeader
      align="start"
      heading={
        <Stack gap={4}>
          <Group gap="xs" align="center">
            <Title order={2} size="h3">
              Customer review
            </Title>
            {tenant.simulated && <SimulatedBadge size="sm" />}
          </Group>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={tenantPath(tenant)} size="sm" fw={500} data-testid="review-tenant-link">
              {tenant.display_name}
            </Anchor>
            : its evidence snapshots and newest review, for a customer meeting.
          </Text>
        </Stack>
      }
      actions={actions}
    />
  );
}

/** The page's two starts; each is unavailable while the gate says it cannot help. */
function ReviewStartButtons({ data, starts }: { data: CustomerReview; starts: ReviewStarts }) {
  return (
    <Group gap="xs">
      <GenerateEvidenceButton
        starts={starts}
        size="sm"
        variant="default"
        disabled={!canGenerateEvidence(data.readiness)}
      />
      <ComposeReviewButton starts={starts} size="sm" disabled={data.readiness.state !== "ready"} />
    </Group>
  );
}

type ReviewBodyProps = {
  tenant: Tenant;
  data: CustomerReview;
  canManage: boolean;
  canSync: boolean;
  starts: ReviewStarts;
};

function ReviewBody({ tenant, data, canManage, canSync, starts }: ReviewBodyProps) {
  const { selected, select } = useSnapshotSelection(data.snapshots);
  return (
    <Stack gap="xl">
      <ReviewGate
        readiness={data.readiness}
        canManage={canManage}
        canSync={canSync}
        syncHint={
          <>
            Use {syncActionLabel("inventory")} on{" "}
            <Anchor component={Link} to={`/tenants/${encodeURIComponent(tenant.id)}`} size="sm">
              {tenant.display_name}&apos;s page
            </Anchor>
            ; once it has completed, generate an evidence snapshot here.
          </>
        }
      />
      <EvidenceSnapshots
        tenant={tenant}
        snapshots={data.snapshots}
        selected={selected}
        onSelect={select}
        readiness={data.readiness}
        canManage={canManage}
        starts={starts}
      />
      <Stack gap="sm" data-testid="newest-review">
        <Title order={3} size="h4">
          Newest review
        </Title>
        {data.review === null ? (
          <NoReview tenantName={tenant.display_name} />
        ) : (
          <ReviewDetails
            review={data.review}
            tenant={tenant}
            canEdit={canManage}
            source={<ReviewSource review={data.review} data={data} tenant={tenant} />}
          />
        )}
      </Stack>
    </Stack>
  );
}

/** Which evidence snapshot the review was composed from: a link that shows it above. */
function ReviewSource({ review, data, tenant }: { review: TenantReview; data: CustomerReview; tenant: Tenant }) {
  const source = data.snapshots.find((snapshot) => snapshot.id === review.evidence_snapshot_id);
  if (source === undefined) {
    return (
      <Text size="xs" c="dimmed" data-testid="review-source">
        from an evidence snapshot no longer listed
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" data-testid="review-source">
      from the{" "}
      <Anchor
        component={Link}
        to={customerReviewPath(tenant.id, source.id)}
        replace
        size="xs"
        onClick={() => document.getElementById(SNAPSHOT_CONTENT_ID)?.scrollIntoView({ block: "start" })}
        data-testid="review-source-link"
      >
        evidence snapshot captured <RelativeTime value={snapshotTakenAt(source)} size="xs" span />
      </Anchor>
    </Text>
  );
}

function ReviewSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" data-testid="customer-review-loading">
      <Skeleton height={56} radius="sm" />
      {slots(4).map((row) => (
        <Skeleton key={row} height={30} radius="sm" />
      ))}
      <Skeleton height={180} radius="sm" />
    </Stack>
  );
}
