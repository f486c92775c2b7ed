//! Microsoft's settings catalog as the simulator publishes it: a definition (portal name,
//! description, category, option labels) for every setting id the generator writes, and the
//! categories they belong to. They are Microsoft's data, the same in every tenant, so they are
//! derived from the id when asked for rather than stored with each tenant.

use serde_json::{json, Value};

use super::content::SC_AREAS;

/// Where the generated setting ids live in the configuration service provider tree.
const ID_PREFIX: &str = "device_vendor_msft_policy_config_";

/// Portal names of the generated settings.
const NAMES: &[(&str, &str)] = &[
    ("allowrealtimemonitoring", "Allow Realtime Monitoring"),
    ("allowcloudprotection", "Allow Cloud Protection"),
    ("allowbehaviormonitoring", "Allow Behavior Monitoring"),
    (
        "allowioavprotection",
        "Allow scanning of all downloaded files and attachments",
    ),
    ("submitsamplesconsent", "Submit Samples Consent"),
    ("puaprotection", "PUA Protection"),
    ("cloudblocklevel", "Cloud Block Level"),
    ("allowscriptscanning", "Allow Script Scanning"),
    ("allowemailscanning", "Allow Email Scanning"),
    ("allowarchivescanning", "Allow Archive Scanning"),
    (
        "checkforsignaturesbeforerunningscan",
        "Check For Signatures Before Running Scan",
    ),
    (
        "daysuntilaggressivecatchupquickscan",
        "Days Until Aggressive Catchup Quick Scan",
    ),
    ("requiredeviceencryption", "Require Device Encryption"),
    (
        "allowwarningforotherdiskencryption",
        "Allow Warning For Other Disk Encryption",
    ),
    (
        "encryptionmethodbydrivetype",
        "Choose drive encryption method and cipher strength",
    ),
    (
        "systemdrivesrequirestartupauthentication",
        "Require additional authentication at startup",
    ),
    (
        "fixeddrivesrecoveryoptions",
        "Choose how BitLocker-protected fixed drives can be recovered",
    ),
    (
        "removabledrivesrequireencryption",
        "Deny write access to removable drives not protected by BitLocker",
    ),
    ("usepassportforwork", "Use Windows Hello For Business"),
    ("requiresecuritydevice", "Require Security Device"),
    ("minimumpinlength", "Minimum PIN Length"),
    ("maximumpinlength", "Maximum PIN Length"),
    ("uppercaseletters", "Uppercase Letters"),
    ("lowercaseletters", "Lowercase Letters"),
    ("specialcharacters", "Special Characters"),
    ("expiration", "Expiration"),
    ("history", "PIN History"),
    ("usebiometrics", "Allow Use of Biometrics"),
    (
        "smartscreenenabled",
        "Configure Microsoft Defender SmartScreen",
    ),
    (
        "smartscreenpuaenabled",
        "Configure Microsoft Defender SmartScreen to block potentially unwanted apps",
    ),
    (
        "passwordmanagerenabled",
        "Enable saving passwords to the password manager",
    ),
    ("sitepermissions", "Site permissions"),
    ("sslversionmin", "Minimum TLS version enabled"),
    (
        "preventsmartscreenpromptoverride",
        "Prevent bypassing Microsoft Defender SmartScreen prompts for sites",
    ),
    ("autofilladdressenabled", "Enable AutoFill for addresses"),
    ("homepagelocation", "Configure the home page URL"),
    ("devicepasswordenabled", "Device Password Enabled"),
    (
        "alphanumericdevicepasswordrequired",
        "Alphanumeric Device Password Required",
    ),
    ("mindevicepasswordlength", "Min Device Password Length"),
    (
        "maxinactivitytimedevicelock",
        "Max Inactivity Time Device Lock",
    ),
    ("devicepasswordexpiration", "Device Password Expiration"),
    ("devicepasswordhistory", "Device Password History"),
    (
        "maxdevicepasswordfailedattempts",
        "Max Device Password Failed Attempts",
    ),
    ("enablefirewall_domain", "Enable Domain Network Firewall"),
    ("enablefirewall_private", "Enable Private Network Firewall"),
    ("enablefirewall_public", "Enable Public Network Firewall"),
    (
        "defaultinboundaction",
        "Default Inbound Action for Domain Profile",
    ),
    (
        "defaultoutboundaction",
        "Default Outbound Action for Domain Profile",
    ),
    (
        "disableinboundnotifications",
        "Disable Inbound Notifications",
    ),
    ("enablelogdroppedpackets", "Enable Log Dropped Packets"),
    (
        "blockexecutablecontentfromemailclientandwebmail",
        "Block executable content from email client and webmail",
    ),
    (
        "blockofficeapplicationsfromcreatingexecutablecontent",
        "Block Office applications from creating executable content",
    ),
    (
        "blockcredentialstealingfromlsass",
        "Block credential stealing from the Windows local security authority subsystem",
    ),
    (
        "blockpersistencethroughwmieventsubscription",
        "Block persistence through WMI event subscription",
    ),
    (
        "useadvancedprotectionagainstransomware",
        "Use advanced protection against ransomware",
    ),
    (
        "blockuntrustedunsignedprocessesthatrunfromusb",
        "Block untrusted and unsigned processes that run from USB",
    ),
    ("activehoursstart", "Active Hours Start"),
    ("activehoursend", "Active Hours End"),
    ("allowautoupdate", "Allow Auto Update"),
    (
        "deferqualityupdatesperiodindays",
        "Defer Quality Updates Period (Days)",
    ),
    (
        "deferfeatureupdatesperiodindays",
        "Defer Feature Updates Period (Days)",
    ),
    ("engagedrestartdeadline", "Engaged Restart Deadline"),
    ("scheduledinstallday", "Scheduled Install Day"),
    (
        "kfmsilentoptin",
        "Silently move Windows known folders to OneDrive",
    ),
    (
        "kfmblockoptout",
        "Prevent users from redirecting their Windows known folders to their PC",
    ),
    ("filesondemandenabled", "Use OneDrive Files On-Demand"),
    (
        "silentaccountconfig",
        "Silently sign in users to the OneDrive sync app with their Windows credentials",
    ),
    (
        "disablepersonalsync",
        "Prevent users from syncing personal OneDrive accounts",
    ),
    (
        "accounts_limitlocalaccountuseofblankpasswordstoconsolelogononly",
        "Accounts Limit Local Account Use Of Blank Passwords To Console Logon Only",
    ),
    (
        "interactivelogon_machineinactivitylimit",
        "Interactive Logon Machine Inactivity Limit",
    ),
    (
        "useraccountcontrol_behavioroftheelevationpromptforadministrators",
        "User Account Control Behavior Of The Elevation Prompt For Administrators",
    ),
    (
        "networksecurity_lanmanagerauthenticationlevel",
        "Network Security LAN Manager Authentication Level",
    ),
    (
        "interactivelogon_donotdisplaylastsignedin",
        "Interactive Logon Do Not Display Last Signed In",
    ),
    ("letappsaccesscamera", "Let Apps Access Camera"),
    ("letappsaccessmicrophone", "Let Apps Access Microphone"),
    ("letappsaccesslocation", "Let Apps Access Location"),
    ("disableadvertisingid", "Disable Advertising ID"),
    ("allowinputpersonalization", "Allow Input Personalization"),
    ("allowcortana", "Allow Cortana"),
    ("allowwindowsspotlight", "Allow Windows Spotlight"),
    ("allowwindowstips", "Allow Windows Tips"),
    (
        "donotshowfeedbacknotifications",
        "Do Not Show Feedback Notifications",
    ),
    (
        "allowmanualmdmunenrollment",
        "Allow Manual MDM Unenrollment",
    ),
];

