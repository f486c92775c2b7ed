//! Tauri commands: thin wrappers that pass the local operator and the request to `atlas-api`.
//! Names and argument names match the generated `ui/src/bindings/commands.ts`.

use atlas_api::{types::*, ApiError};
use atlas_domain::{
    AuditRow, DirectoryGroup, InventoryItem, InventoryTypeCount, OperationRun, Page, RunListPage,
    Tenant,
};
use tauri::State;

use crate::state::Shell;

/// One command: the API method of the same name, called as the local operator.
macro_rules! api_commands {
    ($($name:ident($($request:ty)?) -> $response:ty;)*) => {
        $(
            #[tauri::command]
            pub async fn $name(
                shell: State<'_, Shell>,
                $(request: $request,)?
            ) -> Result<$response, ApiError> {
                let rt = shell.runtime()?;
                rt.api.$name(&rt.actor $(, api_commands!(@arg request $request))?).await
            }
        )*
    };
    (@arg $value:ident $ty:ty) => { $value };
}

api_commands! {
    app_info() -> AppInfo;
    list_workspaces() -> Vec<WorkspaceSummary>;
    list_tenants(ListTenantsRequest) -> Vec<Tenant>;
    get_tenant(GetTenantRequest) -> Tenant;
    create_demo_workspace() -> CreateDemoWorkspaceResponse;
    add_tenant(AddTenantRequest) -> Tenant;
    update_tenant(UpdateTenantRequest) -> Tenant;
    set_tenant_status(SetTenantStatusRequest) -> Tenant;
    verify_connection(TenantRequest) -> VerifyConnectionResponse;
    start_sync(StartSyncRequest) -> StartRunResponse;
    sync_all(SyncAllRequest) -> SyncAllResponse;
    list_last_syncs(ListLastSyncsRequest) -> Vec<LastSync>;
    get_run(GetRunRequest) -> OperationRun;
    list_object_types() -> Vec<ObjectTypeInfo>;
    list_inventory(ListInventoryRequest) -> Page<InventoryItem>;
    inventory_counts(TenantRequest) -> Vec<InventoryTypeCount>;
    get_inventory_object(GetInventoryObjectRequest) -> InventoryObjectDetail;
    diff_versions(DiffVersionsRequest) -> VersionDiffResponse;
    list_groups(ListGroupsRequest) -> Page<DirectoryGroup>;
    list_directory_roles(TenantRequest) -> DirectoryRolesResponse;
    rbac_report(TenantRequest) -> Option<RbacReportResponse>;
    list_runs(ListRunsRequest) -> RunListPage;
    runs_overview(WorkspaceRequest) -> RunsOverview;
    run_detail(GetRunRequest) -> RunDetail;
    list_notifications() -> NotificationsResponse;
    mark_notification_read(MarkNotificationReadRequest) -> NotificationsResponse;
    mark_all_notifications_read() -> NotificationsResponse;
    list_audit(ListAuditRequest) -> Page<AuditRow>;
    list_members(WorkspaceRequest) -> Vec<WorkspaceMember>;
}
