//! A real Intune backup tool against the simulated cloud: IntuneCD (from PyPI, unmodified,
//! pinned in `scripts/test-clients.txt`) backs up a generated tenant as it would back up a real
//! one. It only knows `https://login.microsoftonline.com` and `https://graph.microsoft.com`: a
//! CONNECT proxy in the test process (`atlas_testkit::ConnectProxy`) routes those names to the
//! simulator, whose HTTPS certificate is issued for them by a CA the client is told to trust
//! (`REQUESTS_CA_BUNDLE`). Its token comes from MSAL, unmodified, with the client secret.
//!
//! Every folder IntuneCD writes must hold as many objects as the simulator holds of that type
//! (by IntuneCD's own rules: which partners count as set up, which roles are built in, which
//! apps it lists), and its log must have no error and no refused request.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_testkit::python::{
    client_python, intunecd_backup, run_bounded, ChildRun, IntuneCdTenant,
};
use atlas_testkit::ConnectProxy;
use serde_json::Value;

const HOSTS: [&str; 2] = ["login.microsoftonline.com", "graph.microsoft.com"];

async fn simulator(policies: usize) -> RunningSimulator {
    Simulator::start(SimulatorConfig {
        seed: 7,
        tenants: 1,
        policies_per_tenant: policies,
        throttle: ThrottleMode::Off,
        tls: true,
        tls_names: HOSTS.iter().map(|h| h.to_string()).collect(),
        ..Default::default()
    })
    .await
    .expect("the simulator starts with TLS")
}

/// Files IntuneCD wrote per top folder (a platform or template folder below `Applications` and
/// `Management Intents` counts for its parent); script bodies and its report are left out.
fn files_by_folder(root: &Path) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for file in atlas_testkit::files_under(root) {
        let folder = file.parent().unwrap().strip_prefix(root).unwrap();
        let folder = folder.to_string_lossy().into_owned();
        if folder.ends_with("Script Data") || folder.starts_with("Assignment Report") {
            continue;
        }
        let folder = match folder.split_once('/') {
            Some((top @ ("Applications" | "Management Intents"), _)) => top.to_owned(),
            _ => folder,
        };
        *counts.entry(folder).or_default() += 1;
    }
    counts
}

