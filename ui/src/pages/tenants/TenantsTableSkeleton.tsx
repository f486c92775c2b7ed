import { Skeleton, Table } from "@mantine/core";
import { slots } from "../../components/slots";
import { TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { tenantColumnTitles } from "./columns";

const ROWS = 4;

/** The table's shape while tenants load, so the page does not jump when they arrive. */
export function TenantsTableSkeleton({ isShown }: { isShown: (columnId: string) => boolean }) {
  const titles = Object.entries(tenantColumnTitles).flatMap(([id, title]) => (isShown(id) ? [title] : []));
  return (
    <Table verticalSpacing={6} aria-busy="true" aria-label="Loading tenants" data-testid="tenants-loading">
      <Table.Thead>
        <Table.Tr>
          {titles.map((title) => (
            <Table.Th key={title}>{title}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {slots(ROWS).map((row) => (
          <Table.Tr key={row} style={{ height: TABLE_ROW_HEIGHT }}>
            {titles.map((title) => (
              <Table.Td key={title}>
                <Skeleton height={14} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
