import { Anchor, Button, Group, Select, Stack, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { useCompareAcross, useInventoryObject } from "../../api";
import type { InventoryItem, InventoryObjectDetail, PolicyVersionSummary, Tenant } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { sideLabel, versionOptions } from "./compareAcross";
import { DiffSkeleton } from "./DiffSkeleton";
import { DiffView } from "./DiffView";
import { objectPath } from "./objectLinks";

type Side = { tenant: Tenant; versions: PolicyVersionSummary[] };

type CrossTenantDiffProps = {
  /** The object the page shows, in its tenant: the left side. */
  tenant: Tenant;
  detail: InventoryObjectDetail;
  /** The object picked in another tenant: the right side. */
  otherTenant: Tenant;
  otherItem: InventoryItem;
  onBack: () => void;
  /** Leaving the comparison for a page (the other object's). */
  onLeave: () => void;
};

/**
 * Step two of a comparison across tenants: the picked object's versions are read, then both
 * policies' newest versions (or the ones chosen) are compared on their configuration alone.
 */
export function CrossTenantDiff({ tenant, detail, otherTenant, otherItem, onBack, onLeave }: CrossTenantDiffProps) {
  const other = useInventoryObject(otherTenant.id, otherItem.id);
  const back = (
    <Button
      variant="subtle"
      size="xs"
      w="fit-content"
      leftSection={<IconArrowLeft size={14} aria-hidden />}
      onClick={onBack}
      data-testid="compare-back"
    >
      Choose another object
    </Button>
  );
  if (other.isPending) return <DiffSkeleton />;
  if (other.isError) {
    return (
      <Stack gap="sm">
        {back}
        <ErrorState
          title={`${otherItem.display_name} could not be loaded`}
          message={other.error.message}
          onRetry={() => void other.refetch()}
          retrying={other.isFetching}
        />
      </Stack>
    );
  }
  if (other.data.versions.length === 0) {
    return (
      <Stack gap="sm" align="flex-start" data-testid="compare-no-versions">
        {back}
        <Text size="sm">
          {otherItem.display_name} has no captured version in {otherTenant.display_name} yet, so its configuration
          cannot be compared. Run Sync policies in {otherTenant.display_name} to capture it, or choose another object.
        </Text>
      </Stack>
    );
  }
  return (
    <Comparison
      left={{ tenant, versions: detail.versions }}
      right={{ tenant: otherTenant, versions: other.data.versions }}
      rightPath={objectPath(otherTenant.id, otherItem.id)}
      rightName={other.data.item.display_name}
      back={back}
      onLeave={onLeave}
    />
  );
}

function Comparison({
  left,
  right,
  rightPath,
  rightName,
  back,
  onLeave,
}: {
  left: Side;
  right: Side;
  rightPath: string;
  rightName: string;
  back: ReactNode;
  onLeave: () => void;
}) {
  // Newest first: the newest of each side to begin with.
  const [leftId, setLeftId] = useState(left.versions[0]?.id ?? "");
  const [rightId, setRightId] = useState(right.versions[0]?.id ?? "");
  const leftVersion = left.versions.find((version) => version.id === leftId) ?? left.versions[0];
  const rightVersion = right.versions.find((version) => version.id === rightId) ?? right.versions[0];
  const pair =
    leftVersion === undefined || rightVersion === undefined
      ? null
      : {
          left: { tenant_id: left.tenant.id, version_id: leftVersion.id },
          right: { tenant_id: right.tenant.id, version_id: rightVersion.id },
        };
  const diff = useCompareAcross(pair);
  if (leftVersion === undefined || rightVersion === undefined) return null;
  const leftLabel = sideLabel(left.tenant, leftVersion);
  const rightLabel = sideLabel(right.tenant, rightVersion);
  const title = `${leftLabel} ↔ ${rightLabel}`;

  return (
    <Stack gap="md" data-testid="compare-across">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        {back}
        <Anchor component={Link} to={rightPath} size="sm" onClick={onLeave}>
          Open {rightName} in {right.tenant.display_name}
        </Anchor>
      </Group>
      <Group gap="md" wrap="wrap" align="flex-end">
        <VersionSelect side={left} value={leftVersion.id} onChange={setLeftId} />
        <VersionSelect side={right} value={rightVersion.id} onChange={setRightId} />
      </Group>
      {diff.isPending ? (
        <DiffSkeleton />
      ) : diff.isError ? (
        <ErrorState
          title={`${title} could not be compared`}
          message={diff.error.message}
          // A refusal (two different types, say) is an answer: asking again would not change it.
          onRetry={diff.error.code === "invalid_input" ? undefined : () => void diff.refetch()}
          retrying={diff.isFetching}
        />
      ) : (
        <DiffView
          diff={diff.data.diff}
          title={title}
          beforeLabel={leftLabel}
          afterLabel={rightLabel}
          noun="policies"
          note={
            <Text size="sm" c="dimmed" data-testid="compare-note">
              Only the configuration is compared: assignments, scope tags and names are left out because they belong to
              one tenant. Added settings are set only in {right.tenant.display_name}, removed ones only in{" "}
              {left.tenant.display_name}.
            </Text>
          }
        />
      )}
    </Stack>
  );
}

/** Which version of one side is compared; a side with one version just says which. */
function VersionSelect({ side, value, onChange }: { side: Side; value: string; onChange: (id: string) => void }) {
  const label = `${side.tenant.display_name} version`;
  if (side.versions.length < 2) {
    const [only] = side.versions;
    return (
      <Text size="sm" c="dimmed">
        {side.tenant.display_name}: v{only?.version_number}, its only version
      </Text>
    );
  }
  return (
    <Select
      w={260}
      label={label}
      data={versionOptions(side.versions)}
      value={value}
      onChange={(next) => next !== null && onChange(next)}
      allowDeselect={false}
    />
  );
}
