//! IntuneCD's backup layout (2.x), and its object files turned back into Graph's shape: group,
//! filter, scope tag and app names back into ids, decrypted OMA-URI values back into secrets
//! (then masked), intents' `settingsDelta` back into `settings`, decoded payloads re-encoded.
//! See `docs/interop-formats.md` §1 for the format as read from the tool's source.

use base64::{engine::general_purpose::STANDARD, Engine};
use serde_json::{Map, Value};

use super::{lookups::is_guid, Lookups, Notes};
use atlas_graph::ObjectType;

/// IntuneCD's folders (relative to the backup root) and the catalog type each holds; the
/// longest matching prefix wins. Folders it writes that are no TenantAtlas type are listed in
/// [`UNSUPPORTED`].
const FOLDERS: &[(&str, &str)] = &[
    ("Settings Catalog", "settings_catalog"),
    ("Device Configurations", "device_configuration"),
    ("Compliance Policies/Policies", "compliance_policy"),
    ("Compliance Policies/Scripts", "compliance_script"),
    (
        "Compliance Policies/Message Templates",
        "notification_template",
    ),
    ("Scripts/Powershell", "powershell_script"),
    ("Scripts/Shell", "shell_script"),
    ("Custom Attributes", "custom_attribute_script"),
    ("Proactive Remediations", "remediation_script"),
    ("App Configuration", "app_configuration_device"),
    ("App Protection", "app_protection_ios"),
    ("Applications", "mobile_app"),
    ("Filters", "assignment_filter"),
    ("Group Policy Configurations", "administrative_template"),
    ("Management Intents", "endpoint_security_intent"),
    ("Conditional Access", "conditional_access_policy"),
    ("Enrollment Configurations", "enrollment_configuration"),
    (
        "Enrollment Profiles/Windows/ESP",
        "enrollment_configuration",
    ),
    ("Enrollment Profiles/Windows", "autopilot_profile"),
    ("Device Categories", "device_category"),
    ("Device Management Settings", "intune_settings"),
    ("Feature Updates", "feature_update_profile"),
    ("Quality Updates", "quality_update_profile"),
    ("Driver Updates", "driver_update_profile"),
    ("Roles", "intune_role_definition"),
    ("Scope Tags", "scope_tag"),
    ("Apple Push Notification", "apple_push_certificate"),
    ("Apple VPP Tokens", "vpp_token"),
    ("Managed Google Play", "managed_google_play"),
    ("Partner Connections/Compliance", "compliance_partner"),
    ("Partner Connections/Management", "management_partner"),
    (
        "Partner Connections/Remote Assistance",
        "remote_assistance_partner",
    ),
];

/// Folders IntuneCD writes whose objects TenantAtlas does not keep, with the reason.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "Enrollment Profiles/Apple",
        "Apple enrollment profiles are kept inside their DEP onboarding setting in TenantAtlas; \
         IntuneCD writes them alone, without the setting",
    ),
    (
        "Entra",
        "Entra ID settings are not a type TenantAtlas imports",
    ),
    ("Autopilot Devices", "devices are not configuration"),
    (
        "Activation Lock Bypass Codes",
        "device codes are not configuration",
    ),
];

/// Files and folders that are part of the backup but hold no object.
pub fn is_side_file(relative: &str) -> bool {
    relative.contains("/Script Data/")
        || relative.starts_with("Assignment Report/")
        || relative.contains("/mobileconfig/")
        || relative == "backup_summary.json"
}

/// Whether the folder looks like an IntuneCD backup: one of its type folders at the top.
pub fn recognises(top_folders: &[&str]) -> bool {
    top_folders.iter().any(|top| {
        FOLDERS
            .iter()
            .chain(UNSUPPORTED)
            .any(|(folder, _)| folder.split('/').next() == Some(*top))
    })
}

