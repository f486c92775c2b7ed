//! Everything a pack shows of a tenant, read from the store in one place, and the fingerprint
//! of it: SHA-256 over the canonical inputs (tenant, options, the UTC day the 30-day windows end
//! on, and the content hashes and freshness of every part). A finding counts with what the pack
//! shows of it, except when it was last seen (each compare moves that, changed or not); its
//! evidence is not in the pack. The command that asks for a pack and the job that writes it
//! compute it the same way, so the same content is recognised.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use atlas_domain::{
    DirectoryRoleAssignment, OperationRun, OperationType, PackOptions, RbacHardeningReport,
    ReportType, RunOutcome, Severity, StoredReport, Tenant, TenantId, Timestamp, User, UserId,
};
use atlas_store::{
    directory_roles, findings, inventory, reports, reviews, runs, users, Db, Store, StoreError,
};
use sha2::{Digest, Sha256};

use crate::signing::encode_hex;

/// The window of operations and of the findings chart: the 30 days before the day's start.
pub const WINDOW_DAYS: i64 = 30;
/// Operations listed at most.
pub const MAX_OPERATIONS: i64 = 5_000;
const DAY_MS: i64 = 86_400_000;

/// Sync kinds whose last completion is each part's freshness.
const FRESHNESS: [(&str, OperationType); 5] = [
    ("inventory", OperationType::InventorySync),
    ("policies", OperationType::PolicySync),
    (
        "directory_roles",
        OperationType::DirectoryRoleDefinitionsSync,
    ),
    ("groups", OperationType::EntraGroupSync),
    ("drift", OperationType::BaselineCompare),
];

/// A role assignment with its role's name.
#[derive(Debug, Clone)]
pub struct RoleHolder {
    pub role: String,
    pub assignment: DirectoryRoleAssignment,
}

#[derive(Debug)]
pub struct PackSources {
    pub tenant: Tenant,
    /// The start of the UTC day the windows end on.
    pub day: Timestamp,
    pub inventory: Vec<inventory::PresentItem>,
    pub findings: Vec<findings::PackFinding>,
    /// Open findings per severity at the end of each of the last 30 days, oldest first.
    pub findings_by_day: Vec<(Timestamp, BTreeMap<Severity, i64>)>,
    pub rbac: Option<(StoredReport, RbacHardeningReport)>,
    pub role_holders: Vec<RoleHolder>,
    pub operations: Option<Vec<OperationRun>>,
    /// People the data refers to by id: run initiators and whoever acknowledged a finding.
    pub users: HashMap<UserId, User>,
    /// When each part's data was last synced or produced.
    pub freshness: BTreeMap<String, Option<Timestamp>>,
    /// The tenant's newest composed review, when there is one.
    pub review: Option<atlas_domain::TenantReview>,
}

/// Everything but the findings, read on one connection.
struct Rest {
    inventory: Vec<inventory::PresentItem>,
    resolved: Vec<(Severity, i64, i64, i64)>,
    rbac: Option<(StoredReport, RbacHardeningReport)>,
    role_holders: Vec<RoleHolder>,
    operations: Option<Vec<OperationRun>>,
    review: Option<atlas_domain::TenantReview>,
    /// The last completion of each freshness sync kind.
    last: Vec<(TenantId, OperationType, RunOutcome, Timestamp)>,
}

