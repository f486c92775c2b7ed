//! The configuration of one generated object, per catalog type: its name, `@odata.type`,
//! settings and configuration-bearing navigation collections. Content depends only on the
//! stream it is drawn from, so the same stream in two tenants yields the same policy.
//! Tenant-specific parts (ids, times, assignments to the tenant's groups) are added by `tenant`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::rng::{pick, SimRng};
use super::settings_areas::{ScArea, SC_AREAS};
use rand::seq::SliceRandom;

mod apps;
mod compliance;
mod devices;
pub(crate) mod intents;

/// Generated configuration of one object.
#[derive(Debug, Clone)]
pub(crate) struct Content {
    pub odata_type: Option<String>,
    pub name: String,
    pub fields: Map<String, Value>,
    /// Configuration-bearing navigation collections (settings, definition values, apps, …).
    pub navs: Vec<(&'static str, Vec<Value>)>,
}

const AUDIENCES: &[&str] = &[
    "Baseline",
    "Pilot",
    "Production",
    "Ring 1",
    "Strict",
    "Standard",
    "Kiosk",
    "Executives",
    "Contractors",
    "Shared devices",
    "Frontline",
    "Developers",
    "Finance",
    "HR",
];

const PLATFORMS: &[(&str, &str)] = &[
    ("windows10", "WIN"),
    ("windows10", "WIN"),
    ("windows10", "WIN"),
    ("macOS", "MAC"),
    ("iOS", "IOS"),
];

/// Draws the content of one object of the catalog type `key`. `large` asks for an unusually
/// large detail collection (a security baseline with hundreds of settings).
pub(crate) fn content(key: &str, rng: &mut SimRng, large: bool) -> Content {
    let audience = *pick(rng, AUDIENCES);
    let mut c = match key {
        "settings_catalog" => settings_catalog(rng, audience, large),
        "device_configuration" => device_configuration(rng, audience),
        "update_ring" => update_ring(rng, audience),
        "compliance_policy" => compliance_policy(rng, audience),
        "administrative_template" => administrative_template(rng, audience),
        "powershell_script" => powershell_script(rng, audience),
        "shell_script" => shell_script(rng, audience),
        "remediation_script" => remediation_script(rng, audience),
        "app_protection_ios" => app_protection(rng, audience, "ios"),
        "app_protection_android" => app_protection(rng, audience, "android"),
        "app_protection_windows" => wip_policy(rng, audience),
        "app_configuration_device" => app_configuration_device(rng, audience),
        "app_configuration_app" => app_configuration_app(rng, audience),
        "enrollment_configuration" => enrollment_configuration(rng, audience),
        "autopilot_profile" => autopilot_profile(rng, audience),
        "feature_update_profile" => feature_update_profile(rng, audience),
        "quality_update_profile" => quality_update_profile(rng, audience),
        "assignment_filter" => assignment_filter(rng, audience),
        "scope_tag" => scope_tag(rng, audience),
        "intune_role_definition" => intune_role_definition(rng, audience),
        "conditional_access_policy" => conditional_access_policy(rng, audience),
        "settings_compliance_policy" => compliance::settings_compliance_policy(rng, audience),
        "compliance_script" => compliance::compliance_script(rng, audience),
        "notification_template" => compliance::notification_template(rng, audience),
        "endpoint_security_intent" => intents::intent(rng, audience),
        "custom_attribute_script" => devices::custom_attribute_script(rng, audience),
        "mobile_app" => apps::mobile_app(rng, audience),
        "device_category" => devices::device_category(rng, audience),
        "driver_update_profile" => devices::driver_update_profile(rng, audience),
        "reusable_policy_setting" => devices::reusable_policy_setting(rng, audience),
        "terms_and_conditions" => devices::terms_and_conditions(rng, audience),
        other => unreachable!("no generator for catalog type {other}"),
    };
    if !c.fields.contains_key("description") && key != "conditional_access_policy" {
        c.fields.insert(
            "description".into(),
            json!(format!(
                "{} for {} devices and users.",
                c.name,
                audience.to_lowercase()
            )),
        );
    }
    c
}

pub(crate) use apps::targeted_app;

/// A settings catalog choice setting set to its option `option` (`{id}_{option}`).
fn choice_setting(id: &str, option: u32) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        "settingDefinitionId": id,
        "settingInstanceTemplateReference": null,
        "choiceSettingValue": {
            "settingValueTemplateReference": null,
            "value": format!("{id}_{option}"),
            "children": []
        }
    })
}

/// A settings catalog simple setting holding `value` (an integer or a string).
fn simple_setting(id: &str, value: Value) -> Value {
    let kind = if value.is_string() {
        "deviceManagementConfigurationStringSettingValue"
    } else {
        "deviceManagementConfigurationIntegerSettingValue"
    };
    json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
        "settingDefinitionId": id,
        "settingInstanceTemplateReference": null,
        "simpleSettingValue": {
            "@odata.type": format!("#microsoft.graph.{kind}"),
            "settingValueTemplateReference": null,
            "value": value
        }
    })
}

