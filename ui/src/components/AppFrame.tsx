import { AppShell, Badge, Divider, Group, NavLink, Text, Tooltip } from "@mantine/core";
import {
  IconActivityHeartbeat,
  IconArrowsDiff,
  IconBuildingSkyscraper,
  IconListDetails,
  IconScale,
  IconUser,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { NavLink as RouterNavLink, useMatch } from "react-router";
import { useActiveRunsData } from "../api";
import type { AppInfo } from "../bindings/types";
import { InboxButton } from "../inbox";
import { isLikelyStale, ProgressWidget } from "../runs";
import { present, toneColor } from "../vocabulary";
import { useCan, useCurrentWorkspace } from "../workspace";
import { HEADER_HEIGHT } from "./layout";
import { StorageBadge } from "./StorageBadge";
import { useNow } from "./useNow";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** The shell around every page: product header, inbox, workspace switcher, the pages that exist, and the progress widget. */
export function AppFrame({ appInfo, children }: { appInfo: AppInfo; children: ReactNode }) {
  const { current } = useCurrentWorkspace();
  const can = useCan(current.workspace.id);
  const onTenants = useMatch("/tenants/*") !== null;
  const operationsMatch = useMatch("/operations/*");
  const runMatch = useMatch("/runs/*");
  const onOperations = operationsMatch !== null || runMatch !== null;
  const onAudit = useMatch("/audit/*") !== null;
  const onBaselines = useMatch("/baselines/*") !== null;
  const onFindings = useMatch("/findings/*") !== null;
  return (
    // breakpoint 0: a desktop window never collapses the navigation behind a burger.
    <AppShell header={{ height: HEADER_HEIGHT }} navbar={{ width: 248, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <Text fw={700} size="md">
              TenantAtlas
            </Text>
            <Text size="xs" c="dimmed">
              {appInfo.version}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <StorageBadge backend={appInfo.backend} location={appInfo.database_location} />
            <Group gap={4} wrap="nowrap">
              <IconUser size={16} aria-hidden />
              <Text size="sm" data-testid="current-user">
                {appInfo.user.display_name}
              </Text>
            </Group>
            <InboxButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <WorkspaceSwitcher />
        <Divider my="sm" />
        <NavLink
          component={RouterNavLink}
          to="/tenants"
          label="Tenants"
          active={onTenants}
          leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
        />
        {can("workspace.baselines.view") && (
          <NavLink
            component={RouterNavLink}
            to="/baselines"
            label="Baselines"
            active={onBaselines}
            leftSection={<IconScale size={16} aria-hidden />}
          />
        )}
        {can("tenant.view") && (
          <NavLink
            component={RouterNavLink}
            to="/findings"
            label="Findings"
            active={onFindings}
            leftSection={<IconArrowsDiff size={16} aria-hidden />}
          />
        )}
        {can("operations.view") && (
          <NavLink
            component={RouterNavLink}
            to="/operations"
            label="Operations"
            active={onOperations}
            leftSection={<IconActivityHeartbeat size={16} aria-hidden />}
            rightSection={<ActiveCount workspaceId={current.workspace.id} />}
          />
        )}
        {can("audit.view") && (
          <NavLink
            component={RouterNavLink}
            to="/audit"
            label="Audit log"
            active={onAudit}
            leftSection={<IconListDetails size={16} aria-hidden />}
          />
        )}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      {can("operations.view") && <ProgressWidget workspaceId={current.workspace.id} />}
    </AppShell>
  );
}

/** How many runs are active, beside the Operations entry; in the warning tone when one is likely stale. */
function ActiveCount({ workspaceId }: { workspaceId: string }) {
  const active = useActiveRunsData(workspaceId);
  const now = useNow(5_000).getTime();
  const total = active.data?.total ?? 0;
  if (total === 0) return null;
  const stale = (active.data?.items ?? []).some((row) => isLikelyStale(row.run, now));
  const tone = present("freshness", stale ? "likely_stale" : "fresh_active").tone;
  return (
    <Tooltip label={stale ? "Active runs, some likely stale" : "Active runs"} withinPortal>
      <Badge size="sm" variant="light" color={toneColor(tone)} radius="sm" data-testid="nav-active-count">
        {total.toLocaleString()}
      </Badge>
    </Tooltip>
  );
}
