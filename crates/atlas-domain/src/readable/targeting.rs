//! Who an object applies to when it does not say so through `assignments`: a Conditional Access
//! policy's conditions (users, groups, roles, cloud apps, platforms, locations, client apps), an
//! Intune role definition's role assignments (admins and the scope they manage), a directory
//! role assignment's principal and scope. Read from the content's shape, so the rows are the
//! same whichever type label the object came with.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::words::{array, each, humanize_camel};
use crate::codes::code_enum;

code_enum! {
    /// How an object type says whom it applies to.
    pub enum Targeting as "targeting" {
        /// Intune's `assignments`: groups, all users, all devices, with filters.
        Assignments => "assignments",
        /// Conditional Access conditions.
        Conditions => "conditions",
        /// Intune role assignments: admins and the scope they manage.
        RoleAssignments => "role_assignments",
        /// A directory role assignment's principal and directory scope.
        Principal => "principal",
        /// The object applies to no one by itself (groups, filters, definitions).
        NotTargeted => "not_targeted",
    }
}

code_enum! {
    /// What a targeting entry names.
    pub enum TargetKind as "target_kind" {
        /// Everyone or everything of the row's dimension ("All users", "All cloud apps").
        All => "all",
        /// No one ("None" in the portal).
        Nobody => "nobody",
        User => "user",
        Group => "group",
        /// A directory role (by template id).
        Role => "role",
        Application => "application",
        /// A user, group or service principal the content names by id only.
        Principal => "principal",
        /// A value in words: a platform, a location, a client app type, a risk level.
        Value => "value",
    }
}

/// One entry of a targeting row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Target {
    pub kind: TargetKind,
    /// The object id for users, groups, roles, applications and principals.
    pub id: Option<String>,
    /// Words for the entry; for ids the caller replaces it with the cached name when it has one.
    pub name: String,
}

/// One dimension of whom an object applies to, with what it includes and excludes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TargetingRow {
    /// "Users", "Cloud apps", "Platforms", "Admins of Helpdesk", …
    pub dimension: String,
    pub include: Vec<Target>,
    pub exclude: Vec<Target>,
}

/// The targeting rows of an object whose targeting is not `assignments`; empty otherwise.
pub(super) fn targeting_rows(content: &Value) -> Vec<TargetingRow> {
    if let Some(conditions) = content.get("conditions").filter(|c| c.is_object()) {
        return condition_rows(conditions);
    }
    if let Some(assignments) = content.get("roleAssignments").and_then(Value::as_array) {
        return assignments.iter().flat_map(role_assignment_rows).collect();
    }
    if let Some(principal) = content.get("principalId").and_then(Value::as_str) {
        return principal_rows(content, principal);
    }
    Vec::new()
}

fn condition_rows(conditions: &Value) -> Vec<TargetingRow> {
    let users = &conditions["users"];
    let apps = &conditions["applications"];
    let mut rows = vec![TargetingRow {
        dimension: "Users".into(),
        include: user_targets(users, "include"),
        exclude: user_targets(users, "exclude"),
    }];
    let mut app_include = ids(
        apps,
        "includeApplications",
        TargetKind::Application,
        app_word,
    );
    app_include.extend(
        each(&apps["includeUserActions"])
            .filter_map(Value::as_str)
            .map(|a| {
                value(match a {
                    "urn:user:registersecurityinfo" => "Register security information".into(),
                    "urn:user:registerdevice" => "Register or join devices".into(),
                    other => other.to_owned(),
                })
            }),
    );
    rows.push(TargetingRow {
        dimension: "Cloud apps and actions".into(),
        include: app_include,
        exclude: ids(
            apps,
            "excludeApplications",
            TargetKind::Application,
            app_word,
        ),
    });
    let optional = [
        (
            "Platforms",
            &conditions["platforms"],
            "Platforms",
            platform_word as fn(&str) -> Option<String>,
        ),
        (
            "Locations",
            &conditions["locations"],
            "Locations",
            location_word,
        ),
    ];
    for (dimension, section, field, word) in optional {
        let include = values(&section[format!("include{field}")], word, TargetKind::Value);
        let exclude = values(&section[format!("exclude{field}")], word, TargetKind::Value);
        if !include.is_empty() || !exclude.is_empty() {
            rows.push(TargetingRow {
                dimension: dimension.into(),
                include,
                exclude,
            });
        }
    }
    let client_apps = values(
        &conditions["clientAppTypes"],
        client_app_word,
        TargetKind::Value,
    );
    if !client_apps.is_empty() {
        rows.push(TargetingRow {
            dimension: "Client apps".into(),
            include: client_apps,
            exclude: vec![],
        });
    }
    for (field, dimension) in [
        ("userRiskLevels", "User risk"),
        ("signInRiskLevels", "Sign-in risk"),
    ] {
        let levels = values(
            &conditions[field],
            |l| Some(humanize_camel(l)),
            TargetKind::Value,
        );
        if !levels.is_empty() {
            rows.push(TargetingRow {
                dimension: dimension.into(),
                include: levels,
                exclude: vec![],
            });
        }
    }
    rows
}

