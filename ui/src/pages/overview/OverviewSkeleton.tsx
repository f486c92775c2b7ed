import { Card, Skeleton, Stack, Table } from "@mantine/core";
import { slots } from "../../components/slots";
import { TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { OVERVIEW_COLUMNS } from "./columns";
import { HeadlinesSkeleton } from "./Headlines";
import { CHART_HEIGHT } from "./RunsPerDay";

const ROWS = 6;

/** The overview's shape while it loads, so nothing jumps when the figures arrive. */
export function OverviewSkeleton({ isShown }: { isShown: (key: string) => boolean }) {
  const columns = OVERVIEW_COLUMNS.filter((column) => isShown(column.key));
  return (
    <Stack gap="md" aria-busy="true" data-testid="overview-loading">
      <HeadlinesSkeleton />
      <Card withBorder padding="md" radius="md" aria-hidden>
        <Skeleton height={14} width={160} radius="sm" mb="sm" />
        <Skeleton height={CHART_HEIGHT} radius="sm" />
      </Card>
      <Table layout="fixed" verticalSpacing={10} aria-label="Loading tenants">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} w={column.width}>
                {column.header ?? column.title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {slots(ROWS).map((row) => (
            <Table.Tr key={row} style={{ height: TABLE_ROW_HEIGHT }}>
              {columns.map((column) => (
                <Table.Td key={column.key}>
                  <Skeleton height={14} radius="sm" width={column.key === "name" ? "70%" : "60%"} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
