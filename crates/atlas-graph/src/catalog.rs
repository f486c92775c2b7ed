//! The object catalog: data, not code per type. Each entry says where the objects live, how
//! their details and assignments are read, which field names them, which fields are volatile
//! (on top of `atlas_domain::normalize::VOLATILE_FIELDS`), which hold secrets that must never be
//! stored in clear, and how restore writes them back.

pub use atlas_domain::readable::Targeting;
use serde::Serialize;
use serde_json::Value;

/// Graph API version an endpoint is served under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiVersion {
    V1,
    Beta,
}

impl ApiVersion {
    /// The path segment after the Graph root: `v1.0` or `beta`.
    pub fn segment(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// Where an object type belongs, for inventory selection by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Configuration,
    Compliance,
    Scripts,
    Apps,
    Enrollment,
    Updates,
    /// Objects other policies depend on: filters, scope tags, roles.
    Foundations,
    ConditionalAccess,
    Directory,
    /// Connections to other services, read as facts for reviews (partners, Apple and Google
    /// tokens); restore never writes them.
    Connectors,
}

impl Category {
    /// The stable name used in selections (`configuration`, `conditional_access`, …).
    pub fn code(self) -> &'static str {
        match self {
            Category::Configuration => "configuration",
            Category::Compliance => "compliance",
            Category::Scripts => "scripts",
            Category::Apps => "apps",
            Category::Enrollment => "enrollment",
            Category::Updates => "updates",
            Category::Foundations => "foundations",
            Category::ConditionalAccess => "conditional_access",
            Category::Directory => "directory",
            Category::Connectors => "connectors",
        }
    }
}

/// How restore writes an object back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMethod {
    /// POST to the collection / PATCH by id; assignments via `POST {id}/assign`.
    PostPatchAssign,
    /// Like `PostPatchAssign`, but the settings are part of the create body (settings catalog).
    PostWithSettingsAssign,
    /// POST / PATCH; no assignments (directory and foundation objects).
    PostPatch,
    /// Read only: restore never writes it (built-in or directory-managed objects).
    ReadOnly,
}

/// One kind of object the product inventories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ObjectType {
    /// Stable key used in selections, inventory rows and reports.
    pub key: &'static str,
    pub label: &'static str,
    pub category: Category,
    pub version: ApiVersion,
    /// Collection path below the version segment, e.g. `deviceManagement/deviceConfigurations`.
    pub path: &'static str,
    /// The path names one object, not a collection (`deviceManagement/settings`): read whole,
    /// and a 404 means the tenant has not set it up (no object, not a failure).
    pub singleton: bool,
    /// Restricts a shared collection to this type (an OData `$filter` expression over
    /// `@odata.type`; the client applies it to the listed objects where Graph refuses it).
    pub filter: Option<&'static str>,
    /// `$expand` on list/read requests (assignments and details read in the same request).
    pub expand: Option<&'static str>,
    /// A sub-collection read per object and paged (e.g. settings catalog `settings`).
    pub detail_collection: Option<&'static str>,
    /// Sub-collection holding assignments when they cannot be expanded.
    pub assignments_collection: Option<&'static str>,
    /// The field that names an object (`name` for the settings catalog).
    pub display_name_field: &'static str,
    /// Field that carries the platform, if the type has one.
    pub platform_field: Option<&'static str>,
    /// Volatile fields specific to this type.
    pub volatile_fields: &'static [&'static str],
    /// Paths (dot-separated; arrays are traversed) of fields whose values are secrets —
    /// encrypted OMA values and their secret references: they are replaced by
    /// [`SECRET_MARKER`] before anything is stored. (Script bodies are configuration the MSP
    /// owns and restore needs; they are kept.)
    pub secret_fields: &'static [&'static str],
    pub restore: RestoreMethod,
    /// How its objects say whom they apply to; anything but `Assignments` is shown from the
    /// content's own fields (`atlas_domain::readable`'s targeting rows).
    pub targeting: Targeting,
}

/// What replaces a secret value in everything the product stores.
pub const SECRET_MARKER: &str = "[secret value not stored]";

