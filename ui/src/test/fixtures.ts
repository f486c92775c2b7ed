import type {
  AppInfo,
  AuditEntry,
  AuditRow,
  DayOutcomes,
  DirectoryGroup,
  DirectoryRolesResponse,
  InventoryItem,
  InventoryObjectDetail,
  InventoryTypeCount,
  ListInventoryRequest,
  MemberDirectory,
  MemberView,
  ObjectTypeInfo,
  OperationRun,
  Page,
  PermissionGuide,
  PermissionReport,
  PolicyVersionSummary,
  RbacReportResponse,
  RunDetail,
  RunListPage,
  RunListRow,
  Schedule,
  ScheduleView,
  StartRunResponse,
  Tenant,
  TenantOverview,
  User,
  UserNotification,
  VersionDiffResponse,
  WorkspaceOverview,
  WorkspaceSummary,
} from "../bindings/types";

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    product: "TenantAtlas",
    version: "0.1.0",
    backend: "sqlite",
    database_location: "/home/ada/.local/share/tenantatlas/atlas.sqlite3",
    data_dir: "/home/ada/.local/share/tenantatlas",
    export_dir: "/home/ada/Downloads",
    user: { id: "u1", login: "local:ada", display_name: "Ada Lovelace" },
    demo_available: true,
    commit: "3f2a9c1d0b7e",
    schema_version: 20261206000025,
    log_dir: "/home/ada/.local/share/tenantatlas/logs",
    // Update checks are off until an address is set; the desktop app installs updates itself.
    update_url: null,
    updates_installable: true,
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
    capabilities: [
      "workspace.manage",
      "workspace.baselines.view",
      "workspace.baselines.manage",
      "tenant.view",
      "tenant.manage",
      "tenant.sync",
      "tenant.findings.manage",
      "tenant.restore.execute",
      "review_pack.view",
      "review_pack.manage",
      "operations.view",
      "audit.view",
    ],
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

export function run(overrides: Partial<OperationRun> = {}): OperationRun {
  return {
    id: "r-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    initiator_user_id: "u1",
    type: "inventory_sync",
    status: "queued",
    outcome: "pending",
    run_identity_hash: "a1b2c3",
    summary_counts: {},
    failure_summary: [],
    context: {},
    created_at: "2026-11-22T10:00:00.000Z",
    started_at: null,
    completed_at: null,
    attempt: 0,
    lease_owner: null,
    lease_expires_at: null,
    heartbeat_at: null,
    reconciled_at: null,
    reconciliation_reason: null,
    reconciliation_source: null,
    stale_at: "2026-11-22T10:05:00.000Z",
    ...overrides,
  };
}

export function startResponse(
  intent: StartRunResponse["intent"],
  message: string,
  overrides: Partial<OperationRun> = {},
): StartRunResponse {
  const completed = intent === "blocked";
  return {
    intent,
    message,
    run: run({
      ...(completed ? { status: "completed", outcome: "blocked", completed_at: "2026-11-22T10:00:00.000Z" } : {}),
      ...overrides,
    }),
  };
}

export const objectTypes: ObjectTypeInfo[] = [
  { key: "settings_catalog", label: "Settings catalog policy", category: "configuration" },
  { key: "device_configuration", label: "Device configuration", category: "configuration" },
  { key: "compliance_policy", label: "Compliance policy", category: "compliance" },
  { key: "powershell_script", label: "PowerShell script", category: "scripts" },
];

export const inventoryCounts: InventoryTypeCount[] = [
  { object_type: "settings_catalog", active: 40, removed: 2 },
  { object_type: "device_configuration", active: 25, removed: 0 },
  { object_type: "compliance_policy", active: 5, removed: 1 },
];

export function inventoryItem(index: number, overrides: Partial<InventoryItem> = {}): InventoryItem {
  return {
    id: `item-${index}`,
    workspace_id: "w1",
    tenant_id: "t-contoso",
    object_type: index % 2 === 0 ? "settings_catalog" : "device_configuration",
    external_id: `0000${index}-ext`,
    display_name: `WIN - SC - Policy ${String(index).padStart(3, "0")}`,
    platform: index % 3 === 0 ? "windows" : "macos",
    content_hash: "f".repeat(64),
    first_seen_at: "2026-11-21T09:00:00.000Z",
    last_seen_at: "2026-11-22T09:00:00.000Z",
    removed_at: null,
    last_run_id: "r-inv",
    ...overrides,
  };
}