fn integer_setting(id: &str, value: i64) -> Value {
    simple_setting(id, json!(value))
}

fn content_of(odata_type: Option<&str>, name: String, fields: Value) -> Content {
    Content {
        odata_type: odata_type.map(|t| format!("#microsoft.graph.{t}")),
        name,
        fields: match fields {
            Value::Object(map) => map,
            _ => Map::new(),
        },
        navs: Vec::new(),
    }
}

fn settings_catalog(rng: &mut SimRng, audience: &str, large: bool) -> Content {
    // The large one is a Windows security baseline: every Windows setting, more than a page.
    let (platform, short) = if large {
        ("windows10", "WIN")
    } else {
        *pick(rng, PLATFORMS)
    };
    let areas: Vec<&ScArea> = SC_AREAS
        .iter()
        .filter(|a| a.in_policies_of(platform))
        .collect();
    let topic = *pick(rng, &areas);
    // The policy's own area first, then the platform's other settings, each at most once.
    let mut own: Vec<String> = topic.settings.iter().map(|(s, _)| topic.id(s)).collect();
    let mut others: Vec<String> = areas
        .iter()
        .filter(|a| a.name != topic.name)
        .flat_map(|a| a.settings.iter().map(|(s, _)| a.id(s)))
        .collect();
    own.shuffle(rng);
    others.shuffle(rng);
    let pool: Vec<String> = own.into_iter().chain(others).collect();
    let count = if large {
        pool.len()
    } else {
        rng.gen_range(3..=40.min(pool.len()))
    };
    let settings = pool
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, id)| {
            let instance = if rng.gen_bool(0.7) {
                choice_setting(id, rng.gen_range(0..3))
            } else {
                integer_setting(id, rng.gen_range(1..=365))
            };
            json!({ "id": i.to_string(), "settingInstance": instance })
        })
        .collect();
    let area = topic.name;
    let mut c = content_of(
        None,
        format!("{short} - SC - {area} - {audience}"),
        json!({
            "platforms": platform,
            "technologies": "mdm",
            "roleScopeTagIds": ["0"],
            "settingCount": count,
            "creationSource": null,
            "isAssigned": false,
            "templateReference": {
                "templateId": "",
                "templateFamily": "none",
                "templateDisplayName": null,
                "templateDisplayVersion": null
            }
        }),
    );
    c.navs.push(("settings", settings));
    c
}

fn device_configuration(rng: &mut SimRng, audience: &str) -> Content {
    let fields = match rng.gen_range(0..6) {
        0 => (
            "windows10GeneralConfiguration",
            "WIN - Device restrictions",
            json!({
                "passwordRequired": rng.gen_bool(0.8),
                "passwordMinimumLength": rng.gen_range(6..=14),
                "passwordMinimumCharacterSetCount": rng.gen_range(1..=4),
                "screenCaptureBlocked": rng.gen_bool(0.3),
                "cortanaBlocked": rng.gen_bool(0.6),
                "defenderRequireRealTimeMonitoring": true,
                "edgeBlockPasswordManager": rng.gen_bool(0.5),
                "storageRequireMobileDeviceEncryption": rng.gen_bool(0.7)
            }),
        ),
        1 => (
            "windows10EndpointProtectionConfiguration",
            "WIN - Endpoint protection",
            json!({
                "firewallBlockStatefulFTP": rng.gen_bool(0.5),
                "firewallProfileDomain": {"firewallEnabled": "allowed", "inboundConnectionsBlocked": rng.gen_bool(0.5)},
                "bitLockerEncryptDevice": rng.gen_bool(0.8),
                "defenderExploitProtectionXml": null,
                "smartScreenEnableInShell": true,
                "applicationGuardEnabled": rng.gen_bool(0.2)
            }),
        ),
        2 => (
            "windows10CustomConfiguration",
            "WIN - Custom OMA-URI",
            json!({
                "omaSettings": (0..rng.gen_range(1..4)).map(|i| json!({
                    "@odata.type": "#microsoft.graph.omaSettingString",
                    "displayName": format!("Custom setting {}", i + 1),
                    "description": null,
                    "omaUri": format!("./Device/Vendor/MSFT/Policy/Config/Custom/Setting{}", rng.gen_range(1..50)),
                    "isEncrypted": true,
                    "secretReferenceValueId": format!("{:032x}", rng.gen::<u128>()),
                    "value": format!("{:016x}", rng.gen::<u64>())
                })).collect::<Vec<_>>()
            }),
        ),
        3 => (
            "iosGeneralDeviceConfiguration",
            "IOS - Device restrictions",
            json!({
                "passcodeRequired": true,
                "passcodeMinimumLength": rng.gen_range(4..=8),
                "passcodeMinutesOfInactivityBeforeLock": rng.gen_range(1..=15),
                "iCloudBlockBackup": rng.gen_bool(0.5),
                "appStoreBlocked": rng.gen_bool(0.1),
                "cameraBlocked": rng.gen_bool(0.1)
            }),
        ),
        4 => (
            "androidWorkProfileGeneralDeviceConfiguration",
            "AND - Work profile restrictions",
            json!({
                "workProfileBlockCamera": rng.gen_bool(0.2),
                "workProfileDataSharingType": *pick(rng, &["deviceDefault", "preventAny", "allowPersonalToWork"]),
                "workProfilePasswordRequiredType": "deviceDefault",
                "workProfileBlockScreenCapture": rng.gen_bool(0.6)
            }),
        ),
        _ => (
            "macOSGeneralDeviceConfiguration",
            "MAC - Device restrictions",
            json!({
                "passwordRequired": true,
                "passwordMinimumLength": rng.gen_range(8..=16),
                "passwordBlockSimple": rng.gen_bool(0.8),
                "airDropBlocked": rng.gen_bool(0.4),
                "iCloudBlockDocumentSync": rng.gen_bool(0.5)
            }),
        ),
    };
    let (odata_type, stem, mut body) = fields;
    if let Value::Object(map) = &mut body {
        map.insert("version".into(), json!(rng.gen_range(1..12)));
        map.insert("roleScopeTagIds".into(), json!(["0"]));
        map.insert("supportsScopeTags".into(), json!(true));
        map.insert(
            "deviceManagementApplicabilityRuleOsEdition".into(),
            Value::Null,
        );
    }
    content_of(Some(odata_type), format!("{stem} - {audience}"), body)
}

