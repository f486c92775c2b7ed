//! Schedules: a tenant's (or every active tenant's) sync of one kind, or backup with its
//! retention, at times given as a cron expression in an IANA time zone. The engine's scheduler starts them; here they are
//! created, listed with their next starts in the schedule's zone, paused, edited and removed —
//! by whoever may sync the tenants concerned, audited.

use atlas_domain::{
    audit::actions,
    schedule::{Schedule, When},
    AuditActor, AuditEntry, BackupInputs, BackupRetention, Capability, OperationType, ScheduleId,
    TenantId, Timestamp, WorkspaceId,
};
use atlas_store::{audit, schedules, tenants, Db};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{access, commands::sync::sync_inputs, types::SyncKind, Actor, Api, ApiError};

/// How many next starts a schedule lists.
const UPCOMING: usize = 3;

/// What a schedule starts: a sync of one kind, or a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleKind {
    Inventory,
    Policies,
    Groups,
    Roles,
    /// A backup of the tenant's policies, as a backup set, with the schedule's retention.
    Backup,
}

impl ScheduleKind {
    pub const ALL: [ScheduleKind; 5] = [
        Self::Inventory,
        Self::Policies,
        Self::Groups,
        Self::Roles,
        Self::Backup,
    ];

    /// The sync it starts; none for a backup.
    pub fn sync(self) -> Option<SyncKind> {
        match self {
            Self::Inventory => Some(SyncKind::Inventory),
            Self::Policies => Some(SyncKind::Policies),
            Self::Groups => Some(SyncKind::Groups),
            Self::Roles => Some(SyncKind::Roles),
            Self::Backup => None,
        }
    }

    pub fn operation(self) -> OperationType {
        self.sync()
            .map_or(OperationType::BackupScheduleRun, SyncKind::operation)
    }

    pub fn code(self) -> &'static str {
        self.sync().map_or("backup", SyncKind::code)
    }
}

impl From<SyncKind> for ScheduleKind {
    fn from(kind: SyncKind) -> Self {
        match kind {
            SyncKind::Inventory => Self::Inventory,
            SyncKind::Policies => Self::Policies,
            SyncKind::Groups => Self::Groups,
            SyncKind::Roles => Self::Roles,
        }
    }
}

