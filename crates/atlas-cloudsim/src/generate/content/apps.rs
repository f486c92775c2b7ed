//! Apps as Intune lists them (`deviceAppManagement/mobileApps`): Win32 and WinGet apps, store
//! apps for iOS and Android, Microsoft 365 Apps, Edge for macOS, web links, and the Microsoft
//! apps app protection targets. Records only: no icon and no package content, as the product
//! never reads them.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::{content_of, Content};
use crate::generate::rng::{pick, SimRng};

/// A managed Google Play store app's own fields.
fn android_store_app(fields: &mut Map<String, Value>, package: &str) {
    fields.extend([
        ("packageId".into(), json!(package)),
        ("appIdentifier".into(), json!(package)),
        ("usedLicenseCount".into(), json!(0)),
        ("totalLicenseCount".into(), json!(0)),
        (
            "appStoreUrl".into(),
            json!(format!(
                "https://play.google.com/store/apps/details?id={package}"
            )),
        ),
        ("isPrivate".into(), json!(false)),
        ("isSystemApp".into(), json!(false)),
        ("supportsOemConfig".into(), json!(false)),
    ]);
}

/// Fields every app carries, whatever its kind.
fn common(publisher: &str, rng: &mut SimRng) -> Map<String, Value> {
    let Value::Object(map) = json!({
        "publisher": publisher,
        "isFeatured": rng.gen_bool(0.2),
        "privacyInformationUrl": null,
        "informationUrl": null,
        "owner": "",
        "developer": "",
        "notes": "",
        "uploadState": 1,
        "publishingState": "published",
        "isAssigned": false,
        "roleScopeTagIds": ["0"],
        "dependentAppCount": 0,
        "supersedingAppCount": 0,
        "supersededAppCount": 0
    }) else {
        unreachable!("an object literal")
    };
    map
}

fn win32(rng: &mut SimRng, name: &str, version: &str) -> (String, Value) {
    let file = format!("{}.intunewin", name.to_lowercase().replace(' ', "-"));
    let detection = STANDARD.encode(format!(
        "if (Test-Path 'C:\\Program Files\\{name}') {{ Write-Output 'Installed' }}\n"
    ));
    let body = json!({
        "fileName": file,
        "size": rng.gen_range(5_000_000..400_000_000u64),
        "committedContentVersion": "1",
        "installCommandLine": "setup.exe /quiet /norestart",
        "uninstallCommandLine": "setup.exe /uninstall /quiet",
        "applicableArchitectures": "x64",
        "minimumSupportedWindowsRelease": *pick(rng, &["2004", "21H2", "22H2"]),
        "setupFilePath": "setup.exe",
        "displayVersion": version,
        "allowAvailableUninstall": rng.gen_bool(0.5),
        "installExperience": {
            "runAsAccount": "system",
            "deviceRestartBehavior": *pick(rng, &["basedOnReturnCode", "suppress"]),
            "maxRunTimeInMinutes": 60
        },
        "returnCodes": [
            {"returnCode": 0, "type": "success"},
            {"returnCode": 1707, "type": "success"},
            {"returnCode": 3010, "type": "softReboot"},
            {"returnCode": 1641, "type": "hardReboot"},
            {"returnCode": 1618, "type": "retry"}
        ],
        "rules": [{
            "@odata.type": "#microsoft.graph.win32LobAppPowerShellScriptRule",
            "ruleType": "detection",
            "displayName": null,
            "enforceSignatureCheck": false,
            "runAs32Bit": false,
            "runAsAccount": null,
            "scriptContent": detection,
            "operationType": "notConfigured",
            "operator": "notConfigured",
            "comparisonValue": null
        }],
        "detectionRules": [{
            "@odata.type": "#microsoft.graph.win32LobAppPowerShellScriptDetection",
            "enforceSignatureCheck": false,
            "runAs32Bit": false,
            "scriptContent": detection
        }],
        "requirementRules": []
    });
    ("win32LobApp".into(), body)
}

