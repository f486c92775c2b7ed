import { Group, Stack, Text, Title } from "@mantine/core";
import { IconCameraCheck } from "@tabler/icons-react";
import type { EvidenceSnapshot, EvidenceSnapshotId, ReviewReadiness, Tenant } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { SyncEmptyState } from "../tenant/SyncEmptyState";
import { GenerateEvidenceButton } from "./ReviewButtons";
import { SnapshotContent } from "./SnapshotContent";
import { SnapshotTable } from "./SnapshotTable";
import type { ReviewStarts } from "./useReviewStarts";

type EvidenceSnapshotsProps = {
  tenant: Tenant;
  /** Newest first. */
  snapshots: EvidenceSnapshot[];
  selected: EvidenceSnapshot | null;
  onSelect: (id: EvidenceSnapshotId) => void;
  readiness: ReviewReadiness;
  canManage: boolean;
  starts: ReviewStarts;
};

/** Every evidence snapshot of the tenant, and the selected one's content in full; or what a snapshot is. */
export function EvidenceSnapshots({ snapshots, selected, onSelect, ...rest }: EvidenceSnapshotsProps) {
  return (
    <Stack gap="sm" data-testid="evidence-snapshots">
      <Group gap="xs" align="baseline">
        <Title order={3} size="h4">
          Evidence snapshots
        </Title>
        {snapshots.length > 0 && (
          <Text size="sm" c="dimmed">
            {snapshots.length.toLocaleString()} · ↑ ↓ move, Enter shows one
          </Text>
        )}
      </Group>
      {snapshots.length === 0 ? (
        <NoSnapshots {...rest} />
      ) : (
        <>
          <SnapshotTable snapshots={snapshots} selectedId={selected?.id ?? null} onSelect={onSelect} />
          {selected !== null && <SnapshotContent key={selected.id} snapshot={selected} />}
        </>
      )}
    </Stack>
  );
}

/** What a snapshot freezes, in a sentence about this tenant. */
function snapshotExplanation(tenantName: string): string {
  return `An evidence snapshot freezes ${tenantName}'s evidence at one moment: configuration objects by type, open drift findings by severity, the RBAC report, who holds directory roles and the operations of the 30 days before, each with when its data was last synced. A review is composed from a snapshot, so everything it says can be traced back to it.`;
}

type NoSnapshotsProps = Omit<EvidenceSnapshotsProps, "snapshots" | "selected" | "onSelect">;

/** No snapshot yet: what one is, and the step that leads to one (a sync first, when nothing is synced). */
function NoSnapshots({ tenant, readiness, canManage, starts }: NoSnapshotsProps) {
  const explanation = snapshotExplanation(tenant.display_name);
  if (readiness.state === "not_ready" && readiness.reason === "review.no_sync") {
    return (
      <SyncEmptyState
        tenant={tenant}
        kind="inventory"
        icon={IconCameraCheck}
        title="No evidence snapshot yet"
        description={`${explanation} It needs a completed inventory sync first.`}
        data-testid="snapshots-empty"
      />
    );
  }
  return (
    <EmptyState
      icon={IconCameraCheck}
      title="No evidence snapshot yet"
      description={canManage ? explanation : `${explanation} A member who may manage review packs can take one.`}
      action={canManage ? <GenerateEvidenceButton starts={starts} size="sm" /> : undefined}
      data-testid="snapshots-empty"
    />
  );
}