impl std::str::FromStr for ScheduleKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| {
                format!(
                    "unknown schedule kind {s:?}: use inventory, policies, groups, roles or backup"
                )
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreateScheduleRequest {
    pub workspace_id: WorkspaceId,
    /// The tenant to sync; absent: every active tenant of the workspace.
    #[ts(optional)]
    pub tenant_id: Option<TenantId>,
    pub kind: ScheduleKind,
    /// Five fields: minute hour day-of-month month day-of-week ("0 3 * * *").
    pub cron: String,
    /// An IANA time zone ("Europe/Berlin").
    pub time_zone: String,
    /// Backups only: which sets to keep after each one; absent: keep every set.
    #[ts(optional)]
    pub retention: Option<BackupRetention>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateScheduleRequest {
    pub schedule_id: ScheduleId,
    #[ts(optional)]
    pub cron: Option<String>,
    #[ts(optional)]
    pub time_zone: Option<String>,
    #[ts(optional)]
    pub enabled: Option<bool>,
    /// Backups only: a new retention.
    #[ts(optional)]
    pub retention: Option<BackupRetention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleRequest {
    pub schedule_id: ScheduleId,
}

/// A schedule as the operator reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScheduleView {
    pub schedule: Schedule,
    pub kind: ScheduleKind,
    /// A backup schedule's retention; absent: it keeps every set (or it is not a backup).
    pub retention: Option<BackupRetention>,
    /// The tenant's name; absent for a workspace-wide schedule.
    pub tenant_name: Option<String>,
    /// The next starts (none while paused), and as the schedule's zone shows them.
    pub upcoming: Vec<Timestamp>,
    pub upcoming_local: Vec<String>,
}

impl Api {
    /// The workspace's schedules the actor may see (workspace-wide ones, and those of tenants
    /// the actor may see).
    pub async fn list_schedules(
        &self,
        actor: &Actor,
        request: crate::types::WorkspaceRequest,
    ) -> Result<Vec<ScheduleView>, ApiError> {
        let mut db = self.store.conn().await?;
        access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::TenantView,
            "view schedules",
        )
        .await?;
        let visible = tenants::list_visible(&mut db, request.workspace_id, actor.user_id()).await?;
        let mut views = Vec::new();
        for schedule in schedules::list_for_workspace(&mut db, request.workspace_id).await? {
            let tenant_name = match schedule.tenant_id {
                Some(id) => match visible.iter().find(|t| t.id == id) {
                    Some(t) => Some(t.display_name.clone()),
                    None => continue,
                },
                None => None,
            };
            views.push(view(schedule, tenant_name));
        }
        Ok(views)
    }

    /// Creates an enabled schedule; its first start is the next time its expression names.
    pub async fn create_schedule(
        &self,
        actor: &Actor,
        request: CreateScheduleRequest,
    ) -> Result<ScheduleView, ApiError> {
        let mut db = self.store.conn().await?;
        let tenant_name =
            may_schedule(&mut db, actor, request.workspace_id, request.tenant_id).await?;
        let when = When::parse(&request.cron, &request.time_zone)?;
        check_retention(request.kind, request.retention)?;
        let now = Timestamp::now();
        let id = ScheduleId::new();
        let schedule = Schedule {
            id,
            workspace_id: request.workspace_id,
            tenant_id: request.tenant_id,
            operation: request.kind.operation(),
            inputs: schedule_inputs(request.kind, id, request.retention),
            cron: request.cron.trim().to_owned(),
            time_zone: request.time_zone.trim().to_owned(),
            enabled: true,
            next_run_at: when.next_after(now),
            last_run_at: None,
            created_by: actor.user_id(),
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.store.begin().await?;
        schedules::insert(&mut tx, &schedule).await?;
        audit_schedule(
            &mut tx,
            actor,
            &schedule,
            actions::SCHEDULE_CREATED,
            "Created",
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(view(schedule, tenant_name))
    }

    /// Changes a schedule's times or pauses/resumes it; the next start follows the change.
    pub async fn update_schedule(
        &self,
        actor: &Actor,
        request: UpdateScheduleRequest,
    ) -> Result<ScheduleView, ApiError> {
        let mut db = self.store.conn().await?;
        let mut schedule = self
            .schedule_to_manage(&mut db, actor, request.schedule_id)
            .await?;
        let tenant_name =
            may_schedule(&mut db, actor, schedule.workspace_id, schedule.tenant_id).await?;
        drop(db);
        if let Some(cron) = &request.cron {
            schedule.cron = cron.trim().to_owned();
        }
        if let Some(zone) = &request.time_zone {
            schedule.time_zone = zone.trim().to_owned();
        }
        if let Some(enabled) = request.enabled {
            schedule.enabled = enabled;
        }
        if let Some(retention) = request.retention {
            let kind = kind_of(&schedule);
            check_retention(kind, Some(retention))?;
            schedule.inputs = schedule_inputs(kind, schedule.id, Some(retention));
        }
        let when = When::parse(&schedule.cron, &schedule.time_zone)?;
        let now = Timestamp::now();
        schedule.next_run_at = match schedule.enabled {
            true => when.next_after(now),
            false => None,
        };
        schedule.updated_at = now;
        let mut tx = self.store.begin().await?;
        schedules::update(&mut tx, &schedule).await?;
        audit_schedule(
            &mut tx,
            actor,
            &schedule,
            actions::SCHEDULE_UPDATED,
            "Changed",
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(view(schedule, tenant_name))
    }

    /// Removes a schedule (runs it started stay as they are); the workspace's schedules left.
    pub async fn delete_schedule(
        &self,
        actor: &Actor,
        request: ScheduleRequest,
    ) -> Result<Vec<ScheduleView>, ApiError> {
        let mut db = self.store.conn().await?;
        let schedule = self
            .schedule_to_manage(&mut db, actor, request.schedule_id)
            .await?;
        may_schedule(&mut db, actor, schedule.workspace_id, schedule.tenant_id).await?;
        drop(db);
        let now = Timestamp::now();
        let mut tx = self.store.begin().await?;
        schedules::delete(&mut tx, schedule.id).await?;
        audit_schedule(
            &mut tx,
            actor,
            &schedule,
            actions::SCHEDULE_DELETED,
            "Removed",
            now,
        )
        .await?;
        tx.commit().await?;
        self.list_schedules(
            actor,
            crate::types::WorkspaceRequest {
                workspace_id: schedule.workspace_id,
            },
        )
        .await
    }

    /// The schedule, if the actor may see it: others are not found, never explained.
    async fn schedule_to_manage(
        &self,
        db: &mut impl Db,
        actor: &Actor,
        id: ScheduleId,
    ) -> Result<Schedule, ApiError> {
        let schedule = schedules::get(db, id)
            .await?
            .ok_or_else(|| ApiError::not_found("Schedule"))?;
        let seen = match schedule.tenant_id {
            Some(tenant) => {
                access::tenant(db, actor, tenant, Capability::TenantView, "view schedules")
                    .await
                    .map(|_| ())
            }
            None => access::workspace(
                db,
                actor,
                schedule.workspace_id,
                Capability::TenantView,
                "view schedules",
            )
            .await
            .map(|_| ()),
        };
        match seen {
            Ok(()) => Ok(schedule),
            Err(e) if e.code == crate::ErrorCode::NotFound => Err(ApiError::not_found("Schedule")),
            Err(e) => Err(e),
        }
    }
}

/// Whether the actor may schedule syncs of the tenant (or of every tenant); the tenant's name.
async fn may_schedule(
    db: &mut impl Db,
    actor: &Actor,
    workspace: WorkspaceId,
    tenant: Option<TenantId>,
) -> Result<Option<String>, ApiError> {
    match tenant {
        Some(id) => {
            let tenant = access::tenant(
                db,
                actor,
                id,
                Capability::TenantSync,
                "schedule this tenant's syncs",
            )
            .await?;
            if tenant.workspace_id != workspace {
                return Err(ApiError::not_found("Tenant"));
            }
            Ok(Some(tenant.display_name))
        }
        None => {
            access::workspace(
                db,
                actor,
                workspace,
                Capability::TenantSync,
                "schedule syncs",
            )
            .await?;
            Ok(None)
        }
    }
}

/// A retention is a backup schedule's alone, and must keep something.
fn check_retention(kind: ScheduleKind, retention: Option<BackupRetention>) -> Result<(), ApiError> {
    match (kind, retention) {
        (ScheduleKind::Backup, Some(retention)) => Ok(retention.validate()?),
        (_, None) => Ok(()),
        (_, Some(_)) => Err(ApiError::invalid(
            "A retention applies to backup schedules only.",
        )),
    }
}

/// The handler inputs of each run the schedule starts.
fn schedule_inputs(
    kind: ScheduleKind,
    id: ScheduleId,
    retention: Option<BackupRetention>,
) -> serde_json::Value {
    match kind.sync() {
        Some(sync) => sync_inputs(sync),
        None => serde_json::to_value(BackupInputs {
            retention,
            schedule_id: Some(id),
            ..BackupInputs::default()
        })
        .unwrap_or_default(),
    }
}

fn kind_of(schedule: &Schedule) -> ScheduleKind {
    ScheduleKind::ALL
        .into_iter()
        .find(|k| k.operation() == schedule.operation)
        .unwrap_or(ScheduleKind::Inventory)
}

fn view(schedule: Schedule, tenant_name: Option<String>) -> ScheduleView {
    let kind = kind_of(&schedule);
    let retention = match kind {
        ScheduleKind::Backup => serde_json::from_value::<BackupInputs>(schedule.inputs.clone())
            .ok()
            .and_then(|inputs| inputs.retention),
        _ => None,
    };
    let (upcoming, upcoming_local) = match (
        schedule.enabled,
        When::parse(&schedule.cron, &schedule.time_zone),
    ) {
        (true, Ok(when)) => {
            let from = Timestamp::from_unix_millis(
                schedule
                    .next_run_at
                    .map_or(Timestamp::now().unix_millis(), |t| t.unix_millis() - 1),
            )
            .unwrap_or_else(Timestamp::now);
            let starts = when.upcoming(from, UPCOMING);
            let local = starts.iter().map(|t| when.local_text(*t)).collect();
            (starts, local)
        }
        _ => (vec![], vec![]),
    };
    ScheduleView {
        schedule,
        kind,
        retention,
        tenant_name,
        upcoming,
        upcoming_local,
    }
}

async fn audit_schedule(
    db: &mut impl Db,
    actor: &Actor,
    schedule: &Schedule,
    action: &str,
    verb: &str,
    at: Timestamp,
) -> Result<(), ApiError> {
    audit::insert(
        db,
        &AuditEntry {
            id: uuid::Uuid::now_v7(),
            workspace_id: Some(schedule.workspace_id),
            tenant_id: schedule.tenant_id,
            actor: AuditActor::User {
                user_id: actor.user_id(),
            },
            action: action.into(),
            target_type: "schedule".into(),
            target_id: Some(schedule.id.to_string()),
            summary: format!(
                "{verb} the schedule \"{}\" ({}) of {}",
                schedule.cron,
                schedule.time_zone,
                schedule.operation.code()
            ),
            metadata: json!({
                "cron": schedule.cron,
                "time_zone": schedule.time_zone,
                "enabled": schedule.enabled,
                "type": schedule.operation.code(),
            }),
            created_at: at,
        },
    )
    .await?;
    Ok(())
}