fn update_ring(rng: &mut SimRng, audience: &str) -> Content {
    content_of(
        Some("windowsUpdateForBusinessConfiguration"),
        format!("WIN - Update ring - {audience}"),
        json!({
            "version": rng.gen_range(1..6),
            "roleScopeTagIds": ["0"],
            "supportsScopeTags": true,
            "deviceManagementApplicabilityRuleOsEdition": null,
            "automaticUpdateMode": *pick(rng, &["autoInstallAtMaintenanceTime", "autoInstallAndRebootAtMaintenanceTime", "userDefined"]),
            "microsoftUpdateServiceAllowed": true,
            "driversExcluded": rng.gen_bool(0.3),
            "qualityUpdatesDeferralPeriodInDays": rng.gen_range(0..=14),
            "featureUpdatesDeferralPeriodInDays": *pick(rng, &[0, 30, 60, 90, 180]),
            "qualityUpdatesPaused": false,
            "featureUpdatesPaused": false,
            "businessReadyUpdatesOnly": "userDefined",
            "deadlineForQualityUpdatesInDays": rng.gen_range(2..=7),
            "deadlineForFeatureUpdatesInDays": rng.gen_range(2..=14),
            "deadlineGracePeriodInDays": rng.gen_range(1..=3),
            "userPauseAccess": "disabled"
        }),
    )
}

fn compliance_policy(rng: &mut SimRng, audience: &str) -> Content {
    let (odata_type, short, mut body) = match rng.gen_range(0..4) {
        0 => (
            "windows10CompliancePolicy",
            "WIN",
            json!({
                "passwordRequired": true,
                "passwordMinimumLength": rng.gen_range(6..=14),
                "bitLockerEnabled": rng.gen_bool(0.8),
                "secureBootEnabled": true,
                "osMinimumVersion": *pick(rng, &["10.0.19045", "10.0.22621", "10.0.22631"]),
                "defenderEnabled": true,
                "deviceThreatProtectionRequiredSecurityLevel": *pick(rng, &["unavailable", "low", "medium"])
            }),
        ),
        1 => (
            "iosCompliancePolicy",
            "IOS",
            json!({
                "passcodeRequired": true,
                "passcodeMinimumLength": rng.gen_range(4..=8),
                "osMinimumVersion": *pick(rng, &["16.0", "17.0", "17.4"]),
                "securityBlockJailbrokenDevices": true,
                "managedEmailProfileRequired": rng.gen_bool(0.3)
            }),
        ),
        2 => (
            "androidWorkProfileCompliancePolicy",
            "AND",
            json!({
                "passwordRequired": true,
                "passwordMinimumLength": rng.gen_range(4..=8),
                "securityBlockJailbrokenDevices": true,
                "securityRequireSafetyNetAttestationBasicIntegrity": rng.gen_bool(0.7),
                "osMinimumVersion": *pick(rng, &["11", "12", "13"])
            }),
        ),
        _ => (
            "macOSCompliancePolicy",
            "MAC",
            json!({
                "passwordRequired": true,
                "storageRequireEncryption": true,
                "firewallEnabled": rng.gen_bool(0.8),
                "systemIntegrityProtectionEnabled": true,
                "osMinimumVersion": *pick(rng, &["13.0", "14.0"])
            }),
        ),
    };
    if let Value::Object(map) = &mut body {
        map.insert("version".into(), json!(rng.gen_range(1..8)));
        map.insert("roleScopeTagIds".into(), json!(["0"]));
    }
    let mut c = content_of(
        Some(odata_type),
        format!("{short} - Compliance - {audience}"),
        body,
    );
    c.navs.push((
        "scheduledActionsForRule",
        block_after_grace(rng, json!("PasswordRequired")),
    ));
    c
}

