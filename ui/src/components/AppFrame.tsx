import { AppShell, Divider, Group, NavLink, Text } from "@mantine/core";
import { IconBuildingSkyscraper, IconUser } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { NavLink as RouterNavLink, useMatch } from "react-router";
import type { AppInfo } from "../bindings/types";
import { HEADER_HEIGHT } from "./layout";
import { StorageBadge } from "./StorageBadge";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** The shell around every page: product header, workspace switcher, and the pages that exist. */
export function AppFrame({ appInfo, children }: { appInfo: AppInfo; children: ReactNode }) {
  const onTenants = useMatch("/tenants/*") !== null;
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
            {/* Reserved for the run progress widget; renders nothing until it exists. */}
            <div id="progress-widget-slot" />
            <StorageBadge backend={appInfo.backend} location={appInfo.database_location} />
            <Group gap={4} wrap="nowrap">
              <IconUser size={16} aria-hidden />
              <Text size="sm" data-testid="current-user">
                {appInfo.user.display_name}
              </Text>
            </Group>
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
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
