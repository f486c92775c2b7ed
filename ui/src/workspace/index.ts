export { CurrentWorkspaceProvider, useCan, useCurrentWorkspace } from "./CurrentWorkspace";
export { pickWorkspace, useSelectedWorkspaceId } from "./selectedWorkspace";