/// A compliance policy's noncompliance action: block after a grace period of 0, 24 or 72 hours.
fn block_after_grace(rng: &mut SimRng, rule_name: Value) -> Vec<Value> {
    let grace = *pick(rng, &[0, 24, 72]);
    vec![json!({
        "id": format!("{:08x}-0000-0000-0000-000000000000", rng.gen::<u32>()),
        "ruleName": rule_name,
        "scheduledActionConfigurations": [{
            "id": format!("{:08x}-0000-0000-0000-000000000001", rng.gen::<u32>()),
            "gracePeriodHours": grace,
            "actionType": "block",
            "notificationTemplateId": "00000000-0000-0000-0000-000000000000",
            "notificationMessageCCList": []
        }]
    })]
}

fn administrative_template(rng: &mut SimRng, audience: &str) -> Content {
    const DEFINITIONS: &[(&str, &str)] = &[
        (
            "Configure the list of force-installed apps and extensions",
            "\\Google\\Google Chrome\\Extensions",
        ),
        (
            "Turn on Windows Defender SmartScreen",
            "\\Windows Components\\File Explorer",
        ),
        (
            "Prevent installation of devices not described by other policy settings",
            "\\System\\Device Installation",
        ),
        (
            "Configure automatic updates",
            "\\Windows Components\\Windows Update",
        ),
        (
            "Set the default behavior for AutoRun",
            "\\Windows Components\\AutoPlay Policies",
        ),
        (
            "Block all consumer Microsoft account user authentication",
            "\\Windows Components\\Microsoft account",
        ),
        (
            "Disable saving passwords to the password manager",
            "\\Microsoft Edge\\Password manager",
        ),
        (
            "Silently move Windows known folders to OneDrive",
            "\\OneDrive",
        ),
    ];
    let count = rng.gen_range(1..=6);
    let values = (0..count)
        .map(|i| {
            let (name, category) = *pick(rng, DEFINITIONS);
            let definition_id = format!(
                "{:08x}-{:04x}-4000-8000-{:012x}",
                rng.gen::<u32>(),
                i,
                rng.gen::<u64>() & 0xffff_ffff_ffff
            );
            json!({
                "id": format!("{:032x}", rng.gen::<u128>()),
                "enabled": rng.gen_bool(0.85),
                "configurationType": "policy",
                "definition": {
                    "id": definition_id,
                    "displayName": name,
                    "classType": *pick(rng, &["machine", "user"]),
                    "categoryPath": category,
                    "policyType": "admxBacked"
                },
                "presentationValues": [{
                    "@odata.type": "#microsoft.graph.groupPolicyPresentationValueText",
                    "value": format!("{}", rng.gen_range(0..4)),
                    "presentation": {
                        "@odata.type": "#microsoft.graph.groupPolicyPresentationTextBox",
                        "label": "Value",
                        "required": true
                    }
                }]
            })
        })
        .collect();
    let mut c = content_of(
        None,
        format!(
            "WIN - ADMX - {} - {audience}",
            pick(rng, &["Chrome", "Edge", "OneDrive", "Office", "System"])
        ),
        json!({ "roleScopeTagIds": ["0"], "policyConfigurationIngestionType": "builtIn" }),
    );
    c.navs.push(("definitionValues", values));
    c
}

fn script_body(rng: &mut SimRng, lines: &[&str]) -> String {
    let mut text = String::new();
    for _ in 0..rng.gen_range(2..=5) {
        text.push_str(pick::<&str>(rng, lines));
        text.push('\n');
    }
    STANDARD.encode(text)
}

const PS_LINES: &[&str] = &[
    "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Contoso' -Name 'Managed' -Value 1",
    "New-Item -ItemType Directory -Force -Path 'C:\\ProgramData\\Contoso'",
    "Start-Process -FilePath 'msiexec.exe' -ArgumentList '/i agent.msi /qn' -Wait",
    "Get-AppxPackage *xbox* | Remove-AppxPackage",
    "Write-Output 'Configuration applied'",
    "Set-TimeZone -Id 'W. Europe Standard Time'",
];

