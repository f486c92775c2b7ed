// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.

import type { AppInfo, CreateDemoWorkspaceResponse, GetTenantRequest, ListTenantsRequest, Tenant, WorkspaceSummary } from "./types";

/** How commands reach the backend: Tauri IPC in the app, a fake in unit tests. */
export interface Transport {
  invoke<T>(command: string, args: Record<string, unknown>): Promise<T>;
}

/** Every command of the surface, typed. Failures reject with an `ApiError`. */
export function createCommands(transport: Transport) {
  return {
    /** What the app is, where its data lives, who is using it. */
    appInfo: (): Promise<AppInfo> =>
      transport.invoke<AppInfo>("app_info", {}),
    /** The workspaces the current user is a member of. */
    listWorkspaces: (): Promise<Array<WorkspaceSummary>> =>
      transport.invoke<Array<WorkspaceSummary>>("list_workspaces", {}),
    /** The tenants of a workspace the current user may see. */
    listTenants: (request: ListTenantsRequest): Promise<Array<Tenant>> =>
      transport.invoke<Array<Tenant>>("list_tenants", { request }),
    /** One tenant the current user is entitled to. */
    getTenant: (request: GetTenantRequest): Promise<Tenant> =>
      transport.invoke<Tenant>("get_tenant", { request }),
    /** Creates the demo workspace with three simulated tenants, or returns it. */
    createDemoWorkspace: (): Promise<CreateDemoWorkspaceResponse> =>
      transport.invoke<CreateDemoWorkspaceResponse>("create_demo_workspace", {}),
  };
}

export type Commands = ReturnType<typeof createCommands>;
