import { Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { PolicyVersionId, RestorePlanItem } from "../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh } from "../../components/columns";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import classes from "./PlanTable.module.css";
import { ActionBadge } from "./RestoreBadges";
import { changeSummary, type PlanNames } from "./restoreWords";

const OVERSCAN = 12;

type Column = ColumnSpec & { render: (item: RestorePlanItem, names: PlanNames) => ReactNode };

// The name always shows; on narrower tables the type gives way first, then what changes; the
// action stays longest.
const COLUMNS: Column[] = [
  {
    key: "action",
    title: "Action",
    width: 116,
    minWidth: 116,
    priority: 8,
    render: (item) => <ActionBadge action={item.action} />,
  },
  {
    key: "name",
    title: "Name",
    minWidth: 220,
    required: true,
    render: (item) => (
      <Text size="sm" truncate="end" title={item.display_name} data-testid="plan-row-name">
        {item.display_name}
      </Text>
    ),
  },
  {
    key: "type",
    title: "Type",
    width: 200,
    minWidth: 160,
    priority: 5,
    render: (item, names) => (
      <Text size="sm" truncate="end" c="dimmed" data-testid="plan-row-type">
        {names.typeLabel(item.object_type)}
      </Text>
    ),
  },
  {
    key: "changes",
    title: "What changes",
    width: 380,
    minWidth: 220,
    priority: 6,
    render: (item, names) => {
      const words = changeSummary(item, names);
      return (
        <Text
          size="sm"
          truncate="end"
          title={words}
          c={item.action === "conflict" ? "red.8" : item.action === "skip" ? "dimmed" : undefined}
          data-testid="plan-row-changes"
        >
          {words}
        </Text>
      );
    },
  },
];

/** The plan table's columns, for the chooser and for fitting them to the width. */
export const PLAN_COLUMNS: readonly ColumnSpec[] = COLUMNS;

type PlanTableProps = {
  items: RestorePlanItem[];
  names: PlanNames;
  /** The item open in the drawer, if any. */
  openId: PolicyVersionId | null;
  onOpen: (id: PolicyVersionId) => void;
  layout: ColumnLayout;
  /** A new value is a new list (another filter): the highlight starts on its first row. */
  resetKey: string;
};

/**
 * A restore plan's items, one compact line each: the action (create green, update blue, delete
 * solid red, identical grey, conflict red), the object's name and type, and what restoring would change —
 * the fields, the assignments, or why it cannot be restored as it is. Keyboard: the table is one
 * tab stop; arrows, Page Up/Down, Home and End move the highlighted row, Enter opens it. A click
 * opens a row.
 */
export function PlanTable({ items, names, openId, onOpen, layout, resetKey }: PlanTableProps) {
  const columns = COLUMNS.filter((column) => layout.isShown(column.key));
  const grid = useVirtualGrid({ total: items.length, overscan: OVERSCAN, resetKey });
  return (
    <VirtualGridTable
      grid={grid}
      rowAt={(index) => items[index]}
      rowKey={(item) => item.source_version_id}
      label="Restore plan"
      testId="plan-table"
      rowTestId="plan-row"
      classes={classes}
      head={columns.map((column) => (
        <ResizableTh key={column.key} w={layout.widthOf(column.key)} resizer={layout.resizer(column.key)}>
          {column.title}
        </ResizableTh>
      ))}
      columnCount={columns.length}
      cells={(item) =>
        columns.map((column) => (
          <Table.Td key={column.key} data-column={column.key}>
            {column.render(item, names)}
          </Table.Td>
        ))
      }
      rowData={(item) => ({
        "data-open": item.source_version_id === openId || undefined,
        "data-version-id": item.source_version_id,
        "data-action": item.action,
      })}
      onOpen={(item) => onOpen(item.source_version_id)}
      clickOpens
    />
  );
}
