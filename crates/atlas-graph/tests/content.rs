//! Reading whole types from the simulated cloud: listings and full content (details and
//! assignments through `$batch`), truthful about what could not be read, and secrets stripped.

mod support;

use atlas_cloudsim::ThrottleMode;
use atlas_graph::{Depth, ObjectType, CATALOG, SECRET_MARKER};
use serde_json::Value;
use support::{client, credentials, simulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_read_returns_every_object_with_details_and_assignments() {
    let sim = simulator(None, ThrottleMode::Off, 120).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let types: Vec<&'static ObjectType> = CATALOG.iter().collect();
    let reads = graph.read_types(&creds, &types, Depth::Full).await;
    let tenant = &sim.cloud().tenants()[0];
    let data = tenant.data.read().unwrap().clone();
    assert_eq!(reads.len(), CATALOG.len(), "one read per type");
    for read in &reads {
        let ty = read.object_type;
        assert!(
            read.complete(),
            "{}: {:?} {:?}",
            ty.key,
            read.list_error,
            read.failures
        );
        let in_cloud = data
            .collection(ty.path)
            .iter()
            .filter(|o| match ty.filter {
                Some(f) if f.starts_with("not ") => {
                    !f.contains(o.odata_type().unwrap_or("-").trim_start_matches('#'))
                }
                Some(f) => f.contains(o.odata_type().unwrap_or("-").trim_start_matches('#')),
                None => true,
            })
            .count();
        assert_eq!(read.objects.len(), in_cloud, "{}", ty.key);
        assert_eq!(read.listed, in_cloud, "{}", ty.key);
        for object in &read.objects {
            assert!(!object.display_name.is_empty(), "{}", ty.key);
            if ty.assignments_collection.is_some()
                || ty.expand.is_some_and(|e| e.contains("assignments"))
            {
                assert!(
                    object
                        .content
                        .get("assignments")
                        .is_some_and(Value::is_array),
                    "{} has assignments",
                    ty.key
                );
            }
        }
    }
    // Each has as many objects as the cloud holds (checked above); the seed gives it some.
    let settings_catalog = reads
        .iter()
        .find(|r| r.object_type.key == "settings_catalog")
        .unwrap();
    assert!(!settings_catalog.objects.is_empty());
    assert!(settings_catalog
        .objects
        .iter()
        .all(|o| o.content["settings"]
            .as_array()
            .is_some_and(|s| !s.is_empty())));
    let admx = reads
        .iter()
        .find(|r| r.object_type.key == "administrative_template")
        .unwrap();
    assert!(!admx.objects.is_empty());
    assert!(admx
        .objects
        .iter()
        .all(|o| o.content.get("definitionValues").is_some()));
    let oma = reads
        .iter()
        .find(|r| r.object_type.key == "device_configuration")
        .unwrap();
    // The seed gives the tenant custom (OMA-URI) profiles with encrypted values.
    let secrets_in_cloud: Vec<&str> = data
        .collection(oma.object_type.path)
        .iter()
        .flat_map(|o| o.body.get("omaSettings").and_then(Value::as_array))
        .flatten()
        .filter(|s| s["isEncrypted"] == true)
        .flat_map(|s| [&s["value"], &s["secretReferenceValueId"]])
        .filter_map(Value::as_str)
        .collect();
    assert!(
        !secrets_in_cloud.is_empty(),
        "the seed encrypts some OMA values"
    );
    let text =
        serde_json::to_string(&oma.objects.iter().map(|o| &o.content).collect::<Vec<_>>()).unwrap();
    assert!(text.contains("omaSettings"), "custom profiles are read");
    assert!(
        text.contains(SECRET_MARKER),
        "encrypted OMA values are replaced"
    );
    for secret in secrets_in_cloud {
        assert!(!text.contains(secret), "{secret} was not stripped");
    }
    assert_eq!(graph.stats().throttled, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_read_skips_per_object_requests() {
    let sim = simulator(None, ThrottleMode::Off, 60).await;
    let graph = client(&sim, |_| {});
    let creds = credentials(&sim, 0);
    let ty = ObjectType::find("settings_catalog").unwrap();
    let read = graph.read_type(&creds, ty, Depth::Listing).await;
    assert!(read.complete());
    assert!(!read.objects.is_empty());
    assert!(read
        .objects
        .iter()
        .all(|o| o.content.get("settings").is_none()));
    assert_eq!(graph.stats().batches, 0);
    assert!(
        read.objects.iter().all(|o| o.platform.is_some()),
        "settings catalog names its platform"
    );
}

/// Graph pages a policy's settings by 100: a 230-setting settings catalog policy is read to
/// its last page, not cut at the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_with_more_settings_than_a_page_is_read_whole() {
    let sim = simulator(None, ThrottleMode::Off, 10).await;
    let ty = ObjectType::find("settings_catalog").unwrap();
    let id = "0f1e2d3c-0000-4000-8000-000000000230";
    let settings: Vec<Value> = (0..230)
        .map(|i| {
            serde_json::json!({
                "id": i.to_string(),
                "settingInstance": {
                    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
                    "settingDefinitionId": format!("device_vendor_msft_policy_config_setting{i}"),
                    "choiceSettingValue": { "value": format!("device_vendor_msft_policy_config_setting{i}_1") }
                }
            })
        })
        .collect();
    let body = serde_json::json!({
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
        "id": id,
        "name": "WIN - SC - Everything",
        "platforms": "windows10",
        "technologies": "mdm",
        "settingCount": 230,
    });
    let navs = [
        ("settings".to_owned(), settings),
        ("assignments".to_owned(), vec![]),
    ]
    .into_iter()
    .collect();
    sim.cloud().tenants()[0].data.write().unwrap().push(
        ty.path,
        atlas_cloudsim::SimObject::new(body.as_object().unwrap().clone(), navs),
    );
    let graph = client(&sim, |_| {});
    let read = graph
        .read_types(&credentials(&sim, 0), &[ty], Depth::Full)
        .await
        .remove(0);
    assert!(read.complete(), "{:?}", read.failures);
    let policy = read.objects.iter().find(|o| o.id == id).unwrap();
    assert_eq!(
        policy.content["settings"].as_array().unwrap().len(),
        230,
        "every page of its settings"
    );
}

/// A singleton (one object at a fixed path) is read whole; one the tenant has not set up
/// answers 404, which is an empty, complete read rather than a failure.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn singletons_are_read_whole_and_absent_ones_are_empty_not_failed() {
    let sim = simulator(None, ThrottleMode::Off, 20).await;
    let graph = client(&sim, |_| {});
    let apns = ObjectType::find("apple_push_certificate").unwrap();
    let settings = ObjectType::find("intune_settings").unwrap();

    let read = graph
        .read_type(&credentials(&sim, 0), apns, Depth::Full)
        .await;
    assert!(read.complete(), "{:?}", read.list_error);
    assert_eq!(read.objects.len(), 1);
    assert!(read.objects[0].display_name.starts_with("mdm-push@"));
    let read = graph
        .read_type(&credentials(&sim, 0), settings, Depth::Full)
        .await;
    assert_eq!(read.objects.len(), 1);
    assert_eq!(
        read.objects[0].id, "intune_settings",
        "named by its type: it has no id"
    );
    assert_eq!(
        read.objects[0].content["deviceComplianceCheckinThresholdDays"],
        30
    );

    {
        let tenant = &sim.cloud().tenants()[1];
        let mut data = tenant.data.write().unwrap();
        let id = data.collection(apns.path)[0].id().to_owned();
        data.remove(apns.path, &id);
    }
    let read = graph
        .read_type(&credentials(&sim, 1), apns, Depth::Full)
        .await;
    assert!(
        read.complete() && read.failures.is_empty(),
        "{:?}",
        read.list_error
    );
    assert!(read.objects.is_empty());
}