fn powershell_script(rng: &mut SimRng, audience: &str) -> Content {
    let topic = *pick(
        rng,
        &[
            "Set registry",
            "Install agent",
            "Remove bloatware",
            "Map drives",
            "Set time zone",
        ],
    );
    content_of(
        None,
        format!("WIN - PS - {topic} - {audience}"),
        json!({
            "runAsAccount": *pick(rng, &["system", "user"]),
            "enforceSignatureCheck": rng.gen_bool(0.2),
            "runAs32Bit": rng.gen_bool(0.1),
            "fileName": format!("{}.ps1", topic.to_lowercase().replace(' ', "-")),
            "roleScopeTagIds": ["0"],
            "scriptContent": script_body(rng, PS_LINES)
        }),
    )
}

fn shell_script(rng: &mut SimRng, audience: &str) -> Content {
    let topic = *pick(
        rng,
        &[
            "Install Rosetta",
            "Set dock",
            "Enable FileVault",
            "Rename device",
        ],
    );
    content_of(
        None,
        format!("MAC - SH - {topic} - {audience}"),
        json!({
            "runAsAccount": *pick(rng, &["system", "user"]),
            "executionFrequency": *pick(rng, &["PT0S", "PT1H", "P1D", "P1W"]),
            "retryCount": rng.gen_range(0..=3),
            "blockExecutionNotifications": rng.gen_bool(0.5),
            "fileName": format!("{}.sh", topic.to_lowercase().replace(' ', "-")),
            "roleScopeTagIds": ["0"],
            "scriptContent": script_body(rng, &[
                "#!/bin/zsh",
                "/usr/sbin/softwareupdate --install-rosetta --agree-to-license",
                "defaults write com.apple.dock autohide -bool true",
                "killall Dock",
                "scutil --set ComputerName \"$(ioreg -l | awk '/IOPlatformSerialNumber/ {print $4}' | tr -d '\"')\"",
            ])
        }),
    )
}

fn remediation_script(rng: &mut SimRng, audience: &str) -> Content {
    let topic = *pick(
        rng,
        &[
            "Clear temp files",
            "Restart stuck services",
            "Fix time sync",
            "Enforce BitLocker",
        ],
    );
    content_of(
        None,
        format!("WIN - Remediation - {topic} - {audience}"),
        json!({
            "publisher": *pick(rng, &["IT Operations", "Endpoint Team", "Security"]),
            "version": "1",
            "runAsAccount": *pick(rng, &["system", "user"]),
            "runAs32Bit": false,
            "enforceSignatureCheck": false,
            "isGlobalScript": false,
            "highestAvailableVersion": null,
            "roleScopeTagIds": ["0"],
            "detectionScriptParameters": [],
            "remediationScriptParameters": [],
            "detectionScriptContent": script_body(rng, PS_LINES),
            "remediationScriptContent": script_body(rng, PS_LINES)
        }),
    )
}

fn managed_apps(rng: &mut SimRng, platform: &str) -> Vec<Value> {
    const APPS: &[&str] = &[
        "outlook",
        "teams",
        "word",
        "excel",
        "powerpoint",
        "onedrive",
        "officemobile",
        "edge",
    ];
    let count = rng.gen_range(2..=APPS.len());
    APPS[..count]
        .iter()
        .map(|app| {
            let (identifier, key, value) = if platform == "ios" {
                ("iosMobileAppIdentifier", "bundleId", format!("com.microsoft.{app}"))
            } else {
                ("androidMobileAppIdentifier", "packageId", format!("com.microsoft.office.{app}"))
            };
            json!({
                "id": format!("{value}.{platform}"),
                "mobileAppIdentifier": { "@odata.type": format!("#microsoft.graph.{identifier}"), key: value }
            })
        })
        .collect()
}

fn app_protection(rng: &mut SimRng, audience: &str, platform: &str) -> Content {
    let (odata_type, short) = if platform == "ios" {
        ("iosManagedAppProtection", "IOS")
    } else {
        ("androidManagedAppProtection", "AND")
    };
    let apps = managed_apps(rng, platform);
    let mut c = content_of(
        Some(odata_type),
        format!("{short} - APP - Protect Microsoft 365 - {audience}"),
        json!({
            "roleScopeTagIds": ["0"],
            "version": format!("\"{:04x}\"", rng.gen::<u16>()),
            "periodOfflineBeforeAccessCheck": "PT12H",
            "periodOnlineBeforeAccessCheck": "PT30M",
            "allowedInboundDataTransferSources": "allApps",
            "allowedOutboundDataTransferDestinations": *pick(rng, &["managedApps", "allApps", "none"]),
            "organizationalCredentialsRequired": false,
            "allowedOutboundClipboardSharingLevel": *pick(rng, &["managedAppsWithPasteIn", "managedApps", "blocked"]),
            "dataBackupBlocked": rng.gen_bool(0.8),
            "deviceComplianceRequired": true,
            "managedBrowserToOpenLinksRequired": rng.gen_bool(0.5),
            "saveAsBlocked": rng.gen_bool(0.7),
            "pinRequired": true,
            "minimumPinLength": rng.gen_range(4..=8),
            "maximumPinRetries": rng.gen_range(3..=10),
            "simplePinBlocked": rng.gen_bool(0.6),
            "printBlocked": rng.gen_bool(0.3),
            "isAssigned": false,
            "deployedAppCount": apps.len()
        }),
    );
    c.navs.push(("apps", apps));
    c
}

