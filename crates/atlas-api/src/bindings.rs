//! Generates the TypeScript bindings the UI uses, from the Rust types of the command surface:
//!
//! - `types.ts`: every request, response, entity and error type;
//! - `commands.ts`: one typed function per command, over a transport the UI provides;
//! - `vocabulary.ts`: the presentation catalog (labels, tones, icons) from `atlas-domain`.
//!
//! The files are committed under `ui/src/bindings/`; the `bindings` test fails when they are
//! stale and rewrites them with `UPDATE_BINDINGS=1`.

use std::collections::BTreeSet;

use atlas_domain as d;
use ts_rs::{Config, TS};

use crate::{types as t, ApiError, ErrorCode};

const HEADER: &str = "// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).\n\
                      // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.\n";

/// One command of the surface, as the UI calls it.
struct Command {
    name: &'static str,
    doc: &'static str,
    /// The request argument's TypeScript type; commands without one take no argument.
    request: Option<String>,
    response: String,
}

fn config() -> Config {
    // Counters are JSON numbers, well inside 2^53.
    Config::new().with_large_int("number")
}

fn command<Req: TS, Res: TS>(name: &'static str, doc: &'static str) -> Command {
    let cfg = config();
    let request = Some(Req::name(&cfg)).filter(|n| n != "null");
    Command {
        name,
        doc,
        request,
        response: Res::name(&cfg),
    }
}

/// The command surface. The desktop shell registers a handler for each of these names.
fn commands() -> Vec<Command> {
    vec![
        command::<(), t::AppInfo>(
            "app_info",
            "What the app is, where its data lives, who is using it.",
        ),
        command::<(), Vec<t::WorkspaceSummary>>(
            "list_workspaces",
            "The workspaces the current user is a member of.",
        ),
        command::<t::ListTenantsRequest, Vec<d::Tenant>>(
            "list_tenants",
            "The tenants of a workspace the current user may see.",
        ),
        command::<t::GetTenantRequest, d::Tenant>(
            "get_tenant",
            "One tenant the current user is entitled to.",
        ),
        command::<(), t::CreateDemoWorkspaceResponse>(
            "create_demo_workspace",
            "Creates the demo workspace with three simulated tenants, or returns it.",
        ),
        command::<t::AddTenantRequest, d::Tenant>(
            "add_tenant",
            "Adds a tenant; its secret or certificate goes to the system keyring.",
        ),
        command::<t::UpdateTenantRequest, d::Tenant>(
            "update_tenant",
            "Renames a tenant or replaces its app registration credential.",
        ),
        command::<t::SetTenantStatusRequest, d::Tenant>(
            "set_tenant_status",
            "Pauses, archives or reactivates a tenant.",
        ),
        command::<t::TenantRequest, t::VerifyConnectionResponse>(
            "verify_connection",
            "Gets a token and reads one object: reports whether the tenant is reachable.",
        ),
        command::<t::StartSyncRequest, t::StartRunResponse>(
            "start_sync",
            "Queues a sync of one tenant (or returns the active one).",
        ),
        command::<t::SyncAllRequest, t::SyncAllResponse>(
            "sync_all",
            "Queues the sync for every active tenant the current user may sync.",
        ),
        command::<t::ListLastSyncsRequest, Vec<t::LastSync>>(
            "list_last_syncs",
            "The newest completed sync per kind for each visible tenant.",
        ),
        command::<t::GetRunRequest, d::OperationRun>("get_run", "One operation run."),
        command::<(), Vec<t::ObjectTypeInfo>>(
            "list_object_types",
            "The object types inventory covers.",
        ),
        command::<t::ListInventoryRequest, d::Page<d::InventoryItem>>(
            "list_inventory",
            "One page of a tenant's inventory.",
        ),
        command::<t::TenantRequest, Vec<d::InventoryTypeCount>>(
            "inventory_counts",
            "Objects per type in a tenant's inventory.",
        ),
        command::<t::GetInventoryObjectRequest, t::InventoryObjectDetail>(
            "get_inventory_object",
            "One object with its readable configuration and version history.",
        ),
        command::<t::DiffVersionsRequest, t::VersionDiffResponse>(
            "diff_versions",
            "Setting-by-setting difference of two versions of one object.",
        ),
        command::<t::ListGroupsRequest, d::Page<d::DirectoryGroup>>(
            "list_groups",
            "One page of a tenant's cached Entra groups.",
        ),
        command::<t::TenantRequest, t::DirectoryRolesResponse>(
            "list_directory_roles",
            "A tenant's directory role definitions and assignments.",
        ),
        command::<t::TenantRequest, Option<t::RbacReportResponse>>(
            "rbac_report",
            "The newest RBAC hardening report, or null before the first role sync.",
        ),
        command::<t::ListRunsRequest, d::RunListPage>(
            "list_runs",
            "One page of the operations index.",
        ),
        command::<t::WorkspaceRequest, t::RunsOverview>(
            "runs_overview",
            "Active, likely stale and recently reconciled runs, by type.",
        ),
        command::<t::GetRunRequest, t::RunDetail>(
            "run_detail",
            "A run with its names, freshness, policy and reason in plain words.",
        ),
        command::<(), t::NotificationsResponse>(
            "list_notifications",
            "The current user's newest notifications and the unread count.",
        ),
        command::<t::MarkNotificationReadRequest, t::NotificationsResponse>(
            "mark_notification_read",
            "Marks one notification read.",
        ),
        command::<(), t::NotificationsResponse>(
            "mark_all_notifications_read",
            "Marks every notification read.",
        ),
        command::<t::WorkspaceRequest, Vec<t::WorkspaceMember>>(
            "list_members",
            "The members of a workspace, by name.",
        ),
        command::<t::ListAuditRequest, d::Page<d::AuditRow>>(
            "list_audit",
            "One page of the workspace's audit log.",
        ),
    ]
}

