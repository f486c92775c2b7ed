import { describe, expect, it } from "vitest";
import { findingColumns } from "../../pages/findings/FindingsTable";
import { RUN_COLUMNS } from "../../pages/operations/RunsTable";
import { OVERVIEW_COLUMNS } from "../../pages/overview/columns";
import { PACK_ACTIONS_WIDTH, PACK_COLUMNS } from "../../pages/packs/PacksTable";
import { TYPE_LIST_GAP, TYPE_LIST_WIDTH } from "../../pages/tenant/inventory/InventoryTab";
import { INVENTORY_COLUMNS } from "../../pages/tenant/inventory/InventoryTable";
import { tenantColumnSpecs } from "../../pages/tenants/columns";
import { contentWidth, WINDOWS, type WindowId } from "../../test/windowSizes";
import { resizeBounds, SELECT_COLUMN_WIDTH } from "./columnWidths";
import { type ColumnSpec, countedWidth, fitColumns } from "./fitColumns";

type FittedTable = {
  name: string;
  /** Width as each table renders it: a fixed width, or none for a column that takes the rest. */
  columns: readonly ColumnSpec[];
  /** Width the table has on its page, from the page content's width. */
  available: (content: number) => number;
  /** The columns shown, none hidden by the operator, in each window. */
  expected: Record<WindowId, string[]>;
};

const SYNCS = ["sync_inventory", "sync_policies", "sync_groups", "sync_roles"];

const TABLES: FittedTable[] = [
  {
    name: "Tenants",
    // As a member who may only look at tenants sees it: no selection column.
    columns: tenantColumnSpecs,
    available: (content) => content,
    expected: {
      default: ["name", "status", "connection", ...SYNCS],
      medium: ["name", "status", "connection", ...SYNCS],
      mediumExpanded: ["name", "status", ...SYNCS],
      smallest: ["name", "status", ...SYNCS],
    },
  },
  {
    name: "Tenants (with the selection column)",
    columns: tenantColumnSpecs,
    available: (content) => content - SELECT_COLUMN_WIDTH,
    expected: {
      default: ["name", "status", "connection", ...SYNCS],
      medium: ["name", "status", "connection", ...SYNCS],
      mediumExpanded: ["name", ...SYNCS],
      smallest: ["name", "status", ...SYNCS],
    },
  },
  {
    name: "Operations",
    columns: RUN_COLUMNS,
    available: (content) => content,
    expected: {
      default: ["type", "scope", "state", "created", "progress"],
      medium: ["type", "scope", "state", "created", "progress"],
      mediumExpanded: ["type", "scope", "state", "created"],
      smallest: ["type", "scope", "state", "created", "progress"],
    },
  },
  {
    name: "Inventory",
    columns: INVENTORY_COLUMNS,
    // Beside the type list.
    available: (content) => content - TYPE_LIST_WIDTH - TYPE_LIST_GAP,
    expected: {
      default: ["name", "type", "platform", "last_seen"],
      medium: ["name", "type", "platform", "last_seen"],
      mediumExpanded: ["name", "type"],
      smallest: ["name", "type", "last_seen"],
    },
  },
  {
    name: "Overview",
    columns: OVERVIEW_COLUMNS,
    available: (content) => content,
    expected: {
      default: ["name", "connection", "sync_inventory", "sync_policies", "sync_groups", "failed", "stale", "findings"],
      medium: ["name", "connection", "sync_inventory", "sync_policies", "failed", "stale", "findings"],
      mediumExpanded: ["name", "connection", "failed", "stale", "findings"],
      smallest: ["name", "connection", "sync_inventory", "failed", "stale", "findings"],
    },
  },
  {
    name: "Findings (with the selection column)",
    columns: findingColumns(true),
    available: (content) => content - SELECT_COLUMN_WIDTH,
    expected: {
      default: ["severity", "subject", "kind", "status", "tenant", "last"],
      medium: ["severity", "subject", "kind", "status", "tenant", "last"],
      mediumExpanded: ["severity", "subject", "kind", "status"],
      smallest: ["severity", "subject", "kind", "status", "tenant"],
    },
  },
  {
    name: "Drift tab findings (no tenant column)",
    columns: findingColumns(false),
    available: (content) => content - SELECT_COLUMN_WIDTH,
    expected: {
      default: ["severity", "subject", "kind", "status", "type", "last"],
      medium: ["severity", "subject", "kind", "status", "last"],
      mediumExpanded: ["severity", "subject", "kind", "status"],
      smallest: ["severity", "subject", "kind", "status", "last"],
    },
  },
  {
    name: "Review packs (beside the row actions)",
    columns: PACK_COLUMNS,
    available: (content) => content - PACK_ACTIONS_WIDTH,
    expected: {
      default: ["tenant", "status", "generated", "findings", "expires", "size", "options"],
      medium: ["tenant", "status", "generated", "findings", "expires", "size"],
      mediumExpanded: ["tenant", "status", "generated", "findings"],
      smallest: ["tenant", "status", "generated", "findings", "expires", "size"],
    },
  },
];

