import { Table, Text } from "@mantine/core";
import type { KeyboardEvent, ReactNode } from "react";
import type { PolicyVersionId, RestorePlanItem } from "../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh } from "../../components/columns";
import { HEADER_HEIGHT } from "../../components/layout";
import { TABLE_HEAD_HEIGHT, useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualSpacer } from "../../components/VirtualSpacer";
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
  const {
    bodyRef,
    virtualRows,
    activeIndex,
    setActive,
    onKeyDown,
    activeRendered,
    paddingTop,
    paddingBottom,
    tableStyle,
  } = useVirtualGrid({ total: items.length, overscan: OVERSCAN, resetKey });

  const keyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return;
    onKeyDown(event, (index) => {
      const item = items[index];
      if (item === undefined) return false;
      onOpen(item.source_version_id);
      return true;
    });
  };

  return (
    <Table
      className={classes.table}
      style={tableStyle}
      layout="fixed"
      stickyHeader
      stickyHeaderOffset={HEADER_HEIGHT}
      highlightOnHover
      role="grid"
      aria-label="Restore plan"
      aria-rowcount={items.length + 1}
      aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={keyDown}
      data-testid="plan-table"
    >
      <Table.Thead>
        <Table.Tr aria-rowindex={1} style={{ height: TABLE_HEAD_HEIGHT }}>
          {columns.map((column) => (
            <ResizableTh key={column.key} w={layout.widthOf(column.key)} resizer={layout.resizer(column.key)}>
              {column.title}
            </ResizableTh>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={bodyRef}>
        <VirtualSpacer height={paddingTop} colSpan={columns.length} />
        {virtualRows.map((virtualRow) => {
          const item = items[virtualRow.index];
          if (item === undefined) return null;
          const isActive = virtualRow.index === activeIndex;
          return (
            <Table.Tr
              key={item.source_version_id}
              id={rowId(virtualRow.index)}
              className={classes.row}
              aria-rowindex={virtualRow.index + 2}
              aria-selected={isActive}
              data-active={isActive || undefined}
              data-open={item.source_version_id === openId || undefined}
              data-testid="plan-row"
              data-version-id={item.source_version_id}
              data-action={item.action}
              onClick={() => {
                setActive(virtualRow.index);
                onOpen(item.source_version_id);
              }}
            >
              {columns.map((column) => (
                <Table.Td key={column.key} data-column={column.key}>
                  {column.render(item, names)}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
        <VirtualSpacer height={paddingBottom} colSpan={columns.length} />
      </Table.Tbody>
    </Table>
  );
}

function rowId(index: number): string {
  return `plan-row-${index}`;
}
