//! Reading and comparing stored content, by example.

use serde_json::json;

use super::words::humanize_camel;
use super::*;

const DEFENDER: &str = "device_vendor_msft_policy_config_defender_allowarchivescanning_3";

fn row<'a>(rows: &'a [SettingRow], key: &str) -> &'a SettingRow {
    rows.iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key} in {rows:#?}"))
}

fn choice(id: &str, option: &str, children: Value) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        "settingDefinitionId": id,
        "choiceSettingValue": { "value": format!("{id}_{option}"), "children": children }
    })
}

fn simple(id: &str, value: Value) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
        "settingDefinitionId": id,
        "simpleSettingValue": { "value": value }
    })
}

fn catalog(instances: Vec<Value>) -> Value {
    let settings: Vec<Value> = instances
        .into_iter()
        .enumerate()
        .map(|(i, instance)| json!({ "id": i.to_string(), "settingInstance": instance }))
        .collect();
    json!({
        "id": "p1",
        "name": "WIN - SC - Defender",
        "description": "shown elsewhere",
        "platforms": "windows10",
        "settingCount": settings.len(),
        "roleScopeTagIds": ["0"],
        "settings": settings
    })
}

fn target(kind: &str, group: Option<&str>) -> Value {
    let mut target = json!({ "@odata.type": format!("#microsoft.graph.{kind}") });
    if let Some(group) = group {
        target["groupId"] = json!(group);
    }
    target
}

#[test]
fn a_choice_setting_reads_as_its_area_name_and_option() {
    let content = catalog(vec![choice(DEFENDER, "1", json!([]))]);
    let rows = readable(&content).settings;
    assert_eq!(
        row(&rows, DEFENDER),
        &SettingRow {
            group: "Defender".into(),
            name: "Defender allowarchivescanning".into(),
            key: DEFENDER.into(),
            value: "1".into(),
            description: None,
        }
    );
}

#[test]
fn a_choice_option_with_words_is_humanised_and_a_foreign_value_kept() {
    let id = "device_vendor_msft_firewall_mdmstore_global_crlcheck";
    let named = json!({
        "settingDefinitionId": id,
        "choiceSettingValue": { "value": format!("{id}_block_all"), "children": [] }
    });
    let foreign = json!({
        "settingDefinitionId": "user_vendor_msft_policy_config_privacy_letappsaccesscamera",
        "choiceSettingValue": { "value": "something_else", "children": [] }
    });
    let rows = readable(&catalog(vec![named, foreign])).settings;
    let named = row(&rows, id);
    assert_eq!(named.value, "Block all");
    assert_eq!(named.group, "Firewall");
    assert_eq!(named.name, "Firewall mdmstore global crlcheck");
    let foreign = row(
        &rows,
        "user_vendor_msft_policy_config_privacy_letappsaccesscamera",
    );
    assert_eq!(foreign.value, "something_else");
    assert_eq!(foreign.name, "Privacy letappsaccesscamera");
}

#[test]
fn choice_children_are_grouped_under_the_parent_without_repeating_its_id() {
    let parent = "device_vendor_msft_bitlocker_systemdrivesrequirestartupauthentication";
    let child = format!("{parent}_configurepinusagedropdown_name");
    let content = catalog(vec![choice(
        parent,
        "1",
        json!([choice(&child, "2", json!([]))]),
    )]);
    let rows = readable(&content).settings;
    assert_eq!(rows.len(), 3, "platforms, parent, child: {rows:#?}");
    assert_eq!(
        row(&rows, parent).name,
        "Bitlocker systemdrivesrequirestartupauthentication"
    );
    let child = row(&rows, &child);
    assert_eq!(
        child.group,
        "Bitlocker systemdrivesrequirestartupauthentication"
    );
    assert_eq!(child.name, "Configurepinusagedropdown name");
    assert_eq!(child.value, "2");
}

