import { Alert, Anchor, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCamera, IconCircleCheck, IconCopy, IconExternalLink } from "@tabler/icons-react";
import { Link } from "react-router";
import { useBaselineSnapshot } from "../../api";
import type { FindingChanges, RunDetail, RunResult, SnapshotDetail } from "../../bindings/types";
import { present, StatusBadge, toneColor } from "../../vocabulary";
import { AmbiguousSubjects } from "../baselines/AmbiguousSubjects";
import { plural, reasonLabel } from "../baselines/baselineWords";
import { usePolicyTypes } from "../baselines/policyTypes";

type CaptureResult = Extract<RunResult, { kind: "baseline_capture" }>;
type CompareResult = Extract<RunResult, { kind: "baseline_compare" }>;

/** What a baseline capture or compare ended with, in words; nothing for other work. */
export function BaselineResult({ detail }: { detail: RunDetail }) {
  const { result } = detail;
  if (result === null) return null;
  switch (result.kind) {
    case "baseline_capture":
      return <Capture result={result} />;
    case "baseline_compare":
      return <Compare detail={detail} result={result} />;
    case "inventory_sync":
    case "policy_sync":
    case "policy_sync_one":
    case "group_sync":
    case "role_sync":
    case "review_pack":
    case "evidence_snapshot":
    case "review_compose":
    case "backup":
      return null;
  }
}

/** "120 policies match the baseline · 3 missing · 2 unexpected · 5 drifted". */
export function compareSentence(result: Pick<CompareResult, "matched" | "missing" | "unexpected" | "drifted">): string {
  const matched = `${plural(result.matched, "policy matches", "policies match")} the baseline`;
  return `${matched} · ${result.missing.toLocaleString()} missing · ${result.unexpected.toLocaleString()} unexpected · ${result.drifted.toLocaleString()} drifted`;
}

/** "2 opened · 1 reopened · 3 resolved · 4 unchanged", or that nothing changed. */
export function findingChangesSentence(changes: FindingChanges): string {
  const { opened, reopened, resolved, unchanged } = changes;
  if (opened + reopened + resolved + unchanged === 0) return "No findings: the tenant matches its baseline.";
  return `${opened.toLocaleString()} opened · ${reopened.toLocaleString()} reopened · ${resolved.toLocaleString()} resolved · ${unchanged.toLocaleString()} unchanged`;
}

/** The snapshot's own truth (SPEC §6.2), separate from the run's outcome shown above. */
function snapshotTruth(
  result: CaptureResult,
  snapshot: SnapshotDetail | undefined,
): { tone: "success" | "warning" | "danger" | "info"; text: string } {
  if (result.snapshot_id === null) {
    return { tone: "warning", text: "No snapshot was written: the capture stopped before one existed." };
  }
  const items = snapshot?.snapshot.proof?.persisted_items ?? result.items;
  if (result.reused) {
    return {
      tone: "success",
      text: `An identical snapshot was reused (${plural(items, "item", "items")}): nothing changed in the source tenant since it was captured.`,
    };
  }
  // The run records the snapshot's state when it ended; the snapshot itself (if readable) is newer.
  switch (snapshot?.snapshot.state ?? result.snapshot_state ?? undefined) {
    case undefined:
      return { tone: "info", text: `Snapshot of ${plural(result.items, "item", "items")}.` };
    case "complete":
      return { tone: "success", text: `Snapshot complete, ${plural(items, "item", "items")}.` };
    case "building":
      return { tone: "info", text: "Snapshot still building." };
    case "incomplete": {
      const why = snapshot?.snapshot.failure_reason ?? null;
      return {
        tone: "danger",
        text: `Snapshot incomplete${why === null ? "" : ` — ${reasonLabel(why)}`}. It is kept for the record and never compared against; the previous complete snapshot stays in use.`,
      };
    }
  }
}

