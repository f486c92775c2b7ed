export { CurrentWorkspaceProvider, useCan, useCurrentWorkspace, useCurrentWorkspaceId } from "./CurrentWorkspace";
export { pickWorkspace, useSelectedWorkspaceId } from "./selectedWorkspace";
