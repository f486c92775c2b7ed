//! What a pack says, computed once from its sources: names already pseudonymised when personal
//! data is left out, type labels from the catalog, and the highlights. Every file of the pack
//! (the summary, the JSON, the CSV) is written from this one view, so they cannot disagree.

use std::borrow::Cow;
use std::collections::BTreeMap;

use atlas_domain::vocabulary::Presented;
use atlas_domain::{PackOptions, PrincipalType, Severity, Timestamp};
use serde::Serialize;

use crate::people::People;
use crate::sources::PackSources;

/// Open drift older than this is called out on its own.
pub const LONG_OPEN_DAYS: i64 = 14;
/// A sync older than this makes its part's data stale.
pub const STALE_SYNC_DAYS: i64 = 7;
/// More Global Administrators than this is called out.
pub const MAX_GLOBAL_ADMINS: u32 = 4;
const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Serialize)]
pub struct PackView {
    pub tenant: String,
    pub workspace: String,
    pub generated_at: Timestamp,
    pub options: PackOptions,
    pub freshness: BTreeMap<String, Option<Timestamp>>,
    pub highlights: Vec<Highlight>,
    pub inventory_by_type: Vec<TypeCount>,
    pub inventory: Vec<InventoryRow>,
    pub open_by_severity: BTreeMap<Severity, i64>,
    pub findings_by_day: Vec<DayCounts>,
    pub findings: Vec<FindingRow>,
    pub role_holders: Vec<RoleHolderRow>,
    pub rbac: Option<RbacFacts>,
    pub operations: Option<Vec<OperationRow>>,
    /// The tenant's newest review, its note pseudonymised like everything else.
    pub review: Option<ReviewView>,
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub composed_at: Timestamp,
    pub sections: Vec<atlas_domain::review::ReviewSection>,
    pub highlights: Vec<String>,
    pub actions: Vec<atlas_domain::review::ReviewAction>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// `danger`, `warning`, `success` or `info`: how it reads.
    pub tone: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct TypeCount {
    pub object_type: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Serialize)]
pub struct InventoryRow {
    pub object_type: String,
    pub type_label: Cow<'static, str>,
    pub name: String,
    pub platform: Option<String>,
    pub id: String,
    pub last_seen_at: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
pub struct DayCounts {
    pub day: Timestamp,
    pub open: BTreeMap<Severity, i64>,
}

#[derive(Debug, Serialize)]
pub struct FindingRow {
    pub severity: Severity,
    pub kind: &'static str,
    pub status: &'static str,
    pub policy_type: Cow<'static, str>,
    pub name: String,
    pub first_seen_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub acknowledged_by: Option<String>,
    pub acknowledged_at: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
pub struct RoleHolderRow {
    pub role: String,
    pub principal: String,
    pub principal_type: String,
    pub scope: String,
}

#[derive(Debug, Serialize)]
pub struct RbacFacts {
    pub produced_at: Timestamp,
    pub role_definitions: u32,
    pub assignments: u32,
    pub global_administrators: u32,
    pub findings: Vec<RbacIssue>,
}

#[derive(Debug, Serialize)]
pub struct RbacIssue {
    pub severity: Severity,
    pub title: String,
    pub detail: String,
    pub subjects: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct OperationRow {
    pub id: String,
    pub operation: String,
    pub status: String,
    pub outcome: String,
    pub started_by: String,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
    pub reason: Option<String>,
}

impl PackView {
    pub fn new(
        sources: &PackSources,
        workspace: &str,
        options: PackOptions,
        generated_at: Timestamp,
    ) -> Self {
        let mut people = People::new(options.include_pii);
        // Labels are the catalog's own strings: rows by the ten thousand share them.
        let type_label = |key: &str| -> Cow<'static, str> {
            atlas_graph::ObjectType::find(key)
                .map(|t| Cow::Borrowed(t.label))
                .unwrap_or_else(|| Cow::Owned(key.to_owned()))
        };

