import { Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import type { PolicyVersionSummary } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink } from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { ExportVersionButton } from "./ExportVersionButton";
import { useVersionSelection } from "./useVersionSelection";
import { VersionDiff } from "./VersionDiff";

type VersionHistoryProps = { tenantId: string; versions: PolicyVersionSummary[] };

/**
 * Every captured version, newest first, each of which can be exported. Ticking two compares them
 * (older → newer); the two newest, or the pair the address names, are compared to begin with.
 */
export function VersionHistory({ tenantId, versions }: VersionHistoryProps) {
  const { selected, toggle } = useVersionSelection(versions);
  const pair = versions.filter((v) => selected.includes(v.id)).sort((a, b) => a.version_number - b.version_number);
  const [before, after] = pair;

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          {versions.length === 1
            ? "One version captured so far. A policy sync captures a new version whenever the configuration changes; two versions can then be compared."
            : "Tick two versions to compare them."}
        </Text>
        <Table withTableBorder verticalSpacing={6} aria-label="Versions" data-testid="versions">
          <Table.Thead>
            <Table.Tr>
              {versions.length > 1 && <Table.Th w={40} aria-label="Compare" />}
              <Table.Th w={90}>Version</Table.Th>
              <Table.Th>Captured</Table.Th>
              <Table.Th>Purpose</Table.Th>
              <Table.Th>Content hash</Table.Th>
              <Table.Th w={100}>Run</Table.Th>
              <Table.Th w={60}>Export</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((version) => (
              <Table.Tr
                key={version.id}
                data-testid="version-row"
                bg={
                  versions.length > 1 && selected.includes(version.id)
                    ? "var(--mantine-primary-color-light)"
                    : undefined
                }
              >
                {versions.length > 1 && (
                  <Table.Td>
                    <Checkbox
                      size="xs"
                      checked={selected.includes(version.id)}
                      onChange={(event) => toggle(version.id, event.currentTarget.checked)}
                      aria-label={`Compare version ${version.version_number}`}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm" fw={600}>
                    v{version.version_number}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={version.captured_at} size="sm" />
                </Table.Td>
                <Table.Td>
                  <StatusBadge domain="version_purpose" code={version.purpose} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" title={version.content_hash}>
                    {version.content_hash.slice(0, 12)}
                  </Text>
                </Table.Td>
                <Table.Td>{version.run_id !== null && <RunLink runId={version.run_id} label="View" />}</Table.Td>
                <Table.Td>
                  <ExportVersionButton version={version} variant="icon" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {versions.length > 1 &&
        (before !== undefined && after !== undefined ? (
          <VersionDiff tenantId={tenantId} before={before} after={after} />
        ) : (
          <Group>
            <Text size="sm" c="dimmed" data-testid="diff-pick-two">
              Tick {selected.length === 0 ? "two versions" : "one more version"} to see what changed.
            </Text>
          </Group>
        ))}
    </Stack>
  );
}
