//! Device-side objects around policies: device categories, terms and conditions, Windows
//! driver update profiles, macOS custom attribute scripts and the reusable settings policies
//! point at.

use rand::Rng;
use serde_json::json;

use super::{content_of, script_body, simple_setting, Content};
use crate::generate::rng::{pick, SimRng};

pub(super) fn device_category(rng: &mut SimRng, audience: &str) -> Content {
    let kind = *pick(
        rng,
        &[
            "Laptops",
            "Kiosks",
            "Shared tablets",
            "Developer workstations",
            "Field phones",
        ],
    );
    content_of(
        None,
        format!("{kind} - {audience}"),
        json!({ "roleScopeTagIds": ["0"] }),
    )
}

pub(super) fn driver_update_profile(rng: &mut SimRng, audience: &str) -> Content {
    let manual = rng.gen_bool(0.3);
    content_of(
        None,
        format!("WIN - Driver updates - {audience}"),
        json!({
            "approvalType": if manual { "manual" } else { "automatic" },
            "deploymentDeferralInDays": if manual { 0 } else { *pick(rng, &[0, 7, 14]) },
            "deviceReporting": rng.gen_range(0..500),
            "newUpdates": rng.gen_range(0..20),
            "inventorySyncStatus": {
                "lastSuccessfulSyncDateTime": "2026-11-30T04:00:00Z",
                "driverInventorySyncState": "success"
            },
            "roleScopeTagIds": ["0"]
        }),
    )
}

pub(super) fn custom_attribute_script(rng: &mut SimRng, audience: &str) -> Content {
    let (topic, kind) = *pick(
        rng,
        &[
            ("FileVault status", "string"),
            ("Last reboot", "dateTime"),
            ("Free disk GB", "integer"),
            ("Gatekeeper status", "string"),
        ],
    );
    content_of(
        None,
        format!("MAC - Attribute - {topic} - {audience}"),
        json!({
            "customAttributeName": topic.replace(' ', ""),
            "customAttributeType": kind,
            "runAsAccount": "system",
            "fileName": format!("{}.sh", topic.to_lowercase().replace(' ', "-")),
            "roleScopeTagIds": ["0"],
            "scriptContent": script_body(rng, &[
                "#!/bin/zsh",
                "fdesetup status | head -1",
                "sysctl -n kern.boottime | awk '{print $4}' | tr -d ,",
                "df -g / | awk 'NR==2 {print $4}'",
                "spctl --status",
            ])
        }),
    )
}

pub(super) fn reusable_policy_setting(rng: &mut SimRng, audience: &str) -> Content {
    // Most reusable settings in tenants are the discovery scripts of Linux custom compliance.
    if rng.gen_bool(0.5) {
        let definition = "linux_customcompliance_discoveryscript_reusablesetting";
        let script = script_body(
            rng,
            &[
                "#!/bin/bash",
                "echo \"{\\\"firewall\\\": \\\"$(ufw status | head -1 | awk '{print $2}')\\\"}\"",
                "dpkg -s mdatp >/dev/null 2>&1 && echo '{\"defender\": \"installed\"}'",
            ],
        );
        return reusable(
            format!("LNX - Discovery - Firewall and Defender - {audience}"),
            definition,
            script,
            rng,
        );
    }
    let (topic, definition, value) = *pick(
        rng,
        &[
            (
                "Corporate printers",
                "vendor_msft_printerprovisioning_upprinterinstalls_{printersharedid}_printersharedid",
                "Printer-HQ-Floor2",
            ),
            (
                "Trusted USB devices",
                "device_vendor_msft_defender_configuration_devicecontrol_policygroups_{groupid}_groupdata",
                "<Group Id=\"{a1b2}\"><MatchType>MatchAny</MatchType></Group>",
            ),
            (
                "Firewall allowed ranges",
                "vendor_msft_firewall_mdmstore_dynamickeywords_addresses_{id}_addresses",
                "10.0.0.0/8,192.168.0.0/16",
            ),
        ],
    );
    reusable(
        format!("{topic} - {audience}"),
        definition,
        value.to_owned(),
        rng,
    )
}

/// A reusable setting: one string setting, referenced by the policies that use it.
fn reusable(name: String, definition: &str, value: String, rng: &mut SimRng) -> Content {
    content_of(
        None,
        name,
        json!({
            "settingDefinitionId": definition,
            "settingInstance": simple_setting(definition, json!(value)),
            "version": rng.gen_range(1..4),
            "referencingConfigurationPolicyCount": 0
        }),
    )
}

pub(super) fn terms_and_conditions(rng: &mut SimRng, audience: &str) -> Content {
    let company = *pick(rng, &["Contoso IT", "the MSP service desk", "Corporate IT"]);
    content_of(
        None,
        format!("Acceptable use - {audience}"),
        json!({
            "title": "Acceptable use of company devices",
            "bodyText": format!("By enrolling this device you agree that {company} manages it, may wipe company data from it, and that you follow the acceptable use policy."),
            "acceptanceStatement": "I accept the terms of use.",
            "version": rng.gen_range(1..4),
            "roleScopeTagIds": ["0"]
        }),
    )
}