fn wip_policy(rng: &mut SimRng, audience: &str) -> Content {
    let store_app = |name: &str, product: &str| {
        json!({
            "@odata.type": "#microsoft.graph.windowsInformationProtectionStoreApp",
            "displayName": name,
            "description": "",
            "publisherName": "O=Microsoft Corporation, L=Redmond, S=Washington, C=US",
            "productName": product,
            "denied": false
        })
    };
    let protected = vec![
        store_app("Microsoft Edge", "Microsoft.MicrosoftEdge"),
        store_app("Microsoft Teams", "MSTeams"),
        store_app("Microsoft OneDrive", "Microsoft.OneDriveSync"),
    ];
    let mut c = content_of(
        Some("mdmWindowsInformationProtectionPolicy"),
        format!("WIN - WIP - {audience}"),
        json!({
            "roleScopeTagIds": ["0"],
            "version": format!("\"{:04x}\"", rng.gen::<u16>()),
            "enforcementLevel": *pick(rng, &["encryptAndAuditOnly", "encryptAuditAndPrompt", "encryptAuditAndBlock"]),
            "enterpriseDomain": "contoso.com",
            "protectionUnderLockConfigRequired": false,
            "revokeOnUnenrollDisabled": false,
            "azureRightsManagementServicesAllowed": rng.gen_bool(0.5),
            "iconsVisible": true,
            "indexingEncryptedStoresOrItemsBlocked": rng.gen_bool(0.5),
            "isAssigned": false
        }),
    );
    c.navs.push(("protectedApps", protected));
    c.navs.push((
        "exemptApps",
        vec![store_app("Company Portal", "Microsoft.CompanyPortal")],
    ));
    c
}

fn app_configuration_device(rng: &mut SimRng, audience: &str) -> Content {
    let ios = rng.gen_bool(0.5);
    let settings: Vec<Value> = [("IntuneMAMUPN", "{{userprincipalname}}"), ("AllowedAccountUPNs", "{{userprincipalname}}"), ("com.microsoft.outlook.EmailProfile.AccountType", "ModernAuth")]
        .iter()
        .take(rng.gen_range(1..=3))
        .map(|(k, v)| json!({"appConfigKey": k, "appConfigKeyType": "stringType", "appConfigKeyValue": v}))
        .collect();
    let (odata_type, short, body) = if ios {
        (
            "iosMobileAppConfiguration",
            "IOS",
            json!({ "settings": settings, "encodedSettingXml": null }),
        )
    } else {
        (
            "androidManagedStoreAppConfiguration",
            "AND",
            json!({
                "packageId": "app:com.microsoft.office.outlook",
                "payloadJson": STANDARD.encode(serde_json::to_string(&settings).unwrap_or_default()),
                "profileApplicability": "androidWorkProfile",
                "connectedAppsEnabled": false
            }),
        )
    };
    let mut c = content_of(
        Some(odata_type),
        format!("{short} - AppConfig - Outlook - {audience}"),
        body,
    );
    c.fields.insert(
        "targetedMobileApps".into(),
        json!([format!(
            "{:08x}-1111-4111-8111-{:012x}",
            rng.gen::<u32>(),
            rng.gen::<u64>() & 0xffff_ffff_ffff
        )]),
    );
    c.fields.insert("roleScopeTagIds".into(), json!(["0"]));
    c.fields
        .insert("version".into(), json!(rng.gen_range(1..5)));
    c
}

fn app_configuration_app(rng: &mut SimRng, audience: &str) -> Content {
    let platform = if rng.gen_bool(0.5) { "ios" } else { "android" };
    let apps = managed_apps(rng, platform);
    let mut c = content_of(
        Some("targetedManagedAppConfiguration"),
        format!("APP - AppConfig - Edge - {audience}"),
        json!({
            "roleScopeTagIds": ["0"],
            "version": format!("\"{:04x}\"", rng.gen::<u16>()),
            "customSettings": [
                {"name": "com.microsoft.intune.mam.managedbrowser.homepage", "value": "https://intranet.contoso.com"},
                {"name": "com.microsoft.intune.mam.managedbrowser.AllowTransitionOnBlock", "value": if rng.gen_bool(0.5) {"true"} else {"false"}}
            ],
            "appGroupType": "selectedPublicApps",
            "targetedAppManagementLevels": "unspecified",
            "deployedAppCount": apps.len(),
            "isAssigned": false
        }),
    );
    c.navs.push(("apps", apps));
    c
}