        let mut by_type: BTreeMap<&str, i64> = BTreeMap::new();
        for item in &sources.inventory {
            *by_type.entry(&item.object_type).or_default() += 1;
        }
        let mut inventory_by_type: Vec<TypeCount> = by_type
            .into_iter()
            .map(|(key, count)| TypeCount {
                object_type: key.to_owned(),
                label: type_label(key).into_owned(),
                count,
            })
            .collect();
        inventory_by_type.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        let inventory = sources
            .inventory
            .iter()
            .map(|i| InventoryRow {
                object_type: i.object_type.clone(),
                type_label: type_label(&i.object_type),
                name: i.display_name.clone(),
                platform: i.platform.clone(),
                id: i.external_id.clone(),
                last_seen_at: Timestamp::from_unix_millis(i.last_seen_at),
            })
            .collect();

        let person = |people: &mut People, id: atlas_domain::UserId| match sources.users.get(&id) {
            Some(user) => people.person(&[&id.to_string(), &user.login], &user.display_name),
            None => people.person(&[&id.to_string()], "a former member"),
        };
        let mut open_by_severity: BTreeMap<Severity, i64> =
            Severity::ALL.iter().map(|s| (*s, 0)).collect();
        let findings: Vec<FindingRow> = sources
            .findings
            .iter()
            .map(|f| {
                *open_by_severity.entry(f.severity).or_default() += 1;
                FindingRow {
                    severity: f.severity,
                    kind: f.kind.presentation().label,
                    status: f.status.presentation().label,
                    policy_type: type_label(&f.policy_type),
                    name: f.display_name.clone(),
                    first_seen_at: f.first_seen_at,
                    last_seen_at: f.last_seen_at,
                    acknowledged_by: f.acknowledged_by.map(|id| person(&mut people, id)),
                    acknowledged_at: f.acknowledged_at,
                }
            })
            .collect();

        let role_holders = sources
            .role_holders
            .iter()
            .map(|h| {
                let a = &h.assignment;
                let name = a
                    .principal_display_name
                    .clone()
                    .unwrap_or_else(|| a.principal_id.clone());
                let is_person = matches!(a.principal_type, Some(PrincipalType::User) | None);
                RoleHolderRow {
                    role: h.role.clone(),
                    principal: match is_person {
                        true => people.person(&[&a.principal_id], &name),
                        false => name,
                    },
                    principal_type: match a.principal_type {
                        Some(PrincipalType::User) => "User",
                        Some(PrincipalType::Group) => "Group",
                        Some(PrincipalType::ServicePrincipal) => "Application",
                        None => "Unknown",
                    }
                    .to_owned(),
                    scope: match a.directory_scope_id.as_str() {
                        "/" => "Whole directory".to_owned(),
                        scope => scope.to_owned(),
                    },
                }
            })
            .collect();
        // Holders named in the report are the same people as above: their names map first.
        let rbac = sources.rbac.as_ref().map(|(report, parsed)| {
            for holder in &parsed.privileged_holders {
                if matches!(holder.principal_type, Some(PrincipalType::User) | None) {
                    let name = holder.display_name.clone().unwrap_or_default();
                    people.person(&[&holder.principal_id], &name);
                }
            }
            RbacFacts {
                produced_at: report.created_at,
                role_definitions: parsed.role_definition_count,
                assignments: parsed.assignment_count,
                global_administrators: parsed.global_admin_count,
                findings: parsed
                    .findings
                    .iter()
                    .map(|f| RbacIssue {
                        severity: f.severity,
                        title: people.scrub(&f.title),
                        detail: people.scrub(&f.detail),
                        subjects: f.subjects.iter().map(|s| people.scrub(s)).collect(),
                    })
                    .collect(),
            }
        });

        let operations = sources.operations.as_ref().map(|runs| {
            runs.iter()
                .map(|r| OperationRow {
                    id: r.id.to_string(),
                    operation: r.operation_type.presentation().label.to_owned(),
                    status: r.status.presentation().label.to_owned(),
                    outcome: r.outcome.presentation().label.to_owned(),
                    started_by: match r.initiator_user_id {
                        Some(id) => person(&mut people, id),
                        None => "Scheduled or system".to_owned(),
                    },
                    created_at: r.created_at,
                    completed_at: r.completed_at,
                    reason: r.headline_reason().map(|code| code.text().label.to_owned()),
                })
                .collect::<Vec<_>>()
        });