impl Rest {
    async fn read(
        db: &mut impl Db,
        tenant: TenantId,
        since: Timestamp,
        options: PackOptions,
    ) -> Result<Self, StoreError> {
        let inventory = inventory::present(db, tenant).await?;
        let resolved = findings::resolved_history(db, tenant, since).await?;
        let rbac = match reports::latest(db, tenant, ReportType::RbacHardening).await? {
            Some(report) => serde_json::from_value(report.payload.clone())
                .ok()
                .map(|parsed| (report, parsed)),
            None => None,
        };
        let names: HashMap<String, String> = directory_roles::list_definitions(db, tenant)
            .await?
            .into_iter()
            .map(|d| (d.role_definition_id, d.display_name))
            .collect();
        let role_holders = directory_roles::list_assignments(db, tenant)
            .await?
            .into_iter()
            .map(|assignment| RoleHolder {
                role: names
                    .get(&assignment.role_definition_id)
                    .cloned()
                    .unwrap_or_else(|| assignment.role_definition_id.clone()),
                assignment,
            })
            .collect();
        let operations = match options.include_operations {
            true => Some(
                runs::for_tenant_since(
                    db,
                    tenant,
                    since,
                    OperationType::ReviewPackGenerate,
                    MAX_OPERATIONS,
                )
                .await?,
            ),
            false => None,
        };
        let review = reviews::latest_for_tenant(db, tenant).await?;
        let kinds: Vec<OperationType> = FRESHNESS.iter().map(|(_, kind)| *kind).collect();
        let last = runs::last_completed_by_type_for_tenants(db, &[tenant], &kinds).await?;
        Ok(Self {
            inventory,
            resolved,
            rbac,
            role_holders,
            operations,
            review,
            last,
        })
    }
}

impl PackSources {
    /// Reads the tenant's pack contents as of `now`. The findings, by far the largest part,
    /// are read on a connection of their own while the rest is read on another (on SQLite each
    /// connection works on a thread of its own).
    pub async fn read(
        store: &Store,
        tenant: Tenant,
        options: PackOptions,
        now: Timestamp,
    ) -> Result<Self, StoreError> {
        let day = start_of_day(now);
        let since = shift(day, -WINDOW_DAYS);
        // On a task of its own: on SQLite the findings' read holds its thread, and the rest
        // must go on meanwhile.
        let findings = tokio::spawn({
            let store = store.clone();
            let tenant = tenant.id;
            async move {
                let mut db = store.conn().await?;
                let mut findings = findings::unresolved_for_tenant(&mut db, tenant).await?;
                findings::pack_order(&mut findings);
                Ok::<_, StoreError>(findings)
            }
        });
        // The task is never aborted and runs on the runtime awaiting it: a join error is its
        // panic, passed on.
        let findings = async {
            findings
                .await
                .unwrap_or_else(|joined| std::panic::resume_unwind(joined.into_panic()))
        };
        let rest = async {
            let mut db = store.conn().await?;
            let rest = Rest::read(&mut db, tenant.id, since, options).await?;
            Ok::<_, StoreError>((rest, db))
        };
        let (findings, (rest, mut db)) = tokio::try_join!(findings, rest)?;
        let mut user_ids: Vec<UserId> = findings
            .iter()
            .filter_map(|f| f.acknowledged_by)
            .chain(
                rest.operations
                    .iter()
                    .flatten()
                    .filter_map(|r| r.initiator_user_id),
            )
            .collect();
        user_ids.sort();
        user_ids.dedup();
        let mut users = HashMap::new();
        for id in user_ids {
            if let Some(user) = users::get(&mut db, id).await? {
                users.insert(id, user);
            }
        }
        let freshness = FRESHNESS
            .iter()
            .map(|(part, kind)| {
                let at = rest
                    .last
                    .iter()
                    .find(|(_, k, ..)| k == kind)
                    .map(|(.., at)| *at);
                ((*part).to_owned(), at)
            })
            .chain([(
                "rbac_report".to_owned(),
                rest.rbac.as_ref().map(|(report, _)| report.created_at),
            )])
            .collect();
        Ok(Self {
            tenant,
            day,
            inventory: rest.inventory,
            findings_by_day: by_day(&history(&findings, &rest.resolved), day),
            findings,
            rbac: rest.rbac,
            role_holders: rest.role_holders,
            operations: rest.operations,
            users,
            freshness,
            review: rest.review,
        })
    }