fn enrollment_configuration(rng: &mut SimRng, audience: &str) -> Content {
    let (odata_type, name, mut body) = match rng.gen_range(0..3) {
        0 => (
            "windows10EnrollmentCompletionPageConfiguration",
            "WIN - Enrollment status page",
            json!({
                "showInstallationProgress": true,
                "blockDeviceSetupRetryByUser": rng.gen_bool(0.5),
                "allowDeviceResetOnInstallFailure": rng.gen_bool(0.5),
                "allowLogCollectionOnInstallFailure": true,
                "installProgressTimeoutInMinutes": *pick(rng, &[60, 90, 120]),
                "allowDeviceUseOnInstallFailure": rng.gen_bool(0.3),
                "trackInstallProgressForAutopilotOnly": true,
                "disableUserStatusTrackingAfterFirstUser": true
            }),
        ),
        1 => (
            "deviceEnrollmentLimitConfiguration",
            "Device limit",
            json!({ "limit": rng.gen_range(3..=15) }),
        ),
        _ => (
            "deviceEnrollmentPlatformRestrictionConfiguration",
            "Platform restrictions",
            json!({
                "platformType": *pick(rng, &["windows", "ios", "android", "mac"]),
                "platformRestriction": {
                    "platformBlocked": false,
                    "personalDeviceEnrollmentBlocked": rng.gen_bool(0.6),
                    "osMinimumVersion": null,
                    "osMaximumVersion": null
                }
            }),
        ),
    };
    if let Value::Object(map) = &mut body {
        map.insert("priority".into(), json!(rng.gen_range(1..50)));
        map.insert("version".into(), json!(rng.gen_range(1..4)));
        map.insert("roleScopeTagIds".into(), json!(["0"]));
        let kind = match odata_type {
            "windows10EnrollmentCompletionPageConfiguration" => {
                "windows10EnrollmentCompletionPageConfiguration"
            }
            "deviceEnrollmentLimitConfiguration" => "limit",
            _ => "singlePlatformRestriction",
        };
        map.insert("deviceEnrollmentConfigurationType".into(), json!(kind));
    }
    content_of(Some(odata_type), format!("{name} - {audience}"), body)
}

fn autopilot_profile(rng: &mut SimRng, audience: &str) -> Content {
    let hybrid = rng.gen_bool(0.2);
    content_of(
        Some(if hybrid {
            "activeDirectoryWindowsAutopilotDeploymentProfile"
        } else {
            "azureADWindowsAutopilotDeploymentProfile"
        }),
        format!("WIN - Autopilot - {audience}"),
        json!({
            "language": "os-default",
            "locale": "os-default",
            "extractHardwareHash": rng.gen_bool(0.7),
            "deviceNameTemplate": format!("{}-%SERIAL%", pick(rng, &["CORP", "WS", "LT", "KIOSK"])),
            "deviceType": "windowsPc",
            "enableWhiteGlove": rng.gen_bool(0.5),
            "roleScopeTagIds": ["0"],
            "hybridAzureADJoinSkipConnectivityCheck": false,
            "outOfBoxExperienceSettings": {
                "hidePrivacySettings": true,
                "hideEULA": true,
                "userType": *pick(rng, &["standard", "administrator"]),
                "deviceUsageType": *pick(rng, &["singleUser", "shared"]),
                "skipKeyboardSelectionPage": rng.gen_bool(0.5),
                "hideEscapeLink": true
            },
            "enrollmentStatusScreenSettings": null
        }),
    )
}

fn feature_update_profile(rng: &mut SimRng, audience: &str) -> Content {
    let version = *pick(
        rng,
        &[
            "Windows 10, version 22H2",
            "Windows 11, version 23H2",
            "Windows 11, version 24H2",
        ],
    );
    content_of(
        None,
        format!("WIN - Feature update - {version} - {audience}"),
        json!({
            "featureUpdateVersion": version,
            "roleScopeTagIds": ["0"],
            "deployableContentDisplayName": version,
            "endOfSupportDate": "2026-11-10T00:00:00Z",
            "installLatestWindows10OnWindows11IneligibleDevice": rng.gen_bool(0.5),
            "installFeatureUpdatesOptional": false,
            "rolloutSettings": { "offerStartDateTimeInUTC": null, "offerEndDateTimeInUTC": null, "offerIntervalInDays": null }
        }),
    )
}

fn quality_update_profile(rng: &mut SimRng, audience: &str) -> Content {
    let release = *pick(
        rng,
        &[
            "2025-01-14T00:00:00Z",
            "2025-02-11T00:00:00Z",
            "2025-03-11T00:00:00Z",
        ],
    );
    content_of(
        None,
        format!("WIN - Expedite quality update - {audience}"),
        json!({
            "roleScopeTagIds": ["0"],
            "releaseDateDisplayName": release[..10].to_string(),
            "deployableContentDisplayName": format!("{} security update", &release[..7]),
            "expeditedUpdateSettings": { "qualityUpdateRelease": release, "daysUntilForcedReboot": rng.gen_range(0..=2) }
        }),
    )
}

