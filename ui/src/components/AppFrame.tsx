import { ActionIcon, AppShell, Divider, Group, Text, Tooltip } from "@mantine/core";
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { AppInfo } from "../bindings/types";
import { InboxButton } from "../inbox";
import { FrameShortcuts } from "../keyboard";
import { ProgressWidget } from "../runs";
import { useCan, useCurrentWorkspace } from "../workspace";
import { MainNav } from "./frame/MainNav";
import { UpdateBadge } from "./frame/UpdateBadge";
import { UserMenu } from "./frame/UserMenu";
import { useNavCollapsed } from "./frame/useNavCollapsed";
import { HEADER_HEIGHT } from "./layout";
import { StorageBadge } from "./StorageBadge";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** Width of the navigation, expanded and as icons. */
export const NAV_WIDTH = { expanded: 248, collapsed: 64 } as const;

/**
 * The shell around every page: product header (with the version and any update on offer, the
 * command palette and the keyboard shortcuts, the operator's menu with About), inbox, workspace
 * switcher, the pages that exist, and the progress widget.
 */
export function AppFrame({ appInfo, children }: { appInfo: AppInfo; children: ReactNode }) {
  const { current } = useCurrentWorkspace();
  const can = useCan(current.workspace.id);
  const { collapsed, toggle } = useNavCollapsed();
  const toggleLabel = collapsed ? "Expand navigation" : "Collapse navigation";
  return (
    // breakpoint 0: a desktop window never hides the navigation behind a burger; it narrows to icons.
    <AppShell
      header={{ height: HEADER_HEIGHT }}
      navbar={{ width: collapsed ? NAV_WIDTH.collapsed : NAV_WIDTH.expanded, breakpoint: 0 }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <Tooltip label={toggleLabel} withinPortal>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={toggle}
                aria-label={toggleLabel}
                aria-expanded={!collapsed}
                aria-controls="main-navigation"
                data-testid="nav-toggle"
              >
                {collapsed ? (
                  <IconLayoutSidebarLeftExpand size={18} aria-hidden />
                ) : (
                  <IconLayoutSidebarLeftCollapse size={18} aria-hidden />
                )}
              </ActionIcon>
            </Tooltip>
            <Text fw={700} size="md">
              TenantAtlas
            </Text>
            <Text size="xs" c="dimmed">
              {appInfo.version}
            </Text>
            <UpdateBadge appInfo={appInfo} />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <FrameShortcuts workspaceId={current.workspace.id} />
            <StorageBadge backend={appInfo.backend} location={appInfo.database_location} />
            <UserMenu user={appInfo.user} />
            <InboxButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p={collapsed ? "xs" : "sm"}
        id="main-navigation"
        aria-label="Main navigation"
        data-collapsed={collapsed || undefined}
        data-testid="main-navigation"
      >
        <WorkspaceSwitcher compact={collapsed} />
        <Divider my="sm" />
        <MainNav workspaceId={current.workspace.id} collapsed={collapsed} />
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      {can("operations.view") && <ProgressWidget workspaceId={current.workspace.id} />}
    </AppShell>
  );
}
