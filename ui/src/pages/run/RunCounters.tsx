import { Table, Text } from "@mantine/core";
import type { OperationRun } from "../../bindings/types";
import { counterRows } from "./runDetails";

/**
 * The run's counters one by one, collapsed under the sentence that says them in words: there
 * for whoever wants the figures, never the primary copy.
 */
export function RunCounters({ counts }: { counts: OperationRun["summary_counts"] }) {
  const rows = counterRows(counts);
  if (rows.length === 0) return null;
  return (
    <details data-testid="run-counters">
      <summary style={{ cursor: "pointer", width: "fit-content" }}>
        <Text span size="xs" c="dimmed">
          Counters
        </Text>
      </summary>
      <Table w="auto" mt={4} verticalSpacing={2} withRowBorders={false} aria-label="Counters">
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-testid="run-counter" data-key={row.key}>
              <Table.Th scope="row" pl={0}>
                <Text size="xs" fw={500}>
                  {row.label}
                </Text>
              </Table.Th>
              <Table.Td ta="right">
                <Text size="xs">{row.value.toLocaleString()}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}
