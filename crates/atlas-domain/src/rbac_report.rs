//! The RBAC hardening report (SPEC §5): who holds which Entra directory role, and what about
//! that deserves an operator's attention. Computed from the cached role definitions and
//! assignments; stored as a report payload and shown as is, so findings carry their own wording.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, DirectoryRoleAssignment, DirectoryRoleDefinition, PrincipalType, Severity,
};

/// Microsoft's built-in roles that can take over the tenant or its security controls, by role
/// template id (for built-in roles the definition id is the template id).
pub const PRIVILEGED_ROLES: &[(&str, &str)] = &[
    (GLOBAL_ADMINISTRATOR, "Global Administrator"),
    (
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
        "Privileged Role Administrator",
    ),
    (
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
        "Privileged Authentication Administrator",
    ),
    (
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
        "Security Administrator",
    ),
    (
        "29232cdf-9323-42fd-ade2-1d097af3e4de",
        "Exchange Administrator",
    ),
    (
        "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
        "SharePoint Administrator",
    ),
    (
        "3a2c62db-5318-420d-8d74-23affee5d9d5",
        "Intune Administrator",
    ),
    (
        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
        "Conditional Access Administrator",
    ),
    (
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
        "Application Administrator",
    ),
    (
        "158c047a-c907-4556-b7ef-446551a6b5f7",
        "Cloud Application Administrator",
    ),
    ("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
    (
        "c4e39bd9-1100-46d3-8c65-fb160da0071f",
        "Authentication Administrator",
    ),
    (
        "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
        "Hybrid Identity Administrator",
    ),
];

/// The Global Administrator role template.
pub const GLOBAL_ADMINISTRATOR: &str = "62e90394-69f5-4237-9190-012177145e10";

/// Microsoft recommends fewer than five Global Administrators …
pub const MAX_GLOBAL_ADMINS: u32 = 4;
/// … and at least two, one of them an emergency access (break-glass) account.
pub const MIN_GLOBAL_ADMINS: u32 = 2;

code_enum! {
    /// What an RBAC hardening finding is about.
    pub enum RbacFindingCode as "rbac_finding" {
        TooManyGlobalAdmins => "rbac.too_many_global_admins",
        SingleGlobalAdmin => "rbac.single_global_admin",
        PrivilegedServicePrincipal => "rbac.privileged_service_principal",
        PrivilegedGroup => "rbac.privileged_group",
        CustomRolesPresent => "rbac.custom_roles_present",
        DisabledRoleAssigned => "rbac.disabled_role_assigned",
    }
}

/// Facts and findings about a tenant's directory roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RbacHardeningReport {
    pub role_definition_count: u32,
    pub assignment_count: u32,
    /// Distinct principals holding Global Administrator.
    pub global_admin_count: u32,
    /// Distinct principals holding at least one privileged built-in role, by name.
    pub privileged_holders: Vec<PrivilegedHolder>,
    /// Every role with at least one holder: privileged first, then most holders.
    pub roles: Vec<RoleHolders>,
    /// Roles defined by the tenant rather than Microsoft, by name.
    pub custom_roles: Vec<CustomRole>,
    /// Most severe first.
    pub findings: Vec<RbacFinding>,
}

/// A principal holding privileged roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PrivilegedHolder {
    pub principal_id: String,
    pub display_name: Option<String>,
    pub principal_type: Option<PrincipalType>,
    /// The privileged roles held, by name.
    pub roles: Vec<String>,
}

/// How many distinct principals hold one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleHolders {
    pub role_definition_id: String,
    pub display_name: String,
    pub privileged: bool,
    pub built_in: bool,
    pub holder_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomRole {
    pub role_definition_id: String,
    pub display_name: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub holder_count: u32,
}

/// Something about the tenant's roles worth acting on, worded for the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RbacFinding {
    pub code: RbacFindingCode,
    pub severity: Severity,
    pub title: String,
    pub detail: String,
    /// The principals or roles concerned, by name.
    pub subjects: Vec<String>,
}

/// What the report needs to know about the role an assignment points at.
struct RoleFacts {
    display_name: String,
    /// The well-known template id when the role is one of [`PRIVILEGED_ROLES`].
    privileged_template: Option<&'static str>,
    built_in: bool,
    enabled: bool,
}

fn privileged_template(id: &str) -> Option<&'static str> {
    PRIVILEGED_ROLES
        .iter()
        .find(|(template, _)| template.eq_ignore_ascii_case(id.trim()))
        .map(|(template, _)| *template)
}

