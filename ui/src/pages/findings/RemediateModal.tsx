import { Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { IconRestore } from "@tabler/icons-react";
import type { WorkspaceId } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { useRemediationStart } from "../restores/useRestorePreviewStart";
import { type RemediationTarget, remediationSentence } from "./remediation";

/** Finding names listed in the confirmation; the rest are counted. */
const NAMED = 5;

type RemediateModalProps = {
  workspaceId: WorkspaceId;
  /** The findings to remediate and their tenant; the modal is open while there is one. */
  target: RemediationTarget | null;
  onClose: () => void;
};

/**
 * Confirms remediating drift findings from their baseline: says what happens (a read-only
 * preview of restoring the baseline's content onto the tenant; nothing written until the plan is
 * reviewed and executed), then starts it and opens the new restore's page. A refusal shows in the
 * dialog in the backend's words.
 */
export function RemediateModal({ workspaceId, target, onClose }: RemediateModalProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title="Remediate from the baseline?"
      size="lg"
      data-testid="remediate-modal"
    >
      {target !== null && <RemediateConfirm workspaceId={workspaceId} target={target} onClose={onClose} />}
    </Modal>
  );
}

function RemediateConfirm({ workspaceId, target, onClose }: RemediateModalProps & { target: RemediationTarget }) {
  const remediate = useRemediationStart(workspaceId);
  const { findings } = target;
  const rest = findings.length - NAMED;
  const submit = () =>
    void remediate.start({ tenant_id: target.tenantId, finding_ids: findings.map((f) => f.id) }, target.tenantName);
  return (
    <Stack gap="md" data-testid="remediate-confirm">
      <Text size="sm" fw={600} data-testid="remediate-what">
        {remediationSentence(findings.length, target.tenantName)}
      </Text>
      <List size="sm" spacing={2} data-testid="remediate-findings" aria-label="Findings to remediate">
        {findings.slice(0, NAMED).map((finding) => (
          <List.Item key={finding.id}>{finding.display_name}</List.Item>
        ))}
        {rest > 0 && (
          <List.Item>
            and {rest.toLocaleString()} more {rest === 1 ? "finding" : "findings"}
          </List.Item>
        )}
      </List>
      <Text size="sm" c="dimmed">
        A policy missing from {target.tenantName} would be created as the baseline holds it; a drifted one would get the
        baseline's settings back. The preview reads {target.tenantName} and changes nothing; its plan opens as soon as
        it is ready.
      </Text>
      {remediate.error !== null && (
        <FailureAlert title="The preview was not started" data-testid="remediate-error">
          <Text size="sm">{remediate.error.message}</Text>
        </FailureAlert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={remediate.isPending}>
          Cancel
        </Button>
        <Button
          leftSection={<IconRestore size={16} aria-hidden />}
          loading={remediate.isPending}
          onClick={submit}
          data-autofocus
          data-testid="remediate-submit"
        >
          Preview remediation
        </Button>
      </Group>
    </Stack>
  );
}