#[test]
fn simple_settings_and_simple_collections_show_their_values() {
    let days = "device_vendor_msft_policy_config_defender_daysuntilaggressivecatchupquickscan";
    let list = json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
        "settingDefinitionId": "device_vendor_msft_policy_config_defender_excludedextensions",
        "simpleSettingCollectionValue": [{ "value": ".log" }, { "value": ".tmp" }]
    });
    let rows = readable(&catalog(vec![simple(days, json!(30)), list])).settings;
    let days = row(&rows, days);
    assert_eq!(days.value, "30");
    assert_eq!(days.name, "Defender daysuntilaggressivecatchupquickscan");
    assert_eq!(
        row(
            &rows,
            "device_vendor_msft_policy_config_defender_excludedextensions"
        )
        .value,
        ".log, .tmp"
    );
}

#[test]
fn a_choice_collection_joins_its_options() {
    let id = "device_vendor_msft_policy_config_defender_allowedschemes";
    let instance = json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingCollectionInstance",
        "settingDefinitionId": id,
        "choiceSettingCollectionValue": [
            { "value": format!("{id}_http"), "children": [] },
            { "value": format!("{id}_https"), "children": [] }
        ]
    });
    let rows = readable(&catalog(vec![instance])).settings;
    assert_eq!(row(&rows, id).value, "Http, Https");
}

#[test]
fn group_collection_items_become_child_rows_with_unique_keys() {
    let id = "device_vendor_msft_policy_config_defender_threatseveritydefaultaction";
    let level = format!("{id}_level");
    let action = format!("{id}_action");
    let instance = json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
        "settingDefinitionId": id,
        "groupSettingCollectionValue": [
            { "children": [simple(&level, json!("high")), choice(&action, "quarantine", json!([]))] },
            { "children": [simple(&level, json!("low"))] }
        ]
    });
    let rows = readable(&catalog(vec![instance])).settings;
    assert!(
        rows.iter().all(|r| r.key != id),
        "a group has no value of its own"
    );
    let first = row(&rows, &format!("{id}[0].{level}"));
    assert_eq!(first.group, "Defender threatseveritydefaultaction (1)");
    assert_eq!(first.name, "Level");
    assert_eq!(first.value, "high");
    assert_eq!(row(&rows, &format!("{id}[0].{action}")).value, "Quarantine");
    let second = row(&rows, &format!("{id}[1].{level}"));
    assert_eq!(second.group, "Defender threatseveritydefaultaction (2)");
    assert_eq!(second.value, "low");
}

#[test]
fn a_single_item_group_collection_uses_the_parent_name_as_group() {
    let id = "device_vendor_msft_policy_config_defender_exclusions";
    let path = format!("{id}_path");
    let instance = json!({
        "settingDefinitionId": id,
        "groupSettingCollectionValue": [{ "children": [simple(&path, json!("C:\\temp"))] }]
    });
    let rows = readable(&catalog(vec![instance])).settings;
    let child = row(&rows, &format!("{id}[0].{path}"));
    assert_eq!(child.group, "Defender exclusions");
    assert_eq!(child.value, "C:\\temp");
}

#[test]
fn catalog_metadata_fields_are_skipped_and_the_rest_is_general() {
    let content = catalog(vec![choice(DEFENDER, "1", json!([]))]);
    let rows = readable(&content).settings;
    assert_eq!(
        rows[0],
        SettingRow {
            group: "General".into(),
            name: "Platforms".into(),
            key: "platforms".into(),
            value: "windows10".into(),
            description: None,
        }
    );
    assert_eq!(rows.len(), 2, "{rows:#?}");
}

#[test]
fn administrative_template_values_show_state_and_presentations() {
    let content = json!({
        "id": "a1",
        "displayName": "WIN - ADMX",
        "definitionValues": [
            {
                "id": "v1",
                "enabled": true,
                "definition": {
                    "id": "d1",
                    "displayName": "Configure automatic updates",
                    "categoryPath": "\\Windows Components\\Windows Update"
                },
                "presentationValues": [
                    { "value": "3", "presentation": { "label": "Configure automatic updating" } },
                    { "values": [{ "name": "1", "value": "ext;url" }] }
                ]
            },
            { "id": "v2", "enabled": false, "presentationValues": [] }
        ]
    });
    let rows = readable(&content).settings;
    assert_eq!(
        row(&rows, "d1"),
        &SettingRow {
            group: "Windows Components › Windows Update".into(),
            name: "Configure automatic updates".into(),
            key: "d1".into(),
            value: "Enabled (Configure automatic updating: 3; 1: ext;url)".into(),
            description: None,
        }
    );
    let bare = row(&rows, "v2");
    assert_eq!(bare.name, "v2");
    assert_eq!(bare.group, "Administrative templates");
    assert_eq!(bare.value, "Disabled");
    assert_eq!(rows.len(), 2);
}

