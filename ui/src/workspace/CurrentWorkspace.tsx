import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Capability, WorkspaceId, WorkspaceSummary } from "../bindings/types";
import { pickWorkspace, useSelectedWorkspaceId } from "./selectedWorkspace";

type CurrentWorkspace = {
  current: WorkspaceSummary;
  workspaces: readonly WorkspaceSummary[];
  select: (id: WorkspaceId) => void;
};

const CurrentWorkspaceContext = createContext<CurrentWorkspace | null>(null);

/** Holds which of the operator's workspaces every page is looking at. */
export function CurrentWorkspaceProvider({
  workspaces,
  children,
}: {
  workspaces: readonly [WorkspaceSummary, ...WorkspaceSummary[]];
  children: ReactNode;
}) {
  const [selectedId, setSelectedId] = useSelectedWorkspaceId();
  const value = useMemo(
    () => ({ current: pickWorkspace(workspaces, selectedId), workspaces, select: setSelectedId }),
    [workspaces, selectedId, setSelectedId],
  );
  return <CurrentWorkspaceContext.Provider value={value}>{children}</CurrentWorkspaceContext.Provider>;
}

export function useCurrentWorkspace(): CurrentWorkspace {
  const value = useContext(CurrentWorkspaceContext);
  if (value === null) throw new Error("useCurrentWorkspace() needs a <CurrentWorkspaceProvider> above it");
  return value;
}

/** The workspace on screen, or null outside the workspace pages (the first run). */
export function useCurrentWorkspaceId(): WorkspaceId | null {
  return useContext(CurrentWorkspaceContext)?.current.workspace.id ?? null;
}

/**
 * What the operator may do in a workspace (the one a record belongs to, which a deep link may
 * make different from the selected one). Display only: the backend checks every command.
 */
export function useCan(workspaceId: WorkspaceId): (capability: Capability) => boolean {
  const { current, workspaces } = useCurrentWorkspace();
  const summary = workspaces.find((w) => w.workspace.id === workspaceId) ?? current;
  return (capability) => summary.capabilities.includes(capability);
}
