import { Box, Group, Stack, Text } from "@mantine/core";
import type { EvidenceFailure, EvidenceOperations } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink, reasonWords, UNKNOWN_RUN_REASON } from "../../runs";
import { present } from "../../vocabulary";
import { EvidencePart, NothingRecorded } from "./EvidencePart";

/** The tenant's runs of the 30 days before the capture: how they ended, and the newest failures. */
export function OperationsPart({ operations }: { operations: EvidenceOperations }) {
  return (
    <EvidencePart
      title="Recent operations"
      subtitle={
        <Text size="xs" c="dimmed">
          The 30 days before the capture
        </Text>
      }
      data-testid="evidence-operations"
    >
      {operations.total === 0 ? (
        <NothingRecorded>No operation ran in the 30 days before the capture.</NothingRecorded>
      ) : (
        <>
          <OperationCounts operations={operations} />
          {operations.recent_failures.length > 0 && <RecentFailures failures={operations.recent_failures} />}
        </>
      )}
    </EvidencePart>
  );
}

function OperationCounts({ operations }: { operations: EvidenceOperations }) {
  const counts: [string, number][] = [
    ["Runs", operations.total],
    [present("run_outcome", "succeeded").label, operations.succeeded],
    [present("run_outcome", "partially_succeeded").label, operations.partially_succeeded],
    [present("run_outcome", "failed").label, operations.failed],
    [present("run_outcome", "blocked").label, operations.blocked],
    ["Still active", operations.still_active],
  ];
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: "grid", gridTemplateColumns: "max-content max-content", columnGap: 16, rowGap: 2 }}
      data-testid="operation-counts"
    >
      {counts.map(([label, value]) => (
        <Box key={label} style={{ display: "contents" }}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0} ta="right">
            {value.toLocaleString()}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

/** The newest failed runs, each with what it was, when it ended, why and its record. */
function RecentFailures({ failures }: { failures: EvidenceFailure[] }) {
  return (
    <Stack gap={4} data-testid="recent-failures">
      <Text size="sm" fw={500}>
        Newest failures
      </Text>
      <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
        {failures.map((failure) => (
          <Group key={failure.run_id} component="li" gap={6} wrap="wrap" data-testid="recent-failure">
            <Text size="sm">{present("operation_type", failure.operation).label}</Text>
            {failure.completed_at !== null && <RelativeTime value={failure.completed_at} size="sm" c="dimmed" />}
            <Text size="sm" c="red.8">
              {failure.reason === null ? "No reason recorded" : reasonWords(failure.reason, UNKNOWN_RUN_REASON).label}
            </Text>
            <RunLink runId={failure.run_id} />
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