#[test]
fn plain_objects_show_fields_nested_objects_and_lists() {
    let content = json!({
        "@odata.type": "#microsoft.graph.windows10EndpointProtectionConfiguration",
        "id": "x",
        "displayName": "WIN - Endpoint protection",
        "description": "d",
        "version": 3,
        "createdDateTime": "2024-01-01T00:00:00Z",
        "lastModifiedDateTime": "2024-01-02T00:00:00Z",
        "roleScopeTagIds": ["0"],
        "assignments@odata.context": "x",
        "passwordMinimumLength": 8,
        "bitLockerEncryptDevice": true,
        "firewallBlockStatefulFTP": false,
        "defenderExploitProtectionXml": null,
        "blockedApps": ["a", "b"],
        "emptyList": [],
        "firewallProfileDomain": {
            "@odata.type": "#microsoft.graph.windowsFirewallNetworkProfile",
            "firewallEnabled": "allowed",
            "inboundConnectionsBlocked": true
        },
        "omaSettings": [{ "displayName": "Custom", "omaUri": "./Device/X", "value": "1" }]
    });
    let rows = readable(&content).settings;
    let value = |key: &str| row(&rows, key).value.clone();
    let name = |key: &str| row(&rows, key).name.clone();
    assert_eq!(name("passwordMinimumLength"), "Password minimum length");
    assert_eq!(value("passwordMinimumLength"), "8");
    assert_eq!(value("bitLockerEncryptDevice"), "Yes");
    assert_eq!(
        name("firewallBlockStatefulFTP"),
        "Firewall block stateful FTP"
    );
    assert_eq!(value("firewallBlockStatefulFTP"), "No");
    assert_eq!(value("defenderExploitProtectionXml"), "Not configured");
    assert_eq!(value("blockedApps"), "a, b");
    assert_eq!(value("emptyList"), "None");
    assert_eq!(
        name("firewallProfileDomain.firewallEnabled"),
        "Firewall profile domain › Firewall enabled"
    );
    assert_eq!(
        value("firewallProfileDomain.inboundConnectionsBlocked"),
        "Yes"
    );
    assert_eq!(name("omaSettings[0].omaUri"), "Oma settings › 1 › Oma uri");
    assert_eq!(value("omaSettings[0].displayName"), "Custom");
    assert!(rows.iter().all(|r| r.group == "General"));
    assert_eq!(rows.len(), 11, "metadata is skipped: {rows:#?}");
}

#[test]
fn camel_case_names_split_into_words() {
    assert_eq!(humanize_camel("iCloudBlockBackup"), "I cloud block backup");
    assert_eq!(humanize_camel("osMinimumVersion"), "Os minimum version");
    assert_eq!(
        humanize_camel("securityRequireSafetyNetAttestation"),
        "Security require safety net attestation"
    );
    assert_eq!(humanize_camel("templateId"), "Template id");
}