/// The names of every command, for the shell's consistency test.
pub fn command_names() -> Vec<&'static str> {
    commands().into_iter().map(|c| c.name).collect()
}

struct Declaration {
    name: String,
    text: String,
    dependencies: Vec<String>,
}

fn declare<T: TS + 'static>() -> Declaration {
    let cfg = config();
    let docs = T::docs().unwrap_or_default();
    Declaration {
        name: T::ident(&cfg),
        text: format!("{docs}export {}", T::decl(&cfg)),
        dependencies: T::dependencies(&cfg)
            .into_iter()
            .map(|d| d.ts_name)
            .collect(),
    }
}

fn declarations() -> Vec<Declaration> {
    vec![
        // errors
        declare::<ApiError>(),
        declare::<ErrorCode>(),
        // domain identifiers and scalars
        declare::<d::WorkspaceId>(),
        declare::<d::TenantId>(),
        declare::<d::UserId>(),
        declare::<d::RunId>(),
        declare::<d::DirectoryTenantId>(),
        declare::<d::Timestamp>(),
        // domain entities and codes
        declare::<d::User>(),
        declare::<d::Workspace>(),
        declare::<d::Role>(),
        declare::<d::Capability>(),
        declare::<d::Tenant>(),
        declare::<d::TenantStatus>(),
        declare::<d::ProviderConnection>(),
        declare::<d::CredentialKind>(),
        declare::<d::ConnectionCheck>(),
        declare::<d::ConnectionState>(),
        // tenant data: inventory, versions, directory, reports
        declare::<serde_json::Value>(),
        declare::<d::Page<()>>(),
        declare::<d::InventoryItemId>(),
        declare::<d::InventoryItem>(),
        declare::<d::InventoryTypeCount>(),
        declare::<d::InventoryFilter>(),
        declare::<d::InventorySort>(),
        declare::<d::InventorySortKey>(),
        declare::<d::SortDirection>(),
        declare::<d::InventorySelection>(),
        declare::<d::PolicyVersionId>(),
        declare::<d::PolicyVersionSummary>(),
        declare::<d::PolicyVersion>(),
        declare::<d::VersionPurpose>(),
        declare::<d::DirectoryGroup>(),
        declare::<d::DirectoryRoleDefinition>(),
        declare::<d::DirectoryRoleAssignment>(),
        declare::<d::PrincipalType>(),
        declare::<d::ReportId>(),
        declare::<d::ReportType>(),
        declare::<d::StoredReport>(),
        declare::<d::RbacHardeningReport>(),
        declare::<d::rbac_report::PrivilegedHolder>(),
        declare::<d::rbac_report::RoleHolders>(),
        declare::<d::rbac_report::CustomRole>(),
        declare::<d::RbacFinding>(),
        declare::<d::RbacFindingCode>(),
        declare::<d::Severity>(),
        declare::<d::RunStatus>(),
        declare::<d::RunEvent>(),
        declare::<d::RunEventKind>(),
        declare::<d::RunListFilter>(),
        declare::<d::RunTab>(),
        declare::<d::RunListRow>(),
        declare::<d::RunListPage>(),
        declare::<d::Freshness>(),
        declare::<d::UserNotification>(),
        declare::<d::AuditEntry>(),
        declare::<d::AuditActor>(),
        declare::<d::AuditFilter>(),
        declare::<d::AuditRow>(),
        declare::<d::OperationRun>(),
        declare::<d::FailureEntry>(),
        declare::<d::readable::ReadableConfig>(),
        declare::<d::readable::SettingRow>(),
        declare::<d::readable::AssignmentRow>(),
        declare::<d::readable::AssignmentTargetKind>(),
        declare::<d::readable::ConfigDiff>(),
        declare::<d::readable::DiffRow>(),
        declare::<d::readable::DiffChange>(),
        declare::<d::RunOutcome>(),
        declare::<d::OperationType>(),
        declare::<d::vocabulary::Tone>(),
        declare::<d::vocabulary::Presentation>(),
        // requests and responses
        declare::<t::AppInfo>(),
        declare::<t::StorageBackend>(),
        declare::<t::WorkspaceSummary>(),
        declare::<t::ListTenantsRequest>(),
        declare::<t::GetTenantRequest>(),
        declare::<t::CreateDemoWorkspaceResponse>(),
        declare::<t::CredentialInput>(),
        declare::<t::AddTenantRequest>(),
        declare::<t::UpdateTenantRequest>(),
        declare::<t::SetTenantStatusRequest>(),
        declare::<t::TenantRequest>(),
        declare::<t::VerifyConnectionResponse>(),
        declare::<t::SyncKind>(),
        declare::<t::StartSyncRequest>(),
        declare::<t::SyncAllRequest>(),
        declare::<t::StartIntent>(),
        declare::<t::StartRunResponse>(),
        declare::<t::SyncAllResponse>(),
        declare::<t::TenantStart>(),
        declare::<t::TenantSkipped>(),
        declare::<t::LastSync>(),
        declare::<t::ListLastSyncsRequest>(),
        declare::<t::GetRunRequest>(),
        declare::<t::ObjectTypeInfo>(),
        declare::<t::ListInventoryRequest>(),
        declare::<t::GetInventoryObjectRequest>(),
        declare::<t::InventoryObjectDetail>(),
        declare::<t::DiffVersionsRequest>(),
        declare::<t::VersionDiffResponse>(),
        declare::<t::ListGroupsRequest>(),
        declare::<t::DirectoryRolesResponse>(),
        declare::<t::RbacReportResponse>(),
        declare::<t::ListRunsRequest>(),
        declare::<t::WorkspaceRequest>(),
        declare::<t::TypeCount>(),
        declare::<t::RunsOverview>(),
        declare::<t::ReasonView>(),
        declare::<t::PolicyView>(),
        declare::<t::RunDetail>(),
        declare::<t::NotificationsResponse>(),
        declare::<t::MarkNotificationReadRequest>(),
        declare::<t::ListAuditRequest>(),
        declare::<t::RunEventBatch>(),
        declare::<t::WorkspaceMember>(),
    ]
}

