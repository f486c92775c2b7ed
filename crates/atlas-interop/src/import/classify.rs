//! Which catalog type an object file holds: by its `@odata.type` first, then by the fields only
//! that type has, and only then by the folder the tool wrote it to — so a file moved to the
//! wrong folder (or flattened into IntuneCD's `__archive__`) still imports as what it is.

use atlas_graph::ObjectType;
use serde_json::Value;

/// The type, or why it cannot be told.
pub fn classify(content: &Value, folder_hint: Option<&str>) -> Result<&'static ObjectType, String> {
    let key = match content.get("@odata.type").and_then(Value::as_str) {
        Some(odata) => by_odata_type(odata).ok_or_else(|| {
            format!("claims @odata.type '{odata}', which is no object type TenantAtlas knows")
        })?,
        None => match by_shape(content).or(folder_hint) {
            Some(key) => key,
            None => {
                return Err(
                    "has no @odata.type, and neither its fields nor its folder tell \
                            which kind of object it is"
                        .to_owned(),
                )
            }
        },
    };
    Ok(ObjectType::find(key).expect("classification names catalog keys"))
}

/// Graph entity names (without `#microsoft.graph.`) of collections holding one type only.
const EXACT: &[(&str, &str)] = &[
    ("deviceManagementConfigurationPolicy", "settings_catalog"),
    (
        "deviceManagementCompliancePolicy",
        "settings_compliance_policy",
    ),
    ("groupPolicyConfiguration", "administrative_template"),
    ("deviceManagementScript", "powershell_script"),
    ("deviceShellScript", "shell_script"),
    ("deviceHealthScript", "remediation_script"),
    (
        "deviceCustomAttributeShellScript",
        "custom_attribute_script",
    ),
    ("deviceComplianceScript", "compliance_script"),
    ("deviceManagementIntent", "endpoint_security_intent"),
    (
        "deviceAndAppManagementAssignmentFilter",
        "assignment_filter",
    ),
    ("roleScopeTag", "scope_tag"),
    (
        "deviceAndAppManagementRoleDefinition",
        "intune_role_definition",
    ),
    ("roleDefinition", "intune_role_definition"),
    ("conditionalAccessPolicy", "conditional_access_policy"),
    ("windowsFeatureUpdateProfile", "feature_update_profile"),
    ("windowsQualityUpdateProfile", "quality_update_profile"),
    ("windowsDriverUpdateProfile", "driver_update_profile"),
    ("deviceCategory", "device_category"),
    ("notificationMessageTemplate", "notification_template"),
    (
        "deviceManagementReusablePolicySetting",
        "reusable_policy_setting",
    ),
    ("termsAndConditions", "terms_and_conditions"),
    ("vppToken", "vpp_token"),
    ("applePushNotificationCertificate", "apple_push_certificate"),
    (
        "androidManagedStoreAccountEnterpriseSettings",
        "managed_google_play",
    ),
    ("deviceManagementSettings", "intune_settings"),
    ("complianceManagementPartner", "compliance_partner"),
    ("deviceManagementPartner", "management_partner"),
    ("remoteAssistancePartner", "remote_assistance_partner"),
    ("depOnboardingSetting", "dep_onboarding_setting"),
    ("windowsUpdateForBusinessConfiguration", "update_ring"),
    ("targetedManagedAppConfiguration", "app_configuration_app"),
    ("iosManagedAppProtection", "app_protection_ios"),
    ("androidManagedAppProtection", "app_protection_android"),
    (
        "mdmWindowsInformationProtectionPolicy",
        "app_protection_windows",
    ),
    (
        "windowsInformationProtectionPolicy",
        "app_protection_windows",
    ),
    ("windowsManagedAppProtection", "app_protection_windows"),
    ("mobileAppConfiguration", "app_configuration_device"),
];

/// The catalog key for an `@odata.type`: one of [`EXACT`], or a member of a polymorphic family
/// by the shape of its name.
pub fn by_odata_type(odata: &str) -> Option<&'static str> {
    let name = odata.trim_start_matches('#');
    let name = name.strip_prefix("microsoft.graph.")?;
    if let Some((_, key)) = EXACT.iter().find(|(entity, _)| *entity == name) {
        return Some(key);
    }
    let family = if name.ends_with("CompliancePolicy") {
        "compliance_policy"
    } else if name.ends_with("WindowsAutopilotDeploymentProfile") {
        "autopilot_profile"
    } else if name.ends_with("MobileAppConfiguration") || name.ends_with("StoreAppConfiguration") {
        "app_configuration_device"
    } else if name.contains("Enrollment") && name.ends_with("Configuration") {
        "enrollment_configuration"
    } else if name.ends_with("Configuration")
        || name.ends_with("CertificateProfile")
        || name.ends_with("CertificateProfileBase")
        || name.ends_with("TrustedRootCertificate")
    {
        "device_configuration"
    } else if name.ends_with("App") || name.ends_with("MSI") || name.ends_with("Bundle") {
        "mobile_app"
    } else {
        return None;
    };
    Some(family)
}