/// Users, groups and roles a CA policy includes or excludes (`side` is "include" or "exclude").
fn user_targets(users: &Value, side: &str) -> Vec<Target> {
    let mut targets = ids(users, &format!("{side}Users"), TargetKind::User, user_word);
    if users[format!("{side}GuestsOrExternalUsers")].is_object() {
        targets.push(value("Guests or external users".into()));
    }
    targets.extend(ids(
        users,
        &format!("{side}Groups"),
        TargetKind::Group,
        |_| None,
    ));
    targets.extend(ids(
        users,
        &format!("{side}Roles"),
        TargetKind::Role,
        |_| None,
    ));
    targets
}

fn role_assignment_rows(assignment: &Value) -> Vec<TargetingRow> {
    let name = assignment["displayName"]
        .as_str()
        .filter(|n| !n.is_empty())
        .unwrap_or("Role assignment");
    let groups = |field: &str| ids(assignment, field, TargetKind::Group, |_| None);
    let scope = match assignment["scopeType"].as_str() {
        Some("allDevices") => vec![all("All devices")],
        Some("allLicensedUsers") => vec![all("All licensed users")],
        Some("allDevicesAndLicensedUsers") => vec![all("All devices and licensed users")],
        _ => {
            let mut scope = groups("scopeMembers");
            for group in groups("resourceScopes") {
                if !scope.contains(&group) {
                    scope.push(group);
                }
            }
            scope
        }
    };
    let mut rows = vec![TargetingRow {
        dimension: format!("{name} › Admins"),
        include: groups("members"),
        exclude: vec![],
    }];
    rows.push(TargetingRow {
        dimension: format!("{name} › Scope"),
        include: scope,
        exclude: vec![],
    });
    rows
}

fn principal_rows(content: &Value, principal: &str) -> Vec<TargetingRow> {
    let scope = match content["directoryScopeId"].as_str() {
        None | Some("/") => all("Whole directory"),
        Some(scope) => value(format!("Scope {scope}")),
    };
    vec![
        TargetingRow {
            dimension: "Assigned to".into(),
            include: vec![Target {
                kind: TargetKind::Principal,
                id: Some(principal.to_owned()),
                name: principal.to_owned(),
            }],
            exclude: vec![],
        },
        TargetingRow {
            dimension: "Scope".into(),
            include: vec![scope],
            exclude: vec![],
        },
    ]
}

/// The ids listed in `value[field]`: a well-known word ("All", "None") becomes its words,
/// anything else an entry of `kind` named by its id until the caller names it.
fn ids(
    content: &Value,
    field: &str,
    kind: TargetKind,
    word: fn(&str) -> Option<String>,
) -> Vec<Target> {
    array(content, field)
        .filter_map(Value::as_str)
        .map(|id| match (id, word(id)) {
            ("None", _) => Target {
                kind: TargetKind::Nobody,
                id: None,
                name: "No one".into(),
            },
            ("All", Some(words)) => all(&words),
            (_, Some(words)) => value(words),
            (id, None) => Target {
                kind,
                id: Some(id.to_owned()),
                name: id.to_owned(),
            },
        })
        .collect()
}

/// Plain values in words (`all` is everything of the dimension).
fn values(list: &Value, word: fn(&str) -> Option<String>, kind: TargetKind) -> Vec<Target> {
    each(list)
        .filter_map(Value::as_str)
        .map(|v| match (v.eq_ignore_ascii_case("all"), word(v)) {
            (true, Some(words)) => all(&words),
            (_, words) => Target {
                kind,
                id: None,
                name: words.unwrap_or_else(|| v.to_owned()),
            },
        })
        .collect()
}

fn all(words: &str) -> Target {
    Target {
        kind: TargetKind::All,
        id: None,
        name: words.to_owned(),
    }
}

fn value(words: String) -> Target {
    Target {
        kind: TargetKind::Value,
        id: None,
        name: words,
    }
}

fn user_word(id: &str) -> Option<String> {
    match id {
        "All" => Some("All users".into()),
        "GuestsOrExternalUsers" => Some("Guests or external users".into()),
        "None" => Some("No one".into()),
        _ => None,
    }
}

fn app_word(id: &str) -> Option<String> {
    match id {
        "All" => Some("All cloud apps".into()),
        "None" => Some("None".into()),
        "Office365" => Some("Office 365".into()),
        "MicrosoftAdminPortals" => Some("Microsoft admin portals".into()),
        _ => None,
    }
}

fn platform_word(platform: &str) -> Option<String> {
    Some(
        match platform {
            "all" => "All platforms",
            "android" => "Android",
            "iOS" => "iOS",
            "windows" => "Windows",
            "windowsPhone" => "Windows Phone",
            "macOS" => "macOS",
            "linux" => "Linux",
            other => return Some(humanize_camel(other)),
        }
        .into(),
    )
}