fn types_ts() -> String {
    let decls = declarations();
    let declared: BTreeSet<&str> = decls.iter().map(|d| d.name.as_str()).collect();
    for decl in &decls {
        for dep in &decl.dependencies {
            assert!(
                declared.contains(dep.as_str()),
                "{} uses {dep}, which is not declared",
                decl.name
            );
        }
    }
    let body: Vec<String> = decls.into_iter().map(|d| d.text).collect();
    format!("{HEADER}\n{}\n", body.join("\n\n"))
}

fn commands_ts() -> String {
    let mut used = BTreeSet::new();
    let mut functions = String::new();
    for c in commands() {
        let camel = camel_case(c.name);
        let (params, args) = match &c.request {
            Some(req) => (format!("request: {req}"), "{ request }".to_owned()),
            None => (String::new(), "{}".to_owned()),
        };
        for ty in c.request.iter().chain([&c.response]) {
            used.extend(type_names(ty));
        }
        functions.push_str(&format!(
            "    /** {} */\n    {camel}: ({params}): Promise<{}> =>\n      transport.invoke<{}>(\"{}\", {args}),\n",
            c.doc, c.response, c.response, c.name
        ));
    }
    let imports = used.into_iter().collect::<Vec<_>>().join(", ");
    format!(
        "{HEADER}\nimport type {{ {imports} }} from \"./types\";\n\n\
         /** How commands reach the backend: Tauri IPC in the app, a fake in unit tests. */\n\
         export interface Transport {{\n  invoke<T>(command: string, args: Record<string, unknown>): Promise<T>;\n}}\n\n\
         /** Every command of the surface, typed. Failures reject with an `ApiError`. */\n\
         export function createCommands(transport: Transport) {{\n  return {{\n{functions}  }};\n}}\n\n\
         export type Commands = ReturnType<typeof createCommands>;\n"
    )
}

