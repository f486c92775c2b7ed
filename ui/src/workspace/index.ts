export { CreateWorkspaceForm } from "./CreateWorkspaceForm";
export { CreateWorkspaceModal } from "./CreateWorkspaceModal";
export { CurrentWorkspaceProvider, useCan, useCurrentWorkspace, useCurrentWorkspaceId } from "./CurrentWorkspace";
export { pickWorkspace, useSelectedWorkspaceId } from "./selectedWorkspace";
export { isWorkspaceGone, lostAccessTitle, useWorkspaceAccess } from "./workspaceAccess";
