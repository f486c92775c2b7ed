//! Tauri commands: thin wrappers that pass the local operator and the request to `atlas-api`.
//! Names and argument names match the generated `ui/src/bindings/commands.ts`.

use atlas_api::{
    types::{
        AppInfo, CreateDemoWorkspaceResponse, GetTenantRequest, ListTenantsRequest,
        WorkspaceSummary,
    },
    ApiError,
};
use atlas_domain::Tenant;
use tauri::State;

use crate::state::Shell;

#[tauri::command]
pub async fn app_info(shell: State<'_, Shell>) -> Result<AppInfo, ApiError> {
    let rt = shell.runtime()?;
    rt.api.app_info(&rt.actor).await
}

#[tauri::command]
pub async fn list_workspaces(shell: State<'_, Shell>) -> Result<Vec<WorkspaceSummary>, ApiError> {
    let rt = shell.runtime()?;
    rt.api.list_workspaces(&rt.actor).await
}

#[tauri::command]
pub async fn list_tenants(
    shell: State<'_, Shell>,
    request: ListTenantsRequest,
) -> Result<Vec<Tenant>, ApiError> {
    let rt = shell.runtime()?;
    rt.api.list_tenants(&rt.actor, request).await
}

#[tauri::command]
pub async fn get_tenant(
    shell: State<'_, Shell>,
    request: GetTenantRequest,
) -> Result<Tenant, ApiError> {
    let rt = shell.runtime()?;
    rt.api.get_tenant(&rt.actor, request).await
}

#[tauri::command]
pub async fn create_demo_workspace(
    shell: State<'_, Shell>,
) -> Result<CreateDemoWorkspaceResponse, ApiError> {
    let rt = shell.runtime()?;
    rt.api.create_demo_workspace(&rt.actor).await
}