impl ObjectType {
    /// Replaces the values at `secret_fields` (non-null ones) by [`SECRET_MARKER`]; returns
    /// how many were replaced.
    pub fn strip_secrets(&self, content: &mut Value) -> usize {
        self.secret_fields
            .iter()
            .map(|path| strip_path(content, &path.split('.').collect::<Vec<_>>()))
            .sum()
    }

    /// The object's display name (by the type's display-name field), if it has one.
    pub fn display_name_of(&self, content: &Value) -> Option<String> {
        content
            .get(self.display_name_field)
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    /// The object's platform in the product's words (`windows`, `macos`, `ios`, `android`,
    /// `linux`, or several joined by `,`), from the type's platform field: a platform value
    /// (`windows10`, `iOS`, `android,iOS`, `windows10AndLater`) or an `@odata.type`
    /// discriminator (`#microsoft.graph.windows10GeneralConfiguration`).
    pub fn platform_of(&self, content: &Value) -> Option<String> {
        let raw = content.get(self.platform_field?)?.as_str()?;
        let raw = raw.strip_prefix("#microsoft.graph.").unwrap_or(raw);
        let mut found: Vec<&str> = Vec::new();
        for part in raw.split(',') {
            let part = part.trim().to_ascii_lowercase();
            let platform = [
                ("windows", "windows"),
                ("win32", "windows"),
                ("macos", "macos"),
                ("mac", "macos"),
                ("ios", "ios"),
                ("iosmobile", "ios"),
                ("android", "android"),
                ("aosp", "android"),
                ("linux", "linux"),
            ]
            .iter()
            .find(|(prefix, _)| part.starts_with(prefix))
            .map(|(_, name)| *name);
            if let Some(platform) = platform {
                if !found.contains(&platform) {
                    found.push(platform);
                }
            }
        }
        (!found.is_empty()).then(|| found.join(","))
    }

    /// `{version}/{path}` relative to the Graph root.
    pub fn collection_url(&self) -> String {
        format!("{}/{}", self.version.segment(), self.path)
    }

    /// Looks an entry up by its key.
    pub fn find(key: &str) -> Option<&'static ObjectType> {
        CATALOG.iter().find(|t| t.key == key)
    }
}

const ASSIGNMENTS: Option<&str> = Some("assignments");

const fn entry(
    key: &'static str,
    label: &'static str,
    category: Category,
    version: ApiVersion,
    path: &'static str,
) -> ObjectType {
    ObjectType {
        key,
        label,
        category,
        version,
        path,
        singleton: false,
        filter: None,
        expand: ASSIGNMENTS,
        detail_collection: None,
        assignments_collection: None,
        display_name_field: "displayName",
        platform_field: None,
        volatile_fields: &[],
        secret_fields: &[],
        restore: RestoreMethod::PostPatchAssign,
        targeting: Targeting::Assignments,
    }
}

use ApiVersion::{Beta, V1};
use Category as C;

