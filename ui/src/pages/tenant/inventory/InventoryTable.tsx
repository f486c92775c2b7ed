import { Badge, Skeleton, Table, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useMemo } from "react";
import { type InventoryQuery, useInventoryPages } from "../../../api";
import type { InventoryItem, InventorySortKey, ObjectTypeInfo, Page } from "../../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh } from "../../../components/columns";
import { RelativeTime } from "../../../components/RelativeTime";
import { useVirtualGrid } from "../../../components/useVirtualGrid";
import { VirtualGridTable } from "../../../components/VirtualGridTable";
import { ariaSort, SortIcon } from "../../tenants/SortIcon";
import classes from "./InventoryTable.module.css";
import { platformLabel } from "./inventoryView";

/** Rows fetched per request; the table asks only for the pages in view. */
export const PAGE_SIZE = 200;
const OVERSCAN = 10;

type InventoryTableProps = {
  tenantId: string;
  query: InventoryQuery;
  types: Map<string, ObjectTypeInfo>;
  onSort: (key: InventorySortKey) => void;
  onOpen: (item: InventoryItem) => void;
  /** The first page: its total sizes the list. Fetched by the tab so it can tell "no matches". */
  first: Page<InventoryItem>;
  /** Which columns show and how wide: the operator's choice, fitted to the width (see INVENTORY_COLUMNS). */
  layout: ColumnLayout;
};

type Column = ColumnSpec & { sort: InventorySortKey | null };

// The name always shows and takes the width the others leave; on narrow tables the platform
// gives way first, then when it was last seen, then the type.
const COLUMNS: Column[] = [
  { key: "name", title: "Name", sort: "display_name", minWidth: 200, required: true },
  { key: "type", title: "Type", sort: "object_type", width: 230, minWidth: 230, priority: 3 },
  { key: "platform", title: "Platform", sort: null, width: 110, minWidth: 110, priority: 1 },
  { key: "last_seen", title: "Last seen", sort: "last_seen_at", width: 120, minWidth: 120, priority: 2 },
];

/** The inventory table's columns, for the column chooser and for fitting them to the width. */
export const INVENTORY_COLUMNS: readonly ColumnSpec[] = COLUMNS;

/**
 * The inventory as one long table that renders only the rows on screen (the page scrolls, the
 * header stays), fetching 200-row pages by position as they come into view. Keyboard: the table
 * is one tab stop; arrows, Page Up/Down, Home and End move the highlighted row, Enter opens it.
 */
export function InventoryTable({ tenantId, query, types, onSort, onOpen, first, layout }: InventoryTableProps) {
  const total = first.total;
  const columns = COLUMNS.filter((column) => layout.isShown(column.key));
  const grid = useVirtualGrid({ total, overscan: OVERSCAN, resetKey: JSON.stringify(query) });

  const pageNumbers = useMemo(() => {
    const pages = new Set<number>([0]);
    for (const row of grid.virtualRows) pages.add(Math.floor(row.index / PAGE_SIZE));
    return [...pages].sort((a, b) => a - b);
  }, [grid.virtualRows]);
  const pages = useInventoryPages(tenantId, query, pageNumbers, PAGE_SIZE);
  const loaded = new Map<number, Page<InventoryItem>>([[0, first]]);
  pageNumbers.forEach((page, i) => {
    const data = pages[i]?.data;
    if (data !== undefined) loaded.set(page, data);
  });
  const itemAt = (index: number): InventoryItem | undefined =>
    loaded.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];

  return (
    <VirtualGridTable
      grid={grid}
      rowAt={itemAt}
      // By position, as the virtualiser keys rows: positions never repeat, while an item can turn up
      // on two pages fetched at different times (the inventory changed in between).
      rowKey={(_, index) => index}
      label="Inventory"
      testId="inventory-table"
      rowTestId="inventory-row"
      classes={classes}
      head={columns.map((column) => {
        const sort = column.sort;
        const direction = sort !== null && query.sort.key === sort ? query.sort.direction : false;
        return (
          <ResizableTh
            key={column.key}
            w={layout.widthOf(column.key)}
            resizer={layout.resizer(column.key)}
            aria-sort={sort === null ? undefined : ariaSort(direction)}
          >
            {sort === null ? (
              column.title
            ) : (
              <UnstyledButton
                className={classes.sortButton}
                onClick={() => onSort(sort)}
                // The grid keeps its keys; a sort button is clicked, or reached by Tab.
                onKeyDown={(event) => event.stopPropagation()}
              >
                {column.title}
                <SortIcon direction={direction} />
              </UnstyledButton>
            )}
          </ResizableTh>
        );
      })}
      columnCount={columns.length}
      loadingCells={columns.map((column) => (
        <Table.Td key={column.key}>
          <Skeleton height={12} radius="sm" width={column.key === "name" ? "60%" : "80%"} />
        </Table.Td>
      ))}
      cells={(item) => (
        <InventoryCells
          item={item}
          typeLabel={types.get(item.object_type)?.label ?? item.object_type}
          isShown={layout.isShown}
        />
      )}
      rowData={(item) => ({ "data-removed": item.removed_at !== null || undefined })}
      onOpen={onOpen}
      clickOpens
    />
  );
}

type InventoryCellsProps = {
  item: InventoryItem;
  typeLabel: string;
  isShown: (key: string) => boolean;
};

function InventoryCells({ item, typeLabel, isShown }: InventoryCellsProps) {
  const removed = item.removed_at !== null;
  const platform = platformLabel(item.platform);
  return (
    <>
      <Table.Td>
        <div className={classes.nameCell}>
          <Text
            size="sm"
            fw={500}
            truncate="end"
            title={item.display_name}
            td={removed ? "line-through" : undefined}
            data-testid="inventory-name"
          >
            {item.display_name}
          </Text>
          {removed && item.removed_at !== null && (
            <Tooltip label={`Not seen since ${new Date(item.removed_at).toLocaleString()}`} withinPortal>
              <Badge size="xs" variant="light" color="red" radius="sm" className={classes.removedBadge}>
                Removed
              </Badge>
            </Tooltip>
          )}
        </div>
      </Table.Td>
      {isShown("type") && (
        <Table.Td>
          <Text size="sm" truncate="end" title={typeLabel}>
            {typeLabel}
          </Text>
        </Table.Td>
      )}
      {isShown("platform") && (
        <Table.Td>
          <Text
            size="sm"
            truncate="end"
            c={platform === null ? "dimmed" : undefined}
            title={platform ?? "No platform recorded"}
          >
            {platform ?? "—"}
          </Text>
        </Table.Td>
      )}
      {isShown("last_seen") && (
        <Table.Td>
          <RelativeTime value={item.last_seen_at} size="sm" />
        </Table.Td>
      )}
    </>
  );
}
