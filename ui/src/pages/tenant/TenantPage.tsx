import { Button, Group, Stack, Tabs, Text, Title, Tooltip } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useParams, useSearchParams } from "react-router";
import { useLastSyncs, useTenant } from "../../api";
import type { LastSync, SyncKind, Tenant } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { PageHeader } from "../../components/PageHeader";
import { RelativeTime } from "../../components/RelativeTime";
import {
  reasonWords,
  SYNC_KINDS,
  syncActionLabel,
  syncKindLabel,
  UNKNOWN_CONNECTION_REASON,
  useTenantSync,
} from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { useCan, useCurrentWorkspace } from "../../workspace";
import { BackupsTab } from "../backups/BackupsTab";
import { ConnectionBadge, CopyableId, LastSyncCell, SimulatedBadge } from "../tenants/cells";
import { TenantDetails } from "../tenants/TenantDetails";
import { CredentialExpiryAlert, CredentialExpiryLine } from "./CredentialExpiryNotice";
import { CustomerReviewCard } from "./CustomerReviewCard";
import { ChangesTab } from "./changes/ChangesTab";
import { DirectoryRolesTab } from "./DirectoryRolesTab";
import { DriftTab } from "./DriftTab";
import { GroupsTab } from "./GroupsTab";
import { InventoryTab } from "./inventory/InventoryTab";
import { LastSyncProblems } from "./LastSyncProblems";
import { PermissionsCard } from "./PermissionsCard";
import { PermissionsSummary } from "./PermissionsSummary";
import { RbacReportTab } from "./RbacReportTab";
import { ReviewPackCard } from "./ReviewPackCard";
import { TenantManageActions } from "./TenantManageActions";
import { TenantSchedules } from "./TenantSchedules";
import { useVerifyAction } from "./useVerifyAction";

const TABS = ["inventory", "changes", "backups", "drift", "groups", "roles", "rbac", "details"] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return TABS.some((tab) => tab === value);
}

export function TenantPage() {
  const { tenantId = "" } = useParams();
  const tenant = useTenant(tenantId);
  if (tenant.isPending) return <DetailSkeleton data-testid="tenant-loading" />;
  if (tenant.isError) {
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[{ label: "Tenants", to: "/tenants" }, { label: "Tenant" }]} />
        <ErrorState
          title="This tenant could not be loaded"
          message={tenant.error.message}
          onRetry={() => void tenant.refetch()}
          retrying={tenant.isFetching}
        />
      </Stack>
    );
  }
  // Keyed so tab-local state (filters, pages) starts fresh for another tenant.
  return <TenantView key={tenant.data.id} tenant={tenant.data} />;
}

