import { Badge, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconBuildingSkyscraper, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTenants } from "../api";
import type { TenantId, WorkspaceSummary } from "../bindings/types";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { useCurrentWorkspace } from "../workspace";
import { TenantDrawer } from "./tenants/TenantDrawer";
import { TenantsTable } from "./tenants/TenantsTable";
import { TenantsTableSkeleton } from "./tenants/TenantsTableSkeleton";

export function TenantsPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace so search, sorting and the open drawer do not leak across workspaces.
  return <WorkspaceTenants key={current.workspace.id} workspace={current} />;
}

function WorkspaceTenants({ workspace: current }: { workspace: WorkspaceSummary }) {
  const tenants = useTenants(current.workspace.id);
  const [search, setSearch] = useState("");
  const [drawer, setDrawer] = useState<{ tenantId: TenantId | null; opened: boolean }>({
    tenantId: null,
    opened: false,
  });

  const list = tenants.data;
  const hasTenants = list !== undefined && list.length > 0;

  const body = tenants.isPending ? (
    <TenantsTableSkeleton />
  ) : tenants.isError ? (
    <ErrorState
      title="Tenants could not be loaded"
      message={tenants.error.message}
      onRetry={() => void tenants.refetch()}
      retrying={tenants.isFetching}
    />
  ) : tenants.data.length === 0 ? (
    <EmptyState
      icon={IconBuildingSkyscraper}
      title="No tenants to show"
      description={
        current.all_tenants
          ? "This workspace has no tenants yet."
          : "You are not entitled to any tenants in this workspace. A workspace owner can grant access."
      }
      data-testid="tenants-empty"
    />
  ) : (
    <TenantsTable
      tenants={tenants.data}
      search={search}
      onOpen={(tenantId) => setDrawer({ tenantId, opened: true })}
    />
  );

  return (
    <Stack gap="md" data-testid="tenants-page">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h3">
              Tenants
            </Title>
            {list !== undefined && (
              <Badge variant="default" radius="sm" aria-label={`${list.length} tenants`} data-testid="tenant-count">
                {list.length}
              </Badge>
            )}
          </Group>
          {list?.some((tenant) => tenant.simulated) && (
            <Text size="xs" c="dimmed">
              Tenants marked Simulated are served by the built-in simulated Microsoft cloud, not by Microsoft.
            </Text>
          )}
        </Stack>
        {hasTenants && (
          <TextInput
            w={320}
            size="sm"
            placeholder="Search name, domain or directory ID"
            aria-label="Search tenants"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-testid="tenant-search"
          />
        )}
      </Group>
      {body}
      <TenantDrawer
        tenantId={drawer.tenantId}
        opened={drawer.opened}
        onClose={() => setDrawer((state) => ({ ...state, opened: false }))}
        workspaceName={current.workspace.name}
      />
    </Stack>
  );
}