        let review = sources.review.as_ref().map(|r| ReviewView {
            composed_at: r.composed_at,
            sections: r.sections.clone(),
            highlights: r.highlights.iter().map(|h| people.scrub(h)).collect(),
            actions: r.actions.clone(),
            note: people.scrub(&r.note),
        });
        let findings_by_day = sources
            .findings_by_day
            .iter()
            .map(|(day, open)| DayCounts {
                day: *day,
                open: open.clone(),
            })
            .collect();
        let mut view = Self {
            tenant: sources.tenant.display_name.clone(),
            workspace: workspace.to_owned(),
            generated_at,
            options,
            freshness: sources.freshness.clone(),
            highlights: Vec::new(),
            inventory_by_type,
            inventory,
            open_by_severity,
            findings_by_day,
            findings,
            role_holders,
            rbac,
            operations,
            review,
        };
        view.highlights = highlights(&view, sources);
        view
    }
}

/// The pack's highlights, by fixed rules, most important first:
/// 1. open high or critical drift, and how much of it is older than 14 days;
/// 2. drift never checked (no compare ever completed), or no open drift at all;
/// 3. the RBAC report's own medium-or-worse findings, and more than 4 Global Administrators;
/// 4. inventory or policy data older than 7 days, or never synced;
/// 5. operations that failed in the window.
fn highlights(view: &PackView, sources: &PackSources) -> Vec<Highlight> {
    let mut out = Vec::new();
    let now = view.generated_at.unix_millis();
    let severe = |s: Severity| matches!(s, Severity::High | Severity::Critical);
    let open_severe = view.findings.iter().filter(|f| severe(f.severity)).count();
    if open_severe > 0 {
        let long_open = view
            .findings
            .iter()
            .filter(|f| {
                severe(f.severity) && now - f.first_seen_at.unix_millis() > LONG_OPEN_DAYS * DAY_MS
            })
            .count();
        let mut text = format!(
            "{} open {} of high or critical severity",
            open_severe,
            plural(open_severe, "drift finding", "drift findings")
        );
        if long_open > 0 {
            text.push_str(&format!(
                ", {long_open} of them open for more than {LONG_OPEN_DAYS} days"
            ));
        }
        out.push(Highlight {
            tone: "danger",
            text,
        });
    }
    match sources.freshness.get("drift").copied().flatten() {
        None => out.push(Highlight {
            tone: "warning",
            text: "Drift has never been checked: no baseline compare has run for this tenant"
                .into(),
        }),
        Some(_) if view.findings.is_empty() => out.push(Highlight {
            tone: "success",
            text: "No open drift from the baseline".into(),
        }),
        Some(_) => {}
    }
    if let Some(rbac) = &view.rbac {
        if rbac.global_administrators > MAX_GLOBAL_ADMINS {
            out.push(Highlight {
                tone: "warning",
                text: format!(
                    "{} Global Administrators (more than the {MAX_GLOBAL_ADMINS} recommended)",
                    rbac.global_administrators
                ),
            });
        }
        for issue in rbac
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Medium)
        {
            out.push(Highlight {
                tone: if issue.severity >= Severity::High {
                    "danger"
                } else {
                    "warning"
                },
                text: issue.title.clone(),
            });
        }
    }
    for (part, label) in [("inventory", "inventory"), ("policies", "policy")] {
        match sources.freshness.get(part).copied().flatten() {
            None => out.push(Highlight {
                tone: "warning",
                text: format!("No {label} sync has completed yet: that part of this pack is empty"),
            }),
            Some(at) if now - at.unix_millis() > STALE_SYNC_DAYS * DAY_MS => out.push(Highlight {
                tone: "warning",
                text: format!(
                    "The last {label} sync was {} days ago",
                    (now - at.unix_millis()) / DAY_MS
                ),
            }),
            Some(_) => {}
        }
    }
    if let Some(operations) = &view.operations {
        let failed = operations.iter().filter(|o| o.outcome == "Failed").count();
        if failed > 0 {
            out.push(Highlight {
                tone: "warning",
                text: format!(
                    "{failed} {} failed in the last 30 days",
                    plural(failed, "operation", "operations")
                ),
            });
        }
    }
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