    /// SHA-256 over the canonical inputs, hex.
    pub fn fingerprint(&self, options: PackOptions) -> String {
        let mut parts: BTreeMap<&str, String> = BTreeMap::new();
        parts.insert("tenant", self.tenant.id.to_string());
        parts.insert(
            "options",
            format!(
                "pii={} operations={}",
                options.include_pii, options.include_operations
            ),
        );
        parts.insert("day", self.day.unix_millis().to_string());
        parts.insert(
            "inventory",
            digest(&self.inventory, |out, i| {
                write!(
                    out,
                    "{}\0{}\0{}\0{}",
                    i.object_type, i.external_id, i.display_name, i.content_hash
                )
            }),
        );
        parts.insert(
            "findings",
            digest(&self.findings, |out, f| {
                write!(
                    out,
                    "{}\0{}\0{}\0{}\0{}\0{}\0{}\0{:?}\0{:?}",
                    f.id,
                    f.status,
                    f.severity,
                    f.kind,
                    f.policy_type,
                    f.display_name,
                    f.first_seen_at.unix_millis(),
                    f.acknowledged_at.map(|t| t.unix_millis()),
                    f.acknowledged_by
                )
            }),
        );
        parts.insert(
            "findings_by_day",
            digest(&self.findings_by_day, |out, (day, counts)| {
                write!(out, "{day}{counts:?}")
            }),
        );
        parts.insert(
            "rbac",
            self.rbac
                .as_ref()
                .map(|(report, _)| report.id.to_string())
                .unwrap_or_default(),
        );
        parts.insert(
            "roles",
            digest(&self.role_holders, |out, h| {
                let a = &h.assignment;
                write!(
                    out,
                    "{}\0{}\0{}\0{:?}\0{}",
                    a.assignment_id,
                    h.role,
                    a.principal_id,
                    a.principal_display_name,
                    a.directory_scope_id
                )
            }),
        );
        if let Some(operations) = &self.operations {
            parts.insert(
                "operations",
                digest(operations, |out, r| {
                    write!(out, "{}\0{}\0{}", r.id, r.status, r.outcome)
                }),
            );
        }
        if let Some(review) = &self.review {
            parts.insert(
                "review",
                digest([review], |out, review| {
                    write!(out, "{}\0{}\0{}", review.id, review.updated_at, review.note)
                }),
            );
        }
        parts.insert(
            "freshness",
            digest(&self.freshness, |out, (part, at)| {
                write!(out, "{part}\0{at:?}")
            }),
        );
        digest(&parts, |out, (name, value)| write!(out, "{name}={value}"))
    }
}

/// SHA-256 of one line per item (written by `line`, each ended by a newline), hex. The lines
/// share one buffer: tens of thousands of them would otherwise each be a string of their own.
fn digest<I: IntoIterator>(
    items: I,
    mut line: impl FnMut(&mut String, I::Item) -> std::fmt::Result,
) -> String {
    let mut hasher = Sha256::new();
    let mut buffer = String::new();
    for item in items {
        buffer.clear();
        // Writing into a String cannot fail.
        let _ = line(&mut buffer, item);
        buffer.push('\n');
        hasher.update(buffer.as_bytes());
    }
    encode_hex(&hasher.finalize())
}

fn start_of_day(at: Timestamp) -> Timestamp {
    let ms = at.unix_millis();
    Timestamp::from_unix_millis(ms - ms.rem_euclid(DAY_MS)).unwrap_or(at)
}

fn shift(at: Timestamp, days: i64) -> Timestamp {
    Timestamp::from_unix_millis(at.unix_millis() + days * DAY_MS).unwrap_or(at)
}

/// Counts per severity, first-seen day and resolution day (days since the epoch; none while
/// unresolved): the unresolved findings counted here, the resolved ones by the database.
fn history(
    unresolved: &[findings::PackFinding],
    resolved: &[(Severity, i64, i64, i64)],
) -> Vec<(Severity, i64, Option<i64>, i64)> {
    let mut open: BTreeMap<(Severity, i64), i64> = BTreeMap::new();
    for finding in unresolved {
        let first_day = finding.first_seen_at.unix_millis().div_euclid(DAY_MS);
        *open.entry((finding.severity, first_day)).or_default() += 1;
    }
    open.into_iter()
        .map(|((severity, first_day), count)| (severity, first_day, None, count))
        .chain(
            resolved
                .iter()
                .map(|(severity, first_day, resolved_day, count)| {
                    (*severity, *first_day, Some(*resolved_day), *count)
                }),
        )
        .collect()
}

