//! Microsoft's settings catalog as the simulator publishes it: a definition (portal name,
//! description, category, option labels) for every setting id the generator writes, and the
//! categories they belong to. They are Microsoft's data, the same in every tenant, so they are
//! derived from the id when asked for rather than stored with each tenant.

use serde_json::{json, Value};

use super::settings_areas::{ScArea, SC_AREAS};

/// A setting the generator writes, read back from its id (`{area prefix}{setting}`).
struct Parsed {
    area: &'static ScArea,
    setting: &'static str,
    name: &'static str,
}

fn parse(id: &str) -> Option<Parsed> {
    // The longest prefix that fits wins: the attack surface reduction rules sit below the
    // Defender prefix.
    SC_AREAS
        .iter()
        .filter_map(|area| {
            let rest = id.strip_prefix(area.prefix)?;
            let (setting, name) = area.settings.iter().find(|(s, _)| *s == rest)?;
            Some(Parsed {
                area,
                setting,
                name,
            })
        })
        .max_by_key(|p| p.area.prefix.len())
}

/// The area's platforms as the portal names them.
fn platform_words(area: &ScArea) -> String {
    let words: Vec<&str> = area
        .platforms
        .iter()
        .map(|p| match *p {
            "windows10" => "Windows",
            "iOS" => "iOS/iPadOS",
            "linux" => "Linux",
            other => other,
        })
        .collect();
    words.join(" and ")
}

/// The category id of a settings area: fixed, like Microsoft's.
fn category_id(area: &str) -> Option<String> {
    let index = SC_AREAS.iter().position(|a| a.name == area)?;
    Some(format!("0c3b9a3e-5f1d-4a8e-9c2b-{:012x}", 0xa11 + index))
}

/// The labels of a choice setting's three options, by what the setting does.
fn option_labels(setting: &str) -> [&'static str; 3] {
    match setting {
        "cloudblocklevel" => ["Default State", "High", "High Plus"],
        "submitsamplesconsent" => [
            "Always prompt",
            "Send safe samples automatically",
            "Never send",
        ],
        "puaprotection" => ["PUA Protection off", "PUA Protection on", "Audit mode"],
        s if s.ends_with("defaultinboundaction") || s.ends_with("defaultoutboundaction") => {
            ["Allow", "Block", "Not configured"]
        }
        "sslversionmin" => ["TLS 1.0", "TLS 1.1", "TLS 1.2"],
        s if s.starts_with("block") || s.starts_with("use") && s.contains("protection") => {
            ["Off", "Block", "Audit"]
        }
        s if s.starts_with("allow") => ["Not allowed", "Allowed", "Allowed, user may change"],
        _ => ["Disabled", "Enabled", "Enabled, user may change"],
    }
}

/// The definition of setting `id` as Graph's `settingDefinitions` expansion gives it, shaped
/// for the instance it describes (choice or simple); `None` for an id the generator never
/// writes.
pub(crate) fn setting_definition(id: &str, instance: &Value) -> Option<Value> {
    let parsed = parse(id)?;
    let name = parsed.name;
    let area = parsed.area;
    let windows = area.applies_to("windows10");
    let (base_uri, offset_uri) = if windows {
        (
            "./Device/Vendor/MSFT".to_owned(),
            format!("/{}", parsed.setting.replace('_', "/")),
        )
    } else {
        let (payload, key) = id.rsplit_once('_').unwrap_or((id, parsed.setting));
        (payload.to_owned(), key.to_owned())
    };
    let mut definition = json!({
        "id": id,
        "name": parsed.setting,
        "displayName": name,
        "description": format!("{name}. Configures {} on {} devices.", area.name, platform_words(area)),
        "helpText": format!("Learn more about {name} in the {} documentation.", area.name),
        "categoryId": category_id(area.name),
        "rootDefinitionId": id,
        "version": "638412345678901234",
        "baseUri": base_uri,
        "offsetUri": offset_uri,
        "keywords": [area.name],
        "infoUrls": [],
        "applicability": {"platform": area.platforms.join(","), "technologies": if windows { "mdm" } else { "mdm,appleRemoteManagement" }},
    });
    let map = definition.as_object_mut()?;
    if instance.get("choiceSettingValue").is_some() {
        map.insert(
            "@odata.type".into(),
            "#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition".into(),
        );
        let options: Vec<Value> = option_labels(parsed.setting)
            .iter()
            .enumerate()
            .map(|(n, label)| {
                json!({
                    "itemId": format!("{id}_{n}"),
                    "name": label,
                    "displayName": label,
                    "description": null,
                    "optionValue": {
                        "@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue",
                        "value": n
                    }
                })
            })
            .collect();
        map.insert("options".into(), Value::Array(options));
    } else {
        map.insert(
            "@odata.type".into(),
            "#microsoft.graph.deviceManagementConfigurationSimpleSettingDefinition".into(),
        );
        map.insert(
            "valueDefinition".into(),
            json!({
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValueDefinition",
                "minimumValue": 1,
                "maximumValue": 365
            }),
        );
    }
    Some(definition)
}

