import { Button, Group, Select, Skeleton, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { IconFilterOff, IconSearch } from "@tabler/icons-react";
import { useMemo } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useInventoryCounts, useInventoryPages, useObjectTypes } from "../../../api";
import type { InventoryItem, Tenant } from "../../../bindings/types";
import { ColumnChooser, useFittedColumns } from "../../../components/columns";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { SavedFiltersMenu } from "../../../components/savedFilters";
import { slots } from "../../../components/slots";
import { useDebouncedSearch } from "../../../components/useDebouncedSearch";
import { TABLE_ROW_HEIGHT } from "../../../components/useVirtualGrid";
import { InventoryExportMenu } from "./InventoryExportMenu";
import { INVENTORY_COLUMNS, InventoryTable, PAGE_SIZE } from "./InventoryTable";
import { type InventoryView, isFiltered, nextSort, PLATFORMS, readView, VIEW_PARAMS, writeView } from "./inventoryView";
import { NoInventory } from "./NoInventory";
import { TypeList } from "./TypeList";

/** The type list beside the table, and the gap between them (px): the table gets the rest. */
export const TYPE_LIST_WIDTH = 230;
export const TYPE_LIST_GAP = 20;

export function InventoryTab({ tenant }: { tenant: Tenant }) {
  const counts = useInventoryCounts(tenant.id);
  const objectTypes = useObjectTypes();
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: InventoryView) => setParams((current) => writeView(current, next), { replace: true });

  if (counts.isPending || objectTypes.isPending) return <InventorySkeleton />;
  if (counts.isError || objectTypes.isError) {
    const error = counts.error ?? objectTypes.error;
    return (
      <ErrorState
        title="The inventory could not be loaded"
        message={error?.message ?? ""}
        onRetry={() => {
          void counts.refetch();
          void objectTypes.refetch();
        }}
        retrying={counts.isFetching || objectTypes.isFetching}
      />
    );
  }
  const stored = counts.data.reduce((sum, count) => sum + count.active + count.removed, 0);
  if (stored === 0) return <NoInventory tenant={tenant} />;

  return (
    <Group align="flex-start" gap={TYPE_LIST_GAP} wrap="nowrap" data-testid="inventory-tab">
      <div style={{ width: TYPE_LIST_WIDTH, flexShrink: 0 }}>
        <TypeList
          types={objectTypes.data}
          counts={counts.data}
          selected={view.object_types}
          includeRemoved={view.include_removed}
          onChange={(object_types) => setView({ ...view, object_types })}
        />
      </div>
      <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
        <InventoryFilters view={view} onChange={setView} />
        <InventoryResults tenant={tenant} view={view} onChange={setView} types={objectTypes.data} />
      </Stack>
    </Group>
  );
}

function InventoryFilters({ view, onChange }: { view: InventoryView; onChange: (view: InventoryView) => void }) {
  const [text, setText] = useDebouncedSearch(view, onChange);

  return (
    <Group gap="sm" wrap="wrap" data-testid="inventory-filters">
      <TextInput
        w={280}
        placeholder="Search by name"
        aria-label="Search inventory"
        leftSection={<IconSearch size={14} aria-hidden />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        data-testid="inventory-search"
      />
      <Select
        w={170}
        placeholder="All platforms"
        aria-label="Platform"
        data={PLATFORMS}
        value={view.platform}
        onChange={(platform) => onChange({ ...view, platform })}
        clearable
        data-testid="inventory-platform"
      />
      <Switch
        label="Include removed"
        checked={view.include_removed}
        onChange={(event) => onChange({ ...view, include_removed: event.currentTarget.checked })}
        data-testid="inventory-include-removed"
      />
      <SavedFiltersMenu tableId="inventory" table="Inventory" params={VIEW_PARAMS} />
    </Group>
  );
}

type ResultsProps = {
  tenant: Tenant;
  view: InventoryView;
  onChange: (view: InventoryView) => void;
  types: { key: string; label: string; category: string }[];
};

function InventoryResults({ tenant, view, onChange, types }: ResultsProps) {
  const navigate = useNavigate();
  const typeMap = useMemo(() => new Map(types.map((type) => [type.key, type])), [types]);
  const [first] = useInventoryPages(tenant.id, view, [0], PAGE_SIZE);
  const columns = useFittedColumns("inventory", INVENTORY_COLUMNS);
  const open = (item: InventoryItem) => navigate(`/tenants/${tenant.id}/objects/${item.id}`);
  const clear = () => onChange({ ...view, object_types: [], platform: null, search: null, include_removed: false });

  // Measured while the skeleton shows, so the first render with rows already fits its columns.
  if (first === undefined || first.isPending) {
    return (
      <div ref={columns.ref}>
        <TableSkeleton />
      </div>
    );
  }
  if (first.isError) {
    return (
      <ErrorState
        title="These objects could not be loaded"
        message={first.error.message}
        onRetry={() => void first.refetch()}
        retrying={first.isFetching}
      />
    );
  }
  const total = first.data.total;
  return (
    <Stack gap="xs" ref={columns.ref}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="inventory-total">
            {total.toLocaleString()} {total === 1 ? "object" : "objects"}
            {isFiltered(view) ? " match" : ""}
          </Text>
          {isFiltered(view) && (
            <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={clear}>
              Clear filters
            </Button>
          )}
        </Group>
        {total > 0 && (
          <Group gap="xs" wrap="nowrap">
            <InventoryExportMenu tenant={tenant} query={view} types={typeMap} choices={columns.choices} />
            <ColumnChooser table="Inventory" visibility={columns} />
          </Group>
        )}
      </Group>
      {total === 0 ? (
        <EmptyState
          icon={IconFilterOff}
          title="No objects match these filters"
          description="Nothing in this tenant's inventory has that type, platform or name. Change or clear the filters."
          action={
            <Button variant="default" onClick={clear}>
              Clear filters
            </Button>
          }
          data-testid="inventory-no-match"
        />
      ) : (
        <InventoryTable
          tenantId={tenant.id}
          query={view}
          types={typeMap}
          first={first.data}
          layout={columns}
          onOpen={open}
          onSort={(key) => onChange({ ...view, sort: nextSort(view.sort, key) })}
        />
      )}
    </Stack>
  );
}

function InventorySkeleton() {
  return (
    <Group align="flex-start" gap="lg" wrap="nowrap" data-testid="inventory-loading" aria-busy="true">
      <Stack gap={8} w={250}>
        {slots(8).map((line) => (
          <Skeleton key={line} height={16} radius="sm" />
        ))}
      </Stack>
      <div style={{ flex: 1 }}>
        <TableSkeleton />
      </div>
    </Group>
  );
}

function TableSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading inventory" data-testid="inventory-table-loading">
      <Table.Tbody>
        {slots(10).map((row) => (
          <Table.Tr key={row} style={{ height: TABLE_ROW_HEIGHT }}>
            {INVENTORY_COLUMNS.map((column) => (
              <Table.Td key={column.key}>
                <Skeleton height={12} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