fn role_facts(
    definitions: &HashMap<&str, &DirectoryRoleDefinition>,
    role_definition_id: &str,
) -> RoleFacts {
    match definitions.get(role_definition_id) {
        Some(def) => RoleFacts {
            display_name: def.display_name.clone(),
            privileged_template: def
                .template_id
                .as_deref()
                .and_then(privileged_template)
                .or_else(|| privileged_template(&def.role_definition_id)),
            built_in: def.is_built_in,
            enabled: def.is_enabled,
        },
        // An assignment whose definition was not read: a well-known id still says what it is.
        None => {
            let template = privileged_template(role_definition_id);
            RoleFacts {
                display_name: template
                    .and_then(|t| PRIVILEGED_ROLES.iter().find(|(id, _)| *id == t))
                    .map(|(_, name)| (*name).to_owned())
                    .unwrap_or_else(|| role_definition_id.to_owned()),
                privileged_template: template,
                built_in: template.is_some(),
                enabled: true,
            }
        }
    }
}

/// Who a principal is, from the first assignment that says.
#[derive(Default)]
struct Principal {
    display_name: Option<String>,
    principal_type: Option<PrincipalType>,
    privileged_roles: BTreeSet<String>,
}

impl Principal {
    fn label(&self, id: &str) -> String {
        self.display_name.clone().unwrap_or_else(|| id.to_owned())
    }
}

