import { Alert, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { EvidenceContent, EvidenceSnapshot } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink } from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { CopyableId } from "../tenants/cells";
import { RbacPart, RoleHoldersPart } from "./AccessParts";
import { FreshnessLine } from "./EvidencePart";
import { otherParts, partLabel, snapshotFailureWords, snapshotTakenAt } from "./evidenceWords";
import { FindingsPart } from "./FindingsPart";
import { InventoryPart } from "./InventoryPart";
import { OperationsPart } from "./OperationsPart";

/** The element the page scrolls to when a link selects a snapshot. */
export const SNAPSHOT_CONTENT_ID = "evidence-snapshot-content";

/** The parts shown with their own freshness; any other part the snapshot recorded is listed after them. */
const PARTS_SHOWN = ["inventory", "drift", "rbac_report", "directory_roles"];

/** What one evidence snapshot froze, in full; or that it is still being taken, or why it holds nothing. */
export function SnapshotContent({ snapshot }: { snapshot: EvidenceSnapshot }) {
  return (
    <Stack gap="sm" id={SNAPSHOT_CONTENT_ID} data-testid="snapshot-content" data-snapshot-id={snapshot.id}>
      <SnapshotHeading snapshot={snapshot} />
      <SnapshotBody snapshot={snapshot} />
    </Stack>
  );
}

function SnapshotHeading({ snapshot }: { snapshot: EvidenceSnapshot }) {
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Title order={4} size="h5">
        Evidence snapshot
      </Title>
      <Text size="sm">
        {snapshot.state === "complete" ? "Captured" : "Started"}{" "}
        <RelativeTime value={snapshotTakenAt(snapshot)} size="sm" span />
      </Text>
      <StatusBadge domain="snapshot_state" code={snapshot.state} />
      {snapshot.content_hash !== null && <CopyableId value={snapshot.content_hash} label="Copy content hash" />}
      {snapshot.run_id !== null && <RunLink runId={snapshot.run_id} />}
    </Group>
  );
}

function SnapshotBody({ snapshot }: { snapshot: EvidenceSnapshot }) {
  if (snapshot.state === "building") {
    return (
      <Text size="sm" c="dimmed" data-testid="snapshot-building">
        Being taken. Its content shows here once its run has written it.
      </Text>
    );
  }
  if (snapshot.state === "incomplete") {
    return (
      <Alert color="red" variant="light" title={snapshotFailureWords(snapshot)} data-testid="snapshot-incomplete">
        <Text size="sm">
          An incomplete snapshot holds no evidence and no review can be composed from it.
          {snapshot.run_id !== null && " Its run says what happened."}
        </Text>
      </Alert>
    );
  }
  if (snapshot.content === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="snapshot-no-content">
        This snapshot is complete, but its content was not recorded.
      </Text>
    );
  }
  return <EvidenceContentView content={snapshot.content} />;
}

function EvidenceContentView({ content }: { content: EvidenceContent }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <InventoryPart content={content} />
        <Stack gap="sm">
          <FindingsPart content={content} />
          <OperationsPart operations={content.operations} />
        </Stack>
      </SimpleGrid>
      <RbacPart content={content} />
      <RoleHoldersPart content={content} />
      <OtherFreshness content={content} />
    </Stack>
  );
}

/** The freshness of parts the snapshot recorded but shows no facts of (policies, groups). */
function OtherFreshness({ content }: { content: EvidenceContent }) {
  const parts = otherParts(content, PARTS_SHOWN);
  if (parts.length === 0) return null;
  return (
    <Group gap="lg" wrap="wrap" data-testid="other-freshness">
      {parts.map((part) => (
        <Group key={part} gap={6} wrap="nowrap">
          <Text size="xs" fw={500}>
            {partLabel(part)}
          </Text>
          <FreshnessLine content={content} part={part} />
        </Group>
      ))}
    </Group>
  );
}