/// Every object type, in inventory order.
pub static CATALOG: &[ObjectType] = &[
    ObjectType {
        expand: None,
        detail_collection: Some("settings"),
        assignments_collection: Some("assignments"),
        display_name_field: "name",
        platform_field: Some("platforms"),
        volatile_fields: &["settingCount", "creationSource", "isAssigned"],
        restore: RestoreMethod::PostWithSettingsAssign,
        ..entry(
            "settings_catalog",
            "Settings catalog policy",
            C::Configuration,
            Beta,
            "deviceManagement/configurationPolicies",
        )
    },
    ObjectType {
        filter: Some("not isof('microsoft.graph.windowsUpdateForBusinessConfiguration')"),
        platform_field: Some("@odata.type"),
        secret_fields: &["omaSettings.value", "omaSettings.secretReferenceValueId"],
        volatile_fields: &[
            "deviceManagementApplicabilityRuleOsEdition",
            "supportsScopeTags",
        ],
        ..entry(
            "device_configuration",
            "Device configuration profile",
            C::Configuration,
            Beta,
            "deviceManagement/deviceConfigurations",
        )
    },
    ObjectType {
        expand: Some("assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)"),
        platform_field: Some("@odata.type"),
        ..entry(
            "compliance_policy",
            "Compliance policy",
            C::Compliance,
            Beta,
            "deviceManagement/deviceCompliancePolicies",
        )
    },
    ObjectType {
        detail_collection: Some(
            "definitionValues?$expand=definition,presentationValues($expand=presentation)",
        ),
        ..entry(
            "administrative_template",
            "Administrative template",
            C::Configuration,
            Beta,
            "deviceManagement/groupPolicyConfigurations",
        )
    },
    ObjectType {
        platform_field: None,
        ..entry(
            "powershell_script",
            "PowerShell script",
            C::Scripts,
            Beta,
            "deviceManagement/deviceManagementScripts",
        )
    },
    ObjectType {
        ..entry(
            "shell_script",
            "macOS shell script",
            C::Scripts,
            Beta,
            "deviceManagement/deviceShellScripts",
        )
    },
    ObjectType {
        volatile_fields: &["highestAvailableVersion", "isGlobalScript"],
        ..entry(
            "remediation_script",
            "Remediation script",
            C::Scripts,
            Beta,
            "deviceManagement/deviceHealthScripts",
        )
    },
    ObjectType {
        expand: Some("assignments,apps"),
        volatile_fields: &["deployedAppCount", "isAssigned"],
        ..entry(
            "app_protection_ios",
            "App protection policy (iOS)",
            C::Apps,
            Beta,
            "deviceAppManagement/iosManagedAppProtections",
        )
    },
    ObjectType {
        expand: Some("assignments,apps"),
        volatile_fields: &["deployedAppCount", "isAssigned"],
        ..entry(
            "app_protection_android",
            "App protection policy (Android)",
            C::Apps,
            Beta,
            "deviceAppManagement/androidManagedAppProtections",
        )
    },
    ObjectType {
        expand: Some("assignments,protectedApps,exemptApps"),
        ..entry(
            "app_protection_windows",
            "App protection policy (Windows)",
            C::Apps,
            Beta,
            "deviceAppManagement/mdmWindowsInformationProtectionPolicies",
        )
    },
    ObjectType {
        platform_field: Some("@odata.type"),
        ..entry(
            "app_configuration_device",
            "App configuration policy (managed devices)",
            C::Apps,
            Beta,
            "deviceAppManagement/mobileAppConfigurations",
        )
    },
    ObjectType {
        expand: Some("assignments,apps"),
        // How many apps it reached: a counter, not configuration.
        volatile_fields: &["deployedAppCount"],
        ..entry(
            "app_configuration_app",
            "App configuration policy (managed apps)",
            C::Apps,
            Beta,
            "deviceAppManagement/targetedManagedAppConfigurations",
        )
    },
    ObjectType {
        volatile_fields: &["priority"],
        ..entry(
            "enrollment_configuration",
            "Enrollment configuration",
            C::Enrollment,
            Beta,
            "deviceManagement/deviceEnrollmentConfigurations",
        )
    },
    entry(
        "autopilot_profile",
        "Autopilot deployment profile",
        C::Enrollment,
        Beta,
        "deviceManagement/windowsAutopilotDeploymentProfiles",
    ),
    ObjectType {
        filter: Some("isof('microsoft.graph.windowsUpdateForBusinessConfiguration')"),
        // Read-only, as for the other profiles of the collection.
        volatile_fields: &["supportsScopeTags"],
        ..entry(
            "update_ring",
            "Windows update ring",
            C::Updates,
            Beta,
            "deviceManagement/deviceConfigurations",
        )
    },
    ObjectType {
        volatile_fields: &["endOfSupportDate", "deployableContentDisplayName"],
        ..entry(
            "feature_update_profile",
            "Windows feature update profile",
            C::Updates,
            Beta,
            "deviceManagement/windowsFeatureUpdateProfiles",
        )
    },
    ObjectType {
        volatile_fields: &["releaseDateDisplayName", "deployableContentDisplayName"],
        ..entry(
            "quality_update_profile",
            "Windows quality update profile",
            C::Updates,
            Beta,
            "deviceManagement/windowsQualityUpdateProfiles",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        platform_field: Some("platform"),
        restore: RestoreMethod::PostPatch,
        ..entry(
            "assignment_filter",
            "Assignment filter",
            C::Foundations,
            Beta,
            "deviceManagement/assignmentFilters",
        )
    },
    ObjectType {
        restore: RestoreMethod::PostPatchAssign,
        ..entry(
            "scope_tag",
            "Scope tag",
            C::Foundations,
            Beta,
            "deviceManagement/roleScopeTags",
        )
    },
    ObjectType {
        targeting: Targeting::RoleAssignments,
        expand: Some("roleAssignments"),
        restore: RestoreMethod::PostPatch,
        ..entry(
            "intune_role_definition",
            "Intune role definition",
            C::Foundations,
            Beta,
            "deviceManagement/roleDefinitions",
        )
    },
    ObjectType {
        targeting: Targeting::Conditions,
        expand: None,
        restore: RestoreMethod::PostPatch,
        ..entry(
            "conditional_access_policy",
            "Conditional access policy",
            C::ConditionalAccess,
            V1,
            "identity/conditionalAccess/policies",
        )
    },
    ObjectType {
        // The noncompliance actions are part of the policy, as for the classic ones.
        expand: Some("scheduledActionsForRule($expand=scheduledActionConfigurations)"),
        detail_collection: Some("settings"),
        assignments_collection: Some("assignments"),
        display_name_field: "name",
        platform_field: Some("platforms"),
        volatile_fields: &["settingCount", "creationSource", "isAssigned"],
        restore: RestoreMethod::PostWithSettingsAssign,
        ..entry(
            "settings_compliance_policy",
            "Compliance policy (settings catalog)",
            C::Compliance,
            Beta,
            "deviceManagement/compliancePolicies",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        volatile_fields: &["version"],
        restore: RestoreMethod::PostPatch,
        ..entry(
            "compliance_script",
            "Compliance discovery script",
            C::Compliance,
            Beta,
            "deviceManagement/deviceComplianceScripts",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: Some("localizedNotificationMessages"),
        restore: RestoreMethod::PostPatch,
        ..entry(
            "notification_template",
            "Compliance notification template",
            C::Compliance,
            Beta,
            "deviceManagement/notificationMessageTemplates",
        )
    },
    ObjectType {
        // Endpoint security policies of the template era: read with every setting; written
        // back only through their template's `createInstance`, which restore does not do.
        expand: None,
        detail_collection: Some("settings"),
        assignments_collection: Some("assignments"),
        // `isMigratingToConfigurationPolicy` is Intune's migration status, not configuration.
        volatile_fields: &["isAssigned", "isMigratingToConfigurationPolicy"],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "endpoint_security_intent",
            "Endpoint security policy (template)",
            C::Configuration,
            Beta,
            "deviceManagement/intents",
        )
    },
    ObjectType {
        ..entry(
            "custom_attribute_script",
            "macOS custom attribute script",
            C::Scripts,
            Beta,
            "deviceManagement/deviceCustomAttributeShellScripts",
        )
    },
    ObjectType {
        // App records only: icons and package files are never read, so a line-of-business app
        // could not be written back whole; restore leaves apps alone.
        platform_field: Some("@odata.type"),
        volatile_fields: &[
            "uploadState",
            "publishingState",
            "isAssigned",
            "dependentAppCount",
            "supersedingAppCount",
            "supersededAppCount",
            "committedContentVersion",
            "size",
        ],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "mobile_app",
            "App",
            C::Apps,
            Beta,
            "deviceAppManagement/mobileApps",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        restore: RestoreMethod::PostPatch,
        ..entry(
            "device_category",
            "Device category",
            C::Enrollment,
            Beta,
            "deviceManagement/deviceCategories",
        )
    },
    ObjectType {
        volatile_fields: &["deviceReporting", "newUpdates", "inventorySyncStatus"],
        ..entry(
            "driver_update_profile",
            "Windows driver update profile",
            C::Updates,
            Beta,
            "deviceManagement/windowsDriverUpdateProfiles",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        volatile_fields: &[
            "version",
            "referencingConfigurationPolicyCount",
            "referencingConfigurationPolicies",
        ],
        restore: RestoreMethod::PostPatch,
        ..entry(
            "reusable_policy_setting",
            "Reusable policy setting",
            C::Foundations,
            Beta,
            "deviceManagement/reusablePolicySettings",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        volatile_fields: &["lastHeartbeatDateTime"],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "compliance_partner",
            "Compliance partner",
            C::Connectors,
            Beta,
            "deviceManagement/complianceManagementPartners",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        volatile_fields: &[
            "lastHeartbeatDateTime",
            "whenPartnerDevicesWillBeRemovedDateTime",
        ],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "management_partner",
            "Device management partner",
            C::Connectors,
            Beta,
            "deviceManagement/deviceManagementPartners",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        volatile_fields: &["lastConnectionDateTime"],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "remote_assistance_partner",
            "Remote assistance partner",
            C::Connectors,
            Beta,
            "deviceManagement/remoteAssistancePartners",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        display_name_field: "organizationName",
        volatile_fields: &["lastSyncDateTime", "lastSyncStatus", "lastModifiedDateTime"],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "vpp_token",
            "Apple VPP token",
            C::Connectors,
            Beta,
            "deviceAppManagement/vppTokens",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        // Its enrollment profiles, the part an MSP configures.
        detail_collection: Some("enrollmentProfiles"),
        display_name_field: "tokenName",
        volatile_fields: &[
            "lastSyncTriggeredDateTime",
            "lastSuccessfulSyncDateTime",
            "syncedDeviceCount",
            "lastSyncErrorCode",
        ],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "dep_onboarding_setting",
            "Apple automated device enrollment",
            C::Connectors,
            Beta,
            "deviceManagement/depOnboardingSettings",
        )
    },
    ObjectType {
        expand: Some("assignments"),
        volatile_fields: &["version"],
        ..entry(
            "terms_and_conditions",
            "Terms and conditions",
            C::Enrollment,
            Beta,
            "deviceManagement/termsAndConditions",
        )
    },
    ObjectType {
        singleton: true,
        targeting: Targeting::NotTargeted,
        expand: None,
        display_name_field: "appleIdentifier",
        volatile_fields: &[
            "lastModifiedDateTime",
            "certificateUploadStatus",
            "certificateUploadFailureReason",
        ],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "apple_push_certificate",
            "Apple MDM push certificate",
            C::Connectors,
            Beta,
            "deviceManagement/applePushNotificationCertificate",
        )
    },
    ObjectType {
        singleton: true,
        targeting: Targeting::NotTargeted,
        expand: None,
        display_name_field: "ownerOrganizationName",
        volatile_fields: &[
            "lastAppSyncDateTime",
            "lastAppSyncStatus",
            "lastModifiedDateTime",
        ],
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "managed_google_play",
            "Managed Google Play",
            C::Connectors,
            Beta,
            "deviceManagement/androidManagedStoreAccountEnterpriseSettings",
        )
    },
    ObjectType {
        singleton: true,
        targeting: Targeting::NotTargeted,
        expand: None,
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "intune_settings",
            "Intune tenant settings",
            C::Connectors,
            Beta,
            "deviceManagement/settings",
        )
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        volatile_fields: &[
            "renewedDateTime",
            "deletedDateTime",
            "onPremisesLastSyncDateTime",
        ],
        restore: RestoreMethod::ReadOnly,
        ..entry("group", "Group", C::Directory, V1, "groups")
    },
    ObjectType {
        targeting: Targeting::NotTargeted,
        expand: None,
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "directory_role_definition",
            "Directory role definition",
            C::Directory,
            V1,
            "roleManagement/directory/roleDefinitions",
        )
    },
    ObjectType {
        targeting: Targeting::Principal,
        // Who holds the role, with their name and kind.
        expand: Some("principal"),
        display_name_field: "roleDefinitionId",
        restore: RestoreMethod::ReadOnly,
        ..entry(
            "directory_role_assignment",
            "Directory role assignment",
            C::Directory,
            V1,
            "roleManagement/directory/roleAssignments",
        )
    },
];