impl RbacHardeningReport {
    pub fn compute(
        definitions: &[DirectoryRoleDefinition],
        assignments: &[DirectoryRoleAssignment],
    ) -> RbacHardeningReport {
        let by_id: HashMap<&str, &DirectoryRoleDefinition> = definitions
            .iter()
            .map(|d| (d.role_definition_id.as_str(), d))
            .collect();
        let mut holders: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut principals: BTreeMap<&str, Principal> = BTreeMap::new();
        let mut global_admins: BTreeSet<&str> = BTreeSet::new();
        let mut disabled_assigned: BTreeSet<String> = BTreeSet::new();

        for a in assignments {
            let role = role_facts(&by_id, &a.role_definition_id);
            holders
                .entry(a.role_definition_id.as_str())
                .or_default()
                .insert(a.principal_id.as_str());
            let principal = principals.entry(a.principal_id.as_str()).or_default();
            principal.display_name = principal
                .display_name
                .take()
                .or_else(|| a.principal_display_name.clone());
            principal.principal_type = principal.principal_type.or(a.principal_type);
            if let Some(template) = role.privileged_template {
                principal.privileged_roles.insert(role.display_name.clone());
                if template == GLOBAL_ADMINISTRATOR {
                    global_admins.insert(a.principal_id.as_str());
                }
            }
            if !role.enabled {
                disabled_assigned.insert(role.display_name);
            }
        }

        let privileged_holders = privileged_holders(&principals);
        let roles = role_holders(&by_id, &holders);
        let custom_roles = custom_roles(definitions, &holders);
        let global_admin_names: Vec<String> = global_admins
            .iter()
            .map(|id| principals[id].label(id))
            .collect();
        let findings = findings(
            &global_admin_names,
            &privileged_holders,
            &custom_roles,
            disabled_assigned.into_iter().collect(),
        );
        RbacHardeningReport {
            role_definition_count: count(definitions.len()),
            assignment_count: count(assignments.len()),
            global_admin_count: count(global_admins.len()),
            privileged_holders,
            roles,
            custom_roles,
            findings,
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn privileged_holders(principals: &BTreeMap<&str, Principal>) -> Vec<PrivilegedHolder> {
    let mut out: Vec<PrivilegedHolder> = principals
        .iter()
        .filter(|(_, p)| !p.privileged_roles.is_empty())
        .map(|(id, p)| PrivilegedHolder {
            principal_id: (*id).to_owned(),
            display_name: p.display_name.clone(),
            principal_type: p.principal_type,
            roles: p.privileged_roles.iter().cloned().collect(),
        })
        .collect();
    out.sort_by_cached_key(|h| {
        let name = h.display_name.as_deref().unwrap_or(&h.principal_id);
        (name.to_lowercase(), h.principal_id.clone())
    });
    out
}

fn role_holders(
    by_id: &HashMap<&str, &DirectoryRoleDefinition>,
    holders: &BTreeMap<&str, BTreeSet<&str>>,
) -> Vec<RoleHolders> {
    let mut out: Vec<RoleHolders> = holders
        .iter()
        .map(|(id, principals)| {
            let role = role_facts(by_id, id);
            RoleHolders {
                role_definition_id: (*id).to_owned(),
                display_name: role.display_name,
                privileged: role.privileged_template.is_some(),
                built_in: role.built_in,
                holder_count: count(principals.len()),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.privileged
            .cmp(&a.privileged)
            .then(b.holder_count.cmp(&a.holder_count))
            .then_with(|| a.display_name.cmp(&b.display_name))
    });
    out
}

fn custom_roles(
    definitions: &[DirectoryRoleDefinition],
    holders: &BTreeMap<&str, BTreeSet<&str>>,
) -> Vec<CustomRole> {
    let mut out: Vec<CustomRole> = definitions
        .iter()
        .filter(|d| !d.is_built_in)
        .map(|d| CustomRole {
            role_definition_id: d.role_definition_id.clone(),
            display_name: d.display_name.clone(),
            description: d.description.clone(),
            enabled: d.is_enabled,
            holder_count: count(
                holders
                    .get(d.role_definition_id.as_str())
                    .map_or(0, BTreeSet::len),
            ),
        })
        .collect();
    out.sort_by_cached_key(|r| (r.display_name.to_lowercase(), r.role_definition_id.clone()));
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn holders_of(holders: &[PrivilegedHolder], kind: PrincipalType) -> Vec<String> {
    holders
        .iter()
        .filter(|h| h.principal_type == Some(kind))
        .map(|h| {
            let name = h.display_name.as_deref().unwrap_or(&h.principal_id);
            format!("{name} ({})", h.roles.join(", "))
        })
        .collect()
}

fn findings(
    global_admins: &[String],
    privileged: &[PrivilegedHolder],
    custom: &[CustomRole],
    disabled_assigned: Vec<String>,
) -> Vec<RbacFinding> {
    let mut out = Vec::new();
    let mut add = |code, severity, title: String, detail: &str, subjects: Vec<String>| {
        out.push(RbacFinding {
            code,
            severity,
            title,
            detail: detail.to_owned(),
            subjects,
        })
    };
    let ga = global_admins.len();
    if count(ga) > MAX_GLOBAL_ADMINS {
        add(
            RbacFindingCode::TooManyGlobalAdmins,
            Severity::High,
            format!("{ga} Global Administrators"),
            "Every Global Administrator account can take over the whole tenant. Microsoft \
             recommends fewer than five; move day-to-day administration to narrower roles.",
            global_admins.to_vec(),
        );
    }
    if count(ga) < MIN_GLOBAL_ADMINS {
        add(
            RbacFindingCode::SingleGlobalAdmin,
            Severity::High,
            match ga {
                0 => "No active Global Administrator".to_owned(),
                _ => "Only one Global Administrator".to_owned(),
            },
            "Keep at least two Global Administrators, one of them an emergency access \
             (break-glass) account, so that losing one account does not lock the organisation \
             out of its tenant.",
            global_admins.to_vec(),
        );
    }
    let apps = holders_of(privileged, PrincipalType::ServicePrincipal);
    if !apps.is_empty() {
        add(
            RbacFindingCode::PrivilegedServicePrincipal,
            Severity::High,
            format!(
                "{} privileged roles",
                plural(apps.len(), "application holds", "applications hold")
            ),
            "An application with a privileged directory role acts with that power without \
             anyone signing in, so its credentials are as sensitive as an administrator's. \
             Confirm each one is needed and prefer narrowly scoped permissions.",
            apps,
        );
    }
    let groups = holders_of(privileged, PrincipalType::Group);
    if !groups.is_empty() {
        add(
            RbacFindingCode::PrivilegedGroup,
            Severity::Medium,
            format!(
                "{} privileged roles",
                plural(groups.len(), "group holds", "groups hold")
            ),
            "Everyone added to these groups receives the role. Make sure only a few \
             administrators can change their membership, and review it regularly.",
            groups,
        );
    }
    if !disabled_assigned.is_empty() {
        add(
            RbacFindingCode::DisabledRoleAssigned,
            Severity::Low,
            format!(
                "{} still assigned",
                plural(disabled_assigned.len(), "disabled role", "disabled roles")
            ),
            "These assignments grant nothing while the role is disabled, but would take effect \
             again if it were re-enabled. Remove them.",
            disabled_assigned,
        );
    }
    if !custom.is_empty() {
        add(
            RbacFindingCode::CustomRolesPresent,
            Severity::Info,
            format!(
                "{} defined",
                plural(custom.len(), "custom role", "custom roles")
            ),
            "Custom roles are maintained by the tenant, not by Microsoft. Review their \
             permissions from time to time.",
            custom.iter().map(|r| r.display_name.clone()).collect(),
        );
    }
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECURITY_ADMIN: &str = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

    fn built_in(id: &str, name: &str) -> DirectoryRoleDefinition {
        DirectoryRoleDefinition {
            role_definition_id: id.into(),
            display_name: name.into(),
            description: None,
            is_built_in: true,
            is_enabled: true,
            template_id: Some(id.into()),
            permissions: serde_json::json!([]),
        }
    }

    fn custom(id: &str, name: &str, enabled: bool) -> DirectoryRoleDefinition {
        DirectoryRoleDefinition {
            is_built_in: false,
            is_enabled: enabled,
            template_id: None,
            ..built_in(id, name)
        }
    }

    fn assign(role: &str, principal: &str, kind: PrincipalType) -> DirectoryRoleAssignment {
        DirectoryRoleAssignment {
            assignment_id: format!("{role}/{principal}"),
            role_definition_id: role.into(),
            principal_id: principal.into(),
            principal_display_name: Some(format!("{principal} name")),
            principal_type: Some(kind),
            directory_scope_id: "/".into(),
        }
    }

    fn standard_defs() -> Vec<DirectoryRoleDefinition> {
        vec![
            built_in(GLOBAL_ADMINISTRATOR, "Global Administrator"),
            built_in(SECURITY_ADMIN, "Security Administrator"),
            built_in(HELPDESK_ADMIN, "Helpdesk Administrator"),
        ]
    }

    fn codes(report: &RbacHardeningReport) -> Vec<RbacFindingCode> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_healthy_tenant_has_no_findings() {
        use PrincipalType::User;
        let assignments = [
            assign(GLOBAL_ADMINISTRATOR, "alice", User),
            assign(GLOBAL_ADMINISTRATOR, "breakglass", User),
            assign(SECURITY_ADMIN, "alice", User),
            assign(HELPDESK_ADMIN, "bob", User),
        ];
        let report = RbacHardeningReport::compute(&standard_defs(), &assignments);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert_eq!(report.global_admin_count, 2);
        assert_eq!(report.assignment_count, 4);
        assert_eq!(report.role_definition_count, 3);
        // Distinct principals; helpdesk is not privileged.
        let holders: Vec<_> = report
            .privileged_holders
            .iter()
            .map(|h| (h.principal_id.as_str(), h.roles.clone()))
            .collect();
        assert_eq!(
            holders,
            [
                (
                    "alice",
                    vec![
                        "Global Administrator".to_owned(),
                        "Security Administrator".to_owned()
                    ]
                ),
                ("breakglass", vec!["Global Administrator".to_owned()]),
            ]
        );
        let roles: Vec<_> = report
            .roles
            .iter()
            .map(|r| (r.display_name.as_str(), r.privileged, r.holder_count))
            .collect();
        assert_eq!(
            roles,
            [
                ("Global Administrator", true, 2),
                ("Security Administrator", true, 1),
                ("Helpdesk Administrator", false, 1),
            ]
        );
    }

    #[test]
    fn too_many_and_too_few_global_admins_are_findings() {
        let many: Vec<_> = (0..5)
            .map(|i| assign(GLOBAL_ADMINISTRATOR, &format!("ga{i}"), PrincipalType::User))
            .collect();
        let report = RbacHardeningReport::compute(&standard_defs(), &many);
        assert_eq!(codes(&report), [RbacFindingCode::TooManyGlobalAdmins]);
        assert_eq!(report.findings[0].subjects.len(), 5);
        assert_eq!(report.findings[0].severity, Severity::High);

        // The same principal twice (two scopes) is still one administrator.
        let single = [
            assign(GLOBAL_ADMINISTRATOR, "alice", PrincipalType::User),
            DirectoryRoleAssignment {
                assignment_id: "second".into(),
                ..assign(GLOBAL_ADMINISTRATOR, "alice", PrincipalType::User)
            },
        ];
        let report = RbacHardeningReport::compute(&standard_defs(), &single);
        assert_eq!(report.global_admin_count, 1);
        assert_eq!(codes(&report), [RbacFindingCode::SingleGlobalAdmin]);
        assert_eq!(report.findings[0].title, "Only one Global Administrator");
        assert!(report.findings[0].detail.contains("break-glass"));
    }

    #[test]
    fn applications_and_groups_with_privileged_roles_are_named() {
        use PrincipalType::*;
        let assignments = [
            assign(GLOBAL_ADMINISTRATOR, "alice", User),
            assign(GLOBAL_ADMINISTRATOR, "breakglass", User),
            assign(SECURITY_ADMIN, "backup-app", ServicePrincipal),
            assign(SECURITY_ADMIN, "sec-team", Group),
            assign(HELPDESK_ADMIN, "helpdesk-app", ServicePrincipal),
        ];
        let report = RbacHardeningReport::compute(&standard_defs(), &assignments);
        assert_eq!(
            codes(&report),
            [
                RbacFindingCode::PrivilegedServicePrincipal,
                RbacFindingCode::PrivilegedGroup
            ]
        );
        assert_eq!(
            report.findings[0].subjects,
            ["backup-app name (Security Administrator)"]
        );
        assert_eq!(
            report.findings[0].title,
            "1 application holds privileged roles"
        );
        assert_eq!(report.findings[1].severity, Severity::Medium);
    }

    #[test]
    fn custom_and_disabled_roles_are_reported() {
        use PrincipalType::User;
        let mut defs = standard_defs();
        defs.push(custom("c1", "Printer Operators", true));
        defs.push(custom("c2", "Old Auditors", false));
        let assignments = [
            assign(GLOBAL_ADMINISTRATOR, "alice", User),
            assign(GLOBAL_ADMINISTRATOR, "breakglass", User),
            assign("c1", "carol", User),
            assign("c2", "dave", User),
        ];
        let report = RbacHardeningReport::compute(&defs, &assignments);
        assert_eq!(
            codes(&report),
            [
                RbacFindingCode::DisabledRoleAssigned,
                RbacFindingCode::CustomRolesPresent
            ]
        );
        assert_eq!(report.findings[0].subjects, ["Old Auditors"]);
        assert_eq!(report.findings[1].severity, Severity::Info);
        let custom: Vec<_> = report
            .custom_roles
            .iter()
            .map(|r| (r.display_name.as_str(), r.enabled, r.holder_count))
            .collect();
        assert_eq!(
            custom,
            [("Old Auditors", false, 1), ("Printer Operators", true, 1)]
        );
    }

    #[test]
    fn privileged_roles_are_recognised_by_template_or_by_id_alone() {
        use PrincipalType::User;
        // A definition whose id differs from its template id.
        let defs = [DirectoryRoleDefinition {
            role_definition_id: "tenant-specific-id".into(),
            ..built_in(GLOBAL_ADMINISTRATOR, "Global Administrator")
        }];
        // One assignment to that definition, one to a definition that was not read.
        let assignments = [
            assign("tenant-specific-id", "alice", User),
            assign(&GLOBAL_ADMINISTRATOR.to_uppercase(), "bob", User),
        ];
        let report = RbacHardeningReport::compute(&defs, &assignments);
        assert_eq!(report.global_admin_count, 2);
        // One row per assigned definition id, both read as Global Administrator.
        let mut held: Vec<_> = report
            .roles
            .iter()
            .map(|r| (r.role_definition_id.as_str(), r.holder_count))
            .collect();
        held.sort();
        let by_template = GLOBAL_ADMINISTRATOR.to_uppercase();
        assert_eq!(
            held,
            [(by_template.as_str(), 1), ("tenant-specific-id", 1)],
            "{:?}",
            report.roles
        );
        assert!(report.roles.iter().all(|r| r.privileged && r.built_in));
        assert!(report
            .roles
            .iter()
            .all(|r| r.display_name == "Global Administrator"));
    }

    #[test]
    fn an_empty_directory_reads_as_missing_global_admins() {
        let report = RbacHardeningReport::compute(&[], &[]);
        assert_eq!(codes(&report), [RbacFindingCode::SingleGlobalAdmin]);
        assert_eq!(report.findings[0].title, "No active Global Administrator");
    }

    #[test]
    fn the_report_round_trips_as_a_payload() {
        let report = RbacHardeningReport::compute(
            &standard_defs(),
            &[assign(
                GLOBAL_ADMINISTRATOR,
                "app",
                PrincipalType::ServicePrincipal,
            )],
        );
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["findings"][0]["code"], "rbac.single_global_admin");
        assert_eq!(
            json["findings"][1]["code"],
            "rbac.privileged_service_principal"
        );
        assert_eq!(json["findings"][1]["severity"], "high");
        let back: RbacHardeningReport = serde_json::from_value(json).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn the_privileged_role_list_has_distinct_lower_case_templates() {
        let ids: BTreeSet<_> = PRIVILEGED_ROLES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.len(), 13);
        assert!(ids.iter().all(|id| *id == id.to_lowercase()));
    }
}
