import { Group, Select, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { StatusBadge } from "../vocabulary";
import { useCurrentWorkspace } from "../workspace";

export function WorkspaceSwitcher() {
  const { current, workspaces, select } = useCurrentWorkspace();
  const options = useMemo(
    () => workspaces.map((summary) => ({ value: summary.workspace.id, label: summary.workspace.name })),
    [workspaces],
  );
  return (
    <Stack gap={6}>
      <Select
        label="Workspace"
        data={options}
        value={current.workspace.id}
        onChange={(id) => id !== null && select(id)}
        allowDeselect={false}
        checkIconPosition="right"
        size="sm"
        data-testid="workspace-switcher"
      />
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          Your role
        </Text>
        <StatusBadge domain="role" code={current.role} size="xs" />
      </Group>
    </Stack>
  );
}
