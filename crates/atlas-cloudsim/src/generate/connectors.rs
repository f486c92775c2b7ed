//! A tenant's connections to other services, as facts for reviews: compliance, management and
//! remote assistance partners (Graph lists the ones not set up too), Apple VPP tokens and
//! automated device enrollment tokens with their enrollment profiles, and the single objects
//! Graph serves at a fixed path (the Apple MDM push certificate, managed Google Play, the
//! tenant's Intune settings; see `http::singletons`). A few per tenant, not
//! counted among its policies; which ones a tenant has depends on its index.

use std::collections::BTreeMap;

use rand::Rng;
use serde_json::{json, Value};

use super::directory::into_map;
use super::rng::{guid, stream, SimRng};
use super::times::{created_and_modified, rfc3339};
use crate::model::SimObject;

fn object(body: Value) -> SimObject {
    SimObject::new(into_map(body), BTreeMap::new())
}

fn time(rng: &mut SimRng) -> String {
    rfc3339(created_and_modified(rng).1)
}

/// Every connector collection of tenant `index`, by collection path.
pub(super) fn connectors(
    seed: u64,
    index: usize,
    domain: &str,
) -> Vec<(&'static str, Vec<SimObject>)> {
    let rng = &mut stream(seed, &["tenant", &index.to_string(), "connectors"]);
    let configured = |n: usize| index % n == 0;
    let compliance = vec![object(json!({
        "id": guid(rng).to_string(),
        "displayName": "Lookout Mobile Endpoint Security",
        "partnerState": if configured(2) { "enabled" } else { "unknown" },
        "lastHeartbeatDateTime": time(rng),
        "macOsOnboarded": false,
        "androidOnboarded": configured(2),
        "iosOnboarded": configured(2),
        "androidEnrollmentAssignments": [],
        "iosEnrollmentAssignments": [],
        "macOsEnrollmentAssignments": []
    }))];
    let management = vec![object(json!({
        "id": guid(rng).to_string(),
        "displayName": "Jamf Pro",
        "partnerAppType": "singleTenantApp",
        "partnerState": if configured(3) { "enabled" } else { "unknown" },
        "isConfigured": configured(3),
        "lastHeartbeatDateTime": time(rng),
        "whenPartnerDevicesWillBeRemovedDateTime": null,
        "whenPartnerDevicesWillBeMarkedAsNonCompliantDateTime": null,
        "groupsRequiringPartnerEnrollment": []
    }))];
    let remote = vec![object(json!({
        "id": guid(rng).to_string(),
        "displayName": "TeamViewer Connector",
        "onboardingUrl": "https://start.teamviewer.com/intune",
        "onboardingStatus": if configured(2) { "onboarded" } else { "notOnboarded" },
        "lastConnectionDateTime": time(rng)
    }))];
    let mut vpp = Vec::new();
    let mut dep = Vec::new();
    if index % 3 != 2 {
        let expires = rfc3339(created_and_modified(rng).1);
        vpp.push(object(json!({
            "id": guid(rng).to_string(),
            "organizationName": format!("{} (Apple Business Manager)", domain.split('.').next().unwrap_or(domain)),
            "vppTokenAccountType": "business",
            "appleId": format!("abm-admin@{domain}"),
            "expirationDateTime": expires,
            "lastSyncDateTime": time(rng),
            "token": null,
            "lastModifiedDateTime": time(rng),
            "state": "valid",
            "lastSyncStatus": "completed",
            "automaticallyUpdateApps": true,
            "countryOrRegion": "us",
            "displayName": "Apple Business Manager",
            "roleScopeTagIds": ["0"]
        })));
        let profiles = (0..rng.gen_range(1..=3))
            .map(|i| {
                let name = ["iOS - Corporate", "iOS - Shared iPad", "iOS - Kiosk"][i];
                json!({
                    "@odata.type": "#microsoft.graph.depIOSEnrollmentProfile",
                    "id": format!("{}_{}", guid(rng).simple(), i),
                    "displayName": name,
                    "description": "",
                    "requiresUserAuthentication": i == 0,
                    "configurationEndpointUrl": "https://appleconfigurator2.manage.microsoft.com/MDMServiceConfig?id=",
                    "enableAuthenticationViaCompanyPortal": i == 0,
                    "requireCompanyPortalOnSetupAssistantEnrolledDevices": false,
                    "isDefault": i == 0,
                    "supervisedModeEnabled": true,
                    "supportDepartment": "IT Service Desk",
                    "isMandatory": true,
                    "locationServicesSetupPaneDisabled": false,
                    "privacyPaneDisabled": true,
                    "restoreBlocked": true,
                    "appleIdDisabled": i != 0,
                    "termsAndConditionsDisabled": true,
                    "touchIdDisabled": false,
                    "siriDisabled": true,
                    "deviceNameTemplate": "{{SERIAL}}",
                    "enableSharedIPad": i == 1
                })
            })
            .collect();
        let mut navs = BTreeMap::new();
        navs.insert("enrollmentProfiles".to_owned(), profiles);
        dep.push(SimObject::new(
            into_map(json!({
                "id": guid(rng).to_string(),
                "appleIdentifier": format!("abm-admin@{domain}"),
                "tokenExpirationDateTime": expires,
                "lastModifiedDateTime": time(rng),
                "lastSuccessfulSyncDateTime": time(rng),
                "lastSyncTriggeredDateTime": time(rng),
                "shareTokenWithSchoolDataSyncService": false,
                "lastSyncErrorCode": 0,
                "tokenType": "dep",
                "tokenName": "Apple Business Manager",
                "syncedDeviceCount": rng.gen_range(10..400),
                "dataSharingConsentGranted": true,
                "roleScopeTagIds": ["0"]
            })),
            navs,
        ));
    }
    let apns = if index % 3 != 2 {
        vec![object(json!({
            "id": guid(rng).to_string(),
            "appleIdentifier": format!("mdm-push@{domain}"),
            "topicIdentifier": format!("com.apple.mgmt.External.{}", guid(rng)),
            "lastModifiedDateTime": time(rng),
            "expirationDateTime": rfc3339(created_and_modified(rng).1),
            "certificateUploadStatus": null,
            "certificateUploadFailureReason": null,
            "certificateSerialNumber": format!("{:016X}", rng.gen::<u64>()),
            "certificate": null
        }))]
    } else {
        Vec::new()
    };
    let bound = index % 2 == 0;
    let google_play = vec![object(json!({
        "id": "androidManagedStoreAccountEnterpriseSettings",
        "bindStatus": if bound { "bound" } else { "notBound" },
        "lastAppSyncDateTime": time(rng),
        "lastAppSyncStatus": if bound { "success" } else { "notSynced" },
        "ownerUserPrincipalName": if bound { format!("android-admin@{domain}") } else { String::new() },
        "ownerOrganizationName": if bound { domain.to_owned() } else { String::new() },
        "lastModifiedDateTime": time(rng),
        "enrollmentTarget": "targetedAsEnrollmentRestrictions",
        "targetGroupIds": [],
        "deviceOwnerManagementEnabled": bound,
        "androidDeviceOwnerFullyManagedEnrollmentEnabled": bound,
        "companyCodes": []
    }))];
    let settings = vec![object(json!({
        "id": "settings",
        "deviceComplianceCheckinThresholdDays": 30,
        "isScheduledActionEnabled": true,
        "secureByDefault": index % 2 == 0,
        "enhancedJailBreak": false,
        "deviceInactivityBeforeRetirementInDay": 0,
        "derivedCredentialProvider": "notConfigured",
        "derivedCredentialUrl": null,
        "androidDeviceAdministratorEnrollmentEnabled": false,
        "ignoreDevicesForUnsupportedSettingsEnabled": false,
        "enableLogCollection": true,
        "enableAutopilotDiagnostics": true,
        "enableEnhancedTroubleshootingExperience": false,
        "enableDeviceGroupMembershipReport": false
    }))];
    vec![
        ("deviceManagement/applePushNotificationCertificate", apns),
        (
            "deviceManagement/androidManagedStoreAccountEnterpriseSettings",
            google_play,
        ),
        ("deviceManagement/settings", settings),
        ("deviceManagement/complianceManagementPartners", compliance),
        ("deviceManagement/deviceManagementPartners", management),
        ("deviceManagement/remoteAssistancePartners", remote),
        ("deviceAppManagement/vppTokens", vpp),
        ("deviceManagement/depOnboardingSettings", dep),
    ]
}
