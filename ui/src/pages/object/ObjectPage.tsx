import { Badge, Button, Group, Stack, Tabs, Text, Title, Tooltip } from "@mantine/core";
import { IconArrowsLeftRight, IconFileSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useInventoryObject, useTenant } from "../../api";
import type { InventoryObjectDetail, Tenant } from "../../bindings/types";
import { DetailSkeleton } from "../../components/DetailSkeleton";
import { ErrorState } from "../../components/ErrorState";
import { PageBreadcrumbs } from "../../components/PageBreadcrumbs";
import { PageHeader } from "../../components/PageHeader";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink } from "../../runs";
import { platformLabel } from "../tenant/inventory/inventoryView";
import { SyncEmptyState } from "../tenant/SyncEmptyState";
import { CopyableId, SimulatedBadge } from "../tenants/cells";
import { AssignmentsTable } from "./AssignmentsTable";
import { CompareAcrossModal } from "./CompareAcrossModal";
import { ExportVersionButton } from "./ExportVersionButton";
import { isObjectTab, type ObjectTab, SETTING_PARAM, TAB_PARAM } from "./objectLinks";
import { ReadableSettings } from "./ReadableSettings";
import { TargetingTable } from "./TargetingTable";
import { VersionHistory } from "./VersionHistory";

/** One inventory object: what it is, its configuration as last captured, and its history. */
export function ObjectPage() {
  const { tenantId = "", itemId = "" } = useParams();
  const tenant = useTenant(tenantId);
  const detail = useInventoryObject(tenantId, itemId);
  const crumbs = [
    { label: "Tenants", to: "/tenants" },
    { label: tenant.data?.display_name ?? "Tenant", to: `/tenants/${tenantId}` },
  ];

  if (detail.isPending || tenant.isPending) return <DetailSkeleton data-testid="object-loading" />;
  if (detail.isError || tenant.isError) {
    const error = detail.error ?? tenant.error;
    return (
      <Stack gap="md">
        <PageBreadcrumbs items={[...crumbs, { label: "Object" }]} />
        <ErrorState
          title="This object could not be loaded"
          message={error?.message ?? ""}
          onRetry={() => {
            void detail.refetch();
            void tenant.refetch();
          }}
          retrying={detail.isFetching || tenant.isFetching}
        />
      </Stack>
    );
  }
  return (
    // Keyed so another object's page starts fresh (its tab, its settings filter, a closed comparison).
    <Stack gap="md" data-testid="object-page" key={`${tenantId}/${itemId}`}>
      <PageBreadcrumbs items={[...crumbs, { label: detail.data.item.display_name }]} />
      <ObjectHeader detail={detail.data} tenant={tenant.data} />
      <ObjectBody detail={detail.data} tenant={tenant.data} />
    </Stack>
  );
}

function ObjectHeader({ detail, tenant }: { detail: InventoryObjectDetail; tenant: Tenant }) {
  const newest = detail.versions[0];
  return (
    <PageHeader
      align="start"
      heading={<ObjectIdentity detail={detail} tenant={tenant} />}
      actions={
        newest !== undefined && (
          <Group gap="sm">
            <ExportVersionButton version={newest} />
            <CompareAcrossButton detail={detail} tenant={tenant} />
          </Group>
        )
      }
    />
  );
}

/** Opens the comparison with an object of another tenant. */
function CompareAcrossButton({ detail, tenant }: { detail: InventoryObjectDetail; tenant: Tenant }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconArrowsLeftRight size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="compare-across-open"
      >
        Compare with another tenant…
      </Button>
      <CompareAcrossModal opened={opened} onClose={() => setOpened(false)} tenant={tenant} detail={detail} />
    </>
  );
}

