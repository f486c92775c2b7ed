import { Button, Group, Text } from "@mantine/core";
import { IconMessageCheck } from "@tabler/icons-react";
import type { FindingSummary, WorkspaceId } from "../../bindings/types";
import { plural } from "../baselines/baselineWords";
import { RemediateButton } from "./RemediateButton";
import type { Remediation } from "./remediation";
import { useRemediation } from "./useRemediation";

type FindingsBulkActionsProps = {
  workspaceId: WorkspaceId;
  /** The selected findings, as their rows showed them. */
  selected: readonly FindingSummary[];
  canAcknowledge: boolean;
  onClear: () => void;
  onAcknowledge: () => void;
  /** Called once the selection can be remediated and the operator asked to. */
  onRemediate: (remediation: Extract<Remediation, { ok: true }>) => void;
};

/**
 * What can be done with the selected findings: clear the selection, acknowledge them (members who
 * may manage findings) and remediate them from their baseline (members who may restore; offered
 * only when the selection can be, with why not otherwise).
 */
export function FindingsBulkActions({
  workspaceId,
  selected,
  canAcknowledge,
  onClear,
  onAcknowledge,
  onRemediate,
}: FindingsBulkActionsProps) {
  const remediation = useRemediation(workspaceId, selected);
  if (selected.length === 0) return null;
  return (
    <Group gap="xs" data-testid="findings-bulk">
      <Text size="sm">{plural(selected.length, "selected", "selected")}</Text>
      <Button size="xs" variant="subtle" color="gray" onClick={onClear}>
        Clear selection
      </Button>
      {canAcknowledge && (
        <Button
          size="xs"
          leftSection={<IconMessageCheck size={14} aria-hidden />}
          onClick={onAcknowledge}
          data-testid="acknowledge-selected"
        >
          Acknowledge selected
        </Button>
      )}
      {remediation !== null && (
        <RemediateButton
          remediation={remediation}
          label="Remediate selected…"
          onClick={() => {
            if (remediation.ok) onRemediate(remediation);
          }}
          testId="remediate-selected"
        />
      )}
    </Group>
  );
}