function Capture({ result }: { result: CaptureResult }) {
  const snapshot = useBaselineSnapshot(result.snapshot_id);
  const truth = snapshotTruth(result, snapshot.data);
  const profileName = snapshot.data?.profile_name ?? "the baseline profile";
  const Icon = truth.tone === "success" ? (result.reused ? IconCopy : IconCircleCheck) : IconAlertTriangle;
  return (
    <Stack gap="xs" data-testid="baseline-capture-result">
      <Title order={4}>Snapshot</Title>
      <Alert
        variant="light"
        color={toneColor(truth.tone)}
        icon={truth.tone === "info" ? <IconCamera aria-hidden /> : <Icon aria-hidden />}
        data-testid="capture-truth"
        data-tone={truth.tone}
      >
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {truth.text}
          </Text>
          <Text size="sm" c="dimmed">
            {present("capture_mode", result.capture_mode).label} capture
            {snapshot.data?.current === true && " · the profile's current snapshot"}
            {snapshot.data?.superseded === true && " · superseded by a newer snapshot"}
          </Text>
        </Stack>
      </Alert>
      <AmbiguousSubjects subjects={result.ambiguous} />
      <List spacing={4} size="sm" icon={<IconExternalLink size={14} aria-hidden />} center>
        <List.Item>
          <Anchor component={Link} to={`/baselines/${result.profile_id}`} size="sm" data-testid="capture-profile-link">
            {profileName}
          </Anchor>
          <Text span size="sm" c="dimmed">
            {" "}
            — the baseline profile
          </Text>
        </List.Item>
        {result.snapshot_id !== null && (
          <List.Item>
            <Anchor
              component={Link}
              to={`/baselines/${result.profile_id}?snapshot=${result.snapshot_id}`}
              size="sm"
              data-testid="capture-snapshot-link"
            >
              The snapshot's items
            </Anchor>
          </List.Item>
        )}
      </List>
    </Stack>
  );
}

function Compare({ detail, result }: { detail: RunDetail; result: CompareResult }) {
  const types = usePolicyTypes();
  const { run } = detail;
  const coverage = Object.entries(result.coverage)
    .flatMap(([type, entry]) => (entry === undefined ? [] : [{ type, ...entry }]))
    .sort((a, b) => types.label(a.type).localeCompare(types.label(b.type)));
  const name = detail.tenant_name ?? "the tenant";
  return (
    <Stack gap="xs" data-testid="baseline-compare-result">
      <Title order={4}>Drift</Title>
      <Text size="sm" data-testid="compare-counts">
        {compareSentence(result)}
      </Text>
      <Text size="sm" data-testid="compare-findings">
        <Text span size="sm" fw={600}>
          Findings:{" "}
        </Text>
        {findingChangesSentence(result.findings)}
      </Text>
      <AmbiguousSubjects subjects={result.ambiguous} />
      {coverage.length > 0 && (
        <Table withTableBorder verticalSpacing={4} aria-label="Coverage by type" data-testid="compare-coverage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th w={170}>Coverage</Table.Th>
              <Table.Th w={100} ta="right">
                Compared
              </Table.Th>
              <Table.Th w={100} ta="right">
                Not judged
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {coverage.map((row) => (
              <Table.Tr key={row.type} data-testid="coverage-row">
                <Table.Td>
                  <Text size="sm">{types.label(row.type)}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge domain="evidence_coverage" code={row.coverage} />
                </Table.Td>
                <Table.Td ta="right">{row.compared.toLocaleString()}</Table.Td>
                <Table.Td ta="right" c={row.gaps > 0 ? "yellow.8" : undefined}>
                  {row.gaps.toLocaleString()}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="lg">
        {run.tenant_id !== null && (
          <Anchor
            component={Link}
            to={`/tenants/${run.tenant_id}?tab=drift`}
            size="sm"
            data-testid="compare-drift-link"
          >
            Drift of {name}
          </Anchor>
        )}
        <Anchor
          component={Link}
          to={`/baselines/${result.profile_id}?snapshot=${result.snapshot_id}`}
          size="sm"
          data-testid="compare-snapshot-link"
        >
          The baseline snapshot
        </Anchor>
      </Group>
    </Stack>
  );
}