/** A fake `listInventory` over `total` generated rows that honours offset and limit. */
export function inventoryPage(total: number) {
  return async ({ filter }: ListInventoryRequest): Promise<Page<InventoryItem>> => {
    const end = Math.min(total, filter.offset + filter.limit);
    const items: InventoryItem[] = [];
    for (let i = filter.offset; i < end; i++) items.push(inventoryItem(i));
    return { items, total };
  };
}

export function policyVersion(number: number, overrides: Partial<PolicyVersionSummary> = {}): PolicyVersionSummary {
  return {
    id: `v-${number}`,
    workspace_id: "w1",
    tenant_id: "t-contoso",
    object_type: "settings_catalog",
    external_id: "00000-ext",
    display_name: "WIN - SC - Defender - All devices",
    version_number: number,
    content_hash: `${number}abcdef0123456789`.padEnd(64, "0"),
    captured_at: `2026-11-2${number}T08:00:00.000Z`,
    run_id: `r-policy-${number}`,
    purpose: "backup",
    ...overrides,
  };
}

export function objectDetail(overrides: Partial<InventoryObjectDetail> = {}): InventoryObjectDetail {
  const versions = [policyVersion(2), policyVersion(1)];
  const [newest] = versions;
  return {
    item: inventoryItem(0, { display_name: "WIN - SC - Defender - All devices", external_id: "00000-ext" }),
    type_label: "Settings catalog policy",
    latest: newest === undefined ? null : { ...newest, content: { name: "WIN - SC - Defender - All devices" } },
    readable: {
      settings: [
        { group: "General", name: "Name", key: "name", value: "WIN - SC - Defender - All devices" },
        { group: "Defender", name: "Allow real-time monitoring", key: "defender_rtm", value: "Yes" },
        { group: "Defender", name: "Cloud block level", key: "defender_cbl", value: "High" },
      ],
      assignments: [
        {
          kind: "group",
          group_id: "g-1",
          group_name: "All Windows devices",
          filter_id: null,
          filter_mode: null,
          intent: null,
        },
        {
          kind: "excluded_group",
          group_id: "g-2",
          group_name: null,
          filter_id: "f-1",
          filter_mode: "exclude",
          intent: null,
        },
        { kind: "all_users", group_id: null, group_name: null, filter_id: null, filter_mode: null, intent: "required" },
      ],
      targeting: [],
    },
    targeting: "assignments",
    versions,
    ...overrides,
  };
}

export const versionDiff: VersionDiffResponse = {
  before: policyVersion(1),
  after: policyVersion(2),
  diff: {
    rows: [
      {
        group: "Defender",
        name: "Cloud block level",
        key: "defender_cbl",
        before: "Default",
        after: "High",
        change: "changed",
      },
      {
        group: "Defender",
        name: "Allow real-time monitoring",
        key: "defender_rtm",
        before: "Yes",
        after: "Yes",
        change: "unchanged",
      },
      { group: "Defender", name: "Scan archives", key: "defender_scan", before: null, after: "Yes", change: "added" },
      {
        group: "Assignments",
        name: "Include group Finance",
        key: "assignments.group.g-9",
        before: "Included",
        after: null,
        change: "removed",
      },
    ],
    added: 1,
    removed: 1,
    changed: 1,
    unchanged: 1,
  },
};

export const groups: DirectoryGroup[] = [
  {
    tenant_id: "t-contoso",
    group_id: "g-1",
    display_name: "All Windows devices",
    description: "Every corporate Windows device",
    mail: null,
    security_enabled: true,
    mail_enabled: false,
    group_types: ["DynamicMembership"],
    membership_rule: '(device.deviceOSType -eq "Windows")',
    last_seen_at: "2026-11-22T09:00:00.000Z",
    removed_at: null,
  },
  {
    tenant_id: "t-contoso",
    group_id: "g-2",
    display_name: "Finance team",
    description: null,
    mail: "finance@contoso.com",
    security_enabled: false,
    mail_enabled: true,
    group_types: ["Unified"],
    membership_rule: null,
    last_seen_at: "2026-11-22T09:00:00.000Z",
    removed_at: null,
  },
];

