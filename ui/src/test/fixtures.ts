import type { AppInfo, Tenant, WorkspaceSummary } from "../bindings/types";

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    product: "TenantAtlas",
    version: "0.1.0",
    backend: "sqlite",
    database_location: "/home/ada/.local/share/tenantatlas/atlas.sqlite3",
    data_dir: "/home/ada/.local/share/tenantatlas",
    user: { id: "u1", login: "local:ada", display_name: "Ada Lovelace" },
    ...overrides,
  };
}

export function workspaceSummary(
  { id = "w1", name = "Northwind MSP (demo)" }: { id?: string; name?: string } = {},
  overrides: Partial<Omit<WorkspaceSummary, "workspace">> = {},
): WorkspaceSummary {
  return {
    workspace: {
      id,
      slug: `demo-${id}`,
      name,
      created_at: "2026-11-20T08:00:00.000Z",
      updated_at: "2026-11-20T08:00:00.000Z",
    },
    role: "owner",
    capabilities: ["workspace.manage", "tenant.view"],
    all_tenants: true,
    ...overrides,
  };
}

export function tenant(overrides: Partial<Tenant> & Pick<Tenant, "id" | "display_name">): Tenant {
  return {
    workspace_id: "w1",
    directory_tenant_id: "00000000-0000-4000-8000-000000000000",
    primary_domain: `${overrides.display_name.toLowerCase().replace(/\W+/g, "")}.onmicrosoft.com`,
    status: "active",
    simulated: true,
    connection: null,
    connection_check: { state: "unverified", checked_at: null, reason_code: null },
    created_at: "2026-11-20T08:00:00.000Z",
    updated_at: "2026-11-20T08:00:00.000Z",
    ...overrides,
  };
}

/** Three tenants whose sort orders differ by column. */
export const demoTenants: Tenant[] = [
  tenant({
    id: "t-contoso",
    display_name: "Contoso Pharma",
    directory_tenant_id: "3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11",
    primary_domain: "contoso-pharma.onmicrosoft.com",
    status: "active",
    created_at: "2026-11-21T09:00:00.000Z",
    connection: {
      client_id: "9f8e7d6c-0000-4000-8000-00000000c1d1",
      credential_kind: "client_secret",
      credential_ref: "tenantatlas/t-contoso",
      credential_updated_at: "2026-11-21T09:05:00.000Z",
    },
  }),
  tenant({
    id: "t-fabrikam",
    display_name: "Fabrikam Logistics",
    directory_tenant_id: "a7d2e9b4-1111-4c3d-8e9f-0123456789ab",
    primary_domain: "fabrikam.onmicrosoft.com",
    status: "paused",
    created_at: "2026-11-19T09:00:00.000Z",
  }),
  tenant({
    id: "t-adatum",
    display_name: "Adatum Legal",
    directory_tenant_id: "5e6f7a8b-2222-4d5e-9f0a-abcdefabcdef",
    primary_domain: null,
    status: "archived",
    simulated: false,
    created_at: "2026-11-20T09:00:00.000Z",
  }),
];
