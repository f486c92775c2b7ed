import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type {
  AcknowledgeFindingsRequest,
  AddTenantRequest,
  ApiError,
  AssignBaselineRequest,
  BaselineProfileId,
  CreateBaselineProfileRequest,
  CreateDemoWorkspaceResponse,
  CreateWorkspaceRequest,
  FindingId,
  HoldCredentialRequest,
  HoldCredentialResponse,
  NotificationsResponse,
  SetBaselineStatusRequest,
  SetTenantStatusRequest,
  StartCompareRequest,
  StartSyncRequest,
  SyncAllRequest,
  Tenant,
  TenantId,
  UpdateBaselineProfileRequest,
  UpdateTenantRequest,
  WorkspaceId,
  WorkspaceSummary,
} from "../bindings/types";
import { toApiError, useCommands } from "../platform";
import { refreshBaselines } from "./baselineCache";
import { queryKeys } from "./queryKeys";
import "./register";

type CreateDemoOptions = {
  /**
   * Runs before the workspace list is refreshed. Refreshing it swaps the first-run page for the
   * app frame, which unmounts the caller, so per-call `mutate` callbacks could be lost.
   */
  onCreated?: (response: CreateDemoWorkspaceResponse) => void;
};

export function useCreateDemoWorkspace({ onCreated }: CreateDemoOptions = {}) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => commands.createDemoWorkspace(),
    // Awaited so the button stays busy until the new workspace list has arrived.
    onSuccess: async (response) => {
      onCreated?.(response);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaces }),
        queryClient.invalidateQueries({ queryKey: queryKeys.allTenants }),
      ]);
    },
  });
}

type CreateWorkspaceOptions = {
  /** Runs before the workspace list is refreshed (see `CreateDemoOptions`): select the new workspace here. */
  onCreated?: (workspace: WorkspaceSummary) => void;
};

/**
 * Creates a workspace for the operator's own customers. The new workspace joins the cached list
 * at once, so selecting it never shows the previous one while the list is read again.
 */
export function useCreateWorkspace({ onCreated }: CreateWorkspaceOptions = {}) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateWorkspaceRequest) => commands.createWorkspace(request),
    onSuccess: async (created) => {
      queryClient.setQueryData<WorkspaceSummary[]>(queryKeys.workspaces, (list) => [
        ...(list ?? []).filter((summary) => summary.workspace.id !== created.workspace.id),
        created,
      ]);
      onCreated?.(created);
      await queryClient.invalidateQueries({ queryKey: queryKeys.workspaces });
    },
  });
}

/** A changed tenant replaces the cached one and refreshes its workspace's list and overview. */
function useStoreTenant() {
  const queryClient = useQueryClient();
  return useCallback(
    async (tenant: Tenant) => {
      queryClient.setQueryData(queryKeys.tenant(tenant.id), tenant);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tenants(tenant.workspace_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaceOverview(tenant.workspace_id) }),
      ]);
    },
    [queryClient],
  );
}

/**
 * Calls a command whose request carries a secret. Deliberately not a react-query mutation: the
 * mutation cache keeps each call's variables, and a client secret or private key must not
 * outlive the form it was typed into. `settle` refreshes what the answer changed.
 */
function useSecretCall<Request, Response>(
  call: (request: Request) => Promise<Response>,
  settle: (response: Response, request: Request) => Promise<unknown>,
) {
  const [state, setState] = useState<{ pending: boolean; error: ApiError | null }>({ pending: false, error: null });
  const submit = useCallback(
    async (request: Request): Promise<Response | null> => {
      setState({ pending: true, error: null });
      try {
        const response = await call(request);
        await settle(response, request);
        setState({ pending: false, error: null });
        return response;
      } catch (reason) {
        setState({ pending: false, error: toApiError(reason) });
        return null;
      }
    },
    [call, settle],
  );
  const reset = useCallback(() => setState({ pending: false, error: null }), []);
  return { submit, reset, isPending: state.pending, error: state.error };
}

/** A secret command answering with the changed tenant, which replaces the cached one. */
function useSecretCommand<Request>(call: (request: Request) => Promise<Tenant>) {
  return useSecretCall(call, useStoreTenant());
}

export function useAddTenant() {
  const commands = useCommands();
  const call = useCallback((request: AddTenantRequest) => commands.addTenant(request), [commands]);
  return useSecretCommand(call);
}

export function useUpdateTenant() {
  const commands = useCommands();
  const call = useCallback((request: UpdateTenantRequest) => commands.updateTenant(request), [commands]);
  return useSecretCommand(call);
}

/**
 * Keeps a tenant's credential in this workstation's keyring too (team mode), once the backend
 * has proven it. Nothing in the database changes, but its runs waiting for a workstation that
 * holds the credential may start here now: the tenant's record and every run are read again.
 */
export function useHoldCredential() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  const call = useCallback((request: HoldCredentialRequest) => commands.holdCredential(request), [commands]);
  const settle = useCallback(
    (_: HoldCredentialResponse, request: HoldCredentialRequest) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tenant(request.tenant_id), exact: true }),
        queryClient.invalidateQueries({ queryKey: queryKeys.allRuns }),
      ]),
    [queryClient],
  );
  return useSecretCall(call, settle);
}

export function useSetTenantStatus() {
  const commands = useCommands();
  const storeTenant = useStoreTenant();
  return useMutation({
    mutationFn: (request: SetTenantStatusRequest) => commands.setTenantStatus(request),
    onSuccess: storeTenant,
  });
}

/** Identifies the checks of one tenant's connection, so every Verify button of it shows one is under way. */
export function verifyMutationKey(tenantId: TenantId) {
  return ["verify-connection", tenantId] as const;
}

