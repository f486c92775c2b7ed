//! The RBAC matrix: every command of the command table (`for_each_command!`) × role (owner,
//! manager, operator, readonly) × standing (a member entitled to the tenant, a member not
//! entitled to it, not a member) gives exactly *allowed*, *forbidden* or *not found*.
//!
//! Solo mode runs it through the service layer on SQLite. Team mode runs it again with each
//! cell as its own PostgreSQL role, so row-level security is in force under every command, and
//! then reads every table raw as each role. A command without an entry in [`entries`] fails
//! the test, so a new command cannot ship without saying who may use it.
//!
//! Writes that are allowed run on a fresh copy of the fixture (a copied data folder, or a
//! database made from the fixture as a template): one cell's archive or delete never changes
//! what the next cell meets.

use std::{
    collections::BTreeSet,
    fmt,
    path::{Path, PathBuf},
    time::Duration,
};

use atlas_api::{
    types::{
        FindingsPage, GenerateReviewPackRequest, GetRunRequest, ListFindingsRequest,
        ReviewPackRequest, SaveReviewPackRequest, StartSyncRequest, SyncKind, TenantRequest,
        WorkspaceRequest,
    },
    Actor, Api, ApiError, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{
    BackupSetId, BaselineProfileId, BaselineSnapshotId, Capability, EvidenceSnapshotId,
    FindingFilter, FindingId, FindingStatus, InventoryItem, InventoryItemId, OperationRun,
    PackStatus, PolicyVersion, PolicyVersionId, RestoreId, ReviewId, ReviewPackId, Role, RunId,
    RunStatus, ScheduleId, Tenant, Timestamp, User, UserId, UserNotification, WorkspaceId,
};
use atlas_store::{notifications, team, testing, users, Store, StoreConfig};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The table: who may use each command.
// ---------------------------------------------------------------------------------------------

/// Which records a command touches, and so who finds them at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// No workspace record: every signed-in operator.
    Anyone,
    /// The operator's own records (their inbox).
    Own,
    /// An entry of the operator's own inbox about the workspace: gone once they are not a
    /// member (a former member's old entries say nothing more about it).
    Inbox,
    /// The workspace as a whole: a non-member finds nothing.
    Workspace(Capability),
    /// A record of the tenant under test: a member not entitled to it finds nothing either.
    Tenant(Capability),
}

/// What an allowed call answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WhenAllowed {
    Ok,
    /// Access passed, then a documented refusal of this request (in every mode).
    Refused(ErrorCode),
    /// Access passed, then refused in solo mode only (team-mode features).
    RefusedInSolo(ErrorCode),
}

struct Entry {
    command: &'static str,
    scope: Scope,
    /// Changes stored data: allowed calls run on a fresh copy of the fixture.
    writes: bool,
    allowed: WhenAllowed,
    request: fn(&Fixture, &Cell) -> Value,
}

const fn read(command: &'static str, scope: Scope, request: fn(&Fixture, &Cell) -> Value) -> Entry {
    Entry {
        command,
        scope,
        writes: false,
        allowed: WhenAllowed::Ok,
        request,
    }
}

const fn write(
    command: &'static str,
    scope: Scope,
    request: fn(&Fixture, &Cell) -> Value,
) -> Entry {
    Entry {
        command,
        scope,
        writes: true,
        allowed: WhenAllowed::Ok,
        request,
    }
}

impl Entry {
    const fn answering(mut self, allowed: WhenAllowed) -> Self {
        self.allowed = allowed;
        self
    }
}

fn none(_: &Fixture, _: &Cell) -> Value {
    Value::Null
}

use Capability as C;
use Scope::{Anyone, Inbox, Own, Tenant as T, Workspace as W};