/// Open findings per severity on each of the `WINDOW_DAYS` days ending with `day` (today, so
/// far), from counts per severity, first-seen day and resolution day (days since the epoch): a
/// finding counts on the days from the one it was first seen on until the one before it was
/// resolved.
fn by_day(
    history: &[(Severity, i64, Option<i64>, i64)],
    day: Timestamp,
) -> Vec<(Timestamp, BTreeMap<Severity, i64>)> {
    let today = day.unix_millis() / DAY_MS;
    (0..WINDOW_DAYS)
        .map(|n| {
            let this_day = today - WINDOW_DAYS + 1 + n;
            let mut counts: BTreeMap<Severity, i64> =
                Severity::ALL.iter().map(|s| (*s, 0)).collect();
            for (severity, first_seen, resolved, count) in history {
                if *first_seen <= this_day && resolved.is_none_or(|r| r > this_day) {
                    *counts.entry(*severity).or_default() += count;
                }
            }
            (shift(day, n + 1 - WINDOW_DAYS), counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64, hours: i64) -> Timestamp {
        Timestamp::from_unix_millis(1_780_012_800_000 + days * DAY_MS + hours * 3_600_000).unwrap()
    }

    #[test]
    fn windows_end_at_the_start_of_the_utc_day() {
        let day = start_of_day(at(3, 15));
        assert_eq!(day, at(3, 0));
    }

    #[test]
    fn open_findings_are_counted_per_day_until_resolved() {
        let day = at(30, 0);
        let epoch_day = |t: Timestamp| t.unix_millis() / DAY_MS;
        let history = [
            (Severity::High, epoch_day(at(0, 1)), None, 1),
            (
                Severity::High,
                epoch_day(at(10, 1)),
                Some(epoch_day(at(20, 5))),
                1,
            ),
            (Severity::Low, epoch_day(at(29, 12)), None, 1),
        ];
        let series = by_day(&history, day);
        assert_eq!(series.len(), 30);
        // The window is days 1 to 30, the last being today (so far).
        let high = |i: usize| series[i].1[&Severity::High];
        assert_eq!(series[0].0, at(1, 0));
        assert_eq!(series[29].0, day);
        assert_eq!(high(0), 1, "first seen on day 0, still open");
        assert_eq!(high(9), 2, "day 10: the second one appears");
        assert_eq!(high(19), 1, "resolved during day 20");
        assert_eq!(series[28].1[&Severity::Low], 1, "first seen on day 29");
        assert_eq!(series[27].1[&Severity::Low], 0);
        let today = by_day(&[(Severity::Info, epoch_day(at(30, 5)), None, 3)], day);
        assert_eq!(today[29].1[&Severity::Info], 3, "opened today counts today");
    }

    #[test]
    fn unresolved_findings_join_the_resolved_counts_by_severity_and_first_day() {
        let finding = |severity, first_seen| findings::PackFinding {
            id: atlas_domain::FindingId::new(),
            policy_type: "settings_catalog".into(),
            display_name: "A".into(),
            kind: atlas_domain::FindingKind::Drifted,
            severity,
            status: atlas_domain::FindingStatus::Open,
            first_seen_at: first_seen,
            last_seen_at: first_seen,
            acknowledged_at: None,
            acknowledged_by: None,
        };
        let day = |t: Timestamp| t.unix_millis() / DAY_MS;
        let unresolved = [
            finding(Severity::High, at(3, 1)),
            finding(Severity::High, at(3, 23)),
            finding(Severity::High, at(4, 0)),
            finding(Severity::Low, at(3, 2)),
        ];
        let resolved = [(Severity::High, day(at(1, 0)), day(at(5, 0)), 7)];
        let mut merged = history(&unresolved, &resolved);
        merged.sort();
        assert_eq!(
            merged,
            vec![
                (Severity::Low, day(at(3, 0)), None, 1),
                (Severity::High, day(at(1, 0)), Some(day(at(5, 0))), 7),
                (Severity::High, day(at(3, 0)), None, 2),
                (Severity::High, day(at(4, 0)), None, 1),
            ]
        );
    }
}