/// Types whose objects carry no `@odata.type` in a listing, told apart by fields no other
/// type has.
fn by_shape(content: &Value) -> Option<&'static str> {
    let has = |field: &str| content.get(field).is_some();
    let key = if has("technologies") && has("settings") && has("scheduledActionsForRule") {
        "settings_compliance_policy"
    } else if has("technologies") && (has("settings") || has("templateReference")) {
        "settings_catalog"
    } else if has("templateId") && (has("settingsDelta") || has("settings")) {
        "endpoint_security_intent"
    } else if has("remediationScriptContent") {
        "remediation_script"
    } else if has("customAttributeType") {
        "custom_attribute_script"
    } else if has("detectionScriptContent") {
        "compliance_script"
    } else if has("scriptContent") && (has("runAsAccount") && has("enforceSignatureCheck")) {
        "powershell_script"
    } else if has("scriptContent") && has("retryCount") {
        "shell_script"
    } else if has("rule") && has("platform") && has("assignmentFilterManagementType") {
        "assignment_filter"
    } else if has("conditions") && has("grantControls") {
        "conditional_access_policy"
    } else if has("definitionValues") || has("policyConfigurationIngestionType") {
        "administrative_template"
    } else if has("localizedNotificationMessages") || has("brandingOptions") {
        "notification_template"
    } else if has("settingInstance") && has("settingDefinitionId") {
        "reusable_policy_setting"
    } else if has("deploymentSettings") && has("rolloutSettings") {
        "feature_update_profile"
    } else if has("expeditedUpdateSettings") {
        "quality_update_profile"
    } else if has("approvalType") && has("driverInventories") {
        "driver_update_profile"
    } else if has("isBuiltIn") && has("rolePermissions") {
        "intune_role_definition"
    } else if has("vppTokenAccountType") {
        "vpp_token"
    } else if has("bindStatus") && has("ownerUserPrincipalName") {
        "managed_google_play"
    } else if has("appleIdentifier") && has("certificateSerialNumber") {
        "apple_push_certificate"
    } else if has("tokenType") && has("appleIdentifier") {
        "dep_onboarding_setting"
    } else if has("acceptanceStatement") && has("bodyText") {
        "terms_and_conditions"
    } else if has("deviceComplianceCheckinThresholdDays") {
        "intune_settings"
    } else if has("partnerState") && has("onboardingUrl") {
        "remote_assistance_partner"
    } else if has("partnerAppType") || has("isConfigured") && has("partnerState") {
        "management_partner"
    } else if has("macOsOnboarded") || has("iosOnboarded") || has("androidOnboarded") {
        "compliance_partner"
    } else {
        return None;
    };
    Some(key)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn key(content: Value, folder: Option<&str>) -> Result<&'static str, String> {
        classify(&content, folder).map(|t| t.key)
    }

    #[test]
    fn the_odata_type_decides_before_the_folder() {
        let wufb = json!({"@odata.type": "#microsoft.graph.windowsUpdateForBusinessConfiguration"});
        assert_eq!(key(wufb, Some("device_configuration")), Ok("update_ring"));
        for (odata, expected) in [
            ("windows10GeneralConfiguration", "device_configuration"),
            ("iosPkcsCertificateProfile", "device_configuration"),
            (
                "windows10EnrollmentCompletionPageConfiguration",
                "enrollment_configuration",
            ),
            (
                "deviceEnrollmentLimitConfiguration",
                "enrollment_configuration",
            ),
            (
                "androidManagedStoreAppConfiguration",
                "app_configuration_device",
            ),
            ("iosMobileAppConfiguration", "app_configuration_device"),
            ("targetedManagedAppConfiguration", "app_configuration_app"),
            ("macOSCompliancePolicy", "compliance_policy"),
            (
                "azureADWindowsAutopilotDeploymentProfile",
                "autopilot_profile",
            ),
            ("win32LobApp", "mobile_app"),
            ("windowsMobileMSI", "mobile_app"),
            ("iosManagedAppProtection", "app_protection_ios"),
        ] {
            let content = json!({ "@odata.type": format!("#microsoft.graph.{odata}") });
            assert_eq!(key(content, None), Ok(expected), "{odata}");
        }
    }

    #[test]
    fn untyped_objects_are_told_by_their_fields_then_their_folder() {
        let catalog = json!({"name": "x", "technologies": "mdm", "settings": []});
        assert_eq!(key(catalog, Some("shell_script")), Ok("settings_catalog"));
        let intent = json!({"templateId": "t", "settingsDelta": []});
        assert_eq!(key(intent, None), Ok("endpoint_security_intent"));
        let remediation = json!({"detectionScriptContent": "", "remediationScriptContent": ""});
        assert_eq!(key(remediation, None), Ok("remediation_script"));
        assert_eq!(
            key(json!({"displayName": "x"}), Some("device_category")),
            Ok("device_category")
        );
        assert!(key(json!({"displayName": "x"}), None)
            .unwrap_err()
            .contains("neither its fields nor its folder"));
        let unknown = json!({"@odata.type": "#microsoft.graph.quantumTeleporterPolicy"});
        assert_eq!(
            key(unknown, Some("device_configuration")).unwrap_err(),
            "claims @odata.type '#microsoft.graph.quantumTeleporterPolicy', which is no object \
             type TenantAtlas knows"
        );
    }
}