pub(super) fn mobile_app(rng: &mut SimRng, _audience: &str) -> Content {
    const WIN32: &[(&str, &str, &str)] = &[
        ("7-Zip", "Igor Pavlov", "24.08"),
        ("Adobe Acrobat Reader", "Adobe", "24.003.20112"),
        ("Zoom Workplace", "Zoom", "6.2.5"),
        ("Notepad++", "Notepad++ Team", "8.7"),
        ("Cisco Secure Client", "Cisco", "5.1.4"),
    ];
    const IOS: &[(&str, &str, &str)] = &[
        (
            "Microsoft Authenticator",
            "Microsoft Corporation",
            "com.microsoft.azureauthenticator",
        ),
        ("Slack", "Slack Technologies", "com.tinyspeck.chatlyio"),
        (
            "Company Portal",
            "Microsoft Corporation",
            "com.microsoft.CompanyPortal",
        ),
    ];
    const ANDROID: &[(&str, &str, &str)] = &[
        (
            "Microsoft Outlook",
            "Microsoft Corporation",
            "com.microsoft.office.outlook",
        ),
        (
            "Microsoft Teams",
            "Microsoft Corporation",
            "com.microsoft.teams",
        ),
        ("Zoom", "Zoom", "us.zoom.videomeetings"),
    ];
    let (odata_type, name, mut fields) = match rng.gen_range(0..7) {
        0 | 1 => {
            let (name, publisher, version) = *pick(rng, WIN32);
            let (t, body) = win32(rng, name, version);
            let mut fields = common(publisher, rng);
            if let Value::Object(extra) = body {
                fields.extend(extra);
            }
            (t, format!("{name} {version}"), fields)
        }
        2 => {
            let (name, publisher, bundle) = *pick(rng, IOS);
            let mut fields = common(publisher, rng);
            fields.extend([
                ("bundleId".into(), json!(bundle)),
                (
                    "appStoreUrl".into(),
                    json!(format!(
                        "https://apps.apple.com/app/id{}",
                        rng.gen_range(300_000_000..1_700_000_000u64)
                    )),
                ),
                (
                    "applicableDeviceType".into(),
                    json!({"iPad": true, "iPhoneAndIPod": true}),
                ),
                (
                    "minimumSupportedOperatingSystem".into(),
                    json!({"v16_0": true}),
                ),
            ]);
            ("iosStoreApp".into(), name.to_owned(), fields)
        }
        3 => {
            let (name, publisher, package) = *pick(rng, ANDROID);
            let mut fields = common(publisher, rng);
            android_store_app(&mut fields, package);
            ("androidManagedStoreApp".into(), name.to_owned(), fields)
        }
        4 => {
            // A Microsoft app app protection targets: listed with its availability.
            let (name, publisher, package) = *pick(rng, ANDROID);
            let mut fields = common(publisher, rng);
            fields.extend([
                ("appAvailability".into(), json!("global")),
                ("packageId".into(), json!(package)),
                (
                    "appStoreUrl".into(),
                    json!(format!(
                        "https://play.google.com/store/apps/details?id={package}"
                    )),
                ),
                (
                    "minimumSupportedOperatingSystem".into(),
                    json!({"v8_0": true}),
                ),
            ]);
            (
                "managedAndroidStoreApp".into(),
                format!("{name} (managed)"),
                fields,
            )
        }
        5 => {
            let mut fields = common("Microsoft", rng);
            fields.extend([
                ("autoAcceptEula".into(), json!(true)),
                ("productIds".into(), json!(["o365ProPlusRetail"])),
                ("excludedApps".into(), json!({"groove": true, "infoPath": true, "lync": true, "sharePointDesigner": true, "teams": false})),
                ("useSharedComputerActivation".into(), json!(rng.gen_bool(0.3))),
                ("updateChannel".into(), json!(*pick(rng, &["current", "monthlyEnterprise", "deferred"]))),
                ("officePlatformArchitecture".into(), json!("x64")),
                ("localesToInstall".into(), json!(["en-us"])),
                ("installProgressDisplayLevel".into(), json!("none")),
                ("shouldUninstallOlderVersionsOfOffice".into(), json!(true)),
            ]);
            (
                "officeSuiteApp".into(),
                "Microsoft 365 Apps for Windows".to_owned(),
                fields,
            )
        }
        _ => {
            let (name, url) = *pick(
                rng,
                &[
                    ("IT Service Desk", "https://servicedesk.contoso.example"),
                    ("HR Portal", "https://hr.contoso.example"),
                    ("Expense reports", "https://expenses.contoso.example"),
                ],
            );
            let mut fields = common("Contoso IT", rng);
            fields.extend([
                ("appUrl".into(), json!(url)),
                ("useManagedBrowser".into(), json!(rng.gen_bool(0.5))),
            ]);
            ("webApp".into(), name.to_owned(), fields)
        }
    };
    fields.insert(
        "description".into(),
        json!(format!("{name}, deployed by the MSP.")),
    );
    content_of(Some(&odata_type), name, Value::Object(fields))
}

/// The Outlook app an app configuration policy targets, as the store app of its platform.
pub(crate) fn targeted_app(rng: &mut SimRng, ios: bool) -> Content {
    let publisher = "Microsoft Corporation";
    let mut fields = common(publisher, rng);
    let odata_type = if ios {
        fields.extend([
            ("bundleId".into(), json!("com.microsoft.Office.Outlook")),
            (
                "appStoreUrl".into(),
                json!("https://apps.apple.com/app/microsoft-outlook/id951937596"),
            ),
            (
                "applicableDeviceType".into(),
                json!({"iPad": true, "iPhoneAndIPod": true}),
            ),
            (
                "minimumSupportedOperatingSystem".into(),
                json!({"v16_0": true}),
            ),
        ]);
        "iosStoreApp"
    } else {
        let package = "com.microsoft.office.outlook";
        android_store_app(&mut fields, package);
        "androidManagedStoreApp"
    };
    let name = if ios {
        "Microsoft Outlook (iOS)"
    } else {
        "Microsoft Outlook (Android)"
    };
    fields.insert(
        "description".into(),
        json!(format!("{name}, configured by app configuration policies.")),
    );
    content_of(Some(odata_type), name.to_owned(), Value::Object(fields))
}