/** Checks a tenant's connection; the answer carries the tenant and its fresh permission report. */
export function useVerifyConnection(tenantId: TenantId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  const storeTenant = useStoreTenant();
  return useMutation({
    mutationKey: verifyMutationKey(tenantId),
    mutationFn: () => commands.verifyConnection({ tenant_id: tenantId }),
    onSuccess: (response) => {
      queryClient.setQueryData(queryKeys.permissionReport(response.tenant.id), response.permissions);
      return storeTenant(response.tenant);
    },
  });
}

export function useStartSync() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StartSyncRequest) => commands.startSync(request),
    // A blocked start is a completed run: the last-sync columns and the overview show it at once.
    onSuccess: (response) => {
      if (response.run.status === "completed") {
        void queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(response.run.workspace_id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspaceOverview(response.run.workspace_id) });
      }
    },
  });
}

export function useSyncAll() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SyncAllRequest) => commands.syncAll(request),
    onSuccess: (_, request) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(request.workspace_id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaceOverview(request.workspace_id) }),
      ]),
  });
}

/** The inbox with `ids` (or every entry) read as of `at`, as the backend will answer. */
export function markedRead(
  inbox: NotificationsResponse,
  ids: readonly string[] | "all",
  at: string,
): NotificationsResponse {
  const hits = (id: string) => ids === "all" || ids.includes(id);
  const items = inbox.items.map((item) => (item.read_at === null && hits(item.id) ? { ...item, read_at: at } : item));
  const newlyRead = inbox.items.filter((item) => item.read_at === null && hits(item.id)).length;
  return { ...inbox, items, unread: ids === "all" ? 0 : Math.max(0, inbox.unread - newlyRead) };
}

/**
 * Marks inbox entries read: shown at once, then replaced by the backend's answer; put back
 * if the backend refuses.
 */
function useMarkRead<Variables>(
  workspaceId: WorkspaceId | null,
  call: (variables: Variables) => Promise<NotificationsResponse>,
  ids: (variables: Variables) => readonly string[] | "all",
) {
  const queryClient = useQueryClient();
  const key = queryKeys.inbox(workspaceId);
  return useMutation({
    mutationFn: call,
    onMutate: async (variables: Variables) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<NotificationsResponse>(key);
      if (previous !== undefined) {
        queryClient.setQueryData(key, markedRead(previous, ids(variables), new Date().toISOString()));
      }
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous !== undefined) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (response) => queryClient.setQueryData(key, response),
  });
}

/** Marks one entry of the inbox of `workspaceId` (all workspaces: null) read. */
export function useMarkNotificationRead(workspaceId: WorkspaceId | null) {
  const commands = useCommands();
  return useMarkRead(
    workspaceId,
    (id: string) => commands.markNotificationRead({ id, workspace_id: workspaceId }),
    (id) => [id],
  );
}

export function useMarkAllNotificationsRead(workspaceId: WorkspaceId | null) {
  const commands = useCommands();
  return useMarkRead<void>(
    workspaceId,
    () => commands.markAllNotificationsRead({ workspace_id: workspaceId }),
    () => "all",
  );
}

/** Baseline changes move readiness, assignments and counts on several screens: all are re-read. */
function useBaselineMutation<Request, Response>(call: (request: Request) => Promise<Response>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Awaited: a form stays busy until the screens behind it show the change.
    onSuccess: () => refreshBaselines(queryClient),
  });
}

export function useCreateBaselineProfile() {
  const commands = useCommands();
  return useBaselineMutation((request: CreateBaselineProfileRequest) => commands.createBaselineProfile(request));
}

export function useUpdateBaselineProfile() {
  const commands = useCommands();
  return useBaselineMutation((request: UpdateBaselineProfileRequest) => commands.updateBaselineProfile(request));
}

export function useSetBaselineProfileStatus() {
  const commands = useCommands();
  return useBaselineMutation((request: SetBaselineStatusRequest) => commands.setBaselineProfileStatus(request));
}

export function useAssignBaseline() {
  const commands = useCommands();
  return useBaselineMutation((request: AssignBaselineRequest) => commands.assignBaseline(request));
}

export function useUnassignBaseline() {
  const commands = useCommands();
  return useBaselineMutation((tenantId: TenantId) => commands.unassignBaseline({ tenant_id: tenantId }));
}

/** Starting a capture or compare: a blocked start is a completed run and changes readiness at once. */
function useBaselineStart<Request, Response>(call: (request: Request) => Promise<Response>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Not awaited: the intent toast is shown at once, the screens catch up behind it.
    onSuccess: () => void refreshBaselines(queryClient),
  });
}

export function useStartBaselineCapture() {
  const commands = useCommands();
  return useBaselineStart((profileId: BaselineProfileId) => commands.startBaselineCapture({ profile_id: profileId }));
}

export function useStartBaselineCompare() {
  const commands = useCommands();
  return useBaselineStart((request: StartCompareRequest) => commands.startBaselineCompare(request));
}

export function useCompareAllAssigned() {
  const commands = useCommands();
  return useBaselineStart((profileId: BaselineProfileId) => commands.compareAllAssigned({ profile_id: profileId }));
}

export function useAcknowledgeFindings() {
  const commands = useCommands();
  return useBaselineMutation((request: AcknowledgeFindingsRequest) => commands.acknowledgeFindings(request));
}

export function useReopenFinding() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (findingId: FindingId) => commands.reopenFinding({ finding_id: findingId }),
    onSuccess: async (detail) => {
      queryClient.setQueryData(queryKeys.finding(detail.finding.id), detail);
      await refreshBaselines(queryClient);
    },
  });
}
