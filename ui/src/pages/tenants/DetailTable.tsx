import { Table } from "@mantine/core";
import type { ReactNode } from "react";

export type Detail = { label: string; value: ReactNode };

/** Label/value pairs as a two-column table, so screen readers announce each label with its value. */
export function DetailTable({ caption, details }: { caption: string; details: Detail[] }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder verticalSpacing={6} aria-label={caption}>
      <Table.Tbody>
        {details.map(({ label, value }) => (
          <Table.Tr key={label}>
            <Table.Th w={190} scope="row">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