export const directoryRoles: DirectoryRolesResponse = {
  definitions: [
    {
      role_definition_id: "rd-ga",
      display_name: "Global Administrator",
      description: "Can manage all aspects of Microsoft Entra ID.",
      is_built_in: true,
      is_enabled: true,
      template_id: "62e90394-69f5-4237-9190-012177145e10",
      permissions: [],
    },
    {
      role_definition_id: "rd-helpdesk",
      display_name: "Helpdesk Operators (custom)",
      description: null,
      is_built_in: false,
      is_enabled: true,
      template_id: null,
      permissions: [],
    },
    {
      role_definition_id: "rd-reader",
      display_name: "Reports Reader",
      description: null,
      is_built_in: true,
      is_enabled: true,
      template_id: null,
      permissions: [],
    },
  ],
  assignments: [
    {
      assignment_id: "a-1",
      role_definition_id: "rd-ga",
      principal_id: "p-1",
      principal_display_name: "Ada Admin",
      principal_type: "user",
      directory_scope_id: "/",
    },
    {
      assignment_id: "a-2",
      role_definition_id: "rd-ga",
      principal_id: "p-2",
      principal_display_name: "Backup Automation",
      principal_type: "servicePrincipal",
      directory_scope_id: "/",
    },
    {
      assignment_id: "a-3",
      role_definition_id: "rd-helpdesk",
      principal_id: "p-3",
      principal_display_name: null,
      principal_type: "group",
      directory_scope_id: "/administrativeUnits/au-1",
    },
  ],
};

export const rbacReport: RbacReportResponse = {
  created_at: "2026-11-22T09:30:00.000Z",
  run_id: "r-roles",
  report: {
    role_definition_count: 3,
    assignment_count: 3,
    global_admin_count: 2,
    privileged_holders: [
      { principal_id: "p-1", display_name: "Ada Admin", principal_type: "user", roles: ["Global Administrator"] },
      {
        principal_id: "p-2",
        display_name: "Backup Automation",
        principal_type: "servicePrincipal",
        roles: ["Global Administrator"],
      },
    ],
    roles: [
      {
        role_definition_id: "rd-ga",
        display_name: "Global Administrator",
        privileged: true,
        built_in: true,
        holder_count: 2,
      },
    ],
    custom_roles: [
      {
        role_definition_id: "rd-helpdesk",
        display_name: "Helpdesk Operators (custom)",
        description: null,
        enabled: true,
        holder_count: 1,
      },
    ],
    findings: [
      {
        code: "rbac.privileged_service_principal",
        severity: "high",
        title: "A service principal holds Global Administrator",
        detail: "Applications with Global Administrator can change anything in the directory.",
        subjects: ["Backup Automation"],
      },
      {
        code: "rbac.custom_roles_present",
        severity: "info",
        title: "1 custom role is defined",
        detail: "Review custom roles regularly.",
        subjects: ["Helpdesk Operators (custom)"],
      },
    ],
  },
};

/** A row of the operations index; names as the backend joins them. */
export function runRow(
  overrides: Partial<OperationRun> = {},
  names: Partial<Omit<RunListRow, "run">> = {},
): RunListRow {
  const listed = run(overrides);
  return {
    run: listed,
    tenant_name: listed.tenant_id === null ? null : "Contoso Pharma",
    initiator_name: listed.initiator_user_id === null ? null : "Ada Lovelace",
    ...names,
  };
}

export function runListPage(items: RunListRow[], total = items.length, total_capped = false): RunListPage {
  return { items, total, total_capped };
}