#[test]
fn every_assignment_target_kind_is_recognised() {
    let content = json!({ "assignments": [
        { "id": "1", "target": {
            "@odata.type": "#microsoft.graph.groupAssignmentTarget",
            "groupId": "g1",
            "deviceAndAppManagementAssignmentFilterId": "f1",
            "deviceAndAppManagementAssignmentFilterType": "include"
        }},
        { "id": "2", "target": {
            "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
            "groupId": "g2",
            "deviceAndAppManagementAssignmentFilterId": null,
            "deviceAndAppManagementAssignmentFilterType": "none"
        }},
        { "id": "3", "intent": "required", "target": target("allDevicesAssignmentTarget", None) },
        { "id": "4", "target": target("allLicensedUsersAssignmentTarget", None) },
        { "id": "5", "target": target("configurationManagerCollectionAssignmentTarget", None) }
    ]});
    let rows = readable(&content).assignments;
    let kinds: Vec<_> = rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, AssignmentTargetKind::ALL);
    assert_eq!(
        rows[0],
        AssignmentRow {
            kind: AssignmentTargetKind::Group,
            group_id: Some("g1".into()),
            group_name: None,
            filter_id: Some("f1".into()),
            filter_mode: Some("include".into()),
            intent: None,
        }
    );
    assert_eq!(rows[1].group_id.as_deref(), Some("g2"));
    assert_eq!(rows[1].filter_id, None);
    assert_eq!(rows[1].filter_mode, None, "mode none means no filter");
    assert_eq!(rows[2].intent.as_deref(), Some("required"));
    assert_eq!(rows[2].group_id, None);
    assert!(readable(&content).settings.is_empty());
}

#[test]
fn diff_marks_added_removed_changed_and_unchanged_rows_in_order() {
    let id = |s: &str| format!("device_vendor_msft_policy_config_defender_{s}");
    let before = json!({
        "settings": [
            { "settingInstance": choice(&id("a"), "1", json!([])) },
            { "settingInstance": choice(&id("gone"), "1", json!([])) },
            { "settingInstance": simple(&id("b"), json!(30)) }
        ],
        "assignments": [
            { "target": target("groupAssignmentTarget", Some("g1")) },
            { "target": target("allDevicesAssignmentTarget", None) }
        ]
    });
    let after = json!({
        "settings": [
            { "settingInstance": choice(&id("a"), "1", json!([])) },
            { "settingInstance": simple(&id("b"), json!(45)) },
            { "settingInstance": choice(&id("new"), "0", json!([])) }
        ],
        "assignments": [
            { "target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget",
                "groupId": "g1",
                "deviceAndAppManagementAssignmentFilterId": "f1",
                "deviceAndAppManagementAssignmentFilterType": "exclude"
            }}
        ]
    });
    let diff = diff(&before, &after, &[]);
    let summary: Vec<(String, DiffChange, Option<String>, Option<String>)> = diff
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.change, r.before.clone(), r.after.clone()))
        .collect();
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        summary,
        vec![
            (id("a"), DiffChange::Unchanged, s("1"), s("1")),
            (id("gone"), DiffChange::Removed, s("1"), None),
            (id("b"), DiffChange::Changed, s("30"), s("45")),
            (id("new"), DiffChange::Added, None, s("0")),
            (
                "assignments.group.g1".into(),
                DiffChange::Changed,
                s("No filter"),
                s("Filter f1 (exclude)")
            ),
            (
                "assignments.all_devices".into(),
                DiffChange::Removed,
                s("No filter"),
                None
            ),
        ]
    );
    assert_eq!(
        (diff.added, diff.removed, diff.changed, diff.unchanged),
        (1, 2, 2, 1)
    );
    let assignment = &diff.rows[4];
    assert_eq!(assignment.group, "Assignments");
    assert_eq!(assignment.name, "Group g1");
}

#[test]
fn removed_rows_before_any_kept_row_come_first() {
    let before = json!({ "settings": [
        { "settingInstance": simple("x_first", json!(1)) },
        { "settingInstance": simple("x_kept", json!(2)) }
    ]});
    let after = json!({ "settings": [{ "settingInstance": simple("x_kept", json!(2)) }] });
    let keys: Vec<_> = diff(&before, &after, &[])
        .rows
        .into_iter()
        .map(|r| (r.key, r.change))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("x_first".to_owned(), DiffChange::Removed),
            ("x_kept".to_owned(), DiffChange::Unchanged)
        ]
    );
}