fn vocabulary_ts() -> String {
    let json = serde_json::to_string_pretty(&d::vocabulary::catalog()).expect("catalog serialises");
    format!(
        "{HEADER}\nimport type {{ Presentation }} from \"./types\";\n\n\
         /** Label, tone and icon of every value of every status domain. */\n\
         export const vocabulary = {json} as const satisfies Record<string, Record<string, Presentation>>;\n\n\
         export type VocabularyDomain = keyof typeof vocabulary;\n"
    )
}

/// Every generated file: (name inside `ui/src/bindings/`, content).
pub fn generate() -> Vec<(&'static str, String)> {
    vec![
        ("types.ts", types_ts()),
        ("commands.ts", commands_ts()),
        ("vocabulary.ts", vocabulary_ts()),
    ]
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The declared type names inside a TypeScript type expression such as `Array<Tenant>`.
fn type_names(ty: &str) -> Vec<String> {
    const BUILTIN: &[&str] = &["Array", "Record", "string", "number", "boolean", "null"];
    ty.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty() && !BUILTIN.contains(w))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_names_become_camel_case() {
        assert_eq!(camel_case("create_demo_workspace"), "createDemoWorkspace");
        assert_eq!(camel_case("app_info"), "appInfo");
    }

    #[test]
    fn type_expressions_name_their_declared_types() {
        assert_eq!(type_names("Array<WorkspaceSummary>"), ["WorkspaceSummary"]);
        assert_eq!(type_names("string"), Vec::<String>::new());
    }

    #[test]
    fn every_command_name_is_unique() {
        let names = command_names();
        let unique: BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }
}
