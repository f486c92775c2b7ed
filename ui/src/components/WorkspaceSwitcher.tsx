import { ActionIcon, Button, Group, Menu, Stack, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconPlus, IconSelector } from "@tabler/icons-react";
import { type ReactElement, useState } from "react";
import { present, StatusBadge } from "../vocabulary";
import { CreateWorkspaceModal, useCurrentWorkspace } from "../workspace";
import classes from "./WorkspaceSwitcher.module.css";

/**
 * Which workspace every page looks at, and the operator's role in it. Collapsed (the narrow
 * navigation), it is a square with the workspace's initials that opens the same menu.
 */
export function WorkspaceSwitcher({ compact = false }: { compact?: boolean }) {
  const { current } = useCurrentWorkspace();
  const name = current.workspace.name;
  const role = present("role", current.role).label;
  if (compact) {
    return (
      <WorkspaceMenu position="right-start">
        <Tooltip label={`${name} · ${role}`} position="right" withinPortal>
          <ActionIcon
            variant="default"
            size={40}
            aria-label={`Workspace: ${name}`}
            data-testid="workspace-switcher"
            className={classes.initials}
          >
            {initials(name)}
          </ActionIcon>
        </Tooltip>
      </WorkspaceMenu>
    );
  }
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} component="span" id="workspace-switcher-label">
        Workspace
      </Text>
      <WorkspaceMenu position="bottom-start">
        <Button
          variant="default"
          fullWidth
          justify="space-between"
          rightSection={<IconSelector size={14} aria-hidden />}
          aria-labelledby="workspace-switcher-label workspace-switcher"
          id="workspace-switcher"
          classNames={{ label: classes.label }}
          data-testid="workspace-switcher"
        >
          <span className={classes.name}>{name}</span>
        </Button>
      </WorkspaceMenu>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          Your role
        </Text>
        <StatusBadge domain="role" code={current.role} size="xs" />
      </Group>
    </Stack>
  );
}

function WorkspaceMenu({ position, children }: { position: "right-start" | "bottom-start"; children: ReactElement }) {
  const { current, workspaces, select } = useCurrentWorkspace();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Menu position={position} width={position === "bottom-start" ? "target" : 240} withinPortal>
        <Menu.Target>{children}</Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Switch workspace</Menu.Label>
          {workspaces.map((summary) => {
            const selected = summary.workspace.id === current.workspace.id;
            return (
              <Menu.Item
                key={summary.workspace.id}
                onClick={() => select(summary.workspace.id)}
                rightSection={selected ? <IconCheck size={14} aria-hidden /> : undefined}
                aria-current={selected || undefined}
                data-testid="workspace-option"
              >
                {summary.workspace.name}
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="create-workspace"
          >
            Create workspace…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateWorkspaceModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** "Northwind MSP (demo)" → "NM": the first letters of the first two words. */
export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0] ?? "")
    .filter((letter) => letter !== "")
    .slice(0, 2)
    .join("");
  return letters === "" ? "?" : letters.toUpperCase();
}