#[test]
fn an_assignment_intent_is_part_of_its_value() {
    let with_intent = |intent: &str| json!({ "assignments": [{ "intent": intent, "target": target("allLicensedUsersAssignmentTarget", None) }] });
    let diff = diff(&with_intent("available"), &with_intent("required"), &[]);
    assert_eq!(diff.rows.len(), 1);
    assert_eq!(diff.rows[0].name, "All users");
    assert_eq!(diff.rows[0].before.as_deref(), Some("Available, no filter"));
    assert_eq!(diff.rows[0].after.as_deref(), Some("Required, no filter"));
    assert_eq!(diff.changed, 1);
}

#[test]
fn duplicate_keys_are_compared_by_occurrence() {
    let other = |intent: &str| json!({ "target": target("unknownTarget", None), "intent": intent });
    let before = json!({ "assignments": [other("apply"), other("apply")] });
    let after = json!({ "assignments": [other("apply")] });
    let diff = diff(&before, &after, &[]);
    let keys: Vec<_> = diff
        .rows
        .iter()
        .map(|r| (r.key.as_str(), r.change))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("assignments.other", DiffChange::Unchanged),
            ("assignments.other#2", DiffChange::Removed)
        ]
    );
}

#[test]
fn identical_contents_have_no_changes() {
    let content = json!({
        "passwordRequired": true,
        "firewallProfileDomain": { "firewallEnabled": "allowed" },
        "settings": [{ "settingInstance": choice(DEFENDER, "1", json!([])) }],
        "assignments": [{ "target": target("groupAssignmentTarget", Some("g1")) }]
    });
    let diff = diff(&content, &content.clone(), &[]);
    assert_eq!((diff.added, diff.removed, diff.changed), (0, 0, 0));
    assert_eq!(diff.unchanged, 4);
    assert_eq!(diff.rows.len(), 4);
    assert!(diff.rows.iter().all(|r| r.before == r.after));
}

#[test]
fn non_object_content_reads_as_nothing() {
    let empty = ReadableConfig {
        settings: vec![],
        assignments: vec![],
        targeting: vec![],
    };
    assert_eq!(readable(&Value::Null), empty);
    assert_eq!(diff(&Value::Null, &json!([]), &[]).rows, vec![]);
}

/// The changed rows of a diff as (name, before, after).
fn changes(diff: &ConfigDiff) -> Vec<(&str, Option<&str>, Option<&str>)> {
    diff.rows
        .iter()
        .filter(|r| r.change != DiffChange::Unchanged)
        .map(|r| (r.name.as_str(), r.before.as_deref(), r.after.as_deref()))
        .collect()
}

#[test]
fn a_changed_description_name_or_scope_tags_is_a_row() {
    let before = json!({
        "displayName": "Baseline – Windows",
        "description": "Managed by the MSP",
        "roleScopeTagIds": ["0"],
        "passwordRequired": true
    });
    let after = json!({
        "displayName": "Baseline – Windows 11",
        "description": "Managed by the MSP. Do not edit.",
        "roleScopeTagIds": ["0", "7"],
        "passwordRequired": true
    });
    assert_eq!(
        changes(&diff(&before, &after, &[])),
        vec![
            (
                "Name",
                Some("Baseline – Windows"),
                Some("Baseline – Windows 11")
            ),
            (
                "Description",
                Some("Managed by the MSP"),
                Some("Managed by the MSP. Do not edit.")
            ),
            ("Scope tags", Some("0"), Some("0, 7")),
        ]
    );
}

#[test]
fn a_settings_catalog_policy_is_named_by_its_name_field() {
    let before = json!({ "name": "Defender", "settings": [] });
    let after = json!({ "name": "Defender AV", "settings": [] });
    assert_eq!(
        changes(&diff(&before, &after, &[])),
        vec![("Name", Some("Defender"), Some("Defender AV"))]
    );
}

#[test]
fn a_change_the_readable_rows_do_not_show_is_shown_as_stored() {
    // `true` and "Yes" read the same, but they are different configuration.
    let before = json!({ "allowCamera": true, "passwordRequired": true });
    let after = json!({ "allowCamera": "Yes", "passwordRequired": true });
    assert_eq!(
        changes(&diff(&before, &after, &[])),
        vec![("Allow camera", Some("true"), Some("\"Yes\""))]
    );
}