fn assignment_filter(rng: &mut SimRng, audience: &str) -> Content {
    let (platform, rule) = *pick(
        rng,
        &[
            (
                "windows10AndLater",
                "(device.manufacturer -eq \"Microsoft Corporation\")",
            ),
            (
                "windows10AndLater",
                "(device.deviceOwnership -eq \"Corporate\")",
            ),
            ("iOS", "(device.model -startsWith \"iPad\")"),
            (
                "androidForWork",
                "(device.enrollmentProfileName -eq \"Work profile\")",
            ),
            ("macOS", "(device.osVersion -startsWith \"14\")"),
        ],
    );
    content_of(
        None,
        format!("Filter - {platform} - {audience}"),
        json!({ "platform": platform, "rule": rule, "assignmentFilterManagementType": "devices", "roleScopeTags": ["0"] }),
    )
}

fn scope_tag(rng: &mut SimRng, audience: &str) -> Content {
    let region = *pick(rng, &["EMEA", "AMER", "APAC", "HQ", "Retail"]);
    content_of(
        None,
        format!("{region} - {audience}"),
        json!({ "isBuiltIn": false }),
    )
}

fn intune_role_definition(rng: &mut SimRng, audience: &str) -> Content {
    const ACTIONS: &[&str] = &[
        "Microsoft.Intune_DeviceConfigurations_Read",
        "Microsoft.Intune_DeviceConfigurations_Update",
        "Microsoft.Intune_DeviceCompliancePolices_Read",
        "Microsoft.Intune_ManagedDevices_Read",
        "Microsoft.Intune_ManagedDevices_Wipe",
        "Microsoft.Intune_RemoteTasks_Reboot",
        "Microsoft.Intune_Audit_Read",
    ];
    let allowed: Vec<&str> = ACTIONS
        .iter()
        .copied()
        .filter(|_| rng.gen_bool(0.5))
        .collect();
    content_of(
        Some("deviceAndAppManagementRoleDefinition"),
        format!(
            "Intune - {} - {audience}",
            pick(
                rng,
                &["Helpdesk operator", "Policy reader", "Device operator"]
            )
        ),
        json!({
            "isBuiltIn": false,
            "roleScopeTagIds": ["0"],
            "rolePermissions": [{ "resourceActions": [{ "allowedResourceActions": allowed, "notAllowedResourceActions": [] }] }]
        }),
    )
}

fn conditional_access_policy(rng: &mut SimRng, audience: &str) -> Content {
    let (name, controls) = *pick(
        rng,
        &[
            ("Require MFA for all users", &["mfa"][..]),
            ("Require compliant device", &["compliantDevice"][..]),
            (
                "Require MFA or compliant device",
                &["mfa", "compliantDevice"][..],
            ),
            ("Block legacy authentication", &["block"][..]),
        ],
    );
    let legacy = controls == ["block"];
    content_of(
        None,
        format!("CA - {name} - {audience}"),
        json!({
            "state": *pick(rng, &["enabled", "enabled", "enabledForReportingButNotEnforced", "disabled"]),
            "conditions": {
                "userRiskLevels": [],
                "signInRiskLevels": [],
                "clientAppTypes": if legacy { json!(["exchangeActiveSync", "other"]) } else { json!(["all"]) },
                "platforms": null,
                "locations": null,
                "applications": { "includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [] },
                "users": { "includeUsers": ["All"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"] }
            },
            "grantControls": { "operator": "OR", "builtInControls": controls, "customAuthenticationFactors": [], "termsOfUse": [] },
            "sessionControls": null
        }),
    )
}

#[cfg(test)]
mod tests {
    use atlas_graph::CATALOG;

    use super::super::rng::stream;
    use super::*;

    #[test]
    fn every_policy_type_of_the_catalog_has_a_generator_and_the_same_stream_gives_the_same_content()
    {
        for ty in CATALOG
            .iter()
            .filter(|t| super::super::is_policy_type(t.key))
        {
            let a = content(ty.key, &mut stream(3, &[ty.key]), false);
            let b = content(ty.key, &mut stream(3, &[ty.key]), false);
            assert_eq!(a.fields, b.fields, "{}", ty.key);
            assert_eq!(a.name, b.name);
            assert!(!a.name.is_empty());
        }
    }

    #[test]
    fn a_large_settings_catalog_policy_has_hundreds_of_settings() {
        let c = content("settings_catalog", &mut stream(1, &["x"]), true);
        assert_eq!(c.navs[0].0, "settings");
        let windows: usize = SC_AREAS
            .iter()
            .filter(|a| a.in_policies_of("windows10"))
            .map(|a| a.settings.len())
            .sum();
        assert!(windows > 100, "more than a page of settings: {windows}");
        assert_eq!(c.navs[0].1.len(), windows);
        assert_eq!(c.fields["settingCount"], windows);
    }
}
