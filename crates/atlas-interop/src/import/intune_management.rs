//! IntuneManagement's export layout (3.x): one folder per object type named by its internal id
//! (`DeviceConfiguration`, `SettingsCatalog`, …), optionally below a folder named after the
//! organisation; raw Graph objects (ids kept, `%OrganizationId%` in place of the tenant id);
//! settings of intents and administrative templates in `<name>_Settings.json` beside them; and
//! `MigrationTable.json` naming the source tenant's groups. See `docs/interop-formats.md` §2.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{Lookups, Notes};

/// IntuneManagement's type folders and the catalog type each holds.
const FOLDERS: &[(&str, &str)] = &[
    ("DeviceConfiguration", "device_configuration"),
    ("UpdatePolicies", "update_ring"),
    ("SettingsCatalog", "settings_catalog"),
    ("EndpointSecurity", "endpoint_security_intent"),
    ("CompliancePolicies", "compliance_policy"),
    ("CompliancePoliciesV2", "settings_compliance_policy"),
    ("ComplianceScripts", "compliance_script"),
    ("AdministrativeTemplates", "administrative_template"),
    ("PowerShellScripts", "powershell_script"),
    ("MacScripts", "shell_script"),
    ("MacCustomAttributes", "custom_attribute_script"),
    ("DeviceHealthScripts", "remediation_script"),
    ("Applications", "mobile_app"),
    ("AppProtection", "app_protection_ios"),
    ("AppConfigurationManagedApp", "app_configuration_app"),
    ("AppConfigurationManagedDevice", "app_configuration_device"),
    ("AndroidOEMConfig", "app_configuration_device"),
    ("EnrollmentStatusPage", "enrollment_configuration"),
    ("EnrollmentRestrictions", "enrollment_configuration"),
    ("CoManagementSettings", "enrollment_configuration"),
    ("AutoPilot", "autopilot_profile"),
    ("FeatureUpdates", "feature_update_profile"),
    ("QualityUpdates", "quality_update_profile"),
    ("DriverUpdateProfiles", "driver_update_profile"),
    ("AssignmentFilters", "assignment_filter"),
    ("ScopeTags", "scope_tag"),
    ("RoleDefinitions", "intune_role_definition"),
    ("Notifications", "notification_template"),
    ("ReusableSettings", "reusable_policy_setting"),
    ("TermsAndConditions", "terms_and_conditions"),
    ("DeviceCategories", "device_category"),
    ("ConditionalAccess", "conditional_access_policy"),
];

/// Folders it writes whose objects TenantAtlas does not keep, with the reason.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "Groups",
        "group definitions IntuneManagement saves to recreate groups; not policies",
    ),
    (
        "NamedLocations",
        "named locations are not a type TenantAtlas imports",
    ),
    (
        "TermsOfUse",
        "terms of use are not a type TenantAtlas imports",
    ),
    (
        "AuthenticationStrengths",
        "authentication strengths are not a type TenantAtlas imports",
    ),
    (
        "AuthenticationContext",
        "authentication contexts are not a type TenantAtlas imports",
    ),
    (
        "IntuneBranding",
        "branding is not a type TenantAtlas imports",
    ),
    (
        "AzureBranding",
        "branding is not a type TenantAtlas imports",
    ),
    (
        "ADMXFiles",
        "uploaded ADMX files are not a type TenantAtlas imports",
    ),
    (
        "PolicySets",
        "policy sets are not a type TenantAtlas imports",
    ),
    (
        "InventoryPolicies",
        "inventory policies are not a type TenantAtlas imports",
    ),
    (
        "HardwareConfigurations",
        "hardware configurations are not a type TenantAtlas imports",
    ),
    ("Locations", "locations are not a type TenantAtlas imports"),
    (
        "W365ProvisioningPolicies",
        "Windows 365 policies are not a type TenantAtlas imports",
    ),
    (
        "W365UserSettings",
        "Windows 365 settings are not a type TenantAtlas imports",
    ),
    (
        "AppleEnrollmentTypes",
        "Apple enrollment types are not a type TenantAtlas imports",
    ),
    (
        "iOSDepProfile",
        "Apple enrollment profiles are kept inside their DEP onboarding setting",
    ),
];

pub const MIGRATION_TABLE: &str = "MigrationTable.json";

/// Whether the folder looks like an IntuneManagement export: a type folder or its migration
/// table at the top, or one level down (below the organisation's folder).
pub fn recognises(folders: &[&str], has_migration_table: bool) -> bool {
    has_migration_table
        || folders.iter().any(|name| {
            FOLDERS
                .iter()
                .chain(UNSUPPORTED)
                .any(|(folder, _)| folder == name)
        })
}

/// The type folder's catalog type (the file's parent folder), or why it is not imported.
pub fn folder_hint(relative: &str) -> Result<Option<&'static str>, &'static str> {
    let mut dirs = relative.rsplit('/').skip(1);
    let Some(parent) = dirs.next() else {
        return Ok(None);
    };
    if let Some((_, reason)) = UNSUPPORTED.iter().find(|(f, _)| *f == parent) {
        return Err(reason);
    }
    Ok(FOLDERS.iter().find(|(f, _)| *f == parent).map(|(_, k)| *k))
}

/// Files beside the objects that hold none: settings merged into their object, script bodies
/// (the JSON keeps them base64), the migration table and IntuneManagement's own job files.
pub fn is_side_file(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let lower = name.to_ascii_lowercase();
    lower.ends_with("_settings.json")
        || lower.ends_with("_assignments.json")
        || name == MIGRATION_TABLE
        || name == "BulkExport.json"
        || name == "BulkImport.json"
}