function ObjectIdentity({ detail, tenant }: { detail: InventoryObjectDetail; tenant: Tenant }) {
  const { item } = detail;
  const platform = platformLabel(item.platform);
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Badge variant="light" color="blue" radius="sm" data-testid="object-type">
          {detail.type_label}
        </Badge>
        {platform !== null && (
          <Badge variant="default" radius="sm">
            {platform}
          </Badge>
        )}
        {tenant.simulated && <SimulatedBadge size="sm" />}
        {item.removed_at !== null && (
          <Tooltip label="A complete inventory sync no longer found this object in the tenant." withinPortal>
            <Badge variant="light" color="red" radius="sm" data-testid="object-removed">
              Removed
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Title order={2} size="h3" data-testid="object-name">
        {item.display_name}
      </Title>
      <Group gap="lg" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            Graph ID
          </Text>
          <CopyableId value={item.external_id} label="Copy Graph object ID" />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            First seen
          </Text>
          <RelativeTime value={item.first_seen_at} size="xs" />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            Last seen
          </Text>
          <RelativeTime value={item.last_seen_at} size="xs" />
          {item.last_run_id !== null && <RunLink runId={item.last_run_id} label="by this run" />}
        </Group>
        {item.removed_at !== null && (
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="red">
              Removed since
            </Text>
            <RelativeTime value={item.removed_at} size="xs" c="red" />
          </Group>
        )}
      </Group>
    </Stack>
  );
}

function ObjectBody({ detail, tenant }: { detail: InventoryObjectDetail; tenant: Tenant }) {
  if (detail.latest === null || detail.readable === null || detail.versions.length === 0) {
    return (
      <SyncEmptyState
        tenant={tenant}
        kind="policies"
        icon={IconFileSearch}
        title="No configuration captured yet"
        description="The inventory knows this object exists, but its settings and assignments have not been read. Run Sync policies to capture this object's configuration as its first version."
        data-testid="object-no-version"
      />
    );
  }
  return <ObjectTabs detail={detail} tenant={tenant} latest={detail.latest} readable={detail.readable} />;
}

/** Which tab the address asks for, if this object has it; the configuration otherwise. */
function shownTab(requested: string | null, targeting: InventoryObjectDetail["targeting"]): ObjectTab {
  if (!isObjectTab(requested)) return "configuration";
  if (requested === "assignments" && targeting !== "assignments") return "configuration";
  if (requested === "targeting" && (targeting === "assignments" || targeting === "not_targeted")) {
    return "configuration";
  }
  return requested;
}

type ObjectTabsProps = {
  detail: InventoryObjectDetail;
  tenant: Tenant;
  latest: NonNullable<InventoryObjectDetail["latest"]>;
  readable: NonNullable<InventoryObjectDetail["readable"]>;
};

/**
 * The object's configuration, whom it applies to and its versions. The tab is kept in the
 * address (`tab`), so a link can open on the version history with a pair compared.
 */
function ObjectTabs({ detail, tenant, latest, readable }: ObjectTabsProps) {
  const { versions, targeting } = detail;
  const [params, setParams] = useSearchParams();
  const tab = shownTab(params.get(TAB_PARAM), targeting);
  const setTab = (next: string | null) => {
    if (!isObjectTab(next)) return;
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === "configuration") updated.delete(TAB_PARAM);
        else updated.set(TAB_PARAM, next);
        // The settings filter a link brought was for that first look; the ticked versions stay.
        updated.delete(SETTING_PARAM);
        return updated;
      },
      { replace: true },
    );
  };
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="configuration">Configuration</Tabs.Tab>
        {targeting === "assignments" && (
          <Tabs.Tab value="assignments">Assignments ({readable.assignments.length})</Tabs.Tab>
        )}
        {targeting !== "assignments" && targeting !== "not_targeted" && (
          <Tabs.Tab value="targeting">Applies to</Tabs.Tab>
        )}
        <Tabs.Tab value="versions">Versions ({versions.length})</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="configuration" pt="md">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Version {latest.version_number}, captured <RelativeTime value={latest.captured_at} size="sm" />.
          </Text>
          <ReadableSettings
            settings={readable.settings}
            content={latest.content}
            initialFilter={params.get(SETTING_PARAM) ?? ""}
          />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="assignments" pt="md">
        <AssignmentsTable assignments={readable.assignments} />
      </Tabs.Panel>
      <Tabs.Panel value="targeting" pt="md">
        <TargetingTable rows={readable.targeting} />
      </Tabs.Panel>
      <Tabs.Panel value="versions" pt="md">
        <VersionHistory tenantId={tenant.id} versions={versions} />
      </Tabs.Panel>
    </Tabs>
  );
}
