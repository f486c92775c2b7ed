import { Anchor, Button, Drawer, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMessageCheck, IconRotate } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useAcknowledgeFindings, useFinding, useReopenFinding } from "../../api";
import type { Finding, FindingDetail, FindingId } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { RunLink } from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { useCan } from "../../workspace";
import { usePolicyTypes } from "../baselines/policyTypes";
import { type Detail, DetailTable } from "../tenants/DetailTable";
import { FindingEvidence } from "./FindingEvidence";
import { FindingHistory } from "./FindingHistory";
import { NoteField, noteError } from "./NoteField";
import { RemediateButton } from "./RemediateButton";
import type { RemediationTarget } from "./remediation";
import { useRemediation } from "./useRemediation";

type FindingDrawerProps = {
  findingId: FindingId | null;
  onClose: () => void;
  /** The operator asked to remediate the finding: the list confirms it. */
  onRemediate: (target: RemediationTarget) => void;
};

/**
 * One finding: what differs, where, since when, what was decided about it, the way to remediate it
 * from its baseline, and its history.
 */
export function FindingDrawer({ findingId, onClose, onRemediate }: FindingDrawerProps) {
  const finding = useFinding(findingId);
  const title = finding.data?.finding.display_name ?? "Finding";
  return (
    <Drawer
      opened={findingId !== null}
      onClose={onClose}
      position="right"
      closeButtonProps={{ "aria-label": "Close" }}
      size="xl"
      title={
        <Text span fw={600} size="lg" data-testid="finding-title">
          {title}
        </Text>
      }
      data-testid="finding-drawer"
    >
      {finding.isPending ? (
        <Stack gap="xs" aria-busy="true" data-testid="finding-loading">
          {slots(8).map((line) => (
            <Skeleton key={line} height={20} radius="sm" />
          ))}
        </Stack>
      ) : finding.isError ? (
        <ErrorState
          title="This finding could not be loaded"
          message={finding.error.message}
          onRetry={() => void finding.refetch()}
          retrying={finding.isFetching}
        />
      ) : (
        // Keyed: a note typed for one finding never carries over to the next.
        <FindingContent key={finding.data.finding.id} detail={finding.data} onRemediate={onRemediate} />
      )}
    </Drawer>
  );
}

function FindingContent({
  detail,
  onRemediate,
}: {
  detail: FindingDetail;
  onRemediate: (target: RemediationTarget) => void;
}) {
  const { finding } = detail;
  const types = usePolicyTypes();
  const can = useCan(finding.workspace_id);
  const canManage = can("tenant.findings.manage");
  const facts: Detail[] = [
    {
      label: "Tenant",
      value: (
        <Anchor
          component={Link}
          to={`/tenants/${finding.tenant_id}?tab=drift`}
          size="sm"
          data-testid="finding-tenant-link"
        >
          {detail.tenant_name}
        </Anchor>
      ),
    },
    {
      label: "Baseline",
      value: (
        <Anchor component={Link} to={`/baselines/${finding.profile_id}`} size="sm" data-testid="finding-profile-link">
          {detail.profile_name}
        </Anchor>
      ),
    },
    { label: "Policy type", value: types.label(finding.policy_type) },
    {
      label: "First seen",
      value: (
        <Group gap="xs">
          <RelativeTime value={finding.first_seen_at} size="sm" />
          {finding.first_seen_run_id !== null && <RunLink runId={finding.first_seen_run_id} label="Compare run" />}
        </Group>
      ),
    },
    {
      label: "Last seen",
      value: (
        <Group gap="xs">
          <RelativeTime value={finding.last_seen_at} size="sm" />
          {finding.last_seen_run_id !== null && <RunLink runId={finding.last_seen_run_id} label="Compare run" />}
        </Group>
      ),
    },
    ...(finding.resolved_at === null
      ? []
      : [{ label: "Resolved", value: <RelativeTime value={finding.resolved_at} size="sm" /> }]),
  ];

  return (
    <Stack gap="lg" data-testid="finding-detail">
      <Group gap="xs" data-testid="finding-badges">
        <StatusBadge domain="severity" code={finding.severity} />
        <StatusBadge domain="finding_kind" code={finding.kind} />
        <StatusBadge domain="finding_status" code={finding.status} />
      </Group>
      <DetailTable caption="Finding" details={facts} />
      {finding.status === "acknowledged" && <Acknowledgement detail={detail} canReopen={canManage} />}
      {/* The evidence comes before the decision about it. */}
      <Stack gap="xs">
        <Title order={4}>Evidence</Title>
        <FindingEvidence finding={finding} />
      </Stack>
      {finding.status !== "resolved" && <RemediateOne detail={detail} onRemediate={onRemediate} />}
      {finding.status === "open" && canManage && <AcknowledgeOne findingId={finding.id} />}
      <Stack gap="xs">
        <Title order={4}>History</Title>
        <FindingHistory history={detail.history} />
      </Stack>
    </Stack>
  );
}

