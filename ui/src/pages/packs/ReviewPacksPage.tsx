import { Anchor, Button, Group, Select, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingSkyscraper, IconFileZip, IconSettings, IconShieldSearch } from "@tabler/icons-react";
import { type ReactNode, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { type PackCheck, useReviewPackPages, useTenants } from "../../api";
import type { ReviewPackView, Tenant, WorkspaceSummary } from "../../bindings/types";
import { ColumnChooser, useFittedColumns } from "../../components/columns";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { slots } from "../../components/slots";
import { TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { toApiError, usePlatform } from "../../platform";
import { useCan, useCurrentWorkspace } from "../../workspace";
import { PackSettingsModal } from "./PackSettingsModal";
import { PACK_ACTIONS_WIDTH, PACK_COLUMNS, PACKS_PAGE_SIZE, PacksTable } from "./PacksTable";
import { newPackCheck, PackVerificationModal } from "./PackVerificationModal";
import { usePackSave } from "./usePackSave";

/**
 * The workspace's review packs (SPEC §8.3), newest first: save a ready one, verify a saved copy
 * or any pack file, and see or change the workspace's pack settings. `?tenant=` narrows the
 * list to one tenant's packs.
 */
export function ReviewPacksPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace: a filter, an open dialog or the table's position must not carry over.
  return <WorkspacePacks key={current.workspace.id} workspace={current} />;
}

function WorkspacePacks({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const can = useCan(workspaceId);
  const platform = usePlatform();
  const navigate = useNavigate();
  const tenants = useTenants(workspaceId);
  const [params, setParams] = useSearchParams();
  const tenantId = params.get("tenant");
  const [first] = useReviewPackPages(workspaceId, tenantId, [0], PACKS_PAGE_SIZE);
  const columns = useFittedColumns("review-packs", PACK_COLUMNS, { reserved: PACK_ACTIONS_WIDTH });
  const { saveAs, saving } = usePackSave(workspaceId);
  const [check, setCheck] = useState<{ check: PackCheck; expected: ReviewPackView | null } | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const tenantsById = useMemo(() => new Map((tenants.data ?? []).map((t) => [t.id, t])), [tenants.data]);

  const setTenant = (next: string | null) =>
    setParams(
      (currentParams) => {
        const updated = new URLSearchParams(currentParams);
        if (next === null) updated.delete("tenant");
        else updated.set("tenant", next);
        return updated;
      },
      { replace: true },
    );

  /** The system's open dialog, then the check of the file chosen (against this workspace's key). */
  const verifyFile = async (expected: ReviewPackView | null) => {
    let path: string | null;
    try {
      path = await platform.chooseOpenFile();
    } catch (reason) {
      notifications.show({
        color: "red",
        title: "No file could be chosen",
        message: toApiError(reason).message,
        autoClose: false,
      });
      return;
    }
    if (path !== null) setCheck({ check: newPackCheck(path, workspaceId), expected });
  };

  const header = (
    <PageHeader
      heading={
        <Stack gap={2}>
          <Title order={2} size="h3">
            Review packs
          </Title>
          <Text size="sm" c="dimmed">
            Signed ZIPs of each tenant&apos;s configuration, open findings and privileged access in{" "}
            {workspace.workspace.name}, for customer meetings. Save a ready pack, or check any pack file you are given.
          </Text>
        </Stack>
      }
      actions={
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            leftSection={<IconShieldSearch size={16} aria-hidden />}
            onClick={() => void verifyFile(null)}
            data-testid="verify-pack-file"
          >
            Verify a pack file…
          </Button>
          <Button
            variant="default"
            leftSection={<IconSettings size={16} aria-hidden />}
            onClick={() => setSettingsOpen(true)}
            data-testid="pack-settings"
          >
            Settings
          </Button>
        </Group>
      }
    />
  );

  let body: ReactNode;
  if (first === undefined || first.isPending) body = <ListSkeleton />;
  else if (first.isError) {
    body = (
      <ErrorState
        title="The review packs could not be loaded"
        message={first.error.message}
        onRetry={() => void first.refetch()}
        retrying={first.isFetching}
      />
    );
  } else if (first.data.total === 0 && tenantId === null) {
    body = (
      <EmptyState
        icon={IconFileZip}
        title="No review packs yet"
        description="Generate one from a tenant's page: open the tenant, then its Details tab, and choose Generate review pack. Every pack of the workspace is listed here."
        action={
          <Button
            component={Link}
            to="/tenants"
            variant="default"
            leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
          >
            Go to tenants
          </Button>
        }
        data-testid="packs-empty"
      />
    );
  } else {
    body = (
      <Stack gap="sm" ref={columns.ref}>
        <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
          <Group gap="sm" align="flex-end">
            <Select
              label="Tenant"
              placeholder="Every tenant"
              data={tenantOptions(tenants.data ?? [], tenantId)}
              value={tenantId}
              onChange={setTenant}
              clearable
              searchable
              nothingFoundMessage="No tenant by that name"
              w={260}
              data-testid="packs-tenant-filter"
            />
            <Text size="sm" c="dimmed" pb={8} data-testid="packs-total">
              {first.data.total.toLocaleString()} {first.data.total === 1 ? "pack" : "packs"}
            </Text>
          </Group>
          {first.data.total > 0 && <ColumnChooser table="Review packs" visibility={columns} />}
        </Group>
        {first.data.total === 0 ? (
          <NoPacksOfTenant
            tenant={tenantId === null ? undefined : tenantsById.get(tenantId)}
            onClear={() => setTenant(null)}
          />
        ) : (
          <PacksTable
            workspaceId={workspaceId}
            tenantId={tenantId}
            first={first.data}
            layout={columns}
            savingId={saving}
            actions={{
              onSave: (view) => void saveAs(view),
              onVerify: (view) => void verifyFile(view),
              onOpenRun: (view) => {
                if (view.pack.run_id !== null) void navigate(`/runs/${view.pack.run_id}`);
              },
            }}
          />
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="packs-page">
      {header}
      {body}
      <PackVerificationModal
        check={check?.check ?? null}
        expected={check?.expected ?? null}
        onClose={() => setCheck(null)}
      />
      <PackSettingsModal
        workspaceId={workspaceId}
        opened={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        canManage={can("review_pack.manage")}
      />
    </Stack>
  );
}

/** The workspace's tenants by name; a tenant in the address that is not listed is still shown as chosen. */
function tenantOptions(tenants: Tenant[], chosen: string | null) {
  const options = [...tenants]
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .map((tenant) => ({ value: tenant.id, label: tenant.display_name }));
  if (chosen !== null && !options.some((option) => option.value === chosen)) {
    options.push({ value: chosen, label: "Selected tenant" });
  }
  return options;
}

function NoPacksOfTenant({ tenant, onClear }: { tenant: Tenant | undefined; onClear: () => void }) {
  return (
    <Stack gap="xs" align="flex-start" data-testid="packs-none-for-tenant">
      <Text size="sm" c="dimmed">
        No review pack of {tenant?.display_name ?? "this tenant"} yet.{" "}
        {tenant !== undefined && (
          <Anchor component={Link} to={`/tenants/${encodeURIComponent(tenant.id)}?tab=details`} size="sm">
            Generate one on its page
          </Anchor>
        )}
      </Text>
      <Anchor component="button" type="button" size="sm" onClick={onClear}>
        Show every pack
      </Anchor>
    </Stack>
  );
}

function ListSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading review packs" data-testid="packs-loading">
      <Table.Tbody>
        {slots(6).map((row) => (
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