/// Every command, with the records it touches, the capability it needs and a valid request
/// against the fixture.
fn entries() -> Vec<Entry> {
    vec![
        read("app_info", Anyone, none),
        read("diagnostics", Anyone, none),
        // This installation's setting, not workspace data: anyone using the app may turn
        // update checks off (or on).
        write("set_update_url", Anyone, |_, _| json!({ "url": null })),
        // Without the desktop shell's updater (tests, the CLI) both say a package manager
        // updates this program.
        read("check_for_update", Anyone, none)
            .answering(WhenAllowed::Refused(ErrorCode::Unavailable)),
        write(
            "install_update",
            Anyone,
            |_, _| json!({ "version": "9.9.9" }),
        )
        .answering(WhenAllowed::Refused(ErrorCode::Unavailable)),
        read("list_workspaces", Anyone, none),
        read("list_members", W(C::TenantView), |f, _| f.ws()),
        write(
            "create_workspace",
            Anyone,
            |_, _| json!({ "name": "Fabrikam MSP" }),
        ),
        read("member_directory", W(C::TenantView), |f, _| f.ws()),
        write(
            "add_member",
            W(C::WorkspaceManage),
            |f, _| json!({ "workspace_id": f.workspace, "name": NEWCOMER, "role": "readonly" }),
        )
        .answering(WhenAllowed::RefusedInSolo(ErrorCode::InvalidInput)),
        write(
            "set_member_role",
            W(C::WorkspaceManage),
            |f, _| json!({ "workspace_id": f.workspace, "user_id": f.target, "role": "operator" }),
        ),
        write("set_member_tenants", W(C::WorkspaceManage), |f, _| {
            json!({ "workspace_id": f.workspace, "user_id": f.target,
                    "all_tenants": false, "tenant_ids": [f.t2.id] })
        }),
        write(
            "remove_member",
            W(C::WorkspaceManage),
            |f, _| json!({ "workspace_id": f.workspace, "user_id": f.target }),
        ),
        write(
            "rename_workspace",
            W(C::WorkspaceManage),
            |f, _| json!({ "workspace_id": f.workspace, "name": "Renamed MSP" }),
        ),
        write("create_demo_workspace", Anyone, none),
        read("list_tenants", W(C::TenantView), |f, _| f.ws()),
        read("get_tenant", T(C::TenantView), |f, _| f.t1()),
        write("add_tenant", W(C::TenantManage), |f, _| {
            json!({ "workspace_id": f.workspace, "display_name": "Litware",
                    "directory": "6f1c2d3e-4a5b-4c6d-8e7f-901234567890",
                    "client_id": "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b",
                    "credential": { "kind": "client_secret", "secret": "not-a-real-secret" } })
        }),
        write(
            "update_tenant",
            T(C::TenantManage),
            |f, _| json!({ "tenant_id": f.t1.id, "display_name": "Contoso (renamed)" }),
        ),
        write("hold_credential", T(C::TenantSync), |f, _| {
            json!({ "tenant_id": f.t1.id,
                    "credential": { "kind": "client_secret", "secret": "not-a-real-secret" } })
        })
        .answering(WhenAllowed::Refused(ErrorCode::InvalidInput)),
        write(
            "set_tenant_status",
            T(C::TenantManage),
            |f, _| json!({ "tenant_id": f.t1.id, "status": "paused" }),
        ),
        write("verify_connection", T(C::TenantSync), |f, _| f.t1()),
        read("permission_guide", Anyone, none),
        read("permission_report", T(C::TenantView), |f, _| f.t1()),
        write(
            "start_sync",
            T(C::TenantSync),
            |f, _| json!({ "tenant_id": f.t1.id, "kind": "roles" }),
        ),
        write(
            "sync_all",
            W(C::TenantSync),
            |f, _| json!({ "workspace_id": f.workspace, "kind": "roles" }),
        ),
        read(
            "workspace_overview",
            W(C::TenantView),
            |f, _| json!({ "workspace_id": f.workspace, "utc_offset_minutes": 60 }),
        ),
        read("list_last_syncs", W(C::TenantView), |f, _| f.ws()),
        read(
            "get_run",
            T(C::TenantView),
            |f, _| json!({ "run_id": f.run }),
        ),
        read("list_schedules", W(C::TenantView), |f, _| f.ws()),
        write("create_schedule", T(C::TenantSync), |f, _| {
            json!({ "workspace_id": f.workspace, "tenant_id": f.t1.id, "kind": "groups",
                    "cron": "30 4 * * *", "time_zone": "Europe/Berlin" })
        }),
        write(
            "update_schedule",
            T(C::TenantSync),
            |f, _| json!({ "schedule_id": f.schedule, "enabled": false }),
        ),
        write(
            "delete_schedule",
            T(C::TenantSync),
            |f, _| json!({ "schedule_id": f.schedule }),
        ),
        write("back_up_now", T(C::TenantSync), |f, _| f.t1()),
        write("back_up_all", W(C::TenantSync), |f, _| f.ws()),
        read("list_backup_sets", T(C::TenantView), |f, _| f.t1()),
        read(
            "get_backup_set",
            T(C::TenantView),
            |f, _| json!({ "backup_set_id": f.backup_set }),
        ),
        write("export_documentation", T(C::TenantView), |f, cell| {
            let to = f.out_dir.join(format!("{}.md", cell.name));
            json!({ "tenant_id": f.t1.id, "format": "markdown", "destination": to })
        }),
        read(
            "preview_import",
            T(C::TenantSync),
            |f, _| json!({ "tenant_id": f.t1.id, "folder": f.import_folder }),
        ),
        write(
            "import_backup",
            T(C::TenantSync),
            |f, _| json!({ "tenant_id": f.t1.id, "folder": f.import_folder }),
        ),
        write("export_backup_folder", T(C::TenantView), |f, cell| {
            let to = f.out_dir.join(format!("folder-{}", cell.name));
            json!({ "tenant_id": f.t1.id, "backup_set_id": f.backup_set, "destination": to })
        }),
        write("preview_restore", T(C::TenantRestoreExecute), |f, _| {
            json!({ "tenant_id": f.t1.id,
                    "source": { "kind": "backup_set", "backup_set_id": f.backup_set } })
        }),
        write(
            "remediate_findings",
            T(C::TenantRestoreExecute),
            |f, _| json!({ "tenant_id": f.t1.id, "finding_ids": [f.finding] }),
        ),
        write("execute_restore", T(C::TenantRestoreExecute), |f, _| {
            json!({ "restore_id": f.restore, "confirm_tenant": f.t1.display_name,
                    "confirm_changes": f.restore_changes })
        }),
        write(
            "preview_undo",
            T(C::TenantRestoreExecute),
            |f, _| json!({ "restore_id": f.executed }),
        ),
        read("list_restores", T(C::TenantView), |f, _| f.t1()),
        read(
            "get_restore",
            T(C::TenantView),
            |f, _| json!({ "restore_id": f.restore }),
        ),
        read(
            "search_workspace",
            W(C::TenantView),
            |f, _| json!({ "workspace_id": f.workspace, "query": "Windows" }),
        ),
        read("compare_across", T(C::TenantView), |f, _| {
            json!({ "left": { "tenant_id": f.t1.id, "version_id": f.version },
                    "right": { "tenant_id": f.t2.id, "version_id": f.other_version } })
        }),
        read("tenant_changes", T(C::TenantView), |f, _| f.t1()),
        write("export_table", W(C::TenantView), |f, _| {
            json!({ "workspace_id": f.workspace, "name": "operations", "format": "csv",
                    "columns": ["Tenant"], "rows": [["Contoso"]] })
        }),
        write(
            "export_policy_version",
            T(C::TenantView),
            |f, _| json!({ "tenant_id": f.t1.id, "version_id": f.version }),
        ),
        write(
            "cancel_run",
            T(C::TenantSync),
            |f, _| json!({ "run_id": f.queued_run }),
        ),
        write(
            "retry_run",
            T(C::TenantSync),
            |f, _| json!({ "run_id": f.cancelled_run }),
        ),
        read("list_object_types", Anyone, none),
        read(
            "list_inventory",
            T(C::TenantView),
            |f, _| json!({ "tenant_id": f.t1.id, "filter": { "limit": 20 } }),
        ),
        read("inventory_counts", T(C::TenantView), |f, _| f.t1()),
        read(
            "get_inventory_object",
            T(C::TenantView),
            |f, _| json!({ "tenant_id": f.t1.id, "item_id": f.item }),
        ),
        read(
            "diff_versions",
            T(C::TenantView),
            |f, _| json!({ "tenant_id": f.t1.id, "before": f.version, "after": f.version }),
        ),
        read(
            "list_groups",
            T(C::TenantView),
            |f, _| json!({ "tenant_id": f.t1.id, "offset": 0, "limit": 20 }),
        ),
        read("list_directory_roles", T(C::TenantView), |f, _| f.t1()),
        read("rbac_report", T(C::TenantView), |f, _| f.t1()),
        read("list_runs", W(C::OperationsView), |f, _| {
            json!({ "workspace_id": f.workspace, "filter": {
                "tab": "all", "types": [], "statuses": [], "outcomes": [], "freshness": [],
                "tenants": [], "initiators": [], "direction": "desc", "offset": 0, "limit": 50 } })
        }),
        read("runs_overview", W(C::OperationsView), |f, _| f.ws()),
        read(
            "run_detail",
            T(C::TenantView),
            |f, _| json!({ "run_id": f.run }),
        ),
        read(
            "run_changes",
            T(C::TenantView),
            |f, _| json!({ "run_id": f.run }),
        ),
        read("list_notifications", Own, |f, _| f.ws()),
        write(
            "mark_notification_read",
            Inbox,
            |f, cell| json!({ "id": cell.notification, "workspace_id": f.workspace }),
        ),
        write("mark_all_notifications_read", Own, |f, _| f.ws()),
        read(
            "list_audit",
            W(C::AuditView),
            |f, _| json!({ "workspace_id": f.workspace, "filter": { "offset": 0, "limit": 50 } }),
        ),
        read(
            "list_baseline_profiles",
            W(C::WorkspaceBaselinesView),
            |f, _| f.ws(),
        ),
        read(
            "get_baseline_profile",
            W(C::WorkspaceBaselinesView),
            |f, _| f.profile(),
        ),
        write(
            "create_baseline_profile",
            W(C::WorkspaceBaselinesManage),
            |f, _| json!({ "workspace_id": f.workspace, "name": "Kiosk devices", "capture_mode": "meta" }),
        ),
        write(
            "update_baseline_profile",
            W(C::WorkspaceBaselinesManage),
            |f, _| json!({ "profile_id": f.profile, "description": "Reviewed in December" }),
        ),
        write(
            "set_baseline_profile_status",
            W(C::WorkspaceBaselinesManage),
            |f, _| json!({ "profile_id": f.profile, "status": "archived" }),
        ),
        write(
            "assign_baseline",
            T(C::WorkspaceBaselinesManage),
            |f, _| json!({ "profile_id": f.spare_profile, "tenant_id": f.t1.id }),
        )
        .answering(WhenAllowed::Refused(ErrorCode::Conflict)),
        write(
            "unassign_baseline",
            T(C::WorkspaceBaselinesManage),
            |f, _| f.t1(),
        ),
        write(
            "start_baseline_capture",
            W(C::WorkspaceBaselinesManage),
            |f, _| f.profile(),
        ),
        write("start_baseline_compare", T(C::TenantSync), |f, _| f.t1()),
        write("compare_all_assigned", W(C::TenantSync), |f, _| f.profile()),
        read(
            "get_baseline_snapshot",
            W(C::WorkspaceBaselinesView),
            |f, _| json!({ "snapshot_id": f.snapshot }),
        ),
        read("get_tenant_baseline", T(C::TenantView), |f, _| f.t1()),
        read(
            "list_findings",
            W(C::TenantView),
            |f, _| json!({ "workspace_id": f.workspace, "filter": { "limit": 50 } }),
        ),
        read(
            "get_finding",
            T(C::TenantView),
            |f, _| json!({ "finding_id": f.finding }),
        ),
        write(
            "acknowledge_findings",
            T(C::TenantFindingsManage),
            |f, _| json!({ "finding_ids": [f.finding], "note": "Accepted for the kiosk fleet" }),
        ),
        write(
            "reopen_finding",
            T(C::TenantFindingsManage),
            |f, _| json!({ "finding_id": f.acknowledged }),
        ),
        write(
            "generate_evidence_snapshot",
            T(C::ReviewPackManage),
            |f, _| f.t1(),
        ),
        read("list_evidence_snapshots", T(C::ReviewPackView), |f, _| {
            f.t1()
        }),
        read(
            "get_evidence_snapshot",
            T(C::ReviewPackView),
            |f, _| json!({ "snapshot_id": f.evidence }),
        ),
        read("review_readiness", T(C::ReviewPackView), |f, _| f.t1()),
        write("compose_review", T(C::ReviewPackManage), |f, _| f.t1()),
        read("latest_review", T(C::ReviewPackView), |f, _| f.t1()),
        write(
            "update_review_note",
            T(C::ReviewPackManage),
            |f, _| json!({ "review_id": f.review, "note": "Discussed on the call" }),
        ),
        write("generate_review_pack", T(C::ReviewPackManage), |f, _| {
            f.t1()
        }),
        read("latest_review_pack", T(C::ReviewPackView), |f, _| f.t1()),
        read(
            "get_review_pack",
            T(C::ReviewPackView),
            |f, _| json!({ "pack_id": f.pack }),
        ),
        read(
            "list_review_packs",
            W(C::ReviewPackView),
            |f, _| json!({ "workspace_id": f.workspace, "offset": 0, "limit": 50 }),
        ),
        write("save_review_pack", T(C::ReviewPackView), |f, cell| {
            let to = f.out_dir.join(format!("{}.zip", cell.name));
            json!({ "pack_id": f.pack, "destination": to })
        }),
        read(
            "verify_pack_file",
            W(C::ReviewPackView),
            |f, _| json!({ "path": f.pack_file, "workspace_id": f.workspace }),
        ),
        read("review_pack_settings", W(C::ReviewPackView), |f, _| f.ws()),
        write(
            "update_review_pack_settings",
            W(C::ReviewPackManage),
            |f, _| {
                json!({ "workspace_id": f.workspace, "settings": {
                "defaults": { "include_pii": false, "include_operations": true },
                "retention_days": 60, "grace_days": 7, "evidence_max_age_days": 14 } })
            },
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// The command table, expanded: every command by name, callable with a JSON request.
// ---------------------------------------------------------------------------------------------

macro_rules! dispatcher {
    ($($(#[doc = $doc:literal])* $name:ident($($req:ty)?) -> $res:ty;)*) => {
        /// Every command of the command table.
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Calls `command` as `actor`; the request is deserialized as the command's own type.
        async fn call(api: &Api, actor: &Actor, command: &str, request: Value) -> Result<(), ApiError> {
            $(
                if command == stringify!($name) {
                    let _ = &request;
                    return Box::pin(api.$name(
                        actor
                        $(, serde_json::from_value::<$req>(request).unwrap_or_else(|e| {
                            panic!("the matrix's request for {} is not a {}: {e}",
                                stringify!($name), stringify!($req))
                        }))?
                    ))
                    .await
                    .map(|_| ());
                }
            )*
            unreachable!("{command} is not a command")
        }
    };
}
atlas_api::for_each_command!(dispatcher);

// ---------------------------------------------------------------------------------------------
// Cells and outcomes.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// A member entitled to the tenant under test.
    Entitled,
    /// A member entitled to another tenant of the workspace, but not this one.
    NotEntitled,
    /// Not a member of the workspace.
    Stranger,
}

/// One operator of the matrix: a role (none for a stranger) and a standing.
#[derive(Debug, Clone)]
struct Cell {
    name: String,
    role: Option<Role>,
    standing: Standing,
    user: User,
    /// A notification in this operator's own inbox.
    notification: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Allowed,
    Refused(ErrorCode),
    Forbidden,
    NotFound,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Allowed => f.write_str("allowed"),
            Outcome::Refused(code) => write!(f, "allowed, then refused ({code:?})"),
            Outcome::Forbidden => f.write_str("forbidden"),
            Outcome::NotFound => f.write_str("not found"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Solo,
    Team,
}

fn expected(entry: &Entry, cell: &Cell, mode: Mode) -> Outcome {
    let allowed = match (entry.allowed, mode) {
        (WhenAllowed::Ok, _) | (WhenAllowed::RefusedInSolo(_), Mode::Team) => Outcome::Allowed,
        (WhenAllowed::Refused(code), _) | (WhenAllowed::RefusedInSolo(code), Mode::Solo) => {
            Outcome::Refused(code)
        }
    };
    let (capability, sees) = match entry.scope {
        Anyone | Own => return allowed,
        Inbox if cell.standing == Standing::Stranger => return Outcome::NotFound,
        Inbox => return allowed,
        W(capability) => (capability, cell.standing != Standing::Stranger),
        T(capability) => (capability, cell.standing == Standing::Entitled),
    };
    match (sees, cell.role) {
        (true, Some(role)) if role.grants(capability) => allowed,
        (true, Some(_)) => Outcome::Forbidden,
        _ => Outcome::NotFound,
    }
}

fn outcome(result: &Result<(), ApiError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Allowed,
        Err(e) if e.code == ErrorCode::Forbidden => Outcome::Forbidden,
        Err(e) if e.code == ErrorCode::NotFound => Outcome::NotFound,
        Err(e) => Outcome::Refused(e.code),
    }
}

// ---------------------------------------------------------------------------------------------
// The fixture: one workspace with every kind of record, made through the commands.
// ---------------------------------------------------------------------------------------------

const NEWCOMER: &str = "nick";
const TARGET: &str = "tess";

struct Fixture {
    workspace: WorkspaceId,
    /// The tenant under test (assigned to the demo baseline).
    t1: Tenant,
    /// Another tenant (the baseline's reference).
    t2: Tenant,
    profile: BaselineProfileId,
    /// A draft profile with no tenants.
    spare_profile: BaselineProfileId,
    snapshot: BaselineSnapshotId,
    backup_set: BackupSetId,
    /// A previewed restore, ready to execute.
    restore: RestoreId,
    /// An executed restore.
    executed: RestoreId,
    restore_changes: u32,
    run: RunId,
    queued_run: RunId,
    cancelled_run: RunId,
    item: InventoryItemId,
    version: PolicyVersionId,
    other_version: PolicyVersionId,
    finding: FindingId,
    acknowledged: FindingId,
    evidence: EvidenceSnapshotId,
    review: ReviewId,
    pack: ReviewPackId,
    pack_file: PathBuf,
    schedule: ScheduleId,
    target: UserId,
    /// An IntuneCD backup with one assignment filter.
    import_folder: PathBuf,
    out_dir: PathBuf,
}

impl Fixture {
    fn ws(&self) -> Value {
        json!({ "workspace_id": self.workspace })
    }
    fn t1(&self) -> Value {
        json!({ "tenant_id": self.t1.id })
    }
    fn profile(&self) -> Value {
        json!({ "profile_id": self.profile })
    }
}

async fn wait(api: &Api, actor: &Actor, run: &OperationRun) -> OperationRun {
    atlas_testkit::eventually(Duration::from_secs(180), "the run completes", || async {
        let now = api
            .get_run(actor, GetRunRequest { run_id: run.id })
            .await
            .unwrap();
        (now.status == RunStatus::Completed).then_some(now)
    })
    .await
}

async fn findings_of(api: &Api, actor: &Actor, ws: WorkspaceId, tenant: &Tenant) -> FindingsPage {
    api.list_findings(
        actor,
        ListFindingsRequest {
            workspace_id: ws,
            filter: FindingFilter {
                tenants: vec![tenant.id],
                statuses: vec![FindingStatus::Open],
                limit: 50,
                ..FindingFilter::default()
            },
        },
    )
    .await
    .unwrap()
}

/// The first object of the tenant's inventory (of `object_type`, when given) that has a
/// stored version, with that version.
async fn first_versioned(
    api: &Api,
    actor: &Actor,
    tenant: &Tenant,
    object_type: Option<&str>,
) -> (InventoryItem, PolicyVersion) {
    let types: Vec<&str> = object_type.into_iter().collect();
    let request = json!({ "tenant_id": tenant.id,
        "filter": { "object_types": types, "limit": 200 } });
    let items = api
        .list_inventory(actor, serde_json::from_value(request).unwrap())
        .await
        .unwrap()
        .items;
    for item in items {
        let request = json!({ "tenant_id": tenant.id, "item_id": item.id });
        let detail = api
            .get_inventory_object(actor, serde_json::from_value(request).unwrap())
            .await
            .unwrap();
        if let Some(latest) = detail.latest {
            return (item, latest);
        }
    }
    panic!(
        "{} has no object with a stored version",
        tenant.display_name
    )
}

/// Builds every record the matrix names, as the founder with the engine running.
async fn build_fixture(founder: &Runtime, out_dir: &Path) -> Fixture {
    let (api, ann) = (&founder.api, &founder.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    let ws = demo.workspace.workspace.id;
    let profiles = api
        .list_baseline_profiles(ann, WorkspaceRequest { workspace_id: ws })
        .await
        .unwrap();
    let profile = profiles[0].profile.clone();
    let t1 = demo
        .tenants
        .iter()
        .find(|t| Some(t.id) != profile.source_tenant_id)
        .unwrap()
        .clone();
    let t2 = demo
        .tenants
        .iter()
        .find(|t| Some(t.id) == profile.source_tenant_id)
        .unwrap()
        .clone();
    let tenant = |t: &Tenant| TenantRequest { tenant_id: t.id };

    for kind in SyncKind::ALL {
        for t in [&t1, &t2] {
            let start = api
                .start_sync(
                    ann,
                    StartSyncRequest {
                        tenant_id: t.id,
                        kind,
                    },
                )
                .await
                .unwrap();
            wait(api, ann, &start.run).await;
        }
    }
    let findings = atlas_testkit::eventually(
        Duration::from_secs(240),
        "the demo baseline is compared",
        || async {
            let page = findings_of(api, ann, ws, &t1).await;
            (page.page.items.len() >= 2).then_some(page)
        },
    )
    .await;
    let finding = findings.page.items[0].id;
    let acknowledged = findings.page.items[1].id;
    api.acknowledge_findings(
        ann,
        serde_json::from_value(json!({ "finding_ids": [acknowledged], "note": "Known" })).unwrap(),
    )
    .await
    .unwrap();
    let detail = api
        .get_baseline_profile(
            ann,
            serde_json::from_value(json!({ "profile_id": profile.id })).unwrap(),
        )
        .await
        .unwrap();
    let snapshot = detail.snapshots[0].id;
    let spare = api
        .create_baseline_profile(
            ann,
            serde_json::from_value(
                json!({ "workspace_id": ws, "name": "Spare", "capture_mode": "meta" }),
            )
            .unwrap(),
        )
        .await
        .unwrap();

    let backup = api.back_up_now(ann, tenant(&t1)).await.unwrap();
    wait(api, ann, &backup.run).await;
    let backup_set = api.list_backup_sets(ann, tenant(&t1)).await.unwrap()[0].id;

    let (item, latest) = first_versioned(api, ann, &t1, None).await;
    let (_, other) = first_versioned(api, ann, &t2, Some(&item.object_type)).await;
    let other_version = other.summary.id;

    // A promote: the reference tenant's version of the object onto the tenant under test.
    // Previewed twice: the second time with the reference tenant's groups skipped.
    let mut overrides = None;
    let restore = loop {
        let request = json!({ "tenant_id": t1.id, "group_overrides": overrides,
            "source": { "kind": "versions", "version_ids": [other_version] } });
        let preview = api
            .preview_restore(ann, serde_json::from_value(request).unwrap())
            .await
            .unwrap();
        wait(api, ann, &preview.start.run).await;
        let request = json!({ "restore_id": preview.restore.id });
        let restore = api
            .get_restore(ann, serde_json::from_value(request).unwrap())
            .await
            .unwrap()
            .restore;
        let groups = &restore.plan.as_ref().unwrap().groups;
        if overrides.is_some() || groups.is_empty() {
            break restore;
        }
        let skip: serde_json::Map<String, Value> = groups
            .iter()
            .map(|g| (g.source_group_id.clone(), json!({ "kind": "skip" })))
            .collect();
        overrides = Some(Value::Object(skip));
    };
    // Executed, and its undo previewed: one restore to undo, one ready to execute.
    let confirm = |r: &atlas_domain::Restore| {
        json!({ "restore_id": r.id, "confirm_tenant": t1.display_name,
                "confirm_changes": r.plan.as_ref().unwrap().counts.changes() })
    };
    let executed = api
        .execute_restore(ann, serde_json::from_value(confirm(&restore)).unwrap())
        .await
        .unwrap();
    wait(api, ann, &executed.run).await;
    let undo = api
        .preview_undo(
            ann,
            serde_json::from_value(json!({ "restore_id": restore.id })).unwrap(),
        )
        .await
        .unwrap();
    wait(api, ann, &undo.start.run).await;
    let request = json!({ "restore_id": undo.restore.id });
    let undo = api
        .get_restore(ann, serde_json::from_value(request).unwrap())
        .await
        .unwrap()
        .restore;
    let restore_changes = undo.plan.as_ref().unwrap().counts.changes();
    assert!(restore_changes > 0, "the undo writes something");

    let evidence = api
        .generate_evidence_snapshot(ann, tenant(&t1))
        .await
        .unwrap();
    wait(api, ann, &evidence.run).await;
    let evidence = api.list_evidence_snapshots(ann, tenant(&t1)).await.unwrap()[0].id;
    let review = api.compose_review(ann, tenant(&t1)).await.unwrap();
    wait(api, ann, &review.run).await;
    let review = api
        .latest_review(ann, tenant(&t1))
        .await
        .unwrap()
        .unwrap()
        .id;
    let pack = api
        .generate_review_pack(
            ann,
            GenerateReviewPackRequest {
                tenant_id: t1.id,
                include_pii: None,
                include_operations: None,
            },
        )
        .await
        .unwrap();
    let pack = pack.pack.pack.id;
    atlas_testkit::eventually(Duration::from_secs(120), "the pack is ready", || async {
        let view = api
            .get_review_pack(ann, ReviewPackRequest { pack_id: pack })
            .await
            .unwrap();
        (view.pack.status == PackStatus::Ready).then_some(())
    })
    .await;
    let pack_file = out_dir.join("fixture-pack.zip");
    api.save_review_pack(
        ann,
        SaveReviewPackRequest {
            pack_id: pack,
            destination: pack_file.to_string_lossy().into_owned(),
        },
    )
    .await
    .unwrap();
    let schedule = api
        .create_schedule(
            ann,
            serde_json::from_value(json!({ "workspace_id": ws, "tenant_id": t1.id,
                "kind": "policies", "cron": "0 3 * * *", "time_zone": "UTC" }))
            .unwrap(),
        )
        .await
        .unwrap()
        .schedule
        .id;
    let run = backup.run.id;
    let import_folder = out_dir.join("intunecd-backup");
    std::fs::create_dir_all(import_folder.join("Filters")).unwrap();
    let filter = json!({ "displayName": "Imported filter", "platform": "windows10AndLater",
        "rule": "(device.manufacturer -eq \"Contoso\")", "assignmentFilterManagementType": "devices" });
    std::fs::write(
        import_folder.join("Filters/Imported filter.json"),
        filter.to_string(),
    )
    .unwrap();

    Fixture {
        workspace: ws,
        profile: profile.id,
        spare_profile: spare.id,
        snapshot,
        backup_set,
        restore: undo.id,
        executed: restore.id,
        restore_changes,
        run,
        queued_run: run,
        cancelled_run: run,
        item: item.id,
        version: latest.summary.id,
        other_version,
        finding,
        acknowledged,
        evidence,
        review,
        pack,
        pack_file,
        schedule,
        target: UserId::new(),
        import_folder,
        out_dir: out_dir.into(),
        t1,
        t2,
    }
}

/// A run that stays queued and one cancelled, made with no engine running (nothing claims
/// them).
async fn park_runs(founder: &Runtime, fixture: &mut Fixture) {
    let (api, ann) = (&founder.api, &founder.actor);
    let start = |kind| StartSyncRequest {
        tenant_id: fixture.t1.id,
        kind,
    };
    fixture.queued_run = api
        .start_sync(ann, start(SyncKind::Inventory))
        .await
        .unwrap()
        .run
        .id;
    let cancelled = api
        .start_sync(ann, start(SyncKind::Groups))
        .await
        .unwrap()
        .run
        .id;
    api.cancel_run(ann, GetRunRequest { run_id: cancelled })
        .await
        .unwrap();
    fixture.cancelled_run = cancelled;
}

/// The matrix's operators, their memberships and inbox entries, and the member that member
/// commands act on.
async fn add_cells(
    store: &Store,
    fixture: &mut Fixture,
    login: impl Fn(&str) -> String,
) -> Vec<Cell> {
    let now = Timestamp::now();
    let user = |name: &str| {
        let login = login(name);
        let name = name.to_owned();
        async move {
            let mut db = store.conn().await.unwrap();
            users::upsert_by_login(&mut db, &login, &name, now)
                .await
                .unwrap()
        }
    };
    let target = user(TARGET).await;
    user(NEWCOMER).await;
    let mut cells = Vec::new();
    for role in [Role::Owner, Role::Manager, Role::Operator, Role::Readonly] {
        for standing in [Standing::Entitled, Standing::NotEntitled] {
            let name = format!(
                "m_{role}_{}",
                if standing == Standing::Entitled {
                    "e"
                } else {
                    "n"
                }
            );
            cells.push((name, Some(role), standing));
        }
    }
    cells.push(("m_stranger".to_owned(), None, Standing::Stranger));
    let mut out = Vec::new();
    for (name, role, standing) in cells {
        let user = user(&name).await;
        out.push(Cell {
            name,
            role,
            standing,
            user,
            notification: String::new(),
        });
    }

    let others = [fixture.t2.id];
    testing::member(
        store,
        fixture.workspace,
        target.id,
        Role::Readonly,
        None,
        now,
    )
    .await;
    fixture.target = target.id;
    let mut db = store.conn().await.unwrap();
    for cell in &mut out {
        if let Some(role) = cell.role {
            let entitled = (cell.standing == Standing::NotEntitled).then_some(&others[..]);
            testing::member(store, fixture.workspace, cell.user.id, role, entitled, now).await;
        }
        let note = UserNotification {
            id: uuid::Uuid::now_v7(),
            user_id: cell.user.id,
            workspace_id: Some(fixture.workspace),
            run_id: None,
            batch_id: None,
            tone: atlas_domain::vocabulary::Tone::Info,
            title: "A run ended".into(),
            body: "For the matrix".into(),
            created_at: now,
            read_at: None,
        };
        notifications::insert(&mut db, &note).await.unwrap();
        cell.notification = note.id.to_string();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Running the matrix.
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Report {
    mismatches: Vec<String>,
    cells: usize,
}

impl Report {
    fn check(&mut self, entry: &Entry, cell: &Cell, want: &Outcome, got: &Result<(), ApiError>) {
        self.cells += 1;
        let found = outcome(got);
        if &found != want {
            let why = got
                .as_ref()
                .err()
                .map(|e| e.message.clone())
                .unwrap_or_default();
            self.mismatches.push(format!(
                "{:<28} {:<12} expected {want}, got {found} {why}",
                entry.command, cell.name
            ));
        }
    }

    fn finish(self, mode: Mode) {
        assert!(
            self.mismatches.is_empty(),
            "{mode:?}: {} of {} cells differ from the matrix:\n{}",
            self.mismatches.len(),
            self.cells,
            self.mismatches.join("\n")
        );
    }
}

/// The table names every command once, and only commands.
fn checked_entries() -> Vec<Entry> {
    let entries = entries();
    let named: BTreeSet<_> = entries.iter().map(|e| e.command).collect();
    assert_eq!(named.len(), entries.len(), "a command is listed twice");
    let missing: Vec<_> = COMMANDS.iter().filter(|c| !named.contains(*c)).collect();
    assert!(
        missing.is_empty(),
        "commands without an entry in the RBAC matrix (say who may use them): {missing:?}"
    );
    let unknown: Vec<_> = named.iter().filter(|c| !COMMANDS.contains(c)).collect();
    assert!(
        unknown.is_empty(),
        "matrix entries for no command: {unknown:?}"
    );
    entries
}

fn copy_dir(from: &Path, to: &Path) {
    for file in atlas_testkit::files_under(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}

fn options(data_dir: &Path, out_dir: &Path) -> RuntimeOptions {
    RuntimeOptions {
        data_dir: Some(data_dir.into()),
        user_name: Some("ann".into()),
        export_dir: Some(out_dir.into()),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn solo_every_command_answers_each_role_and_standing_as_the_matrix_says() {
    let entries = checked_entries();
    let dir = tempfile::tempdir().unwrap();
    let (template, out) = (dir.path().join("template"), dir.path().join("out"));
    std::fs::create_dir_all(&out).unwrap();
    let founder = Runtime::open(RuntimeOptions {
        run_engine: true,
        demo_baseline_in_background: true,
        ..options(&template, &out)
    })
    .await
    .unwrap();
    let mut fixture = build_fixture(&founder, &out).await;
    founder.shutdown().await;
    let founder = Runtime::open(options(&template, &out)).await.unwrap();
    park_runs(&founder, &mut fixture).await;
    let cells = add_cells(founder.api.store(), &mut fixture, |n| format!("local:{n}")).await;
    founder.shutdown().await;

    let shared_dir = dir.path().join("shared");
    copy_dir(&template, &shared_dir);
    let shared = Runtime::open(options(&shared_dir, &out)).await.unwrap();
    let mut report = Report::default();
    for (n, entry) in entries.iter().enumerate() {
        for cell in &cells {
            let want = expected(entry, cell, Mode::Solo);
            let actor = Actor {
                user: cell.user.clone(),
            };
            let request = (entry.request)(&fixture, cell);
            let got = if entry.writes && matches!(want, Outcome::Allowed | Outcome::Refused(_)) {
                let fresh_dir = dir.path().join(format!("fresh-{n}-{}", cell.name));
                copy_dir(&template, &fresh_dir);
                let fresh = Runtime::open(options(&fresh_dir, &out)).await.unwrap();
                let got = call(&fresh.api, &actor, entry.command, request).await;
                fresh.shutdown().await;
                // The tempdir removes what is left (a closing pool may still touch the WAL).
                let _ = std::fs::remove_dir_all(&fresh_dir);
                got
            } else {
                call(&shared.api, &actor, entry.command, request).await
            };
            report.check(entry, cell, &want, &got);
        }
    }
    shared.shutdown().await;
    report.finish(Mode::Solo);
}

/// `url` (the superuser's) as `role` with `password`, on database `database`.
fn url_as(url: &str, role: &str, password: &str, database: &str) -> String {
    let (server, _) = url.rsplit_once('/').unwrap();
    let server = server.replacen(
        "postgres://postgres@",
        &format!("postgres://{role}:{password}@"),
        1,
    );
    format!("{server}/{database}")
}

fn database_of(url: &str) -> &str {
    url.rsplit_once('/').unwrap().1
}

/// Cuts every connection to `database` (a closed pool's last ones may linger a moment).
fn disconnect(database: &str) {
    atlas_testkit::postgres::admin_sql(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{database}' AND pid <> pg_backend_pid()"
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_every_command_answers_each_members_own_role_as_the_matrix_says() {
    let entries = checked_entries();
    let url = atlas_testkit::fresh_postgres_url();
    let fixture_db = database_of(&url).to_owned();
    let admin = Store::open(StoreConfig::Postgres { url: url.clone() })
        .await
        .unwrap();
    team::init(&admin).await.unwrap();
    let password = team::generate_password().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (data, out) = (dir.path().join("data"), dir.path().join("out"));
    std::fs::create_dir_all(&out).unwrap();
    let team_options = |database_url: String| RuntimeOptions {
        database_url: Some(database_url),
        ..options(&data, &out)
    };

    // The fixture, made by the database's administrator (who owns the tables).
    let founder = Runtime::open(RuntimeOptions {
        run_engine: true,
        demo_baseline_in_background: true,
        ..team_options(url.clone())
    })
    .await
    .unwrap();
    let mut fixture = build_fixture(&founder, &out).await;
    founder.shutdown().await;
    let founder = Runtime::open(team_options(url.clone())).await.unwrap();
    park_runs(&founder, &mut fixture).await;
    let cells = add_cells(founder.api.store(), &mut fixture, |n| format!("pg:{n}")).await;
    founder.shutdown().await;
    let login = team::Login::NewPassword(password.clone());
    for name in cells
        .iter()
        .map(|c| c.name.as_str())
        .chain([TARGET, NEWCOMER])
    {
        team::add_login_role(&admin, name, &login, false)
            .await
            .unwrap();
    }
    admin.close().await;

    let mut report = Report::default();
    for cell in &cells {
        // Everything but the allowed writes, on the fixture itself.
        let shared = Runtime::open(team_options(url_as(
            &url,
            &cell.name,
            &password,
            &fixture_db,
        )))
        .await
        .unwrap();
        assert_eq!(
            shared.actor.user.id, cell.user.id,
            "{} signs in as themselves",
            cell.name
        );
        let mut fresh = Vec::new();
        for entry in &entries {
            let want = expected(entry, cell, Mode::Team);
            if entry.writes && matches!(want, Outcome::Allowed | Outcome::Refused(_)) {
                fresh.push((entry, want));
                continue;
            }
            let request = (entry.request)(&fixture, cell);
            let got = call(&shared.api, &shared.actor, entry.command, request).await;
            report.check(entry, cell, &want, &got);
        }
        shared.shutdown().await;

        // Each allowed write on a database copied from the fixture.
        for (entry, want) in fresh {
            disconnect(&fixture_db);
            let copy = format!("{fixture_db}_{}", uuid::Uuid::new_v4().simple());
            atlas_testkit::postgres::admin_sql(&format!(
                "CREATE DATABASE {copy} TEMPLATE {fixture_db} STRATEGY FILE_COPY"
            ));
            let rt = Runtime::open(team_options(url_as(&url, &cell.name, &password, &copy)))
                .await
                .unwrap();
            let request = (entry.request)(&fixture, cell);
            let got = call(&rt.api, &rt.actor, entry.command, request).await;
            rt.shutdown().await;
            atlas_testkit::postgres::admin_sql(&format!("DROP DATABASE {copy} WITH (FORCE)"));
            report.check(entry, cell, &want, &got);
        }
    }
    report.finish(Mode::Team);

    let mismatches = raw_reads(&url, &fixture, &cells, &password).await;
    assert!(
        mismatches.is_empty(),
        "raw reads differ from the matrix:\n{}",
        mismatches.join("\n")
    );
}

/// Tables every member's role reads whole: the schema's bookkeeping and which engines run.
const GLOBAL_TABLES: &[&str] = &[
    "_sqlx_migrations",
    "team_setup",
    "team_role_capabilities",
    "engines",
];

/// Every table read raw (`SELECT count(*)`) as each cell's own role: rows of the workspace
/// only for its members, rows of the tenant under test only for members entitled to it, the
/// inbox only its owner's, and nothing at all for a stranger beyond their own user row and
/// the global tables.
async fn raw_reads(url: &str, fixture: &Fixture, cells: &[Cell], password: &str) -> Vec<String> {
    use sqlx::{Connection, PgConnection};
    let database = database_of(url);
    let mut admin = PgConnection::connect(url).await.unwrap();
    let tables: Vec<(String, Vec<String>)> = sqlx::query_as(
        "SELECT c.table_name::text, array_agg(c.column_name::text) \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
         GROUP BY c.table_name ORDER BY c.table_name",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    let (ws, t1, t2) = (fixture.workspace, fixture.t1.id, fixture.t2.id);
    let mut mismatches = Vec::new();
    // Tables where some cell was shown to miss rows that exist: the probes met real data.
    let mut hidden = BTreeSet::new();
    for cell in cells {
        let me = cell.user.id;
        let mut conn = PgConnection::connect(&url_as(url, &cell.name, password, database))
            .await
            .unwrap();
        for (table, columns) in &tables {
            let has = |c: &str| columns.iter().any(|x| x == c);
            let own = if table == "user_notifications" {
                format!(" AND user_id = '{me}'")
            } else {
                String::new()
            };
            // (what is counted, whether this cell should see those rows)
            let mut probes: Vec<(String, bool)> = Vec::new();
            let member = cell.standing != Standing::Stranger;
            let entitled = cell.standing == Standing::Entitled;
            if has("workspace_id") && table != "tenants" {
                let rows = if has("tenant_id") {
                    " AND tenant_id IS NULL"
                } else {
                    ""
                };
                probes.push((format!("workspace_id = '{ws}'{rows}{own}"), member));
            }
            if has("tenant_id") {
                probes.push((format!("tenant_id = '{t1}'{own}"), entitled));
                probes.push((format!("tenant_id = '{t2}'{own}"), member));
            }
            if table == "tenants" {
                probes.push((format!("id = '{t1}'"), entitled));
                probes.push((format!("id = '{t2}'"), member));
            }
            if cell.standing == Standing::Stranger && !GLOBAL_TABLES.contains(&table.as_str()) {
                let mine = if table == "users" {
                    format!("id <> '{me}'")
                } else {
                    "true".into()
                };
                probes.push((mine, false));
            }
            for (filter, sees) in probes {
                let sql = format!("SELECT count(*) FROM {table} WHERE {filter}");
                let all: i64 = sqlx::query_scalar(&sql)
                    .fetch_one(&mut admin)
                    .await
                    .unwrap();
                let seen: i64 = sqlx::query_scalar(&sql).fetch_one(&mut conn).await.unwrap();
                let want = if sees { all } else { 0 };
                if !sees && all > 0 {
                    hidden.insert(table.clone());
                }
                if seen != want {
                    mismatches.push(format!(
                        "{:<12} {table} WHERE {filter}: sees {seen} of {all}, expected {want}",
                        cell.name
                    ));
                }
            }
        }
        conn.close().await.unwrap();
    }
    // The fixture fills all but a few tables; probes that only ever counted nothing would
    // prove nothing.
    assert!(
        hidden.len() >= 30,
        "the raw reads met hidden rows in only {} tables: {hidden:?}",
        hidden.len()
    );
    mismatches
}
