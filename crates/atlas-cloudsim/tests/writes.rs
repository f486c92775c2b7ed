//! The writes restore needs (create, update, replace, delete, assign) over real HTTP, and
//! paging that stays exact while objects are added and deleted between pages.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use atlas_cloudsim::ThrottleMode;
use common::{assert_graph_error, ids, url_of, Harness};
use reqwest::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;

#[tokio::test]
async fn create_read_update_replace_and_delete_a_settings_catalog_policy() {
    let h = Harness::start(20, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let collection = url_of("settings_catalog");
    let created = h
        .send(
            Method::POST,
            &collection,
            Some(&token),
            Some(
                &json!({
                    "id": "ignored",
                    "name": "Restored baseline",
                    "description": "from a backup",
                    "platforms": "windows10",
                    "technologies": "mdm",
                    "settings": [
                        {"settingInstance": {"settingDefinitionId": "a", "choiceSettingValue": {"value": "a_1"}}},
                        {"settingInstance": {"settingDefinitionId": "b", "choiceSettingValue": {"value": "b_0"}}}
                    ]
                })
                .to_string(),
            ),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert!(Uuid::parse_str(&id).is_ok(), "{id}");
    assert!(created.body["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("deviceManagement/configurationPolicies/$entity"));
    assert_eq!(
        created.headers["location"].to_str().unwrap(),
        h.url(&format!("{collection}/{id}"))
    );
    let created_at = created.body["createdDateTime"].clone();
    assert_eq!(created_at, created.body["lastModifiedDateTime"]);
    assert!(
        created.body.get("settings").is_none(),
        "navigations are not inline"
    );

    let settings = h.all(&format!("{collection}/{id}/settings"), &token).await;
    assert_eq!(ids(&settings), vec!["0", "1"]);
    assert!(h
        .all(&collection, &token)
        .await
        .iter()
        .any(|p| p["id"] == id.as_str()));

    h.clock.advance(Duration::from_secs(60));
    let patched = h
        .send(
            Method::PATCH,
            &format!("{collection}/{id}"),
            Some(&token),
            Some(r#"{"name":"Renamed","createdDateTime":"2000-01-01T00:00:00Z"}"#),
        )
        .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT);
    let read = h.get(&format!("{collection}/{id}"), &token).await.body;
    assert_eq!(read["name"], "Renamed");
    assert_eq!(read["description"], "from a backup", "PATCH merges");
    assert_eq!(read["createdDateTime"], created_at, "server-managed");
    assert_ne!(read["lastModifiedDateTime"], created_at);

    let replaced = h
        .send(
            Method::PUT,
            &format!("{collection}/{id}"),
            Some(&token),
            Some(r#"{"name":"Replaced","platforms":"macOS","settings":[]}"#),
        )
        .await;
    assert_eq!(replaced.status, StatusCode::NO_CONTENT);
    let read = h.get(&format!("{collection}/{id}"), &token).await.body;
    assert_eq!(read["name"], "Replaced");
    assert!(read.get("description").is_none(), "PUT replaces");
    assert_eq!(read["createdDateTime"], created_at);
    assert!(h
        .all(&format!("{collection}/{id}/settings"), &token)
        .await
        .is_empty());

    let deleted = h
        .send(
            Method::DELETE,
            &format!("{collection}/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    for method in [Method::GET, Method::DELETE, Method::PATCH] {
        let body = (method == Method::PATCH).then_some("{}");
        let gone = h
            .send(
                method.clone(),
                &format!("{collection}/{id}"),
                Some(&token),
                body,
            )
            .await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND, "{method}");
        assert_graph_error(&gone.body, "ResourceNotFound");
    }
}

#[tokio::test]
async fn polymorphic_collections_need_a_valid_odata_type_and_versions_move() {
    let h = Harness::start(20, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let collection = url_of("device_configuration");
    for (body, fragment) in [
        (json!({"displayName": "x"}), "required"),
        (
            json!({"@odata.type": "#microsoft.graph.iosCompliancePolicy", "displayName": "x"}),
            "not assignable",
        ),
        (
            json!({"@odata.type": "#microsoft.graph.madeUp", "displayName": "x"}),
            "could not be resolved",
        ),
    ] {
        let refused = h
            .send(
                Method::POST,
                &collection,
                Some(&token),
                Some(&body.to_string()),
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{body}");
        assert_graph_error(&refused.body, "BadRequest");
        assert!(
            refused.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains(fragment),
            "{}",
            refused.body
        );
    }
    let created = h
        .send(
            Method::POST,
            &collection,
            Some(&token),
            Some(r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","displayName":"Restrictions","passwordRequired":true,"version":77}"##),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["version"], 1, "the service numbers versions");
    let id = created.body["id"].as_str().unwrap();
    let patched = h
        .send(
            Method::PATCH,
            &format!("{collection}/{id}"),
            Some(&token),
            Some(r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","passwordRequired":false}"##),
        )
        .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT);
    let read = h.get(&format!("{collection}/{id}"), &token).await.body;
    assert_eq!(
        (read["version"].clone(), read["passwordRequired"].clone()),
        (json!(2), json!(false))
    );
    let wrong_type = h
        .send(
            Method::PATCH,
            &format!("{collection}/{id}"),
            Some(&token),
            Some(r##"{"@odata.type":"#microsoft.graph.macOSGeneralDeviceConfiguration"}"##),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);

    // The shared collection's filter sees the new object as a device configuration.
    let filtered = h
        .all(
            &format!("{collection}?$filter=not isof('microsoft.graph.windowsUpdateForBusinessConfiguration')"),
            &token,
        )
        .await;
    assert!(filtered.iter().any(|o| o["id"] == *id));
}

#[tokio::test]
async fn malformed_and_non_object_bodies_are_refused_with_graphs_shape() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let collection = url_of("assignment_filter");
    for body in ["{\"displayName\":", "[1,2]", ""] {
        let refused = h
            .send(Method::POST, &collection, Some(&token), Some(body))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_graph_error(&refused.body, "BadRequest");
    }
    let unauthenticated = h.send(Method::POST, &collection, None, Some("{}")).await;
    assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn assign_replaces_assignments_with_each_actions_parameter_and_answer() {
    let h = Harness::start(40, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let group = h.all("/v1.0/groups", &token).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let target = json!({"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": group});

    let policies = url_of("settings_catalog");
    let policy = h.all(&policies, &token).await[1]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let assigned = h
        .send(
            Method::POST,
            &format!("{policies}/{policy}/assign"),
            Some(&token),
            Some(&json!({"assignments": [{"@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicyAssignment", "target": target}]}).to_string()),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_eq!(
        assigned.body["value"][0]["id"],
        format!("{policy}_{group}").as_str()
    );
    let listed = h
        .all(&format!("{policies}/{policy}/assignments"), &token)
        .await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["target"]["groupId"], group.as_str());
    assert!(listed[0].get("@odata.type").is_none());
    let read = h.get(&format!("{policies}/{policy}"), &token).await.body;
    assert_eq!(read["isAssigned"], true);

    let scripts = url_of("powershell_script");
    let script = h.all(&scripts, &token).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong_parameter = h
        .send(
            Method::POST,
            &format!("{scripts}/{script}/assign"),
            Some(&token),
            Some(&json!({"assignments": []}).to_string()),
        )
        .await;
    assert_eq!(wrong_parameter.status, StatusCode::BAD_REQUEST);
    let assigned = h
        .send(
            Method::POST,
            &format!("{scripts}/{script}/assign"),
            Some(&token),
            Some(&json!({"deviceManagementScriptAssignments": [{"target": target}, {"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}]}).to_string()),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::NO_CONTENT);
    let expanded = h
        .get(&format!("{scripts}/{script}?$expand=assignments"), &token)
        .await
        .body;
    assert_eq!(expanded["assignments"].as_array().unwrap().len(), 2);

    // Collections without assignments have no assign action; unknown objects are 404.
    let no_action = h
        .send(
            Method::POST,
            &format!("/v1.0/groups/{group}/assign"),
            Some(&token),
            Some(r#"{"assignments":[]}"#),
        )
        .await;
    assert_eq!(no_action.status, StatusCode::BAD_REQUEST);
    assert_graph_error(&no_action.body, "BadRequest");
    let missing = h
        .send(
            Method::POST,
            &format!("{policies}/{}/assign", Uuid::new_v4()),
            Some(&token),
            Some(r#"{"assignments":[]}"#),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn writes_are_limited_to_100_per_20_seconds() {
    let h = Harness::start(10, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let collection = url_of("scope_tag");
    for i in 0..100 {
        let created = h
            .send(
                Method::POST,
                &collection,
                Some(&token),
                Some(&json!({"displayName": format!("Tag {i}")}).to_string()),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "write {i}");
    }
    let refused = h
        .send(
            Method::POST,
            &collection,
            Some(&token),
            Some(r#"{"displayName":"x"}"#),
        )
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers.contains_key("retry-after"));
    assert_eq!(
        h.get(&collection, &token).await.status,
        StatusCode::OK,
        "reads still have room"
    );
    let tags = h.all(&collection, &token).await;
    let numbers: HashSet<&str> = tags.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), tags.len(), "scope tag ids stay unique");
    let stats = h.sim.stats();
    let counts = stats.tenant(h.tenant(0).tenant_id).unwrap();
    assert_eq!((counts.writes, counts.throttled), (100, 1));
    h.clock.advance(Duration::from_secs(20));
    let again = h
        .send(
            Method::POST,
            &collection,
            Some(&token),
            Some(r#"{"displayName":"y"}"#),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
}

#[tokio::test]
async fn paging_never_skips_or_repeats_an_unchanged_object_when_objects_come_and_go() {
    let h = Harness::start(300, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let collection = url_of("settings_catalog");
    let before = ids(&h.all(&collection, &token).await);
    assert!(before.len() > 40, "{}", before.len());

    let first = h.get(&format!("{collection}?$top=10"), &token).await.body;
    let mut seen = ids(first["value"].as_array().unwrap());
    let mut next = first["@odata.nextLink"].as_str().map(str::to_owned);
    // Between pages: delete served and unserved objects, add new ones.
    let deleted = [before[3].clone(), before[10].clone(), before[25].clone()];
    for id in &deleted {
        let gone = h
            .send(
                Method::DELETE,
                &format!("{collection}/{id}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT);
    }
    let mut added = Vec::new();
    for i in 0..3 {
        let created = h
            .send(
                Method::POST,
                &collection,
                Some(&token),
                Some(&json!({"name": format!("New {i}")}).to_string()),
            )
            .await;
        added.push(created.body["id"].as_str().unwrap().to_owned());
    }
    while let Some(url) = next {
        let page = h.get(&url, &token).await.body;
        seen.extend(ids(page["value"].as_array().unwrap()));
        next = page["@odata.nextLink"].as_str().map(str::to_owned);
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no object is served twice");
    for id in before.iter().filter(|id| !deleted.contains(id)) {
        assert!(unique.contains(id), "{id} was skipped");
    }
    for id in &deleted[1..] {
        assert!(!unique.contains(id), "deleted {id} was served");
    }
    for id in &added {
        assert!(unique.contains(id), "objects added at the end are reached");
    }
    let skip_token_of_a_list = h.get(&format!("{collection}?$top=10"), &token).await.body
        ["@odata.nextLink"]
        .as_str()
        .unwrap()
        .split("$skiptoken=")
        .nth(1)
        .unwrap()
        .to_owned();
    let settings_with_it = h
        .get(
            &format!(
                "{collection}/{}/settings?$skiptoken={skip_token_of_a_list}",
                before[0]
            ),
            &token,
        )
        .await;
    assert_eq!(settings_with_it.status, StatusCode::BAD_REQUEST);
    assert_graph_error(&settings_with_it.body, "BadRequest");
}
