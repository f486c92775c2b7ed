import { Group, Select, Stack, Text } from "@mantine/core";
import { useBaselineProfiles } from "../../api";
import type { BaselineProfileId, ImportReport, Tenant } from "../../bindings/types";
import { StatusBadge } from "../../vocabulary";
import { useCan } from "../../workspace";
import { NO_ELIGIBLE_PROFILE, snapshotProfiles, snapshotProofWords, snapshotUseWords } from "./importSnapshotWords";

type ImportSnapshotChoiceProps = {
  tenant: Pick<Tenant, "id" | "workspace_id">;
  report: ImportReport;
  profileId: BaselineProfileId | null;
  onProfileChange: (profileId: BaselineProfileId | null) => void;
  disabled: boolean;
};

/**
 * The preview's optional baseline snapshot: what a snapshot from this backup would be (its
 * lifecycle and the decision table's rule, with why), and — for members who may manage
 * baselines — the full-content profile of this tenant to make it for (none by default).
 */
export function ImportSnapshotChoice({
  tenant,
  report,
  profileId,
  onProfileChange,
  disabled,
}: ImportSnapshotChoiceProps) {
  const can = useCan(tenant.workspace_id);
  const mayChoose = can("workspace.baselines.manage") && can("workspace.baselines.view");
  return (
    <Stack gap={6} data-testid="import-snapshot" data-rule={report.snapshot_rule} data-state={report.snapshot_state}>
      <Text size="sm" fw={600}>
        Baseline snapshot (optional)
      </Text>
      <Group gap={6} wrap="wrap">
        <Text size="sm">A snapshot from this backup would be</Text>
        <StatusBadge domain="snapshot_state" code={report.snapshot_state} />
        <StatusBadge domain="proof_rule" code={report.snapshot_rule} />
      </Group>
      <Text size="sm" c="dimmed" data-testid="import-snapshot-proof">
        {snapshotProofWords(report)}
      </Text>
      {mayChoose && (
        <ProfileSelect
          tenant={tenant}
          snapshotState={report.snapshot_state}
          profileId={profileId}
          onProfileChange={onProfileChange}
          disabled={disabled}
        />
      )}
    </Stack>
  );
}

type ProfileSelectProps = Omit<ImportSnapshotChoiceProps, "report"> & {
  snapshotState: ImportReport["snapshot_state"];
};

/** The eligible profiles, or one quiet line saying why there is none (or that they could not be read). */
function ProfileSelect({ tenant, snapshotState, profileId, onProfileChange, disabled }: ProfileSelectProps) {
  const profiles = useBaselineProfiles(tenant.workspace_id);
  if (profiles.isError) {
    return (
      <Text size="sm" c="dimmed" data-testid="import-snapshot-unavailable">
        The baseline profiles could not be read: {profiles.error.message}
      </Text>
    );
  }
  const eligible = snapshotProfiles(profiles.data ?? [], tenant.id);
  if (profiles.isSuccess && eligible.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="import-snapshot-none">
        {NO_ELIGIBLE_PROFILE}
      </Text>
    );
  }
  return (
    <Select
      label="Make a baseline snapshot for"
      description={profileId === null ? undefined : snapshotUseWords(snapshotState)}
      placeholder={profiles.isPending ? "Reading profiles…" : "None"}
      data={eligible.map((profile) => ({ value: profile.id, label: profile.name }))}
      value={profileId}
      onChange={onProfileChange}
      clearable
      disabled={disabled || profiles.isPending}
      maw={420}
      data-testid="import-snapshot-profile"
    />
  );
}
