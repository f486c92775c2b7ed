import { Skeleton, Table, Text } from "@mantine/core";
import { useObjectTypes } from "../../api";
import type { EvidenceContent } from "../../bindings/types";
import { EvidencePart, FreshnessLine, NothingRecorded } from "./EvidencePart";

/**
 * Configuration objects present at the capture, per catalog type, most first; a type the catalog
 * does not name (any more) by its key.
 */
export function InventoryPart({ content }: { content: EvidenceContent }) {
  const types = useObjectTypes();
  const labels = new Map((types.data ?? []).map((type) => [type.key, type.label]));
  const total = content.inventory.reduce((sum, row) => sum + row.count, 0);
  return (
    <EvidencePart
      title="Inventory by type"
      subtitle={<FreshnessLine content={content} part="inventory" />}
      data-testid="evidence-inventory"
    >
      {content.inventory.length === 0 ? (
        <NothingRecorded>No configuration object was inventoried.</NothingRecorded>
      ) : (
        <Table verticalSpacing={4} aria-label="Inventory by type">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th w={90} ta="right">
                Objects
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.inventory.map((row) => (
              <Table.Tr key={row.object_type} data-testid="inventory-type" data-type={row.object_type}>
                <Table.Td>
                  {types.isPending ? (
                    <Skeleton height={12} radius="sm" width="60%" />
                  ) : (
                    <Text size="sm">{labels.get(row.object_type) ?? row.object_type}</Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{row.count.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Total</Table.Th>
              <Table.Th ta="right" data-testid="inventory-total">
                {total.toLocaleString()}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </EvidencePart>
  );
}