/// The catalog type the file's folder holds, or why the folder's objects are not imported.
pub fn folder_hint(relative: &str) -> Result<Option<&'static str>, &'static str> {
    let dir = relative.rsplit_once('/').map_or("", |(dir, _)| dir);
    let within = |folder: &str| dir == folder || dir.starts_with(&format!("{folder}/"));
    if let Some((_, reason)) = UNSUPPORTED.iter().find(|(f, _)| within(f)) {
        return Err(reason);
    }
    Ok(FOLDERS
        .iter()
        .filter(|(f, _)| within(f))
        .max_by_key(|(f, _)| f.len())
        .map(|(_, key)| *key))
}

/// How many objects IntuneCD says it saved in the backup (`backup_summary.json`'s
/// `config_count`, written with `--intunecdmonitor`; archived files are not counted).
pub fn declared_objects(root: &std::path::Path) -> Option<i64> {
    let bytes = std::fs::read(root.join("backup_summary.json")).ok()?;
    let summary: Value = serde_json::from_slice(&bytes).ok()?;
    summary.get("config_count")?.as_i64()
}

/// The object id IntuneCD's `--append-id` put at the end of the file name (`…__<id>.json`).
pub fn id_from_file_name(relative: &str) -> Option<String> {
    let stem = relative.rsplit('/').next()?.rsplit_once('.')?.0;
    let (_, id) = stem.rsplit_once("__")?;
    (!id.is_empty() && !id.contains(' ')).then(|| id.to_owned())
}

/// When the object was moved to `__archive__/<YYYY-MM-DD_HH-MM-SS>/` (no longer in the tenant).
pub fn archived_at(relative: &str) -> Option<&str> {
    let rest = relative.strip_prefix("__archive__/")?;
    rest.split_once('/').map(|(stamp, _)| stamp)
}

/// What IntuneCD's format does not carry, by type: shown with the import, since the stored
/// version cannot hold it either.
pub fn not_carried(kind: &ObjectType) -> &'static [&'static str] {
    match kind.key {
        "mobile_app" => &["description"],
        "app_protection_ios" | "app_protection_android" | "app_configuration_app" => {
            &["apps (the targeted apps)"]
        }
        "app_protection_windows" => &["protectedApps", "exemptApps"],
        "app_configuration_device" => &["targetedMobileApps beyond the first"],
        "intune_role_definition" => &["roleAssignments' resourceScopes", "permissions"],
        "apple_push_certificate" => &["certificate", "topicIdentifier"],
        "managed_google_play" => &["companyCodes"],
        "vpp_token" => &["token"],
        _ => &[],
    }
}

/// Turns an IntuneCD object back into Graph's shape (see the module).
pub fn restore(content: &mut Value, kind: &ObjectType, lookups: &Lookups, notes: &mut Notes) {
    let Value::Object(map) = content else { return };
    super::restore_assignments(map, kind, lookups, notes);
    restore_scope_tags(map, lookups, notes);
    match kind.key {
        "endpoint_security_intent" => {
            if let Some(delta) = map.remove("settingsDelta") {
                map.insert("settings".into(), delta);
            }
        }
        "device_configuration" => restore_encrypted_oma_settings(map),
        "app_configuration_device" => {
            if let Some(payload) = map.get_mut("payloadJson") {
                if payload.is_object() || payload.is_array() {
                    let text = serde_json::to_string(payload).unwrap_or_default();
                    *payload = Value::String(STANDARD.encode(text));
                }
            }
            if let Some(Value::Object(app)) = map.get("targetedMobileApps") {
                let name = app.get("appName").and_then(Value::as_str).unwrap_or("");
                let ids = match lookups.app_id(name) {
                    Some(id) => vec![Value::String(id.to_owned())],
                    None => {
                        notes.unresolved(format!("app '{name}'"));
                        vec![]
                    }
                };
                map.insert("targetedMobileApps".into(), Value::Array(ids));
            }
        }
        "enrollment_configuration" => {
            if let Some(Value::Array(apps)) = map.remove("selectedMobileAppNames") {
                let ids = apps
                    .iter()
                    .filter_map(|app| {
                        let name = app.get("name").and_then(Value::as_str).unwrap_or("");
                        let id = lookups.app_id(name);
                        if id.is_none() {
                            notes.unresolved(format!("app '{name}'"));
                        }
                        id.map(|id| Value::String(id.to_owned()))
                    })
                    .collect();
                map.insert("selectedMobileAppIds".into(), Value::Array(ids));
            }
        }
        "intune_role_definition" => {
            if let Some(Value::Array(assignments)) = map.get_mut("roleAssignments") {
                for assignment in assignments.iter_mut().filter_map(Value::as_object_mut) {
                    for field in ["members", "scopeMembers"] {
                        if let Some(Value::Array(names)) = assignment.get_mut(field) {
                            for name in names.iter_mut() {
                                group_name_to_id(name, lookups, notes);
                            }
                        }
                    }
                }
            }
        }
        _ => {}
    }
    // Names IntuneCD adds beside the ids it keeps.
    for added in ["deviceComplianceScriptName", "detectionScriptName"] {
        map.remove(added);
    }
    if let Some(Value::Array(rules)) = map.get_mut("scheduledActionsForRule") {
        for rule in rules.iter_mut() {
            if let Some(Value::Array(actions)) = rule.get_mut("scheduledActionConfigurations") {
                for action in actions.iter_mut().filter_map(Value::as_object_mut) {
                    action.remove("notificationTemplateName");
                }
            }
        }
    }
}

