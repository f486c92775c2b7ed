//! Endpoint security policies of the template era (`deviceManagement/intents`) and the
//! templates they are made from (`deviceManagement/templates`, Microsoft's, the same in every
//! tenant). An intent's settings are served flat (`intents/{id}/settings`) and by the
//! template's categories (`intents/{id}/categories/{category}/settings`); the categories are
//! derived from the settings, so an edit to the settings shows in both.

use rand::Rng;
use serde_json::{json, Value};

use super::{content_of, Content};
use crate::generate::rng::{pick, SimRng};

/// One template: id, name, type, and its categories with the settings (definition id, kind)
/// each holds.
pub(crate) struct Template {
    pub id: &'static str,
    pub name: &'static str,
    pub template_type: &'static str,
    pub subtype: &'static str,
    pub categories: &'static [Category],
}

pub(crate) struct Category {
    pub id: &'static str,
    pub name: &'static str,
    pub settings: &'static [(&'static str, Kind)],
}

#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Boolean,
    Integer,
    Choice(&'static [&'static str]),
}

const EP: &str = "deviceConfiguration--windows10EndpointProtectionConfiguration_";

pub(crate) const TEMPLATES: &[Template] = &[
    Template {
        id: "e44c2ca3-2f9a-400a-a113-6cc88efd773d",
        name: "Microsoft Defender Firewall",
        template_type: "endpointSecurityFirewall",
        subtype: "firewall",
        categories: &[
            Category {
                id: "7d7e8b29-0b2a-4f22-9d3b-0a3d9c1f1a01",
                name: "Microsoft Defender Firewall",
                settings: &[
                    ("firewallBlockStatefulFTP", Kind::Boolean),
                    (
                        "firewallIdleTimeoutForSecurityAssociationInSeconds",
                        Kind::Integer,
                    ),
                    (
                        "firewallPacketQueueingMethod",
                        Kind::Choice(&["deviceDefault", "disabled", "queueInbound"]),
                    ),
                ],
            },
            Category {
                id: "7d7e8b29-0b2a-4f22-9d3b-0a3d9c1f1a02",
                name: "Domain network",
                settings: &[
                    (
                        "firewallProfileDomain_firewallEnabled",
                        Kind::Choice(&["notConfigured", "blocked", "allowed"]),
                    ),
                    (
                        "firewallProfileDomain_inboundConnectionsBlocked",
                        Kind::Boolean,
                    ),
                    (
                        "firewallProfileDomain_outboundConnectionsRequired",
                        Kind::Boolean,
                    ),
                ],
            },
        ],
    },
    Template {
        id: "d1174162-1dd2-4976-affc-6667049ab0ae",
        name: "BitLocker",
        template_type: "endpointSecurityDiskEncryption",
        subtype: "diskEncryption",
        categories: &[Category {
            id: "8e3c1f5a-9c0d-4b64-a1f4-2b7c9d1e2b01",
            name: "BitLocker - OS Drive Settings",
            settings: &[
                (
                    "bitLockerSystemDrivePolicy_startupAuthenticationRequired",
                    Kind::Boolean,
                ),
                (
                    "bitLockerSystemDrivePolicy_encryptionMethod",
                    Kind::Choice(&["aesCbc128", "aesCbc256", "xtsAes128", "xtsAes256"]),
                ),
                ("bitLockerSystemDrivePolicy_minimumPinLength", Kind::Integer),
            ],
        }],
    },
    Template {
        id: "804339ad-1553-4478-a742-138fb5807418",
        name: "Microsoft Defender Antivirus",
        template_type: "endpointSecurityAntivirus",
        subtype: "antivirus",
        categories: &[Category {
            id: "5a4c3b2d-1e0f-4a9b-8c7d-6e5f4a3b2c01",
            name: "Real-time protection",
            settings: &[
                ("defenderScanNetworkFiles", Kind::Boolean),
                ("defenderScanScriptsLoadedInInternetExplorer", Kind::Boolean),
                (
                    "defenderCloudBlockLevel",
                    Kind::Choice(&["notConfigured", "high", "highPlus", "zeroTolerance"]),
                ),
                ("defenderScanMaxCpuPercentage", Kind::Integer),
            ],
        }],
    },
];

/// The template's record as `deviceManagement/templates` lists it.
pub(crate) fn template_json(t: &Template) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceManagementIntentTemplate",
        "id": t.id,
        "displayName": t.name,
        "description": format!("{} settings for Windows 10 and later.", t.name),
        "versionInfo": "2020",
        "isDeprecated": false,
        "intentCount": 0,
        "templateType": t.template_type,
        "platformType": "windows10AndLater",
        "templateSubtype": t.subtype,
        "publishedDateTime": "2020-04-21T00:00:00Z"
    })
}

/// A template category's record.
pub(crate) fn category_json(c: &Category) -> Value {
    json!({
        "id": c.id,
        "displayName": c.name,
        "hasRequiredSetting": false
    })
}

pub(crate) fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id.eq_ignore_ascii_case(id))
}

fn setting_instance(definition: &str, kind: Kind, rng: &mut SimRng) -> Value {
    let (odata, value) = match kind {
        Kind::Boolean => (
            "deviceManagementBooleanSettingInstance",
            json!(rng.gen_bool(0.7)),
        ),
        Kind::Integer => (
            "deviceManagementIntegerSettingInstance",
            json!(rng.gen_range(1..=300)),
        ),
        Kind::Choice(options) => (
            "deviceManagementStringSettingInstance",
            json!(*pick(rng, options)),
        ),
    };
    json!({
        "@odata.type": format!("#microsoft.graph.{odata}"),
        "id": format!("{:08x}-2222-4222-8222-{:012x}", rng.gen::<u32>(), rng.gen::<u64>() & 0xffff_ffff_ffff),
        "definitionId": format!("{EP}{definition}"),
        "valueJson": value.to_string(),
        "value": value
    })
}

pub(super) fn intent(rng: &mut SimRng, audience: &str) -> Content {
    let t = pick(rng, TEMPLATES);
    let mut settings = Vec::new();
    for category in t.categories {
        for (definition, kind) in category.settings {
            if rng.gen_bool(0.75) {
                settings.push(setting_instance(definition, *kind, rng));
            }
        }
    }
    let mut c = content_of(
        None,
        format!("WIN - ES - {} - {audience}", t.name),
        json!({
            "templateId": t.id,
            "isAssigned": false,
            "isMigratingToConfigurationPolicy": false,
            "roleScopeTagIds": ["0"]
        }),
    );
    c.navs
        .push(("categories", categories_with_settings(t.id, &settings)));
    c.navs.push(("settings", settings));
    c
}

/// The template's categories, each holding the intent's settings that belong to it (by
/// definition id).
pub(crate) fn categories_with_settings(template_id: &str, settings: &[Value]) -> Vec<Value> {
    let Some(t) = template(template_id) else {
        return Vec::new();
    };
    t.categories
        .iter()
        .map(|category| {
            let own: Vec<Value> = settings
                .iter()
                .filter(|s| {
                    let id = s["definitionId"].as_str().unwrap_or_default();
                    category
                        .settings
                        .iter()
                        .any(|(d, _)| id.strip_prefix(EP) == Some(d))
                })
                .cloned()
                .collect();
            let mut record = category_json(category);
            record["settings"] = Value::Array(own);
            record
        })
        .collect()
}
