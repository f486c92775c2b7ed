import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconPlayerStop, IconRotateClockwise } from "@tabler/icons-react";
import { useState } from "react";
import type { RunDetail } from "../../bindings/types";
import {
  cancelConsequence,
  isCancellable,
  isRetryable,
  runTypeLabel,
  startCapability,
  useCancelRunAction,
  useRetryRunAction,
} from "../../runs";
import { useCan } from "../../workspace";

/**
 * What an operator may do to the run from its page: cancel it while it is queued or running
 * (after saying what that will do), or retry it once it ended without succeeding — only when
 * they may start that kind of work (the backend asks the same capability).
 */
export function RunActions({ detail }: { detail: RunDetail }) {
  const { run, tenant_name: tenantName } = detail;
  const may = useCan(run.workspace_id)(startCapability(run.type));
  const { cancel, isPending: cancelling } = useCancelRunAction();
  const { retry, isPending: retrying } = useRetryRunAction();
  const [confirming, setConfirming] = useState(false);
  const cancellable = isCancellable(run);
  const retryable = isRetryable(run);
  if (!may || (!cancellable && !retryable)) return null;
  const what = runTypeLabel(run).toLowerCase();

  return (
    <Group gap="xs" data-testid="run-actions">
      {cancellable && (
        <Button
          variant="light"
          color="red"
          leftSection={<IconPlayerStop size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
          loading={cancelling}
          data-testid="cancel-run"
        >
          Cancel run
        </Button>
      )}
      {retryable && (
        <Button
          variant="default"
          leftSection={<IconRotateClockwise size={16} aria-hidden />}
          onClick={() => void retry(run, tenantName)}
          loading={retrying}
          data-testid="retry-run"
        >
          Retry
        </Button>
      )}
      <Modal
        opened={confirming && cancellable}
        onClose={() => setConfirming(false)}
        title={`Cancel this ${what}?`}
        data-testid="cancel-run-confirm"
      >
        <Stack gap="md">
          <Text size="sm" data-testid="cancel-run-consequence">
            {cancelConsequence(run)}
          </Text>
          <Text size="sm" c="dimmed">
            You can retry it afterwards; the retry starts the same work again.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirming(false);
                void cancel(run, tenantName);
              }}
              data-testid="cancel-run-confirmed"
            >
              Cancel run
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