/** Who accepted the difference, when and why; reopening makes it open drift again. */
function Acknowledgement({ detail, canReopen }: { detail: FindingDetail; canReopen: boolean }) {
  const { finding } = detail;
  const reopen = useReopenFinding();
  const onReopen = () =>
    reopen.mutate(finding.id, {
      onSuccess: (reopened) =>
        notifications.show({
          color: "blue",
          title: "Finding reopened",
          message: `${reopened.finding.display_name} counts as open drift again.`,
        }),
      onError: (error) =>
        notifications.show({ color: "red", title: "The finding was not reopened", message: error.message }),
    });
  return (
    <Paper withBorder radius="md" p="sm" data-testid="finding-acknowledgement">
      <Stack gap={6}>
        <Text size="sm">
          Acknowledged by <strong>{detail.acknowledged_by_name ?? "an operator"}</strong>
          {finding.acknowledged_at !== null && (
            <>
              {" "}
              <RelativeTime value={finding.acknowledged_at} size="sm" />
            </>
          )}
        </Text>
        {finding.ack_note !== null && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="finding-ack-note">
            {finding.ack_note}
          </Text>
        )}
        {canReopen && (
          <Group>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRotate size={14} aria-hidden />}
              onClick={onReopen}
              loading={reopen.isPending}
              data-testid="reopen-finding"
            >
              Reopen
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** What remediating does to this finding's subject, in a sentence. */
function remedyWords(finding: Pick<Finding, "kind">, tenantName: string): string {
  switch (finding.kind) {
    case "missing":
      return `Create it in ${tenantName} as the baseline holds it.`;
    case "drifted":
      return `Put the baseline's settings back onto ${tenantName}.`;
    case "unexpected":
      return "The baseline holds nothing to restore for it.";
  }
}

/**
 * Remediating this one finding from its baseline, for members who may restore: what it would do
 * and "Remediate…", or why it cannot be (in words, and on the disabled button).
 */
function RemediateOne({
  detail,
  onRemediate,
}: {
  detail: FindingDetail;
  onRemediate: (target: RemediationTarget) => void;
}) {
  const { finding } = detail;
  const remediation = useRemediation(finding.workspace_id, [finding]);
  if (remediation === null) return null;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="finding-remediate">
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            Remediate from the baseline
          </Text>
          <Text size="sm" c="dimmed" data-testid="finding-remediate-words">
            {remediation.ok
              ? `${remedyWords(finding, detail.tenant_name)} You see the plan first: nothing is written until you execute it.`
              : remediation.why}
          </Text>
        </Stack>
        <RemediateButton
          remediation={remediation}
          label="Remediate…"
          onClick={() =>
            onRemediate({ tenantId: finding.tenant_id, tenantName: detail.tenant_name, findings: [finding] })
          }
          testId="remediate-finding"
        />
      </Group>
    </Paper>
  );
}

/** Accepts this one difference as an exception, with the note that says why. */
function AcknowledgeOne({ findingId }: { findingId: FindingId }) {
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const acknowledge = useAcknowledgeFindings();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (noteError(note) !== null) return;
    acknowledge.mutate(
      { finding_ids: [findingId], note: note.trim() },
      {
        onSuccess: (response) => {
          const [skipped] = response.skipped;
          if (skipped !== undefined) {
            notifications.show({ color: "yellow", title: "Not acknowledged", message: skipped.reason });
            return;
          }
          notifications.show({
            color: "green",
            title: "Finding acknowledged",
            message: "It no longer counts as open drift.",
          });
        },
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="sm">
      <form onSubmit={submit} noValidate data-testid="finding-ack-form">
        <Stack gap="xs">
          <NoteField
            value={note}
            onChange={setNote}
            error={tried ? (noteError(note) ?? acknowledge.error?.message ?? null) : null}
            data-testid="finding-ack-note"
          />
          <Group>
            <Button
              type="submit"
              size="xs"
              leftSection={<IconMessageCheck size={14} aria-hidden />}
              loading={acknowledge.isPending}
              data-testid="finding-ack-submit"
            >
              Acknowledge
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
