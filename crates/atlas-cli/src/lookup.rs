//! Finding what the operator named on the command line: a workspace (or their only one), and a
//! tenant by its id, display name (any case), primary domain or directory id.

use atlas_api::{
    types::{GetTenantRequest, ListTenantsRequest, WorkspaceSummary},
    Actor, Api, ApiError, ErrorCode,
};
use atlas_domain::{Tenant, TenantId, WorkspaceId};

/// The workspace given with `--workspace`, or the actor's only one.
pub async fn workspace(
    api: &Api,
    actor: &Actor,
    given: Option<&str>,
) -> Result<WorkspaceId, ApiError> {
    match given {
        Some(id) => Ok(id.parse()?),
        None => only_workspace(&api.list_workspaces(actor).await?),
    }
}

fn only_workspace(workspaces: &[WorkspaceSummary]) -> Result<WorkspaceId, ApiError> {
    match workspaces {
        [only] => Ok(only.workspace.id),
        [] => Err(ApiError::invalid(
            "You are not a member of any workspace yet; run `atlas demo`.",
        )),
        many => Err(ApiError::invalid(format!(
            "You are a member of {} workspaces; choose one with --workspace <ID> (see `atlas workspaces`).",
            many.len()
        ))),
    }
}

/// The one tenant `query` names, looked up in `workspace` or in every workspace the actor is
/// a member of. An id is tried first; otherwise the display name (case-insensitive), the
/// primary domain and the directory id must single out exactly one tenant.
pub async fn tenant(
    api: &Api,
    actor: &Actor,
    query: &str,
    workspace: Option<&str>,
) -> Result<Tenant, ApiError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(ApiError::invalid(
            "Name the tenant: its id, display name or primary domain (see `atlas tenant list`).",
        ));
    }
    let workspace: Option<WorkspaceId> = workspace.map(str::parse).transpose()?;
    if let Ok(id) = query.parse::<TenantId>() {
        match api
            .get_tenant(actor, GetTenantRequest { tenant_id: id })
            .await
        {
            Ok(tenant) if workspace.is_none_or(|w| w == tenant.workspace_id) => return Ok(tenant),
            Ok(_) => {}
            Err(e) if e.code == ErrorCode::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let workspaces: Vec<WorkspaceSummary> = api
        .list_workspaces(actor)
        .await?
        .into_iter()
        .filter(|s| workspace.is_none_or(|w| w == s.workspace.id))
        .collect();
    let mut found: Vec<(Tenant, String)> = Vec::new();
    for summary in &workspaces {
        let request = ListTenantsRequest {
            workspace_id: summary.workspace.id,
        };
        for tenant in api.list_tenants(actor, request).await? {
            if names(&tenant, query) {
                found.push((tenant, summary.workspace.name.clone()));
            }
        }
    }
    match found.len() {
        1 => Ok(found.remove(0).0),
        0 => Err(ApiError::new(
            ErrorCode::NotFound,
            format!(
                "No tenant matches \"{query}\"{}. Name a tenant by its id, display name or primary \
                 domain; `atlas tenant list` shows them.",
                if workspace.is_some() {
                    " in that workspace"
                } else {
                    ""
                }
            ),
        )),
        n => Err(ApiError::invalid(format!(
            "\"{query}\" matches {n} tenants: {}. Name one by its id.",
            found
                .iter()
                .map(|(t, ws)| format!(
                    "\"{}\" ({}, id {}, workspace \"{ws}\")",
                    t.display_name,
                    t.primary_domain
                        .clone()
                        .unwrap_or_else(|| format!("directory {}", t.directory_tenant_id)),
                    t.id
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}

/// Whether `query` is this tenant's display name (any case), primary domain or directory id.
fn names(tenant: &Tenant, query: &str) -> bool {
    let query = query.to_lowercase();
    tenant.display_name.trim().to_lowercase() == query
        || tenant
            .primary_domain
            .as_deref()
            .is_some_and(|d| d.to_lowercase() == query)
        || tenant.directory_tenant_id.to_string() == query
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_domain::{Timestamp, WorkspaceId};

    fn tenant(name: &str, domain: Option<&str>) -> Tenant {
        let now = Timestamp::now();
        Tenant {
            id: TenantId::new(),
            workspace_id: WorkspaceId::new(),
            display_name: name.into(),
            directory_tenant_id: "3f0c6a52-8d1e-4b7a-9c2f-5e4d1a0b7c31".parse().unwrap(),
            primary_domain: domain.map(str::to_owned),
            status: atlas_domain::TenantStatus::Active,
            simulated: false,
            connection: None,
            connection_check: Default::default(),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_tenant_is_named_by_its_name_in_any_case_its_domain_or_its_directory() {
        let t = tenant(
            "Contoso Dental Group",
            Some("contoso-dental.onmicrosoft.com"),
        );
        assert!(names(&t, "contoso dental group"));
        assert!(names(&t, "CONTOSO-DENTAL.onmicrosoft.com"));
        assert!(names(&t, "3F0C6A52-8D1E-4B7A-9C2F-5E4D1A0B7C31"));
        assert!(!names(&t, "Contoso"));
        assert!(!names(&tenant("Fabrikam", None), "fabrikam.com"));
    }
}
