//! The simulator over real HTTP on loopback, as a Microsoft client sees it.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use atlas_cloudsim::{
    ManualClock, RunningSimulator, Simulator, SimulatorConfig, TenantCredentials, ThrottleMode,
};
use atlas_domain::normalize::content_hash;
use atlas_graph::ObjectType;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::Value;

struct Harness {
    sim: RunningSimulator,
    http: reqwest::Client,
    clock: ManualClock,
}

impl Harness {
    async fn start(policies: usize, throttle: ThrottleMode) -> Self {
        let clock = ManualClock::starting_now();
        let sim = Simulator::start(SimulatorConfig {
            seed: 42,
            tenants: 2,
            policies_per_tenant: policies,
            throttle,
            clock: Arc::new(clock.clone()),
            ..SimulatorConfig::default()
        })
        .await
        .expect("the simulator starts");
        Self {
            sim,
            http: reqwest::Client::new(),
            clock,
        }
    }

    fn tenant(&self, index: usize) -> TenantCredentials {
        self.sim.credentials()[index].clone()
    }

    async fn token_response(&self, tenant: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!(
                "{}/{tenant}/oauth2/v2.0/token",
                self.sim.base_url()
            ))
            .form(form)
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn token(&self, index: usize) -> String {
        let t = self.tenant(index);
        let (status, body) = self
            .token_response(
                &t.tenant_id.to_string(),
                &[
                    ("grant_type", "client_credentials"),
                    ("client_id", &t.client_id.to_string()),
                    ("client_secret", &t.client_secret),
                    ("scope", "https://graph.microsoft.com/.default"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access_token"].as_str().unwrap().to_owned()
    }

    async fn get_with(
        &self,
        url: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, Value) {
        let url = if url.starts_with("http") {
            url.to_owned()
        } else {
            format!("{}{url}", self.sim.base_url())
        };
        let mut request = self.http.get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let response = request.send().await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        let text = response.text().await.unwrap();
        (
            status,
            headers,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn get(&self, url: &str, token: &str) -> Value {
        let (status, _, body) = self.get_with(url, Some(token), &[]).await;
        assert_eq!(status, StatusCode::OK, "{url}: {body}");
        body
    }

    /// Every item of a collection, following `@odata.nextLink`.
    async fn all(&self, url: &str, token: &str) -> (Vec<Value>, usize) {
        let (mut items, mut pages, mut next) = (Vec::new(), 0, Some(url.to_owned()));
        while let Some(url) = next {
            let body = self.get(&url, token).await;
            pages += 1;
            items.extend(body["value"].as_array().unwrap().iter().cloned());
            next = body["@odata.nextLink"].as_str().map(str::to_owned);
        }
        (items, pages)
    }
}

fn url_of(key: &str) -> String {
    format!("/{}", ObjectType::find(key).unwrap().collection_url())
}

fn assert_graph_error(body: &Value, code: &str) {
    let error = &body["error"];
    assert_eq!(error["code"], code, "{body}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    for field in ["date", "request-id", "client-request-id"] {
        assert!(
            error["innerError"][field]
                .as_str()
                .is_some_and(|v| !v.is_empty()),
            "{field} in {body}"
        );
    }
}

#[tokio::test]
async fn a_client_gets_a_token_by_tenant_id_or_domain() {
    let h = Harness::start(25, ThrottleMode::Off).await;
    let t = h.tenant(0);
    for tenant in [t.tenant_id.to_string(), t.primary_domain.to_uppercase()] {
        let (status, body) = h
            .token_response(
                &tenant,
                &[
                    ("grant_type", "client_credentials"),
                    ("client_id", &t.client_id.to_string()),
                    ("client_secret", &t.client_secret),
                    ("scope", "https://graph.microsoft.com/.default"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["token_type"], "Bearer");
        assert!(body["expires_in"].as_i64().unwrap() > 3000);
        assert!(body["ext_expires_in"].as_i64().is_some());
        let token = body["access_token"].as_str().unwrap();
        assert_eq!(token.split('.').count(), 3);
    }
}

/// Tenant, form, expected status, `error` and AADSTS code.
type TokenCase = (
    String,
    Vec<(&'static str, String)>,
    StatusCode,
    &'static str,
    u64,
);

#[tokio::test]
async fn token_errors_have_entras_shape_and_codes() {
    let h = Harness::start(25, ThrottleMode::Off).await;
    let t = h.tenant(0);
    let other = h.tenant(1);
    let (id, client, secret) = (
        t.tenant_id.to_string(),
        t.client_id.to_string(),
        t.client_secret.clone(),
    );
    let scope = "https://graph.microsoft.com/.default";
    let cases: Vec<TokenCase> = vec![
        (
            "nowhere.onmicrosoft.com".into(),
            vec![
                ("grant_type", "client_credentials".into()),
                ("client_id", client.clone()),
                ("client_secret", secret.clone()),
                ("scope", scope.into()),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90002,
        ),
        (
            id.clone(),
            vec![
                ("grant_type", "client_credentials".into()),
                ("client_id", other.client_id.to_string()),
                ("client_secret", secret.clone()),
                ("scope", scope.into()),
            ],
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
        ),
        (
            id.clone(),
            vec![
                ("grant_type", "client_credentials".into()),
                ("client_id", client.clone()),
                ("client_secret", "wrong~secret".into()),
                ("scope", scope.into()),
            ],
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000215,
        ),
        (
            id.clone(),
            vec![
                ("grant_type", "client_credentials".into()),
                ("client_id", client.clone()),
                ("client_secret", secret.clone()),
                ("scope", "https://management.azure.com/.default".into()),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            70011,
        ),
        (
            id.clone(),
            vec![
                ("grant_type", "password".into()),
                ("client_id", client.clone()),
                ("client_secret", secret.clone()),
                ("scope", scope.into()),
            ],
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
        ),
        (
            id.clone(),
            vec![("client_id", client.clone())],
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
        ),
    ];
    for (tenant, form, status, error, code) in cases {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (got, body) = h.token_response(&tenant, &form).await;
        assert_eq!(got, status, "{body}");
        assert_eq!(body["error"], error, "{body}");
        assert_eq!(body["error_codes"], serde_json::json!([code]));
        assert!(body["error_description"]
            .as_str()
            .unwrap()
            .starts_with(&format!("AADSTS{code}:")));
        for field in ["timestamp", "trace_id", "correlation_id"] {
            assert!(
                body[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field}: {body}"
            );
        }
        assert!(body.get("access_token").is_none());
    }
}

#[tokio::test]
async fn graph_refuses_missing_forged_and_expired_tokens_with_graphs_shape() {
    let h = Harness::start(25, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let url = url_of("group");
    let (status, _, body) = h.get_with(&url, None, &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_graph_error(&body, "InvalidAuthenticationToken");

    // A token signed by another simulator instance is a forgery here.
    let other = Harness::start(25, ThrottleMode::Off).await;
    let foreign = other.token(0).await;
    let (status, _, body) = h.get_with(&url, Some(&foreign), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_graph_error(&body, "InvalidAuthenticationToken");
    let (status, _, _) = h.get_with(&url, Some(&format!("{token}x")), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    assert_eq!(h.get_with(&url, Some(&token), &[]).await.0, StatusCode::OK);
    h.clock.advance(Duration::from_secs(3_600));
    let (status, headers, body) = h.get_with(&url, Some(&token), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_graph_error(&body, "InvalidAuthenticationToken");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
    assert!(headers.contains_key("www-authenticate"));
}

#[tokio::test]
async fn the_tokens_tenant_decides_whose_data_is_served() {
    let h = Harness::start(25, ThrottleMode::Off).await;
    let a = h.get(&url_of("group"), &h.token(0).await).await;
    let b = h.get(&url_of("group"), &h.token(1).await).await;
    let ids = |v: &Value| -> HashSet<String> {
        v["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(ids(&a).is_disjoint(&ids(&b)));
    let tenant = &h.sim.cloud().tenants()[1];
    let expected: HashSet<String> = tenant
        .data
        .read()
        .unwrap()
        .collection("groups")
        .iter()
        .map(|g| g.id().to_owned())
        .collect();
    assert_eq!(ids(&b), expected);
}

#[tokio::test]
async fn every_catalog_collection_is_served_with_graph_shapes() {
    let h = Harness::start(40, ThrottleMode::Off).await;
    let token = h.token(0).await;
    // Singletons answer one object at their path (`singletons.rs`, the golden paths).
    for ty in atlas_graph::CATALOG.iter().filter(|t| !t.singleton) {
        let body = h.get(&format!("/{}", ty.collection_url()), &token).await;
        let context = body["@odata.context"].as_str().unwrap();
        assert_eq!(
            context,
            format!(
                "{}/{}/$metadata#{}",
                h.sim.base_url(),
                ty.version.segment(),
                ty.path
            )
        );
        let value = body["value"].as_array().unwrap();
        assert!(!value.is_empty(), "{}", ty.key);
        assert!(
            value
                .iter()
                .all(|o| o["id"].is_string() && o.get(ty.display_name_field).is_some()),
            "{}",
            ty.key
        );
    }
}

/// What real clients ask for and Graph accepts (issue 18): every collection at the other
/// version too and with a trailing slash, property filters and `$count`.
#[tokio::test]
async fn collections_answer_at_both_versions_with_a_trailing_slash_and_property_filters() {
    let h = Harness::start(30, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let ids = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect()
    };
    for ty in atlas_graph::CATALOG.iter().filter(|t| !t.singleton) {
        let (native, _) = h.all(&format!("/{}", ty.collection_url()), &token).await;
        for version in ["v1.0", "beta"] {
            let (other, _) = h.all(&format!("/{version}/{}/", ty.path), &token).await;
            assert_eq!(ids(&other), ids(&native), "{} at {version}", ty.key);
        }
    }
    let groups = h.get("/beta/groups?$top=1", &token).await;
    assert!(groups["@odata.context"]
        .as_str()
        .unwrap()
        .contains("/beta/$metadata#groups"));

    // Scope tags hold the built-in Default beside the tenant's own.
    let roles = "/beta/deviceManagement/roleScopeTags";
    let (all, _) = h.all(roles, &token).await;
    let custom = h
        .get(
            &format!("{roles}?$filter=isBuiltIn eq false&$count=true"),
            &token,
        )
        .await;
    let expected = all.iter().filter(|r| r["isBuiltIn"] == false).count();
    assert!(
        expected > 0 && expected < all.len(),
        "the tenant has both kinds"
    );
    assert_eq!(custom["value"].as_array().unwrap().len(), expected);
    assert_eq!(custom["@odata.count"], expected);
    let name = all[0]["displayName"].as_str().unwrap();
    let one = h
        .get(
            &format!(
                "{roles}?$filter=displayName eq '{}'",
                name.to_uppercase().replace('\'', "''")
            ),
            &token,
        )
        .await;
    assert!(
        ids(one["value"].as_array().unwrap()).contains(&all[0]["id"].as_str().unwrap().to_owned())
    );
}

/// The sub-resources and functions backup tools call: a definition value's presentation
/// values, an encrypted OMA-URI setting's plain value, and the union of app policies.
#[tokio::test]
async fn sub_resources_functions_and_the_app_policy_union_answer_like_graph() {
    let h = Harness::start(120, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let data = h.sim.cloud().tenants()[0].data.read().unwrap().clone();

    let template = data
        .collection("deviceManagement/groupPolicyConfigurations")
        .iter()
        .find(|o| !o.navs["definitionValues"].is_empty())
        .expect("an administrative template with values");
    let value = &template.navs["definitionValues"][0];
    let base = format!(
        "/beta/deviceManagement/groupPolicyConfigurations/{}/definitionValues/{}",
        template.id(),
        value["id"].as_str().unwrap()
    );
    let one = h.get(&base, &token).await;
    assert_eq!(one["id"], value["id"]);
    let presentations = h.get(&format!("{base}/presentationValues"), &token).await;
    assert_eq!(
        presentations["value"].as_array().unwrap().len(),
        value["presentationValues"].as_array().unwrap().len()
    );

    let custom = data
        .collection("deviceManagement/deviceConfigurations")
        .iter()
        .find(|o| o.odata_type() == Some("#microsoft.graph.windows10CustomConfiguration"))
        .expect("a custom OMA-URI profile");
    let setting = &custom.body["omaSettings"][0];
    let plain = h
        .get(
            &format!(
                "/beta/deviceManagement/deviceConfigurations/{}/getOmaSettingPlainTextValue(secretReferenceValueId='{}')",
                custom.id(),
                setting["secretReferenceValueId"].as_str().unwrap()
            ),
            &token,
        )
        .await;
    assert_eq!(plain["value"], setting["value"]);
    let (status, _, unknown) = h
        .get_with(
            &format!(
                "/beta/deviceManagement/deviceConfigurations/{}/getOmaSettingPlainTextValue(secretReferenceValueId='nope')",
                custom.id()
            ),
            Some(&token),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_graph_error(&unknown, "ResourceNotFound");

    let (union, _) = h
        .all("/beta/deviceAppManagement/managedAppPolicies", &token)
        .await;
    let members: usize = [
        "deviceAppManagement/iosManagedAppProtections",
        "deviceAppManagement/androidManagedAppProtections",
        "deviceAppManagement/mdmWindowsInformationProtectionPolicies",
        "deviceAppManagement/targetedManagedAppConfigurations",
    ]
    .iter()
    .map(|p| data.collection(p).len())
    .sum();
    assert_eq!(union.len(), members);
    assert!(union.iter().all(|p| p["@odata.type"].is_string()));
}

#[tokio::test]
async fn paging_walks_a_large_collection_without_gaps_or_duplicates() {
    let h = Harness::start(1_200, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let url = url_of("settings_catalog");
    let expected: Vec<String> = h.sim.cloud().tenants()[0]
        .data
        .read()
        .unwrap()
        .collection("deviceManagement/configurationPolicies")
        .iter()
        .map(|o| o.id().to_owned())
        .collect();
    assert!(expected.len() > 250);
    let (items, pages) = h.all(&url, &token).await;
    let ids: Vec<String> = items
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(pages, expected.len().div_ceil(100));

    let (items, pages) = h.all(&format!("{url}?$top=37&$select=name"), &token).await;
    assert_eq!(items.len(), expected.len());
    assert_eq!(pages, expected.len().div_ceil(37));
    let keys: HashSet<&str> = items
        .iter()
        .flat_map(|o| o.as_object().unwrap().keys().map(String::as_str))
        .collect();
    assert_eq!(keys, HashSet::from(["id", "name"]));
}

#[tokio::test]
async fn top_select_expand_and_filter() {
    let h = Harness::start(120, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let url = url_of("device_configuration");

    let page = h.get(&format!("{url}?$top=2"), &token).await;
    assert_eq!(page["value"].as_array().unwrap().len(), 2);
    assert!(page["@odata.nextLink"].as_str().unwrap().contains("$top=2"));

    // The first page (100) of what the tenant holds there.
    let held = h.sim.cloud().tenants()[0]
        .data
        .read()
        .unwrap()
        .collection("deviceManagement/deviceConfigurations")
        .len();
    let first_page = held.min(100);
    assert!(first_page > 2, "the seed fills the collection: {held}");
    let selected = h
        .get(&format!("{url}?$select=displayName,version"), &token)
        .await;
    assert!(selected["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("deviceConfigurations(displayName,version)"));
    let selected = selected["value"].as_array().unwrap();
    assert_eq!(selected.len(), first_page);
    for o in selected {
        let keys: HashSet<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            HashSet::from(["id", "@odata.type", "displayName", "version"])
        );
    }

    let plain = h.get(&url, &token).await;
    assert!(plain["value"][0].get("assignments").is_none());
    let expanded = h.get(&format!("{url}?$expand=assignments"), &token).await;
    let objects = expanded["value"].as_array().unwrap();
    assert_eq!(objects.len(), first_page);
    assert!(objects.iter().all(|o| o["assignments"].is_array()));
    assert!(objects
        .iter()
        .any(|o| !o["assignments"].as_array().unwrap().is_empty()));
    let group_ids: HashSet<String> = h
        .all(&url_of("group"), &token)
        .await
        .0
        .iter()
        .map(|g| g["id"].as_str().unwrap().to_owned())
        .collect();
    let assigned_groups: Vec<&str> = objects
        .iter()
        .flat_map(|o| o["assignments"].as_array().unwrap())
        .filter_map(|a| a["target"]["groupId"].as_str())
        .collect();
    assert!(
        !assigned_groups.is_empty(),
        "some assignments are to groups"
    );
    for group in assigned_groups {
        assert!(
            group_ids.contains(group),
            "assignment to a group of this tenant: {group}"
        );
    }
    let (status, _, body) = h
        .get_with(&format!("{url}?$expand=nonsense"), Some(&token), &[])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_graph_error(&body, "BadRequest");

    let ring = "microsoft.graph.windowsUpdateForBusinessConfiguration";
    let (all, _) = h.all(&url, &token).await;
    let (rings, _) = h
        .all(&format!("{url}?$filter=isof('{ring}')"), &token)
        .await;
    let (others, _) = h
        .all(&format!("{url}?$filter=not isof('{ring}')"), &token)
        .await;
    assert!(!rings.is_empty() && !others.is_empty());
    assert_eq!(rings.len() + others.len(), all.len());
    assert!(rings.iter().all(|o| o["@odata.type"] == format!("#{ring}")));
    assert!(others
        .iter()
        .all(|o| o["@odata.type"] != format!("#{ring}")));

    // Nested expand: scheduled action configurations only when asked for.
    let compliance = url_of("compliance_policy");
    let shallow = h
        .get(
            &format!("{compliance}?$expand=scheduledActionsForRule"),
            &token,
        )
        .await;
    assert!(shallow["value"][0]["scheduledActionsForRule"][0]
        .get("scheduledActionConfigurations")
        .is_none());
    let deep = h
        .get(
            &format!(
                "{compliance}?$expand={}",
                ObjectType::find("compliance_policy")
                    .unwrap()
                    .expand
                    .unwrap()
            ),
            &token,
        )
        .await;
    assert!(
        deep["value"][0]["scheduledActionsForRule"][0]["scheduledActionConfigurations"].is_array()
    );
}

#[tokio::test]
async fn reads_by_id_sub_collections_and_not_found() {
    let h = Harness::start(60, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let url = url_of("settings_catalog");
    let first = h.get(&url, &token).await["value"][0].clone();
    let id = first["id"].as_str().unwrap();
    let one = h.get(&format!("{url}/{id}"), &token).await;
    assert!(one["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("configurationPolicies/$entity"));
    assert_eq!(one["name"], first["name"]);

    // The first settings catalog policy is a large baseline: its settings span pages.
    let (settings, pages) = h.all(&format!("{url}/{id}/settings"), &token).await;
    assert_eq!(settings.len() as u64, one["settingCount"].as_u64().unwrap());
    assert!(
        settings.len() > 100 && pages >= 2,
        "{} settings in {pages} pages",
        settings.len()
    );
    let ids: HashSet<&str> = settings.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), settings.len());
    assert!(settings
        .iter()
        .all(|s| s["settingInstance"]["settingDefinitionId"].is_string()));
    let assignments = h.get(&format!("{url}/{id}/assignments"), &token).await;
    assert!(assignments["value"].is_array());

    // Settings expand their definitions, which are also read by id with their category.
    let expanded = h
        .get(
            &format!("{url}/{id}/settings?$expand=settingDefinitions"),
            &token,
        )
        .await;
    let setting = &expanded["value"][0];
    let definition = &setting["settingDefinitions"][0];
    assert_eq!(
        definition["id"],
        setting["settingInstance"]["settingDefinitionId"]
    );
    assert!(definition["displayName"].is_string());
    let definition_id = definition["id"].as_str().unwrap();
    let by_id = h
        .get(
            &format!("/beta/deviceManagement/configurationSettings/{definition_id}"),
            &token,
        )
        .await;
    assert_eq!(by_id["displayName"], definition["displayName"]);
    let category_id = by_id["categoryId"].as_str().unwrap();
    let category = h
        .get(
            &format!("/beta/deviceManagement/configurationCategories/{category_id}"),
            &token,
        )
        .await;
    assert!(category["displayName"].is_string());

    let missing = "00000000-0000-4000-8000-000000000000";
    let (status, _, body) = h
        .get_with(&format!("{url}/{missing}"), Some(&token), &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_graph_error(&body, "ResourceNotFound");
    let (status, _, body) = h
        .get_with(&format!("/v1.0/groups/{missing}"), Some(&token), &[])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_graph_error(&body, "Request_ResourceNotFound");

    let (status, _, body) = h
        .get_with("/beta/deviceManagement/noSuchThing", Some(&token), &[])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_graph_error(&body, "BadRequest");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("noSuchThing"));
    let (status, _, body) = h
        .get_with(&format!("{url}/{id}/noSuchNav"), Some(&token), &[])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_graph_error(&body, "BadRequest");

    // Administrative templates: the catalog's detail collection with its nested expand.
    let admx = ObjectType::find("administrative_template").unwrap();
    let admx_id = h.get(&url_of("administrative_template"), &token).await["value"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail = admx.detail_collection.unwrap();
    let values = h
        .get(
            &format!("/{}/{admx_id}/{detail}", admx.collection_url()),
            &token,
        )
        .await;
    assert!(values["value"][0]["definition"]["displayName"].is_string());
    let bare = h
        .get(
            &format!("/{}/{admx_id}/definitionValues", admx.collection_url()),
            &token,
        )
        .await;
    assert!(bare["value"][0].get("definition").is_none());
}

#[tokio::test]
async fn links_follow_forwarded_scheme_and_host() {
    let h = Harness::start(300, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let forwarded = [
        ("x-forwarded-proto", "https"),
        ("x-forwarded-host", "graph.contoso.test"),
    ];
    let (_, _, page) = h
        .get_with(
            &format!("{}?$top=10", url_of("settings_catalog")),
            Some(&token),
            &forwarded,
        )
        .await;
    let next = page["@odata.nextLink"].as_str().unwrap();
    assert!(
        next.starts_with("https://graph.contoso.test/beta/deviceManagement/configurationPolicies?"),
        "{next}"
    );
    assert!(page["@odata.context"]
        .as_str()
        .unwrap()
        .starts_with("https://graph.contoso.test/beta/$metadata#"));
    // The link works when sent back to us (the proxy would forward it).
    let path = next.trim_start_matches("https://graph.contoso.test");
    let second = h.get(path, &token).await;
    assert_eq!(second["value"].as_array().unwrap().len(), 10);
    assert_ne!(second["value"][0]["id"], page["value"][0]["id"]);

    let t = h.tenant(0);
    let (status, _, config) = h
        .get_with(
            &format!(
                "/{}/v2.0/.well-known/openid-configuration",
                t.primary_domain
            ),
            None,
            &forwarded,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        config["token_endpoint"],
        format!(
            "https://graph.contoso.test/{}/oauth2/v2.0/token",
            t.tenant_id
        )
    );
    assert_eq!(
        config["issuer"],
        format!("https://graph.contoso.test/{}/v2.0", t.tenant_id)
    );
    let (_, _, plain) = h
        .get_with(
            &format!("/{}/v2.0/.well-known/openid-configuration", t.tenant_id),
            None,
            &[],
        )
        .await;
    assert_eq!(
        plain["token_endpoint"],
        format!("{}/{}/oauth2/v2.0/token", h.sim.base_url(), t.tenant_id)
    );
    // The advertised key set holds the RSA key the tokens are signed with, under their kid.
    let jwks = plain["jwks_uri"]
        .as_str()
        .unwrap()
        .trim_start_matches(&h.sim.base_url())
        .to_owned();
    let (status, _, keys) = h.get_with(&jwks, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let key = &keys["keys"][0];
    assert_eq!(
        (key["kty"].as_str(), key["alg"].as_str()),
        (Some("RSA"), Some("RS256"))
    );
    let token = h.token(0).await;
    let header: Value = serde_json::from_slice(
        &base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            token.split('.').next().unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(header["kid"], key["kid"]);
    let (status, _, unknown) = h
        .get_with(
            "/nowhere.example/v2.0/.well-known/openid-configuration",
            None,
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown["error_codes"], serde_json::json!([90002]));

    let discovery = format!(
        "/common/discovery/instance?api-version=1.1&authorization_endpoint=https://graph.contoso.test/{}/oauth2/v2.0/authorize",
        t.tenant_id
    );
    let (status, _, body) = h.get_with(&discovery, None, &forwarded).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["tenant_discovery_endpoint"],
        format!(
            "https://graph.contoso.test/{}/v2.0/.well-known/openid-configuration",
            t.tenant_id
        )
    );
    assert_eq!(
        body["metadata"][0]["aliases"],
        serde_json::json!(["graph.contoso.test"])
    );
}

#[tokio::test]
async fn throttling_answers_429_after_1000_requests_and_recovers_as_the_window_moves() {
    let h = Harness::start(25, ThrottleMode::Real).await;
    let token = h.token(0).await;
    let other_tenant = h.token(1).await;
    let url = format!("{}{}?$top=1", h.sim.base_url(), url_of("scope_tag"));
    for i in 0..1_000 {
        let status = h
            .http
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::OK, "request {i}");
        if i == 499 {
            h.clock.advance(Duration::from_secs(10));
        }
    }
    let (status, headers, body) = h.get_with(&url, Some(&token), &[]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_graph_error(&body, "TooManyRequests");
    // The clock stood still within each half: the first 500 leave the 20 s window 10 s after
    // the second 500 came in.
    let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert_eq!(retry, 10);
    // Limits are per tenant.
    assert_eq!(
        h.get_with(&url, Some(&other_tenant), &[]).await.0,
        StatusCode::OK
    );
    // The first 500 leave the window after Retry-After seconds; the rest are still in it.
    h.clock.advance(Duration::from_secs(retry));
    assert_eq!(h.get_with(&url, Some(&token), &[]).await.0, StatusCode::OK);
}

#[tokio::test]
async fn every_response_carries_request_ids_and_echoes_the_clients() {
    let h = Harness::start(25, ThrottleMode::Off).await;
    let token = h.token(0).await;
    let (_, headers, _) = h
        .get_with(
            &url_of("group"),
            Some(&token),
            &[("client-request-id", "my-correlation-1")],
        )
        .await;
    assert_eq!(headers["client-request-id"], "my-correlation-1");
    assert!(!headers["request-id"].is_empty());
    let (_, headers2, body) = h
        .get_with(
            &url_of("group"),
            None,
            &[("client-request-id", "my-correlation-2")],
        )
        .await;
    assert_eq!(
        body["error"]["innerError"]["client-request-id"],
        "my-correlation-2"
    );
    assert_eq!(
        body["error"]["innerError"]["request-id"],
        headers2["request-id"].to_str().unwrap()
    );
    assert_ne!(headers["request-id"], headers2["request-id"]);
    let (_, generated, _) = h.get_with("/beta/unknown", None, &[]).await;
    assert!(!generated["client-request-id"].is_empty());
}

#[tokio::test]
async fn identical_policies_hash_the_same_across_tenants() {
    let h = Harness::start(100, ThrottleMode::Off).await;
    for key in [
        "settings_catalog",
        "device_configuration",
        "compliance_policy",
        "conditional_access_policy",
    ] {
        let ty = ObjectType::find(key).unwrap();
        let a = h.get(&url_of(key), &h.token(0).await).await;
        let b = h.get(&url_of(key), &h.token(1).await).await;
        let (a0, b0) = (&a["value"][0], &b["value"][0]);
        assert_ne!(a0["id"], b0["id"]);
        assert_eq!(
            content_hash(a0, ty.volatile_fields),
            content_hash(b0, ty.volatile_fields),
            "{key}"
        );
        let last = a["value"].as_array().unwrap().len() - 1;
        assert_ne!(
            content_hash(&a["value"][last], ty.volatile_fields),
            content_hash(&b["value"][last], ty.volatile_fields),
            "{key} has unique policies"
        );
    }
}

#[test]
fn generation_is_deterministic_in_seed_and_size() {
    let bytes =
        |seed| serde_json::to_vec(&atlas_cloudsim::generate::generate(seed, 3, 80)).unwrap();
    assert_eq!(bytes(11), bytes(11));
    assert_ne!(bytes(11), bytes(12));
}

#[tokio::test]
async fn stop_shuts_the_server_down() {
    let h = Harness::start(25, ThrottleMode::Off).await;
    let url = format!("{}{}", h.sim.base_url(), url_of("group"));
    h.sim.stop().await.unwrap();
    assert!(h.http.get(url).send().await.is_err());
}