describe("the available widths of the window sizes", () => {
  it("leave the page content this much room beside the navigation", () => {
    expect(WINDOWS.map((window) => contentWidth(window.width, window.navigation))).toEqual([985, 913, 729, 849]);
  });
});

describe.each(TABLES)("the $name table", ({ columns, available, expected }) => {
  it("renders each column at the width the fitting counts for it", () => {
    for (const column of columns) {
      if (column.width !== undefined) expect(column.width, column.key).toBe(column.minWidth);
    }
    // The width the others leave goes to the key column (and, on Operations, the scope).
    expect(columns.filter((column) => column.width === undefined).some((column) => column.required === true)).toBe(
      true,
    );
  });

  it.each(WINDOWS)("fits without scrolling sideways at $name", ({ id, width, navigation }) => {
    const room = available(contentWidth(width, navigation));
    const { shown } = fitColumns(columns, new Set(), room);
    const kept = columns.filter((column) => shown.has(column.key));
    // Fixed columns at their widths, and at least its minimum for each column taking the rest.
    const needed = kept.reduce((sum, column) => sum + (column.width ?? column.minWidth), 0);
    expect(needed).toBeLessThanOrEqual(room);
    expect(kept.map((column) => column.key)).toEqual(expected[id]);
  });
});

describe.each(TABLES)("the $name table with resized columns", ({ columns, available }) => {
  it.each(WINDOWS)("lets each shown column grow only as far as the room left at $name", ({ width, navigation }) => {
    const room = available(contentWidth(width, navigation));
    const { shown } = fitColumns(columns, new Set(), room);
    for (const column of columns.filter((candidate) => shown.has(candidate.key) && candidate.required !== true)) {
      const { max } = resizeBounds(columns, shown, {}, room, column.key);
      const widths = { [column.key]: max };
      // As wide as it may be, nothing gives way for it, and the table still fits.
      expect([...fitColumns(columns, new Set(), room, widths).shown], column.key).toEqual([...shown]);
      const needed = columns
        .filter((candidate) => shown.has(candidate.key))
        .reduce((sum, candidate) => sum + countedWidth(candidate, widths), 0);
      expect(needed, column.key).toBeLessThanOrEqual(room);
    }
  });

  it.each(WINDOWS)(
    "counts a column resized in a wider window at its width at $name, less important columns giving way",
    ({ width, navigation }) => {
      const room = available(contentWidth(width, navigation));
      const widened = columns.filter((column) => column.required !== true);
      const widths = Object.fromEntries(widened.map((column) => [column.key, column.minWidth + 60]));
      const { shown } = fitColumns(columns, new Set(), room, widths);
      const kept = columns.filter((column) => shown.has(column.key));
      const needed = kept.reduce((sum, column) => sum + countedWidth(column, widths), 0);
      expect(needed <= room || kept.every((column) => column.required === true)).toBe(true);
      // What gave way matters no more than anything kept.
      const lowestKept = Math.min(...kept.filter((c) => c.required !== true).map((c) => c.priority ?? 0));
      for (const dropped of columns.filter((column) => !shown.has(column.key))) {
        expect(dropped.priority ?? 0, dropped.key).toBeLessThanOrEqual(lowestKept);
      }
      // And each column takes more room than it did, so no more columns show than unresized.
      expect(shown.size).toBeLessThanOrEqual(fitColumns(columns, new Set(), room).shown.size);
    },
  );
});
