import { useQuery } from "@tanstack/react-query";
import type { TenantId, WorkspaceId } from "../bindings/types";
import { useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

export function useAppInfo() {
  const commands = useCommands();
  // What the app is and where its data lives does not change while it runs.
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => commands.appInfo(), staleTime: Infinity });
}

export function useWorkspaces() {
  const commands = useCommands();
  return useQuery({ queryKey: queryKeys.workspaces, queryFn: () => commands.listWorkspaces() });
}

export function useTenants(workspaceId: WorkspaceId) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.tenants(workspaceId),
    queryFn: () => commands.listTenants({ workspace_id: workspaceId }),
  });
}

/** One tenant; disabled while `tenantId` is null (nothing selected). */
export function useTenant(tenantId: TenantId | null) {
  const commands = useCommands();
  return useQuery({
    queryKey: queryKeys.tenant(tenantId ?? ""),
    queryFn: () => commands.getTenant({ tenant_id: tenantId ?? "" }),
    enabled: tenantId !== null,
  });
}