fn restore_scope_tags(map: &mut Map<String, Value>, lookups: &Lookups, notes: &mut Notes) {
    for field in ["roleScopeTagIds", "roleScopeTags"] {
        let Some(Value::Array(tags)) = map.get_mut(field) else {
            continue;
        };
        for tag in tags.iter_mut() {
            let Some(name) = tag.as_str() else { continue };
            if name.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            match lookups.scope_tag_id(name) {
                Some(id) => *tag = Value::String(id.to_owned()),
                None => notes.unresolved(format!("scope tag '{name}'")),
            }
        }
    }
}

fn group_name_to_id(value: &mut Value, lookups: &Lookups, notes: &mut Notes) {
    let Some(name) = value.as_str() else { return };
    if is_guid(name) {
        return;
    }
    match lookups.group_id(name) {
        Some(id) => *value = Value::String(id.to_owned()),
        None => notes.unresolved(format!("group '{name}'")),
    }
}

/// IntuneCD replaces an encrypted OMA-URI setting by its decrypted value (the answer of
/// `getOmaSettingPlainTextValue`, an object) and marks it unencrypted. It was a secret: it is
/// marked encrypted again, and the catalog's secret fields then mask it.
fn restore_encrypted_oma_settings(map: &mut Map<String, Value>) {
    let Some(Value::Array(settings)) = map.get_mut("omaSettings") else {
        return;
    };
    for setting in settings.iter_mut().filter_map(Value::as_object_mut) {
        if setting.get("value").is_some_and(Value::is_object) {
            setting.insert("isEncrypted".into(), Value::Bool(true));
            setting.insert(
                "secretReferenceValueId".into(),
                Value::String(atlas_graph::SECRET_MARKER.into()),
            );
            setting.insert(
                "value".into(),
                Value::String(atlas_graph::SECRET_MARKER.into()),
            );
        }
    }
}