fn location_word(location: &str) -> Option<String> {
    match location {
        "All" => Some("Any location".into()),
        "AllTrusted" => Some("All trusted locations".into()),
        _ => Some(format!("Named location {location}")),
    }
}

fn client_app_word(app: &str) -> Option<String> {
    Some(
        match app {
            "all" => "All client apps",
            "browser" => "Browser",
            "mobileAppsAndDesktopClients" => "Mobile apps and desktop clients",
            "exchangeActiveSync" => "Exchange ActiveSync clients",
            "easSupported" => "Exchange ActiveSync clients",
            "other" => "Other clients (legacy authentication)",
            other => return Some(humanize_camel(other)),
        }
        .into(),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn names(targets: &[Target]) -> Vec<&str> {
        targets.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn a_conditional_access_policy_for_all_users_says_so() {
        let policy = json!({
            "displayName": "Require MFA",
            "conditions": {
                "clientAppTypes": ["all"],
                "applications": {"includeApplications": ["All"], "excludeApplications": ["00000002-0000-0ff1-ce00-000000000000"], "includeUserActions": []},
                "users": {
                    "includeUsers": ["All"], "excludeUsers": ["GuestsOrExternalUsers"],
                    "includeGroups": [], "excludeGroups": ["g-breakglass"],
                    "includeRoles": [], "excludeRoles": ["62e90394-69f5-4237-9190-012177145e10"]
                },
                "platforms": {"includePlatforms": ["android", "iOS"], "excludePlatforms": []},
                "locations": null,
                "userRiskLevels": [], "signInRiskLevels": ["high"]
            }
        });
        let rows = targeting_rows(&policy);
        let users = &rows[0];
        assert_eq!(users.dimension, "Users");
        assert_eq!(names(&users.include), ["All users"]);
        assert_eq!(users.include[0].kind, TargetKind::All);
        assert_eq!(
            names(&users.exclude),
            [
                "Guests or external users",
                "g-breakglass",
                "62e90394-69f5-4237-9190-012177145e10"
            ]
        );
        assert_eq!(users.exclude[1].kind, TargetKind::Group);
        assert_eq!(users.exclude[2].kind, TargetKind::Role);
        let apps = &rows[1];
        assert_eq!(names(&apps.include), ["All cloud apps"]);
        assert_eq!(apps.exclude[0].kind, TargetKind::Application);
        let dimensions: Vec<&str> = rows.iter().map(|r| r.dimension.as_str()).collect();
        assert_eq!(
            dimensions,
            [
                "Users",
                "Cloud apps and actions",
                "Platforms",
                "Client apps",
                "Sign-in risk"
            ]
        );
        assert_eq!(names(&rows[2].include), ["Android", "iOS"]);
        assert_eq!(names(&rows[3].include), ["All client apps"]);
        assert_eq!(names(&rows[4].include), ["High"]);
    }

    #[test]
    fn a_policy_that_includes_no_one_says_no_one() {
        let policy =
            json!({"conditions": {"users": {"includeUsers": ["None"]}, "applications": {}}});
        let rows = targeting_rows(&policy);
        assert_eq!(rows[0].include[0].kind, TargetKind::Nobody);
        assert_eq!(names(&rows[0].include), ["No one"]);
    }

    #[test]
    fn an_intune_role_names_its_admins_and_their_scope() {
        let role = json!({
            "displayName": "Helpdesk",
            "roleAssignments": [
                {"displayName": "EU helpdesk", "members": ["g-admins"], "scopeMembers": ["g-eu"], "resourceScopes": ["g-eu"], "scopeType": "resourceScope"},
                {"displayName": "", "members": [], "scopeType": "allDevices"}
            ]
        });
        let rows = targeting_rows(&role);
        let dimensions: Vec<&str> = rows.iter().map(|r| r.dimension.as_str()).collect();
        assert_eq!(
            dimensions,
            [
                "EU helpdesk › Admins",
                "EU helpdesk › Scope",
                "Role assignment › Admins",
                "Role assignment › Scope"
            ]
        );
        assert_eq!(names(&rows[0].include), ["g-admins"]);
        assert_eq!(names(&rows[1].include), ["g-eu"], "listed once");
        assert_eq!(names(&rows[3].include), ["All devices"]);
    }

    #[test]
    fn a_directory_role_assignment_names_its_principal_and_scope() {
        let rows = targeting_rows(
            &json!({"principalId": "p-1", "roleDefinitionId": "r", "directoryScopeId": "/"}),
        );
        assert_eq!(rows[0].include[0].kind, TargetKind::Principal);
        assert_eq!(rows[0].include[0].id.as_deref(), Some("p-1"));
        assert_eq!(names(&rows[1].include), ["Whole directory"]);
    }

    #[test]
    fn objects_that_target_through_assignments_have_no_targeting_rows() {
        assert!(targeting_rows(&json!({"displayName": "x", "assignments": []})).is_empty());
    }
}