/** A run reconciled as stale by the scheduled reconciler, as the engine records it. */
export function reconciledRun(overrides: Partial<OperationRun> = {}): OperationRun {
  return run({
    id: "r-stale",
    status: "completed",
    outcome: "failed",
    started_at: "2026-11-22T09:00:05.000Z",
    completed_at: "2026-11-22T09:25:00.000Z",
    heartbeat_at: "2026-11-22T09:02:00.000Z",
    reconciled_at: "2026-11-22T09:25:00.000Z",
    reconciliation_reason: "run.stale_running",
    reconciliation_source: "scheduled_reconciler",
    stale_at: null,
    summary_counts: { total: 40, processed: 12 },
    failure_summary: [
      {
        code: "run.stale_running",
        reason_code: "run.stale_running",
        message: "The run stopped reporting progress: the worker running it most likely closed or crashed.",
      },
    ],
    context: {
      reason_code: "run.stale_running",
      reconciliation: {
        reconciled_at: "2026-11-22T09:25:00.000Z",
        reason_code: "run.stale_running",
        source: "scheduled_reconciler",
        status_before: "running",
        evidence: {
          reference_time: "2026-11-22T09:02:00.000Z",
          threshold_seconds: 1200,
          lease_owner: "worker-7",
          rule: "lease_expired",
        },
      },
    },
    ...overrides,
  });
}

export function runDetail(detailRun: OperationRun = run(), overrides: Partial<Omit<RunDetail, "run">> = {}): RunDetail {
  const reconciled = detailRun.reconciled_at !== null;
  return {
    run: detailRun,
    result: null,
    tenant_name: detailRun.tenant_id === null ? null : "Contoso Pharma",
    initiator_name: detailRun.initiator_user_id === null ? null : "Ada Lovelace",
    freshness:
      detailRun.status === "completed" ? (reconciled ? "reconciled_failed" : "terminal_normal") : "fresh_active",
    policy: {
      expected_max_runtime_seconds: 240,
      timeout_seconds: 240,
      queued_stale_after_seconds: 300,
      running_stale_after_seconds: 1200,
    },
    reason: reconciled
      ? {
          code: "run.stale_running",
          label: "Stopped responding",
          explanation: "The run stopped reporting progress: the worker running it most likely closed or crashed.",
          actionability: "retryable_transient",
          next_steps: "Start the operation again. If it keeps happening, look at the worker's log.",
        }
      : null,
    waiting_for_credential: false,
    ...overrides,
  };
}

export function notification(overrides: Partial<UserNotification> = {}): UserNotification {
  return {
    id: "n-1",
    user_id: "u1",
    workspace_id: "w1",
    run_id: "r-1",
    batch_id: null,
    tone: "success",
    title: "Inventory sync for Contoso Pharma: succeeded",
    body: "items: 118, processed: 20, total: 20",
    created_at: "2026-11-22T10:00:05.000Z",
    read_at: null,
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: "a-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    actor: { kind: "user", user_id: "u1" },
    action: "tenant.created",
    target_type: "tenant",
    target_id: "t-contoso",
    summary: "Added tenant Contoso Pharma (simulated)",
    metadata: { demo: true },
    created_at: "2026-11-22T09:00:00.000Z",
    ...overrides,
  };
}

export function auditRow(overrides: Partial<AuditEntry> = {}, names: Partial<Omit<AuditRow, "entry">> = {}): AuditRow {
  const entry = auditEntry(overrides);
  return {
    entry,
    actor_name: entry.actor.kind === "user" ? "Ada Lovelace" : null,
    tenant_name: entry.tenant_id === null ? null : "Contoso Pharma",
    ...names,
  };
}

/** One tenant as the overview lists it: nothing synced, failed or found unless overridden. */
export function tenantOverview(row: Tenant, overrides: Partial<Omit<TenantOverview, "tenant">> = {}): TenantOverview {
  return {
    tenant: row,
    last_syncs: [],
    failed_runs_7d: 0,
    likely_stale_runs: 0,
    open_findings: {},
    attention: 0,
    ...overrides,
  };
}

/**
 * `count` consecutive days ending on `last` (oldest first, as the backend sends them), with the
 * runs `runs(index)` gives each (none by default).
 */
export function dayOutcomes(
  count = 30,
  last = "2026-11-22",
  runs: (index: number) => Partial<Omit<DayOutcomes, "day">> = () => ({}),
): DayOutcomes[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => ({
    day: new Date(end - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
    succeeded: 0,
    partially_succeeded: 0,
    failed: 0,
    blocked: 0,
    ...runs(index),
  }));
}

