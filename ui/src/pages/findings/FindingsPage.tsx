import { Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import type { WorkspaceSummary } from "../../bindings/types";
import { useCurrentWorkspace } from "../../workspace";
import { FindingsList } from "./FindingsList";
import { type FindingsView, readView, writeView } from "./findingsView";

/** Drift findings of every tenant of the workspace (SPEC §6.6), most severe first. */
export function FindingsPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace so a selection and the table's position do not leak across workspaces.
  return <WorkspaceFindings key={current.workspace.id} workspace={current} />;
}

function WorkspaceFindings({ workspace }: { workspace: WorkspaceSummary }) {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: FindingsView) => setParams((current) => writeView(current, next), { replace: true });
  return (
    <Stack gap="md" data-testid="findings-page">
      <Stack gap={2}>
        <Title order={2} size="h3">
          Findings
        </Title>
        <Text size="sm" c="dimmed">
          Where the tenants of {workspace.workspace.name} differ from their baselines: policies missing, unexpected or
          configured differently.
        </Text>
      </Stack>
      <FindingsList workspaceId={workspace.workspace.id} view={view} onChange={setView} />
    </Stack>
  );
}