/// Script bodies IntuneCD also wrote as plain text beside the object (`Script Data/`): which
/// field each file holds, by the file names it uses. The plain file is what a team edits, so
/// when it differs from the JSON's base64 it wins.
pub fn script_files(
    content: &Value,
    kind: &ObjectType,
    id: Option<&str>,
) -> Vec<(String, &'static str)> {
    let text = |field: &str| content.get(field).and_then(Value::as_str).unwrap_or("");
    let suffix = id.map(|id| format!("__{id}")).unwrap_or_default();
    let stem = |name: &str, ext: &str| name.strip_suffix(ext).unwrap_or(name).to_owned();
    match kind.key {
        "powershell_script" => {
            vec![(
                format!("{}{suffix}.ps1", stem(text("fileName"), ".ps1")),
                "scriptContent",
            )]
        }
        "shell_script" | "custom_attribute_script" => {
            vec![(
                format!("{}{suffix}.sh", stem(text("fileName"), ".sh")),
                "scriptContent",
            )]
        }
        "remediation_script" => {
            let name = text("displayName");
            vec![
                (
                    format!("{name}_detectionScript{suffix}.ps1"),
                    "detectionScriptContent",
                ),
                (
                    format!("{name}_remediationScript{suffix}.ps1"),
                    "remediationScriptContent",
                ),
            ]
        }
        "compliance_script" => vec![(
            format!("{}{suffix}.ps1", stem(text("displayName"), ".ps1")),
            "detectionScriptContent",
        )],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn folders_ids_and_archives_come_from_the_path() {
        assert_eq!(
            folder_hint("Scripts/Powershell/a.json"),
            Ok(Some("powershell_script"))
        );
        assert_eq!(
            folder_hint("Enrollment Profiles/Windows/ESP/a.json"),
            Ok(Some("enrollment_configuration"))
        );
        assert_eq!(
            folder_hint("Applications/iOS/a.json"),
            Ok(Some("mobile_app"))
        );
        assert_eq!(
            folder_hint("__archive__/2026-01-01_10-00-00/a.json"),
            Ok(None)
        );
        assert!(folder_hint("Entra/Domains/a.json").is_err());
        assert_eq!(
            id_from_file_name("Filters/Corp_x__5c1e0a4e-0f3a-4a43-9d3f-0e4f6bd0c2a1.json")
                .as_deref(),
            Some("5c1e0a4e-0f3a-4a43-9d3f-0e4f6bd0c2a1")
        );
        assert_eq!(id_from_file_name("Filters/Corp_windows10.json"), None);
        assert_eq!(
            archived_at("__archive__/2026-01-01_10-00-00/a.json"),
            Some("2026-01-01_10-00-00")
        );
        assert!(recognises(&["Settings Catalog", "x"]));
        assert!(!recognises(&["DeviceConfiguration"]));
    }

    #[test]
    fn names_and_decrypted_secrets_go_back_to_graphs_shape() {
        let mut lookups = Lookups::new("tenant");
        lookups.add_group("SG Pilot", "11111111-1111-1111-1111-111111111111");
        lookups.add_object("assignment_filter", "Corp devices", "f1");
        lookups.add_object("scope_tag", "Berlin", "7");
        let kind = ObjectType::find("device_configuration").unwrap();
        let mut content = json!({
            "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
            "roleScopeTagIds": ["Default", "Berlin", "Nowhere"],
            "omaSettings": [
                {"omaUri": "./a", "isEncrypted": false, "secretReferenceValueId": null,
                 "value": {"value": "Wifi-Key"}},
                {"omaUri": "./b", "value": "plain"}
            ],
            "assignments": [{"source": "direct", "target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                "groupName": "sg pilot", "groupType": "StaticMembership",
                "deviceAndAppManagementAssignmentFilterId": "Corp devices",
                "deviceAndAppManagementAssignmentFilterType": "include"}}]
        });
        let mut notes = Notes::default();
        restore(&mut content, kind, &lookups, &mut notes);
        assert_eq!(content["roleScopeTagIds"], json!(["0", "7", "Nowhere"]));
        assert_eq!(notes.unresolved, ["scope tag 'Nowhere'"]);
        let target = &content["assignments"][0]["target"];
        assert_eq!(target["groupId"], "11111111-1111-1111-1111-111111111111");
        assert_eq!(target["deviceAndAppManagementAssignmentFilterId"], "f1");
        assert!(target.get("groupName").is_none() && target.get("groupType").is_none());
        let secret = &content["omaSettings"][0];
        assert_eq!(secret["isEncrypted"], true);
        assert!(!content.to_string().contains("Wifi-Key"));
        assert_eq!(content["omaSettings"][1]["value"], "plain");
    }
}