/**
 * The demo workspace at a glance: Contoso with a failing week (worst first), Fabrikam paused and
 * quiet; Adatum is archived and so left out, as the backend does. Thirty days of runs.
 */
export function workspaceOverview(overrides: Partial<WorkspaceOverview> = {}): WorkspaceOverview {
  const [contoso, fabrikam] = demoTenants as [Tenant, Tenant, Tenant];
  return {
    tenants: [
      tenantOverview(contoso, {
        last_syncs: [
          { tenant_id: contoso.id, kind: "inventory", outcome: "succeeded", completed_at: "2026-11-22T09:00:00.000Z" },
          { tenant_id: contoso.id, kind: "policies", outcome: "failed", completed_at: "2026-11-21T09:00:00.000Z" },
        ],
        failed_runs_7d: 2,
        likely_stale_runs: 1,
        open_findings: { critical: 1, high: 2, low: 3 },
        attention: 100 + 40 + 10 + 8 + 5 + 6,
      }),
      tenantOverview(fabrikam, { attention: 12 }),
    ],
    days: dayOutcomes(30, "2026-11-22", (index) =>
      index % 3 === 0 ? { succeeded: 4, partially_succeeded: 1, failed: index === 27 ? 2 : 0, blocked: 0 } : {},
    ),
    generated_at: "2026-11-22T10:00:00.000Z",
    ...overrides,
  };
}

const CONFIGURATION_READ = [
  "DeviceManagementConfiguration.Read.All",
  "DeviceManagementApps.Read.All",
  "DeviceManagementServiceConfig.Read.All",
  "DeviceManagementRBAC.Read.All",
  "Policy.Read.All",
];

/** Write access to the same configuration, and Conditional Access writes: what restore writes with. */
const CONFIGURATION_WRITE = [
  "DeviceManagementConfiguration.ReadWrite.All",
  "DeviceManagementApps.ReadWrite.All",
  "DeviceManagementServiceConfig.ReadWrite.All",
  "DeviceManagementRBAC.ReadWrite.All",
  "Policy.Read.All",
  "Policy.ReadWrite.ConditionalAccess",
];

/**
 * The backend's guide: three features read the same configuration, three need one permission
 * each, and restore writes the configuration.
 */
export function permissionGuide(): PermissionGuide {
  return {
    features: [
      {
        feature: "inventory",
        label: "Inventory sync",
        permissions: CONFIGURATION_READ,
        purpose: "lists Intune policies, apps, scripts and Conditional Access policies",
      },
      {
        feature: "policy_versions",
        label: "Policy versions (backups)",
        permissions: CONFIGURATION_READ,
        purpose: "reads each policy's full settings and assignments to keep versions",
      },
      {
        feature: "groups",
        label: "Groups",
        permissions: ["Group.Read.All"],
        purpose: "names the groups that policies are assigned to",
      },
      {
        feature: "directory_roles",
        label: "Directory roles",
        permissions: ["RoleManagement.Read.Directory"],
        purpose: "reads who holds which Entra and Intune admin role for the RBAC report",
      },
      {
        feature: "baselines",
        label: "Baselines and drift",
        permissions: CONFIGURATION_READ,
        purpose: "reads configuration to capture baselines and compare tenants with them",
      },
      {
        feature: "credential_expiry",
        label: "Credential expiry",
        permissions: ["Application.Read.All"],
        purpose: "reads when the app registration's secret or certificate ends, to warn 30 days ahead",
      },
      {
        feature: "restore",
        label: "Restore",
        permissions: CONFIGURATION_WRITE,
        purpose: "writes restored policies and their assignments, only after a preview and your confirmation",
      },
    ],
    permissions: [
      ...CONFIGURATION_READ,
      "Group.Read.All",
      "RoleManagement.Read.Directory",
      "Application.Read.All",
      ...CONFIGURATION_WRITE.filter((permission) => !CONFIGURATION_READ.includes(permission)),
    ],
  };
}

/** Whether the granted permissions cover a needed one: the same, or its read-write form (as the backend's `covers`). */
function covers(granted: readonly string[], needed: string): boolean {
  return granted.includes(needed) || granted.includes(needed.replace(".Read.", ".ReadWrite."));
}

