import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  MemberDirectory,
  MemberView,
  Role,
  SetMemberTenantsRequest,
  TenantId,
  UserId,
  WorkspaceId,
  WorkspaceSummary,
} from "../bindings/types";
import { useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

/** The workspace's members with their roles, tenants and last activity, and whether the operator may change them. */
export function useMemberDirectory(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.memberDirectory(workspaceId),
    queryFn: () => commands.memberDirectory({ workspace_id: workspaceId }),
  });
}

/** The directory with `member` in place of the member of the same user, or added when new. */
export function withMember(directory: MemberDirectory, member: MemberView): MemberDirectory {
  const found = directory.members.some((entry) => entry.user.id === member.user.id);
  return {
    ...directory,
    members: found
      ? directory.members.map((entry) => (entry.user.id === member.user.id ? member : entry))
      : [...directory.members, member],
  };
}

/** Whether the change was to the operator's own membership, as the cached directory knows it. */
function isYours(queryClient: QueryClient, workspaceId: WorkspaceId, userId: UserId): boolean {
  const directory = queryClient.getQueryData<MemberDirectory>(queryKeys.memberDirectory(workspaceId));
  return directory?.members.some((member) => member.user.id === userId && member.is_you) ?? false;
}

/**
 * A change is shown at once from the answer; the member list the filters use and the audit log
 * are read again behind it. A change to the operator's own membership moves what they may do and
 * see: the workspace list (their role and capabilities) and everything shown of the workspace are
 * read again too.
 */
async function refreshMembers(queryClient: QueryClient, workspaceId: WorkspaceId, yours: boolean) {
  if (yours) {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.workspaces }),
      queryClient.invalidateQueries({ queryKey: queryKeys.allTenants }),
    ]);
    return;
  }
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  ]);
}

function storeDirectory(
  queryClient: QueryClient,
  workspaceId: WorkspaceId,
  directory: MemberDirectory,
  yours: boolean,
) {
  queryClient.setQueryData(queryKeys.memberDirectory(workspaceId), directory);
  return refreshMembers(queryClient, workspaceId, yours);
}

/** Makes an operator who has signed in before a member (team mode; owners). */
export function useAddMember(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, role }: { name: string; role: Role }) =>
      commands.addMember({ workspace_id: workspaceId, name, role }),
    onSuccess: async (member) => {
      queryClient.setQueryData<MemberDirectory>(queryKeys.memberDirectory(workspaceId), (directory) =>
        directory === undefined ? directory : withMember(directory, member),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.memberDirectory(workspaceId) }),
        refreshMembers(queryClient, workspaceId, false),
      ]);
    },
  });
}

/** Changes a member's role; the answer is the directory as it is now. */
export function useSetMemberRole(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: UserId; role: Role }) =>
      commands.setMemberRole({ workspace_id: workspaceId, user_id: userId, role }),
    onSuccess: (directory, { userId }) =>
      storeDirectory(queryClient, workspaceId, directory, isYours(queryClient, workspaceId, userId)),
  });
}

/** Entitles a member to every tenant, present and future, or to the chosen ones. */
export function useSetMemberTenants(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, allTenants, tenantIds }: { userId: UserId; allTenants: boolean; tenantIds: TenantId[] }) => {
      const request: SetMemberTenantsRequest = {
        workspace_id: workspaceId,
        user_id: userId,
        all_tenants: allTenants,
        tenant_ids: allTenants ? [] : tenantIds,
      };
      return commands.setMemberTenants(request);
    },
    onSuccess: (directory, { userId }) =>
      storeDirectory(queryClient, workspaceId, directory, isYours(queryClient, workspaceId, userId)),
  });
}

/** Ends a membership; the answer is the members left. */
export function useRemoveMember(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: UserId) => commands.removeMember({ workspace_id: workspaceId, user_id: userId }),
    onSuccess: (directory) => storeDirectory(queryClient, workspaceId, directory, false),
  });
}

/** The workspace list with `summary` in place of the workspace of the same id. */
export function withWorkspace(list: readonly WorkspaceSummary[], summary: WorkspaceSummary): WorkspaceSummary[] {
  return list.map((entry) => (entry.workspace.id === summary.workspace.id ? summary : entry));
}

/**
 * Renames a workspace (owners). The new name shows at once in the switcher and on every page;
 * the workspace list and the audit log are read again behind it.
 */
export function useRenameWorkspace(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => commands.renameWorkspace({ workspace_id: workspaceId, name }),
    onSuccess: async (renamed) => {
      queryClient.setQueryData<WorkspaceSummary[]>(queryKeys.workspaces, (list) =>
        list === undefined ? list : withWorkspace(list, renamed),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
      ]);
    },
  });
}