/// The definitions Graph expands on one item of a policy's `settings`: the instance's own and
/// those of the instances below it.
pub(crate) fn definitions_of_setting(setting: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    collect(setting.get("settingInstance").unwrap_or(setting), &mut out);
    out
}

fn collect(instance: &Value, out: &mut Vec<Value>) {
    if let Some(id) = instance.get("settingDefinitionId").and_then(Value::as_str) {
        if let Some(definition) = setting_definition(id, instance) {
            out.push(definition);
        }
    }
    let value = instance
        .get("choiceSettingValue")
        .or_else(|| instance.get("groupSettingValue"));
    for child in value
        .and_then(|v| v.get("children"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect(child, out);
    }
}

/// A settings category (`deviceManagement/configurationCategories/{id}`).
pub(crate) fn category(id: &str) -> Option<Value> {
    let area = SC_AREAS
        .iter()
        .find(|area| category_id(area.name).as_deref() == Some(id))?;
    let name = area.name;
    Some(json!({
        "id": id,
        "name": name.to_lowercase().replace(' ', "_"),
        "displayName": name,
        "description": format!("Settings for {name}."),
        "helpText": null,
        "platforms": area.platforms.join(","),
        "technologies": "mdm",
        "settingUsage": "configuration",
        "parentCategoryId": id,
        "rootCategoryId": id,
        "childCategoryIds": []
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_setting_has_a_named_definition_in_a_known_category() {
        for area in SC_AREAS {
            for (setting, name) in area.settings {
                let id = area.id(setting);
                let choice = json!({"choiceSettingValue": {"value": format!("{id}_1")}});
                let definition = setting_definition(&id, &choice).expect(&id);
                assert_eq!(definition["displayName"], *name);
                assert_eq!(definition["options"][1]["itemId"], format!("{id}_1"));
                let category = category(definition["categoryId"].as_str().unwrap()).unwrap();
                assert_eq!(category["displayName"], area.name);
            }
        }
    }

    #[test]
    fn setting_ids_are_unique_and_the_longest_prefix_wins() {
        let mut ids: Vec<String> = SC_AREAS
            .iter()
            .flat_map(|a| a.settings.iter().map(|(s, _)| a.id(s)))
            .collect();
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all, "a setting id names one setting");
        let id = "device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockcredentialstealingfromlsass";
        let definition =
            setting_definition(id, &json!({"simpleSettingValue": {"value": 1}})).unwrap();
        assert_eq!(definition["keywords"][0], "Attack Surface Reduction");
        assert!(definition.get("options").is_none());
        assert!(setting_definition("vendor_msft_unknown_1", &json!({})).is_none());
        assert!(setting_definition(
            "device_vendor_msft_policy_config_defender_nosuchsetting",
            &json!({})
        )
        .is_none());
        let apple = setting_definition("com.apple.mcx.filevault2_enable", &json!({})).unwrap();
        assert_eq!(apple["applicability"]["platform"], "macOS");
        assert_eq!(apple["baseUri"], "com.apple.mcx.filevault2");
    }

    /// Every setting id a generated tenant names — in settings catalog and compliance
    /// policies, reusable settings, anywhere — has a published definition, so a client's cache
    /// of definitions fills once and never asks again.
    #[test]
    fn every_setting_id_in_a_generated_tenant_has_a_definition() {
        fn walk(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::String(id)) = map.get("settingDefinitionId") {
                        out.push(id.clone());
                    }
                    map.values().for_each(|v| walk(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut ids = Vec::new();
        for (_, data) in crate::generate::generate(5, 2, 600) {
            for objects in data.collections.values() {
                for object in objects {
                    walk(&Value::Object(object.body.clone()), &mut ids);
                    for items in object.navs.values() {
                        items.iter().for_each(|v| walk(v, &mut ids));
                    }
                }
            }
        }
        assert!(ids.len() > 1_000, "{}", ids.len());
        let undefined: std::collections::BTreeSet<&String> = ids
            .iter()
            .filter(|id| setting_definition(id, &json!({})).is_none())
            .collect();
        assert!(undefined.is_empty(), "no definition: {undefined:?}");
    }
}