/**
 * A tenant's report after a verify that found `granted` (the configuration and the groups read by
 * default: not the directory roles, the app registration's credential expiry nor restore's
 * writes), worded as the backend words it.
 */
export function permissionReport(
  granted: string[] = [...CONFIGURATION_READ, "Group.Read.All"],
  overrides: Partial<PermissionReport> = {},
): PermissionReport {
  return {
    checked_at: "2026-11-22T09:55:00.000Z",
    granted,
    features: permissionGuide().features.map(({ feature, label, permissions, purpose }) => {
      const missing = permissions.filter((permission) => !covers(granted, permission));
      return {
        feature,
        label,
        works: missing.length === 0,
        missing,
        explanation:
          missing.length === 0
            ? `Works: the app may do what it needs (${purpose}).`
            : `Missing ${missing.join(", ")}: without ${missing.length === 1 ? "it" : "them"} TenantAtlas cannot do what this feature needs (${purpose}).`,
      };
    }),
    admin_consent_url: null,
    ...overrides,
  };
}

/**
 * A schedule as `listSchedules` answers: Contoso's inventory sync at 03:00 every day in Berlin,
 * enabled, with its next three starts. Override the stored schedule and the view separately.
 */
export function scheduleView(
  overrides: Partial<Schedule> = {},
  view: Partial<Omit<ScheduleView, "schedule">> = {},
): ScheduleView {
  const schedule: Schedule = {
    id: "s-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    operation: "inventory_sync",
    inputs: {},
    cron: "0 3 * * *",
    time_zone: "Europe/Berlin",
    enabled: true,
    next_run_at: "2026-11-23T02:00:00.000Z",
    last_run_at: "2026-11-22T02:00:00.000Z",
    created_by: "u1",
    created_at: "2026-11-20T08:00:00.000Z",
    updated_at: "2026-11-20T08:00:00.000Z",
    ...overrides,
  };
  const upcoming = schedule.enabled
    ? ["2026-11-23T02:00:00.000Z", "2026-11-24T02:00:00.000Z", "2026-11-25T02:00:00.000Z"]
    : [];
  return {
    schedule,
    kind: "inventory",
    retention: null,
    tenant_name: schedule.tenant_id === null ? null : "Contoso Pharma",
    upcoming,
    upcoming_local: schedule.enabled
      ? ["Mon 2026-11-23 03:00 CET", "Tue 2026-11-24 03:00 CET", "Wed 2026-11-25 03:00 CET"]
      : [],
    ...view,
  };
}

/**
 * A member as the Members page shows them: `user` (Ada, the operator, unless given) as an
 * operator of every tenant, never active. Ada is `is_you` unless said otherwise.
 */
export function memberView(user: User = appInfo().user, overrides: Partial<Omit<MemberView, "user">> = {}): MemberView {
  return {
    user,
    role: "operator",
    all_tenants: true,
    tenant_ids: [],
    last_activity_at: null,
    is_you: user.id === appInfo().user.id,
    ...overrides,
  };
}

/** Grace Hopper, a second operator who signs in with her own PostgreSQL role. */
export const grace: User = { id: "u2", login: "pg:grace", display_name: "Grace Hopper" };
/** Alan Turing, a third operator. */
export const alan: User = { id: "u3", login: "pg:alan", display_name: "Alan Turing" };

/**
 * The workspace's members in team mode, as its owner Ada sees them: Ada (owner, active 5 min
 * before the fixtures' now), Grace (operator of Contoso and Fabrikam) and Alan (read-only,
 * never active).
 */
export function memberDirectory(overrides: Partial<MemberDirectory> = {}): MemberDirectory {
  return {
    members: [
      memberView(appInfo().user, { role: "owner", last_activity_at: "2026-11-22T09:55:00.000Z" }),
      memberView(grace, {
        all_tenants: false,
        tenant_ids: ["t-contoso", "t-fabrikam"],
        last_activity_at: "2026-11-21T16:00:00.000Z",
      }),
      memberView(alan, { role: "readonly" }),
    ],
    may_manage: true,
    team_mode: true,
    ...overrides,
  };
}