/// The `<name>_Settings.json` beside an object file, and the field its content goes to.
pub fn settings_file(relative: &str, type_key: &str) -> Option<(String, &'static str)> {
    let field = match type_key {
        "endpoint_security_intent" => "settings",
        "administrative_template" => "definitionValues",
        _ => return None,
    };
    let stem = relative.strip_suffix(".json")?;
    Some((format!("{stem}_Settings.json"), field))
}

/// The settings a `_Settings.json` holds: a list, `{ "settings": [...] }`, or either written as
/// a JSON string (IntuneManagement builds that file as text).
pub fn settings_of(value: Value) -> Value {
    match value {
        Value::String(text) => serde_json::from_str(&text)
            .map(settings_of)
            .unwrap_or(Value::Null),
        Value::Object(mut map) if map.contains_key("settings") => map.remove("settings").unwrap(),
        other => other,
    }
}

/// The source tenant's group ids mapped to this tenant's ids through their names, when the
/// table comes from another tenant (from the same tenant the ids already fit).
pub fn group_mapping(
    table: &Value,
    lookups: &Lookups,
    notes: &mut Notes,
) -> HashMap<String, String> {
    let mut mapping = HashMap::new();
    let source = table.get("TenantId").and_then(Value::as_str).unwrap_or("");
    if source.eq_ignore_ascii_case(&lookups.directory_tenant_id) {
        return mapping;
    }
    let objects = table.get("Objects").and_then(Value::as_array);
    for object in objects.into_iter().flatten() {
        let kind = object.get("Type").and_then(Value::as_str).unwrap_or("");
        let (Some(id), Some(name)) = (
            object.get("Id").and_then(Value::as_str),
            object.get("DisplayName").and_then(Value::as_str),
        ) else {
            continue;
        };
        if !kind.to_ascii_lowercase().contains("group") || lookups.is_group_id(id) {
            continue;
        }
        match lookups.group_id(name) {
            Some(target) => {
                mapping.insert(id.to_owned(), target.to_owned());
            }
            None => notes.unresolved(format!("group '{name}'")),
        }
    }
    mapping
}

/// The file's text with the tenant placeholder and the source tenant's group ids replaced, as
/// IntuneManagement itself does on import.
pub fn localise(text: &str, lookups: &Lookups, groups: &HashMap<String, String>) -> String {
    let mut text = text.replace("%OrganizationId%", &lookups.directory_tenant_id);
    for (source, target) in groups {
        if text.contains(source.as_str()) {
            text = text.replace(source.as_str(), target);
        }
    }
    text
}

/// Drops what IntuneManagement adds to Graph's object (`#CustomRef…` name references).
pub fn restore(map: &mut Map<String, Value>) {
    map.retain(|key, _| !key.starts_with("#CustomRef"));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn layout_side_files_and_settings() {
        assert_eq!(
            folder_hint("Contoso/SettingsCatalog/a.json"),
            Ok(Some("settings_catalog"))
        );
        assert_eq!(
            folder_hint("DeviceConfiguration/a.json"),
            Ok(Some("device_configuration"))
        );
        assert!(folder_hint("Groups/Pilot.json").is_err());
        assert_eq!(folder_hint("a.json"), Ok(None));
        assert!(is_side_file("EndpointSecurity/Defender_Settings.json"));
        assert!(is_side_file("MigrationTable.json"));
        assert!(!is_side_file("EndpointSecurity/Defender.json"));
        assert_eq!(
            settings_file("EndpointSecurity/Defender.json", "endpoint_security_intent"),
            Some(("EndpointSecurity/Defender_Settings.json".into(), "settings"))
        );
        let list = json!([{"definitionId": "a"}]);
        assert_eq!(settings_of(json!({"settings": list.clone()})), list);
        assert_eq!(settings_of(Value::String(list.to_string())), list);
        assert!(recognises(&["SettingsCatalog"], false));
        assert!(!recognises(&["Settings Catalog"], false));
    }

    #[test]
    fn another_tenants_groups_are_mapped_by_name() {
        let mut lookups = Lookups::new("target-tenant");
        lookups.add_group("SG Pilot", "22222222-2222-2222-2222-222222222222");
        let table = json!({"TenantId": "source-tenant", "Organization": "Fabrikam", "Objects": [
            {"Id": "11111111-1111-1111-1111-111111111111", "DisplayName": "SG Pilot", "Type": "Group"},
            {"Id": "33333333-3333-3333-3333-333333333333", "DisplayName": "Gone", "Type": "Group"},
            {"Id": "44444444-4444-4444-4444-444444444444", "DisplayName": "Ann", "Type": "User"}
        ]});
        let mut notes = Notes::default();
        let mapping = group_mapping(&table, &lookups, &mut notes);
        assert_eq!(mapping.len(), 1);
        assert_eq!(notes.unresolved, ["group 'Gone'"]);
        let text = localise(
            r#"{"tenant":"%OrganizationId%","groupId":"11111111-1111-1111-1111-111111111111"}"#,
            &lookups,
            &mapping,
        );
        assert_eq!(
            text,
            r#"{"tenant":"target-tenant","groupId":"22222222-2222-2222-2222-222222222222"}"#
        );
        let same = json!({"TenantId": "TARGET-TENANT", "Objects": table["Objects"].clone()});
        assert!(group_mapping(&same, &lookups, &mut notes).is_empty());
    }
}
