import { Button, Group, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { IconFilterOff, IconScale } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useBaselineProfiles, useFindingsPages, useTenants } from "../../api";
import type { FindingId, FindingSummary, Tenant, WorkspaceId } from "../../bindings/types";
import { ColumnChooser, SELECT_COLUMN_WIDTH, useFittedColumns } from "../../components/columns";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SavedFiltersMenu } from "../../components/savedFilters";
import { slots } from "../../components/slots";
import { TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { useCan } from "../../workspace";
import { usePolicyTypes } from "../baselines/policyTypes";
import { AcknowledgeModal } from "./AcknowledgeModal";
import { FindingDrawer } from "./FindingDrawer";
import { FindingsBulkActions } from "./FindingsBulkActions";
import { FindingsExportMenu } from "./FindingsExportMenu";
import { FindingsFilters } from "./FindingsFilters";
import { FINDINGS_PAGE_SIZE, FindingsTable, findingColumns } from "./FindingsTable";
import {
  cleared,
  type FindingsView,
  formatTotal,
  isFiltered,
  toggleSeverity,
  toQuery,
  VIEW_PARAMS,
} from "./findingsView";
import { RemediateModal } from "./RemediateModal";
import type { RemediationTarget } from "./remediation";
import { SeverityChart } from "./SeverityChart";

type FindingsListProps = {
  workspaceId: WorkspaceId;
  view: FindingsView;
  onChange: (view: FindingsView) => void;
  /** Set on a tenant's own page: the list is that tenant's, and says so. */
  tenant?: Tenant;
};

/**
 * Findings with their filters, the counts by severity (a quick filter too), bulk
 * acknowledgement and remediation, and the finding drawer — the same list on the Findings page
 * and a tenant's Drift tab.
 */
export function FindingsList({ workspaceId, view, onChange, tenant }: FindingsListProps) {
  const locked = tenant === undefined ? view : { ...view, tenants: [tenant.id] };
  const query = toQuery(locked);
  const queryKey = JSON.stringify(query);
  const [first] = useFindingsPages(workspaceId, query, [0], FINDINGS_PAGE_SIZE);
  const can = useCan(workspaceId);
  const tenants = useTenants(workspaceId);
  const profiles = useBaselineProfiles(workspaceId, { enabled: can("workspace.baselines.view") });
  const types = usePolicyTypes();
  const tenantNames = useMemo(() => new Map((tenants.data ?? []).map((t) => [t.id, t.display_name])), [tenants.data]);
  const canAcknowledge = can("tenant.findings.manage");
  // Selected findings are acknowledged or remediated: either lets the member select.
  const canSelect = canAcknowledge || can("tenant.restore.execute");
  const tableId = tenant === undefined ? "findings" : "tenant-findings";
  const columns = useFittedColumns(tableId, findingColumns(tenant === undefined), {
    reserved: canSelect ? SELECT_COLUMN_WIDTH : 0,
  });

  // The open finding lives in the address, so it survives a reload and Back closes nothing else.
  const [params, setParams] = useSearchParams();
  const openId = params.get("finding");
  const setOpen = (id: FindingId | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === null) next.delete("finding");
        else next.set("finding", id);
        return next;
      },
      { replace: true },
    );

  // A selection belongs to the rows it was made on: another query starts with none. The rows are
  // kept as they were shown, so what the selection allows (remediation) can be told without reading.
  const [selectedRows, setSelectedRows] = useState<ReadonlyMap<FindingId, FindingSummary>>(new Map());
  const [selectionKey, setSelectionKey] = useState(queryKey);
  if (selectionKey !== queryKey) {
    setSelectionKey(queryKey);
    setSelectedRows(new Map());
  }
  const selected = useMemo(() => new Set(selectedRows.keys()), [selectedRows]);
  const select = (rows: FindingSummary[], on: boolean) =>
    setSelectedRows((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (on) next.set(row.id, row);
        else next.delete(row.id);
      }
      return next;
    });
  const [acknowledging, setAcknowledging] = useState<FindingId[]>([]);
  const [remediating, setRemediating] = useState<RemediationTarget | null>(null);
  const tenantName = (id: string) => tenantNames.get(id) ?? (tenant?.id === id ? tenant.display_name : "the tenant");

  const filtered = isFiltered(locked, { tenants: tenant !== undefined });
  const clear = () => onChange(cleared(tenant === undefined ? {} : { tenants: [tenant.id] }));

  const drawer = <FindingDrawer findingId={openId} onClose={() => setOpen(null)} onRemediate={setRemediating} />;
  const remediateModal = (
    <RemediateModal workspaceId={workspaceId} target={remediating} onClose={() => setRemediating(null)} />
  );
  if (first === undefined || first.isPending) return <ListSkeleton />;
  if (first.isError) {
    return (
      <ErrorState
        title="Findings could not be loaded"
        message={first.error.message}
        onRetry={() => void first.refetch()}
        retrying={first.isFetching}
      />
    );
  }
  const { total } = first.data.page;
  // A finding opened by its address is shown even when the list around it is empty.
  if (total === 0 && !filtered) {
    return (
      <>
        <NoDrift tenant={tenant} />
        {drawer}
        {remediateModal}
      </>
    );
  }

  return (
    <Stack gap="sm" data-testid="findings-list" ref={columns.ref}>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Paper withBorder radius="md" p={6} w={300} style={{ flexShrink: 0 }}>
          <SeverityChart
            counts={first.data.severity_counts}
            selected={locked.severities}
            onToggle={(severity) => onChange(toggleSeverity(view, severity))}
          />
        </Paper>
        <FindingsFilters
          view={locked}
          onChange={onChange}
          types={types}
          tenants={tenant === undefined ? (tenants.data ?? []) : null}
          profiles={profiles.data ?? []}
        >
          <SavedFiltersMenu
            tableId={tableId}
            table="Findings"
            // A tenant's own list is always that tenant's: its saved filters never name one.
            params={tenant === undefined ? VIEW_PARAMS : VIEW_PARAMS.filter((name) => name !== "tenant")}
          />
        </FindingsFilters>
      </Group>
      <Group justify="space-between" gap="xs" mih={30} wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" c="dimmed" data-testid="findings-total">
            {formatTotal(total, first.data.total_cap)} {total === 1 ? "finding" : "findings"}
            {filtered ? " match" : ""}
          </Text>
          {filtered && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconFilterOff size={14} aria-hidden />}
              onClick={clear}
              data-testid="findings-clear"
            >
              Clear filters
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {canSelect && (
            <FindingsBulkActions
              workspaceId={workspaceId}
              selected={[...selectedRows.values()]}
              canAcknowledge={canAcknowledge}
              onClear={() => setSelectedRows(new Map())}
              onAcknowledge={() => setAcknowledging([...selected])}
              onRemediate={(ok) =>
                setRemediating({
                  tenantId: ok.tenantId,
                  tenantName: tenantName(ok.tenantId),
                  findings: [...selectedRows.values()],
                })
              }
            />
          )}
          {total > 0 && (
            <FindingsExportMenu
              workspaceId={workspaceId}
              name={tenant === undefined ? "findings" : `${tenant.display_name}-findings`}
              query={query}
              types={types}
              tenantNames={tenantNames}
              choices={columns.choices}
              selected={selected}
            />
          )}
          {total > 0 && <ColumnChooser table="Findings" visibility={columns} />}
        </Group>
      </Group>
      {total === 0 ? (
        <EmptyState
          icon={IconFilterOff}
          title="No findings match these filters"
          description="No finding has that severity, kind, status, type, tenant, baseline or name. Change or clear the filters."
          action={
            <Button variant="default" onClick={clear}>
              Clear filters
            </Button>
          }
          data-testid="findings-no-match"
        />
      ) : (
        <FindingsTable
          workspaceId={workspaceId}
          query={query}
          first={first.data}
          types={types}
          tenantNames={tenantNames}
          showTenant={tenant === undefined}
          layout={columns}
          selection={canSelect ? { selected, onSelect: select } : null}
          onOpen={(row) => setOpen(row.id)}
        />
      )}
      {drawer}
      {remediateModal}
      <AcknowledgeModal
        findingIds={acknowledging}
        onClose={() => setAcknowledging([])}
        onDone={(response) =>
          setSelectedRows((current) => {
            const next = new Map(current);
            for (const id of response.acknowledged) next.delete(id);
            return next;
          })
        }
      />
    </Stack>
  );
}

/** Nothing open or acknowledged at all: says what findings come from. */
function NoDrift({ tenant }: { tenant: Tenant | undefined }) {
  return (
    <EmptyState
      icon={IconScale}
      title="No drift found"
      description={
        tenant === undefined
          ? "Findings appear here when a compare finds a tenant different from its baseline. Compare tenants against a baseline to see their drift."
          : `No open or acknowledged drift for ${tenant.display_name}. Compare it against its baseline to check again.`
      }
      action={
        tenant === undefined ? (
          <Button component={Link} to="/baselines" variant="default">
            Go to baselines
          </Button>
        ) : undefined
      }
      data-testid="findings-empty"
    />
  );
}

function ListSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading findings" data-testid="findings-loading">
      <Table.Tbody>
        {slots(8).map((row) => (
          <Table.Tr key={row} style={{ height: TABLE_ROW_HEIGHT }}>
            {slots(6).map((cell) => (
              <Table.Td key={cell}>
                <Skeleton height={12} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