fn strip_path(value: &mut Value, path: &[&str]) -> usize {
    match (value, path) {
        (Value::Array(items), _) => items.iter_mut().map(|i| strip_path(i, path)).sum(),
        (Value::Object(map), [last]) => match map.get_mut(*last) {
            Some(v) if !v.is_null() && v.as_str() != Some(SECRET_MARKER) => {
                *v = Value::String(SECRET_MARKER.to_owned());
                1
            }
            _ => 0,
        },
        (Value::Object(map), [first, rest @ ..]) => {
            map.get_mut(*first).map_or(0, |v| strip_path(v, rest))
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use serde_json::json;

    use super::*;

    #[test]
    fn keys_are_unique_and_stable_identifiers() {
        let keys: HashSet<_> = CATALOG.iter().map(|t| t.key).collect();
        assert_eq!(keys.len(), CATALOG.len());
        for t in CATALOG {
            assert!(
                t.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                t.key
            );
            assert_eq!(ObjectType::find(t.key), Some(t));
        }
    }

    #[test]
    fn the_catalog_covers_what_the_product_promises() {
        // SPEC §4 and the Graph issue: at least these families.
        for key in [
            "settings_catalog",
            "device_configuration",
            "compliance_policy",
            "administrative_template",
            "powershell_script",
            "shell_script",
            "remediation_script",
            "app_protection_ios",
            "app_protection_android",
            "app_protection_windows",
            "app_configuration_device",
            "enrollment_configuration",
            "autopilot_profile",
            "update_ring",
            "feature_update_profile",
            "quality_update_profile",
            "assignment_filter",
            "scope_tag",
            "intune_role_definition",
            "conditional_access_policy",
            "group",
            "directory_role_definition",
            "directory_role_assignment",
        ] {
            assert!(ObjectType::find(key).is_some(), "{key} missing");
        }
    }

    #[test]
    fn settings_catalog_is_named_by_name_and_pages_its_settings() {
        let t = ObjectType::find("settings_catalog").unwrap();
        assert_eq!(t.display_name_field, "name");
        assert_eq!(t.detail_collection, Some("settings"));
        assert_eq!(
            t.collection_url(),
            "beta/deviceManagement/configurationPolicies"
        );
    }

    #[test]
    fn shared_collections_are_split_by_filter_without_overlap() {
        let shared: Vec<_> = CATALOG
            .iter()
            .filter(|t| t.path == "deviceManagement/deviceConfigurations")
            .collect();
        assert_eq!(shared.len(), 2);
        assert!(shared.iter().all(|t| t.filter.is_some()));
        assert_ne!(shared[0].filter, shared[1].filter);
    }

    #[test]
    fn secret_fields_are_never_also_volatile() {
        for t in CATALOG {
            for secret in t.secret_fields {
                assert!(!t.volatile_fields.contains(secret), "{}: {secret}", t.key);
            }
        }
    }

    #[test]
    fn secrets_are_replaced_wherever_the_path_leads() {
        let t = ObjectType::find("device_configuration").unwrap();
        let mut content = json!({
            "displayName": "OMA",
            "omaSettings": [
                {"omaUri": "./a", "value": "s3cr3t", "isEncrypted": true},
                {"omaUri": "./b", "value": null, "secretReferenceValueId": "ref-1"}
            ]
        });
        assert_eq!(t.strip_secrets(&mut content), 2);
        let text = content.to_string();
        assert!(
            !text.contains("s3cr3t") && !text.contains("ref-1"),
            "{text}"
        );
        assert_eq!(content["omaSettings"][0]["omaUri"], "./a");
        assert_eq!(
            t.strip_secrets(&mut content),
            0,
            "stripping twice changes nothing"
        );
    }

    #[test]
    fn platforms_are_read_in_the_products_words() {
        let sc = ObjectType::find("settings_catalog").unwrap();
        assert_eq!(
            sc.platform_of(&json!({"platforms": "windows10"}))
                .as_deref(),
            Some("windows")
        );
        assert_eq!(
            sc.platform_of(&json!({"platforms": "macOS"})).as_deref(),
            Some("macos")
        );
        let dc = ObjectType::find("device_configuration").unwrap();
        assert_eq!(
            dc.platform_of(
                &json!({"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration"})
            )
            .as_deref(),
            Some("ios")
        );
        assert_eq!(dc.platform_of(&json!({})), None);
        let filter = ObjectType::find("assignment_filter").unwrap();
        assert_eq!(
            filter
                .platform_of(&json!({"platform": "androidForWork"}))
                .as_deref(),
            Some("android")
        );
        assert_eq!(
            sc.display_name_of(&json!({"name": "Baseline"})).as_deref(),
            Some("Baseline")
        );
    }
}
