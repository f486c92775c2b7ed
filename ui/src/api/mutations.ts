import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type {
  AddTenantRequest,
  ApiError,
  CreateDemoWorkspaceResponse,
  NotificationsResponse,
  SetTenantStatusRequest,
  StartSyncRequest,
  SyncAllRequest,
  Tenant,
  UpdateTenantRequest,
} from "../bindings/types";
import { toApiError, useCommands } from "../platform";
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

/** A changed tenant replaces the cached one and refreshes its workspace's list. */
function useStoreTenant() {
  const queryClient = useQueryClient();
  return useCallback(
    async (tenant: Tenant) => {
      queryClient.setQueryData(queryKeys.tenant(tenant.id), tenant);
      await queryClient.invalidateQueries({ queryKey: queryKeys.tenants(tenant.workspace_id) });
    },
    [queryClient],
  );
}

/**
 * Calls a command whose request carries a secret. Deliberately not a react-query mutation: the
 * mutation cache keeps each call's variables, and a client secret or private key must not
 * outlive the form it was typed into.
 */
function useSecretCommand<Request>(call: (request: Request) => Promise<Tenant>) {
  const storeTenant = useStoreTenant();
  const [state, setState] = useState<{ pending: boolean; error: ApiError | null }>({ pending: false, error: null });
  const submit = useCallback(
    async (request: Request): Promise<Tenant | null> => {
      setState({ pending: true, error: null });
      try {
        const tenant = await call(request);
        await storeTenant(tenant);
        setState({ pending: false, error: null });
        return tenant;
      } catch (reason) {
        setState({ pending: false, error: toApiError(reason) });
        return null;
      }
    },
    [call, storeTenant],
  );
  const reset = useCallback(() => setState({ pending: false, error: null }), []);
  return { submit, reset, isPending: state.pending, error: state.error };
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

export function useSetTenantStatus() {
  const commands = useCommands();
  const storeTenant = useStoreTenant();
  return useMutation({
    mutationFn: (request: SetTenantStatusRequest) => commands.setTenantStatus(request),
    onSuccess: storeTenant,
  });
}

export function useVerifyConnection() {
  const commands = useCommands();
  const storeTenant = useStoreTenant();
  return useMutation({
    mutationFn: (tenant: Tenant) => commands.verifyConnection({ tenant_id: tenant.id }),
    onSuccess: (response) => storeTenant(response.tenant),
  });
}

export function useStartSync() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StartSyncRequest) => commands.startSync(request),
    // A blocked start is a completed run: the last-sync columns show it at once.
    onSuccess: (response) => {
      if (response.run.status === "completed") {
        void queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(response.run.workspace_id) });
      }
    },
  });
}

export function useSyncAll() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SyncAllRequest) => commands.syncAll(request),
    onSuccess: (_, request) => queryClient.invalidateQueries({ queryKey: queryKeys.lastSyncs(request.workspace_id) }),
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
  return { items, unread: ids === "all" ? 0 : Math.max(0, inbox.unread - newlyRead) };
}

/**
 * Marks inbox entries read: shown at once, then replaced by the backend's answer; put back
 * if the backend refuses.
 */
function useMarkRead<Variables>(
  call: (variables: Variables) => Promise<NotificationsResponse>,
  ids: (variables: Variables) => readonly string[] | "all",
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onMutate: async (variables: Variables) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.notifications });
      const previous = queryClient.getQueryData<NotificationsResponse>(queryKeys.notifications);
      if (previous !== undefined) {
        queryClient.setQueryData(
          queryKeys.notifications,
          markedRead(previous, ids(variables), new Date().toISOString()),
        );
      }
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous !== undefined) queryClient.setQueryData(queryKeys.notifications, context.previous);
    },
    onSuccess: (response) => queryClient.setQueryData(queryKeys.notifications, response),
  });
}

export function useMarkNotificationRead() {
  const commands = useCommands();
  return useMarkRead(
    (id: string) => commands.markNotificationRead({ id }),
    (id) => [id],
  );
}

export function useMarkAllNotificationsRead() {
  const commands = useCommands();
  return useMarkRead<void>(
    () => commands.markAllNotificationsRead(),
    () => "all",
  );
}