#[test]
fn a_field_the_type_treats_as_volatile_is_no_change() {
    let before = json!({ "creationSource": "a", "passwordRequired": true });
    let after = json!({ "creationSource": "b", "passwordRequired": true });
    assert_eq!(changes(&diff(&before, &after, &["creationSource"])), vec![]);
}

proptest::proptest! {
    /// What the issue asks for in so many words: two versions whose hashes differ never
    /// compare as equal.
    #[test]
    fn contents_with_different_hashes_always_differ_by_a_row(
        before in crate::arb::arb_json(),
        after in crate::arb::arb_json(),
    ) {
        let (before, after) = (json!({ "config": before }), json!({ "config": after }));
        let differ = crate::normalize::content_hash(&before, &[])
            != crate::normalize::content_hash(&after, &[]);
        let diff = diff(&before, &after, &[]);
        proptest::prop_assert_eq!(differ, diff.added + diff.removed + diff.changed > 0);
    }

    /// The same for objects whose fields are the readable rows' own (name, description,
    /// settings and assignments), not only arbitrary ones.
    #[test]
    fn changed_identity_fields_always_differ_by_a_row(
        name in "[a-z ]{0,6}",
        description in proptest::option::of("[a-z ]{0,6}"),
        tags in proptest::collection::vec("[0-9]", 0..3),
        extra in crate::arb::arb_json(),
    ) {
        let mut after = json!({ "displayName": name, "roleScopeTagIds": tags, "extra": extra });
        if let Some(description) = description {
            after["description"] = json!(description);
        }
        let before = json!({ "displayName": "x", "roleScopeTagIds": ["0"], "extra": null });
        let differ = crate::normalize::content_hash(&before, &[])
            != crate::normalize::content_hash(&after, &[]);
        let diff = diff(&before, &after, &[]);
        proptest::prop_assert_eq!(differ, diff.added + diff.removed + diff.changed > 0);
    }
}

#[test]
fn catalog_settings_read_as_the_portal_names_them_when_definitions_are_known() {
    use super::{readable_with, Definitions, SettingCategory, SettingDefinition, SettingOption};
    let id = "device_vendor_msft_policy_config_defender_cloudblocklevel_4";
    let content = json!({"name": "P", "settings": [
        {"id": "0", "settingInstance": {"settingDefinitionId": id, "choiceSettingValue": {"value": format!("{id}_2"), "children": []}}},
        {"id": "1", "settingInstance": {"settingDefinitionId": "device_vendor_msft_policy_config_defender_daysuntil_5", "simpleSettingValue": {"value": 7}}}
    ]});
    let defs = Definitions::new(
        [SettingDefinition {
            id: id.into(),
            version: Some("1".into()),
            display_name: "Cloud Block Level".into(),
            description: Some("How aggressively to block.".into()),
            category_id: Some("c-1".into()),
            options: vec![SettingOption {
                item_id: format!("{id}_2"),
                label: "High Plus".into(),
            }],
        }],
        [SettingCategory {
            id: "c-1".into(),
            display_name: "Microsoft Defender Antivirus".into(),
        }],
    );
    let with = readable_with(&content, &defs).settings;
    let named = row(&with, id);
    assert_eq!(named.name, "Cloud Block Level");
    assert_eq!(named.group, "Microsoft Defender Antivirus");
    assert_eq!(named.value, "High Plus");
    assert_eq!(
        named.description.as_deref(),
        Some("How aggressively to block.")
    );
    // A setting the definitions do not describe still reads from its id.
    let unknown = row(
        &with,
        "device_vendor_msft_policy_config_defender_daysuntil_5",
    );
    assert_eq!(unknown.name, "Defender daysuntil");
    assert_eq!(unknown.value, "7");
    // Without definitions the same rows carry the same keys, so diffs match either way.
    let without = readable(&content).settings;
    let keys = |rows: &[SettingRow]| rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&with), keys(&without));
    assert_eq!(row(&without, id).value, "2");
}