/// A setting the generator writes, read back from its id:
/// `device_vendor_msft_policy_config_{csp}_{setting}_{n}`.
struct Parsed<'a> {
    area: &'static str,
    csp: &'static str,
    setting: &'a str,
}

fn parse(id: &str) -> Option<Parsed<'_>> {
    let rest = id.strip_prefix(ID_PREFIX)?;
    let (stem, index) = rest.rsplit_once('_')?;
    index.parse::<u32>().ok()?;
    // The longest CSP that fits wins: `defender_attacksurfacereductionrules` before `defender`.
    SC_AREAS
        .iter()
        .filter_map(|(area, csp, names)| {
            let setting = stem.strip_prefix(csp)?.strip_prefix('_')?;
            names
                .contains(&setting)
                .then_some(Parsed { area, csp, setting })
        })
        .max_by_key(|p| p.csp.len())
}

/// The category id of a settings area: fixed, like Microsoft's.
fn category_id(area: &str) -> Option<String> {
    let index = SC_AREAS.iter().position(|(a, _, _)| *a == area)?;
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
        "defaultinboundaction" | "defaultoutboundaction" => ["Allow", "Block", "Not configured"],
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
    let name = NAMES
        .iter()
        .find(|(setting, _)| *setting == parsed.setting)
        .map_or(parsed.setting, |(_, name)| name);
    let mut definition = json!({
        "id": id,
        "name": parsed.setting,
        "displayName": name,
        "description": format!("{name}. Configures {} on Windows devices.", parsed.area),
        "helpText": format!("Learn more about {name} in the {} documentation.", parsed.area),
        "categoryId": category_id(parsed.area),
        "rootDefinitionId": id,
        "version": "638412345678901234",
        "baseUri": "./Device/Vendor/MSFT/Policy",
        "offsetUri": format!("/Config/{}/{}", parsed.csp, parsed.setting),
        "keywords": [parsed.area],
        "infoUrls": [],
        "applicability": {"platform": "windows10", "technologies": "mdm"},
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
    let (area, _, _) = SC_AREAS
        .iter()
        .find(|(area, _, _)| category_id(area).as_deref() == Some(id))?;
    Some(json!({
        "id": id,
        "name": area.to_lowercase().replace(' ', "_"),
        "displayName": area,
        "description": format!("Settings for {area}."),
        "helpText": null,
        "platforms": "windows10",
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
        for (area, csp, names) in SC_AREAS {
            for setting in *names {
                let id = format!("{ID_PREFIX}{csp}_{setting}_7");
                let choice = json!({"choiceSettingValue": {"value": format!("{id}_1")}});
                let definition = setting_definition(&id, &choice).expect(&id);
                let name = definition["displayName"].as_str().unwrap();
                assert!(
                    NAMES.iter().any(|(s, n)| s == setting && *n == name),
                    "{setting} has no portal name"
                );
                assert_eq!(definition["options"][1]["itemId"], format!("{id}_1"));
                let category = category(definition["categoryId"].as_str().unwrap()).unwrap();
                assert_eq!(category["displayName"], *area);
            }
        }
    }

    #[test]
    fn the_longest_csp_wins_and_unknown_ids_have_no_definition() {
        let id = format!(
            "{ID_PREFIX}defender_attacksurfacereductionrules_blockcredentialstealingfromlsass_3"
        );
        let definition =
            setting_definition(&id, &json!({"simpleSettingValue": {"value": 1}})).unwrap();
        assert_eq!(definition["keywords"][0], "Attack Surface Reduction");
        assert!(definition.get("options").is_none());
        assert!(setting_definition("vendor_msft_unknown_1", &json!({})).is_none());
        assert!(
            setting_definition(&format!("{ID_PREFIX}defender_nosuchsetting_1"), &json!({}))
                .is_none()
        );
    }
}