/// What IntuneCD should write for the simulator's tenant 0, by folder.
fn expected(sim: &RunningSimulator) -> BTreeMap<String, usize> {
    let data = sim.cloud().tenants()[0].data.read().unwrap();
    let objects = |path: &str| {
        data.collection(path)
            .iter()
            .map(|o| Value::Object(o.body.clone()))
            .collect::<Vec<_>>()
    };
    let count = |path: &str| data.collection(path).len();
    let count_where = |path: &str, keep: &dyn Fn(&Value) -> bool| {
        objects(path).iter().filter(|o| keep(o)).count()
    };
    let esp = |o: &Value| {
        o["@odata.type"] == "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration"
    };
    // IntuneCD's app list: `(microsoft.graph.managedApp/appAvailability) eq null or … eq
    // 'lineOfBusiness' or isAssigned eq true`.
    let listed_app = |o: &Value| {
        let managed = o["@odata.type"]
            .as_str()
            .is_some_and(|t| t.starts_with("#microsoft.graph.managed"));
        !managed || o["appAvailability"] == "lineOfBusiness" || o["isAssigned"] == true
    };
    let apple_profiles: usize = data
        .collection("deviceManagement/depOnboardingSettings")
        .iter()
        .map(|d| d.navs.get("enrollmentProfiles").map_or(0, Vec::len))
        .sum();
    let dm = "deviceManagement";
    let entries: Vec<(&str, usize)> = vec![
        (
            "Settings Catalog",
            count("deviceManagement/configurationPolicies"),
        ),
        (
            "Device Configurations",
            count("deviceManagement/deviceConfigurations"),
        ),
        (
            "Compliance Policies/Policies",
            count("deviceManagement/deviceCompliancePolicies")
                + count("deviceManagement/compliancePolicies"),
        ),
        (
            "Compliance Policies/Scripts",
            count("deviceManagement/deviceComplianceScripts")
                + count("deviceManagement/reusablePolicySettings"),
        ),
        (
            "Compliance Policies/Message Templates",
            count("deviceManagement/notificationMessageTemplates"),
        ),
        (
            "Group Policy Configurations",
            count("deviceManagement/groupPolicyConfigurations"),
        ),
        (
            "Scripts/Powershell",
            count("deviceManagement/deviceManagementScripts"),
        ),
        (
            "Scripts/Shell",
            count("deviceManagement/deviceShellScripts"),
        ),
        (
            "Proactive Remediations",
            count("deviceManagement/deviceHealthScripts"),
        ),
        (
            "Custom Attributes",
            count("deviceManagement/deviceCustomAttributeShellScripts"),
        ),
        (
            "App Protection",
            [
                "iosManagedAppProtections",
                "androidManagedAppProtections",
                "mdmWindowsInformationProtectionPolicies",
                "targetedManagedAppConfigurations",
            ]
            .iter()
            .map(|c| count(&format!("deviceAppManagement/{c}")))
            .sum(),
        ),
        (
            "App Configuration",
            count("deviceAppManagement/mobileAppConfigurations"),
        ),
        (
            "Applications",
            count_where("deviceAppManagement/mobileApps", &listed_app),
        ),
        (
            "Enrollment Configurations",
            count_where("deviceManagement/deviceEnrollmentConfigurations", &|o| {
                !esp(o)
            }),
        ),
        (
            "Enrollment Profiles/Windows/ESP",
            count_where("deviceManagement/deviceEnrollmentConfigurations", &esp),
        ),
        (
            "Enrollment Profiles/Windows",
            count("deviceManagement/windowsAutopilotDeploymentProfiles"),
        ),
        ("Enrollment Profiles/Apple", apple_profiles),
        (
            "Feature Updates",
            count("deviceManagement/windowsFeatureUpdateProfiles"),
        ),
        (
            "Quality Updates",
            count("deviceManagement/windowsQualityUpdateProfiles"),
        ),
        (
            "Driver Updates",
            count("deviceManagement/windowsDriverUpdateProfiles"),
        ),
        ("Filters", count("deviceManagement/assignmentFilters")),
        ("Scope Tags", count("deviceManagement/roleScopeTags")),
        (
            "Roles",
            count_where("deviceManagement/roleDefinitions", &|o| {
                o["isBuiltIn"] != true
            }),
        ),
        (
            "Conditional Access",
            count("identity/conditionalAccess/policies"),
        ),
        (
            "Device Categories",
            count("deviceManagement/deviceCategories"),
        ),
        ("Management Intents", count("deviceManagement/intents")),
        (
            "Partner Connections/Compliance",
            count_where("deviceManagement/complianceManagementPartners", &|o| {
                o["partnerState"] != "unknown"
            }),
        ),
        (
            "Partner Connections/Management",
            count_where("deviceManagement/deviceManagementPartners", &|o| {
                o["isConfigured"] != false
            }),
        ),
        (
            "Partner Connections/Remote Assistance",
            count_where("deviceManagement/remoteAssistancePartners", &|o| {
                o["onboardingStatus"] != "notOnboarded"
            }),
        ),
        ("Apple VPP Tokens", count("deviceAppManagement/vppTokens")),
        (
            "Apple Push Notification",
            count(&format!("{dm}/applePushNotificationCertificate")),
        ),
        (
            "Managed Google Play",
            count(&format!(
                "{dm}/androidManagedStoreAccountEnterpriseSettings"
            )),
        ),
        (
            "Device Management Settings",
            count(&format!("{dm}/settings")),
        ),
    ];
    entries
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(folder, n)| (folder.to_owned(), n))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intunecd_backs_up_every_type_with_the_simulators_counts_and_no_error() {
    client_python("IntuneCD");
    let sim = simulator(300).await;
    let proxy = ConnectProxy::start(&HOSTS, sim.addr()).await.unwrap();
    let tenant = &sim.credentials()[0];
    let out = tempfile::tempdir().unwrap();
    let command = intunecd_backup(
        out.path(),
        "json",
        &[],
        &IntuneCdTenant {
            tenant_id: &tenant.tenant_id.to_string(),
            client_id: &tenant.client_id.to_string(),
            client_secret: &tenant.client_secret,
            proxy_url: &proxy.url(),
            ca_pem: sim.ca_pem_path().unwrap(),
        },
    );
    let ChildRun {
        success,
        stdout,
        stderr,
    } = run_bounded(command, Duration::from_secs(300)).await;
    assert!(success, "IntuneCD failed:\n{stdout}\n{stderr}");
    let complaints: Vec<&str> = stdout
        .lines()
        .chain(stderr.lines())
        .filter(|l| {
            l.contains("[ERROR]") || l.contains("Request failed") || l.contains("Traceback")
        })
        .collect();
    assert!(
        complaints.is_empty(),
        "IntuneCD logged errors:\n{}",
        complaints.join("\n")
    );
    assert!(
        proxy.refused().is_empty(),
        "tried to reach {:?}",
        proxy.refused()
    );
    assert_eq!(
        proxy.tunnels().get("login.microsoftonline.com"),
        Some(&1),
        "one token"
    );

    let written = files_by_folder(out.path());
    let expected = expected(&sim);
    assert!(
        expected.len() >= 30,
        "the tenant holds every type: {expected:?}"
    );
    assert_eq!(
        written, expected,
        "IntuneCD's files against the simulator's objects"
    );
}
