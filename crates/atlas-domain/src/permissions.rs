//! Which Microsoft Graph application permissions each feature needs, and — from the roles an
//! access token carries — which features work in a tenant and which miss what. One table: the
//! add-tenant guide, the permission report and the simulator's tests all read it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::codes::code_enum;

code_enum! {
    /// A feature as the permission report names it.
    pub enum Feature as "feature" {
        Inventory => "inventory",
        PolicyVersions => "policy_versions",
        Groups => "groups",
        DirectoryRoles => "directory_roles",
        Baselines => "baselines",
        CredentialExpiry => "credential_expiry",
        Restore => "restore",
    }
}

/// Read access to Intune configuration and Conditional Access: what inventory, versions and
/// baselines read.
const CONFIGURATION_READ: &[&str] = &[
    "DeviceManagementConfiguration.Read.All",
    "DeviceManagementApps.Read.All",
    "DeviceManagementServiceConfig.Read.All",
    "DeviceManagementRBAC.Read.All",
    "Policy.Read.All",
];

/// Write access to the same configuration: what restore (and undo) writes with. Conditional
/// Access policies are written with their own permission, beside the read one.
const CONFIGURATION_WRITE: &[&str] = &[
    "DeviceManagementConfiguration.ReadWrite.All",
    "DeviceManagementApps.ReadWrite.All",
    "DeviceManagementServiceConfig.ReadWrite.All",
    "DeviceManagementRBAC.ReadWrite.All",
    "Policy.Read.All",
    "Policy.ReadWrite.ConditionalAccess",
];

/// What one feature needs and why, for the add-tenant guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeatureRequirement {
    pub feature: Feature,
    pub label: String,
    /// Application permissions of Microsoft Graph, all needed.
    pub permissions: Vec<String>,
    /// What the permissions are used for.
    pub purpose: String,
}

impl Feature {
    pub fn requirement(self) -> FeatureRequirement {
        let (label, permissions, purpose): (&str, &[&str], &str) = match self {
            Feature::Inventory => (
                "Inventory sync",
                CONFIGURATION_READ,
                "lists Intune policies, apps, scripts and Conditional Access policies",
            ),
            Feature::PolicyVersions => (
                "Policy versions (backups)",
                CONFIGURATION_READ,
                "reads each policy's full settings and assignments to keep versions",
            ),
            Feature::Groups => (
                "Groups",
                &["Group.Read.All"],
                "names the groups that policies are assigned to",
            ),
            Feature::DirectoryRoles => (
                "Directory roles",
                &["RoleManagement.Read.Directory"],
                "reads who holds which Entra and Intune admin role for the RBAC report",
            ),
            Feature::Baselines => (
                "Baselines and drift",
                CONFIGURATION_READ,
                "reads configuration to capture baselines and compare tenants with them",
            ),
            Feature::CredentialExpiry => (
                "Credential expiry",
                &["Application.Read.All"],
                "reads when the app registration's secret or certificate ends, to warn 30 days ahead",
            ),
            Feature::Restore => (
                "Restore",
                CONFIGURATION_WRITE,
                "writes restored policies and their assignments, only after a preview and your confirmation",
            ),
        };
        FeatureRequirement {
            feature: self,
            label: label.into(),
            permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
            purpose: purpose.into(),
        }
    }
}

/// Whether one feature works with the granted permissions, and if not, what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeatureAccess {
    pub feature: Feature,
    pub label: String,
    pub works: bool,
    /// Permissions the feature needs that the token does not carry.
    pub missing: Vec<String>,
    /// One sentence: what works, or what is missing and what that stops.
    pub explanation: String,
}

/// A granted permission covers a needed one when it is the same or its read-write form.
fn covers(granted: &[String], needed: &str) -> bool {
    let read_write = needed.replace(".Read.", ".ReadWrite.");
    granted.iter().any(|g| g == needed || *g == read_write)
}

/// Each feature against the granted application permissions (a token's `roles`).
pub fn feature_access(granted: &[String]) -> Vec<FeatureAccess> {
    Feature::ALL
        .iter()
        .map(|feature| {
            let requirement = feature.requirement();
            let missing: Vec<String> = requirement
                .permissions
                .iter()
                .filter(|p| !covers(granted, p))
                .cloned()
                .collect();
            let explanation = match missing.is_empty() {
                true => format!(
                    "Works: the app may do what it needs ({}).",
                    requirement.purpose
                ),
                false => format!(
                    "Missing {}: without {} TenantAtlas cannot do what this feature needs ({}).",
                    missing.join(", "),
                    if missing.len() == 1 { "it" } else { "them" },
                    requirement.purpose
                ),
            };
            FeatureAccess {
                feature: *feature,
                label: requirement.label,
                works: missing.is_empty(),
                missing,
                explanation,
            }
        })
        .collect()
}

/// Every permission any feature needs, each once, in table order: what the app registration
/// should request.
pub fn all_required() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for feature in Feature::ALL.iter() {
        for p in feature.requirement().permissions {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_consent_makes_every_feature_work() {
        let report = feature_access(&all_required());
        assert!(report.iter().all(|f| f.works), "{report:?}");
    }

    #[test]
    fn a_missing_permission_is_named_with_what_it_stops() {
        let granted: Vec<String> = all_required()
            .into_iter()
            .filter(|p| p != "Group.Read.All" && p != "Policy.Read.All")
            .collect();
        let report = feature_access(&granted);
        let groups = report
            .iter()
            .find(|f| f.feature == Feature::Groups)
            .unwrap();
        assert!(!groups.works);
        assert_eq!(groups.missing, vec!["Group.Read.All"]);
        assert!(
            groups.explanation.contains("names the groups"),
            "{}",
            groups.explanation
        );
        let inventory = report
            .iter()
            .find(|f| f.feature == Feature::Inventory)
            .unwrap();
        assert_eq!(inventory.missing, vec!["Policy.Read.All"]);
        let roles = report
            .iter()
            .find(|f| f.feature == Feature::DirectoryRoles)
            .unwrap();
        assert!(roles.works);
    }

    #[test]
    fn reading_everything_is_not_restoring() {
        let read_only: Vec<String> = all_required()
            .into_iter()
            .filter(|p| !p.contains("ReadWrite"))
            .collect();
        let report = feature_access(&read_only);
        let restore = report
            .iter()
            .find(|f| f.feature == Feature::Restore)
            .unwrap();
        assert!(!restore.works);
        assert!(restore
            .missing
            .contains(&"Policy.ReadWrite.ConditionalAccess".to_owned()));
        assert!(report
            .iter()
            .filter(|f| f.feature != Feature::Restore)
            .all(|f| f.works));
    }

    #[test]
    fn read_write_covers_read_and_nothing_covers_nothing() {
        let granted = vec!["DeviceManagementConfiguration.ReadWrite.All".to_owned()];
        assert!(covers(&granted, "DeviceManagementConfiguration.Read.All"));
        assert!(!covers(&granted, "DeviceManagementApps.Read.All"));
        assert!(feature_access(&[]).iter().all(|f| !f.works));
    }
}
