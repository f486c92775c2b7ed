export { CurrentWorkspaceProvider, useCurrentWorkspace } from "./CurrentWorkspace";
export { pickWorkspace, useSelectedWorkspaceId } from "./selectedWorkspace";
