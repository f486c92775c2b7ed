//! What the service manages on each catalog type's objects: the Graph entity types a collection
//! holds (to validate `@odata.type` on create), which fields carry creation and modification
//! times, and what kind of `version` the type keeps. Generation and writes share it, so a created
//! object looks like a generated one.

use serde_json::Value;

/// The entity types of one catalog type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntityTypes {
    /// The collection's declared type (`deviceConfiguration`).
    pub base: &'static str,
    /// The concrete types objects carry in `@odata.type`; empty when objects carry none.
    pub concrete: &'static [&'static str],
}

/// How a type's `version` field looks and moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VersionKind {
    /// A number incremented on every change.
    Integer,
    /// A number in a string (`"1"`).
    Text,
    /// An entity tag: a quoted hex string that changes on every change.
    ETag,
}

pub(crate) fn entity_types(key: &str) -> EntityTypes {
    let (base, concrete): (&'static str, &'static [&'static str]) = match key {
        "settings_catalog" => ("deviceManagementConfigurationPolicy", &[]),
        "device_configuration" => (
            "deviceConfiguration",
            &[
                "windows10GeneralConfiguration",
                "windows10EndpointProtectionConfiguration",
                "windows10CustomConfiguration",
                "iosGeneralDeviceConfiguration",
                "androidWorkProfileGeneralDeviceConfiguration",
                "macOSGeneralDeviceConfiguration",
            ],
        ),
        "update_ring" => (
            "deviceConfiguration",
            &["windowsUpdateForBusinessConfiguration"],
        ),
        "compliance_policy" => (
            "deviceCompliancePolicy",
            &[
                "windows10CompliancePolicy",
                "iosCompliancePolicy",
                "androidWorkProfileCompliancePolicy",
                "macOSCompliancePolicy",
            ],
        ),
        "administrative_template" => ("groupPolicyConfiguration", &[]),
        "powershell_script" => ("deviceManagementScript", &[]),
        "shell_script" => ("deviceShellScript", &[]),
        "remediation_script" => ("deviceHealthScript", &[]),
        "app_protection_ios" => ("iosManagedAppProtection", &["iosManagedAppProtection"]),
        "app_protection_android" => (
            "androidManagedAppProtection",
            &["androidManagedAppProtection"],
        ),
        "app_protection_windows" => (
            "mdmWindowsInformationProtectionPolicy",
            &["mdmWindowsInformationProtectionPolicy"],
        ),
        "app_configuration_device" => (
            "managedDeviceMobileAppConfiguration",
            &[
                "iosMobileAppConfiguration",
                "androidManagedStoreAppConfiguration",
            ],
        ),
        "app_configuration_app" => (
            "targetedManagedAppConfiguration",
            &["targetedManagedAppConfiguration"],
        ),
        "enrollment_configuration" => (
            "deviceEnrollmentConfiguration",
            &[
                "windows10EnrollmentCompletionPageConfiguration",
                "deviceEnrollmentLimitConfiguration",
                "deviceEnrollmentPlatformRestrictionConfiguration",
            ],
        ),
        "autopilot_profile" => (
            "windowsAutopilotDeploymentProfile",
            &[
                "activeDirectoryWindowsAutopilotDeploymentProfile",
                "azureADWindowsAutopilotDeploymentProfile",
            ],
        ),
        "feature_update_profile" => ("windowsFeatureUpdateProfile", &[]),
        "quality_update_profile" => ("windowsQualityUpdateProfile", &[]),
        "assignment_filter" => ("deviceAndAppManagementAssignmentFilter", &[]),
        "scope_tag" => ("roleScopeTag", &[]),
        "intune_role_definition" => ("roleDefinition", &["deviceAndAppManagementRoleDefinition"]),
        "conditional_access_policy" => ("conditionalAccessPolicy", &[]),
        "group" => ("group", &[]),
        "directory_role_definition" => ("unifiedRoleDefinition", &[]),
        "directory_role_assignment" => ("unifiedRoleAssignment", &[]),
        "settings_compliance_policy" => ("deviceManagementCompliancePolicy", &[]),
        "compliance_script" => ("deviceComplianceScript", &[]),
        "notification_template" => ("notificationMessageTemplate", &[]),
        "endpoint_security_intent" => ("deviceManagementIntent", &[]),
        "custom_attribute_script" => ("deviceCustomAttributeShellScript", &[]),
        "mobile_app" => (
            "mobileApp",
            &[
                "win32LobApp",
                "iosStoreApp",
                "androidManagedStoreApp",
                "managedAndroidStoreApp",
                "officeSuiteApp",
                "webApp",
            ],
        ),
        "device_category" => ("deviceCategory", &[]),
        "driver_update_profile" => ("windowsDriverUpdateProfile", &[]),
        "reusable_policy_setting" => ("deviceManagementReusablePolicySetting", &[]),
        "compliance_partner" => ("complianceManagementPartner", &[]),
        "management_partner" => ("deviceManagementPartner", &[]),
        "remote_assistance_partner" => ("remoteAssistancePartner", &[]),
        "vpp_token" => ("vppToken", &[]),
        "dep_onboarding_setting" => ("depOnboardingSetting", &[]),
        "terms_and_conditions" => ("termsAndConditions", &[]),
        "apple_push_certificate" => ("applePushNotificationCertificate", &[]),
        "managed_google_play" => ("androidManagedStoreAccountEnterpriseSettings", &[]),
        "intune_settings" => ("deviceManagementSettings", &[]),
        other => unreachable!("no entity types for catalog type {other}"),
    };
    EntityTypes { base, concrete }
}

/// `(created, modified)` field names the service maintains for the type.
pub(crate) fn time_fields(key: &str) -> (Option<&'static str>, Option<&'static str>) {
    match key {
        "scope_tag"
        | "intune_role_definition"
        | "directory_role_definition"
        | "directory_role_assignment"
        | "device_category"
        | "compliance_partner"
        | "management_partner"
        | "remote_assistance_partner"
        | "dep_onboarding_setting"
        | "intune_settings" => (None, None),
        "apple_push_certificate" | "managed_google_play" => (None, Some("lastModifiedDateTime")),
        "vpp_token" | "notification_template" | "endpoint_security_intent" => {
            (None, Some("lastModifiedDateTime"))
        }
        "conditional_access_policy" => (Some("createdDateTime"), Some("modifiedDateTime")),
        "group" => (Some("createdDateTime"), None),
        _ => (Some("createdDateTime"), Some("lastModifiedDateTime")),
    }
}

pub(crate) fn version_kind(key: &str) -> Option<VersionKind> {
    match key {
        "device_configuration"
        | "update_ring"
        | "compliance_policy"
        | "app_configuration_device"
        | "enrollment_configuration" => Some(VersionKind::Integer),
        "remediation_script" | "directory_role_definition" | "compliance_script" => {
            Some(VersionKind::Text)
        }
        "reusable_policy_setting" | "terms_and_conditions" => Some(VersionKind::Integer),
        "app_protection_ios"
        | "app_protection_android"
        | "app_protection_windows"
        | "app_configuration_app" => Some(VersionKind::ETag),
        _ => None,
    }
}

impl VersionKind {
    pub fn initial(self) -> Value {
        match self {
            VersionKind::Integer => Value::from(1),
            VersionKind::Text => Value::from("1"),
            VersionKind::ETag => Value::from("\"0001\""),
        }
    }

    /// The version after one more change of an object whose version is `current`.
    pub fn next(self, current: Option<&Value>) -> Value {
        match (self, current) {
            (VersionKind::Integer, Some(Value::Number(n))) => {
                Value::from(n.as_u64().unwrap_or(0) + 1)
            }
            (VersionKind::Text, Some(Value::String(s))) => {
                Value::from((s.parse::<u64>().unwrap_or(0) + 1).to_string())
            }
            (VersionKind::ETag, Some(Value::String(s))) => {
                let hex = u64::from_str_radix(s.trim_matches('"'), 16).unwrap_or(0);
                Value::from(format!("\"{:04x}\"", hex.wrapping_add(1) & 0xffff))
            }
            (kind, _) => kind.initial(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use crate::model::catalog_type;

    #[test]
    fn generated_objects_carry_the_declared_types_times_and_versions() {
        for (_, data) in generate(11, 2, 300) {
            for (path, objects) in &data.collections {
                for object in objects {
                    let ty = catalog_type(path, object.odata_type()).expect("a catalog type");
                    let types = entity_types(ty.key);
                    match object.odata_type() {
                        Some(t) => assert!(
                            types
                                .concrete
                                .contains(&t.trim_start_matches("#microsoft.graph.")),
                            "{t} not declared for {}",
                            ty.key
                        ),
                        None => assert!(types.concrete.is_empty(), "{}", ty.key),
                    }
                    let (created, modified) = time_fields(ty.key);
                    for field in [created, modified].into_iter().flatten() {
                        assert!(object.body.contains_key(field), "{}: {field}", ty.key);
                    }
                    assert_eq!(
                        version_kind(ty.key).is_some(),
                        object.body.contains_key("version"),
                        "{}",
                        ty.key
                    );
                }
            }
        }
    }

    #[test]
    fn versions_move_forward_in_their_own_shape() {
        assert_eq!(
            VersionKind::Integer.next(Some(&Value::from(4))),
            Value::from(5)
        );
        assert_eq!(
            VersionKind::Text.next(Some(&Value::from("1"))),
            Value::from("2")
        );
        assert_eq!(
            VersionKind::ETag.next(Some(&Value::from("\"00af\""))),
            Value::from("\"00b0\"")
        );
        assert_eq!(VersionKind::ETag.next(None), Value::from("\"0001\""));
    }
}
