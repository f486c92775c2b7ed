//! Compliance beyond the classic per-platform policies: settings-catalog compliance policies
//! (Linux), the discovery scripts custom compliance runs, and the notification templates
//! noncompliance actions send.

use rand::Rng;
use serde_json::{json, Value};

use super::{
    block_after_grace, choice_setting, content_of, integer_setting, script_body, Content, PS_LINES,
};
use crate::generate::rng::{pick, SimRng};

/// Linux compliance settings as the settings catalog names them.
const LINUX_SETTINGS: &[(&str, &str)] = &[
    ("linux_distribution_alloweddistros", "choice"),
    ("linux_deviceencryption_required", "choice"),
    ("linux_passwordpolicy_minimumlength", "integer"),
    ("linux_passwordpolicy_minimumdigits", "integer"),
    ("linux_passwordpolicy_minimumlowercase", "integer"),
    ("linux_passwordpolicy_minimumsymbols", "integer"),
    ("linux_passwordpolicy_minimumuppercase", "integer"),
];

fn setting(index: usize, definition: &str, kind: &str, rng: &mut SimRng) -> Value {
    let instance = if kind == "choice" {
        choice_setting(definition, rng.gen_range(0..3))
    } else {
        integer_setting(definition, rng.gen_range(1..=14))
    };
    json!({ "id": index.to_string(), "settingInstance": instance })
}

pub(super) fn settings_compliance_policy(rng: &mut SimRng, audience: &str) -> Content {
    let count = rng.gen_range(2..=LINUX_SETTINGS.len());
    let settings = LINUX_SETTINGS
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, (definition, kind))| setting(i, definition, kind, rng))
        .collect();
    let mut c = content_of(
        None,
        format!("LNX - Compliance - {audience}"),
        json!({
            "platforms": "linux",
            "technologies": "linuxMdm",
            "roleScopeTagIds": ["0"],
            "settingCount": count,
            "creationSource": null,
            "isAssigned": false
        }),
    );
    // The noncompliance action is drawn before the settings are attached, as before.
    let actions = block_after_grace(rng, Value::Null);
    c.navs.push(("settings", settings));
    c.navs.push(("scheduledActionsForRule", actions));
    c
}

pub(super) fn compliance_script(rng: &mut SimRng, audience: &str) -> Content {
    let topic = *pick(
        rng,
        &[
            "Antivirus signature age",
            "Local admin count",
            "Disk encryption method",
            "Agent service running",
        ],
    );
    content_of(
        None,
        format!("WIN - Custom compliance - {topic} - {audience}"),
        json!({
            "publisher": *pick(rng, &["Security", "Endpoint Team"]),
            "version": "1",
            "runAsAccount": "system",
            "runAs32Bit": false,
            "enforceSignatureCheck": false,
            "roleScopeTagIds": ["0"],
            "detectionScriptContent": script_body(rng, PS_LINES)
        }),
    )
}

pub(super) fn notification_template(rng: &mut SimRng, audience: &str) -> Content {
    let topic = *pick(
        rng,
        &[
            "Device not compliant",
            "Encryption required",
            "Update your OS",
        ],
    );
    let locales: &[&str] = if rng.gen_bool(0.5) {
        &["en-us"]
    } else {
        &["en-us", "de-de"]
    };
    let messages = locales
        .iter()
        .enumerate()
        .map(|(i, locale)| {
            json!({
                "id": format!("{:08x}-1111-4111-8111-{:012x}", rng.gen::<u32>(), i),
                "locale": locale,
                "subject": format!("{topic}: action needed"),
                "messageTemplate": format!("Your device does not meet the {audience} policy. {topic}: please fix it within three days or lose access to company email."),
                "isDefault": i == 0
            })
        })
        .collect();
    let mut c = content_of(
        None,
        format!("Compliance notice - {topic} - {audience}"),
        json!({
            "defaultLocale": "en-us",
            "brandingOptions": *pick(rng, &["includeCompanyLogo,includeCompanyName,includeContactInformation", "none"]),
            "roleScopeTagIds": ["0"]
        }),
    );
    c.navs.push(("localizedNotificationMessages", messages));
    c
}