function TenantView({ tenant }: { tenant: Tenant }) {
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab: Tab = isTab(requested) ? requested : "inventory";
  const setTab = (next: string | null) => {
    if (!isTab(next)) return;
    // Only the tab is kept: each tab's own parameters (the Backups tab's open set, …) belong to it.
    setParams(next === "inventory" ? {} : { tab: next }, { replace: true });
  };
  const { current } = useCurrentWorkspace();
  const workspaceName = current.workspace.id === tenant.workspace_id ? current.workspace.name : "";
  const canViewPacks = useCan(tenant.workspace_id)("review_pack.view");

  return (
    <Stack gap="md" data-testid="tenant-page">
      <PageBreadcrumbs items={[{ label: "Tenants", to: "/tenants" }, { label: tenant.display_name }]} />
      <TenantHeader tenant={tenant} onShowPermissions={() => setTab("details")} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="inventory">Inventory</Tabs.Tab>
          <Tabs.Tab value="changes">Changes</Tabs.Tab>
          <Tabs.Tab value="backups">Backups</Tabs.Tab>
          <Tabs.Tab value="drift">Drift</Tabs.Tab>
          <Tabs.Tab value="groups">Groups</Tabs.Tab>
          <Tabs.Tab value="roles">Directory roles</Tabs.Tab>
          <Tabs.Tab value="rbac">RBAC report</Tabs.Tab>
          <Tabs.Tab value="details">Details</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inventory" pt="md">
          <InventoryTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="md">
          <ChangesTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="backups" pt="md">
          <BackupsTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="drift" pt="md">
          <DriftTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="roles" pt="md">
          <DirectoryRolesTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="rbac" pt="md">
          <RbacReportTab tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="md">
          <Stack gap="lg">
            {canViewPacks && <CustomerReviewCard tenant={tenant} />}
            {canViewPacks && <ReviewPackCard tenant={tenant} />}
            <PermissionsCard tenant={tenant} />
            <TenantDetails tenant={tenant} workspaceName={workspaceName} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function TenantHeader({ tenant, onShowPermissions }: { tenant: Tenant; onShowPermissions: () => void }) {
  const can = useCan(tenant.workspace_id);
  const lastSyncs = useLastSyncs(tenant.workspace_id);
  const syncs = new Map<SyncKind, LastSync>(
    (lastSyncs.data ?? []).filter((sync) => sync.tenant_id === tenant.id).map((sync) => [sync.kind, sync]),
  );
  const check = tenant.connection_check;
  // In words only: the code is diagnostics, never the header's copy.
  const reason = check.reason_code === null ? null : reasonWords(check.reason_code, UNKNOWN_CONNECTION_REASON);
  return (
    <Stack gap="sm">
      <PageHeader
        align="start"
        heading={
          <Stack gap={4}>
            <Group gap="xs" align="center">
              <Title order={2} size="h3" data-testid="tenant-name">
                {tenant.display_name}
              </Title>
              <StatusBadge domain="tenant_status" code={tenant.status} />
              {tenant.simulated && <SimulatedBadge size="sm" />}
            </Group>
            <Group gap="md" wrap="wrap">
              <Text size="sm" c={tenant.primary_domain === null ? "dimmed" : undefined}>
                {tenant.primary_domain ?? "No domain recorded"}
              </Text>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  Directory ID
                </Text>
                <CopyableId value={tenant.directory_tenant_id} label="Copy directory tenant ID" />
              </Group>
            </Group>
            <Group gap={6} wrap="wrap" data-testid="connection-summary">
              <ConnectionBadge tenant={tenant} />
              <Text size="xs" c="dimmed">
                {check.checked_at === null ? "Never checked" : "Checked"}
              </Text>
              {check.checked_at !== null && <RelativeTime value={check.checked_at} size="xs" c="dimmed" />}
              {reason !== null && (
                <Text size="xs" c="red" data-testid="connection-reason" data-reason-known={reason.known}>
                  {reason.label}
                </Text>
              )}
              <CredentialExpiryLine tenant={tenant} />
              <PermissionsSummary tenantId={tenant.id} onShow={onShowPermissions} />
            </Group>
          </Stack>
        }
        actions={can("tenant.manage") && <TenantManageActions tenant={tenant} />}
      />
      <CredentialExpiryAlert tenant={tenant} canManage={can("tenant.manage")} />
      {can("tenant.sync") && <SyncBar tenant={tenant} syncs={syncs} />}
      {!can("tenant.sync") && <LastSyncs syncs={syncs} />}
      <TenantSchedules tenant={tenant} canSync={can("tenant.sync")} />
      <LastSyncProblems tenant={tenant} syncs={syncs} />
    </Stack>
  );
}

/** Verify connection and the four syncs, each over when it last completed. */
function SyncBar({ tenant, syncs }: { tenant: Tenant; syncs: Map<SyncKind, LastSync> }) {
  const verify = useVerifyAction(tenant.id);
  const { start, pendingKind } = useTenantSync();
  const inactive =
    tenant.status === "active" ? null : `${tenant.display_name} is ${tenant.status}: reactivate it to sync.`;
  return (
    <Group gap="lg" align="flex-start" wrap="wrap" data-testid="sync-bar">
      <Button
        variant="default"
        leftSection={<IconPlugConnected size={16} aria-hidden />}
        onClick={verify.start}
        loading={verify.checking}
        data-testid="verify-connection"
      >
        Verify connection
      </Button>
      {SYNC_KINDS.map((kind) => (
        <Stack key={kind} gap={2} align="flex-start">
          <Tooltip label={inactive} disabled={inactive === null} withinPortal>
            <Button
              variant={kind === "inventory" ? "filled" : "light"}
              // data-disabled rather than disabled: a disabled button gets no hover, so its
              // tooltip (which says why) would never show.
              onClick={() => inactive === null && void start(tenant, kind)}
              loading={pendingKind === kind}
              data-disabled={inactive !== null || undefined}
              aria-disabled={inactive !== null || undefined}
              data-testid={`sync-${kind}`}
            >
              {syncActionLabel(kind)}
            </Button>
          </Tooltip>
          <Group gap={4} wrap="nowrap" pl={2}>
            <Text size="xs" c="dimmed">
              Last:
            </Text>
            <LastSyncCell sync={syncs.get(kind)} />
          </Group>
        </Stack>
      ))}
    </Group>
  );
}

/** For operators who may look but not sync: when each kind last completed. */
function LastSyncs({ syncs }: { syncs: Map<SyncKind, LastSync> }) {
  return (
    <Group gap="lg">
      {SYNC_KINDS.map((kind) => (
        <Group key={kind} gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {syncKindLabel(kind)}
          </Text>
          <LastSyncCell sync={syncs.get(kind)} />
        </Group>
      ))}
    </Group>
  );
}
