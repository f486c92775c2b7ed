import { useLocalStorage } from "@mantine/hooks";
import type { WorkspaceId, WorkspaceSummary } from "../bindings/types";

const STORAGE_KEY = "tenantatlas.selected-workspace";

/** The workspace the operator last chose, remembered across restarts. */
export function useSelectedWorkspaceId() {
  return useLocalStorage<WorkspaceId | null>({
    key: STORAGE_KEY,
    defaultValue: null,
    // No server rendering here, so read synchronously and avoid a first frame on the wrong workspace.
    getInitialValueInEffect: false,
  });
}

/** The remembered workspace if the operator still belongs to it, else the first one. */
export function pickWorkspace(
  workspaces: readonly [WorkspaceSummary, ...WorkspaceSummary[]],
  selectedId: WorkspaceId | null,
): WorkspaceSummary {
  return workspaces.find((summary) => summary.workspace.id === selectedId) ?? workspaces[0];
}
