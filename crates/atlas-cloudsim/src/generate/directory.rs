//! Tenant identity and directory objects: the organisation, its app registration, groups and
//! Entra role definitions and assignments.

use rand::Rng;
use serde_json::{json, Map, Value};

use super::rng::{guid, pick, stream, SimRng};
use super::times::{created_and_modified, rfc3339};
use crate::model::{SimObject, TenantInfo};

const ORGANISATIONS: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Tailspin Toys",
    "Adventure Works",
    "Woodgrove Bank",
    "Litware",
    "Proseware",
    "Wide World Importers",
    "Alpine Ski House",
    "Coho Winery",
    "Lamna Healthcare",
    "Fourth Coffee",
    "Relecloud",
    "Trey Research",
    "Blue Yonder Airlines",
    "Humongous Insurance",
    "VanArsdel",
    "Wingtip Toys",
    "Lucerne Publishing",
];

/// Built-in Entra roles: their ids are the role template ids, the same in every tenant.
const DIRECTORY_ROLES: &[(&str, &str, &str)] = &[
    (
        "62e90394-69f5-4237-9190-012177145e10",
        "Global Administrator",
        "microsoft.directory/*/allTasks",
    ),
    (
        "3a2c62db-5318-420d-8d74-23affee5d9d5",
        "Intune Administrator",
        "microsoft.intune/allEntities/allTasks",
    ),
    (
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
        "Security Administrator",
        "microsoft.directory/conditionalAccessPolicies/standard/read",
    ),
    (
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
        "Global Reader",
        "microsoft.directory/*/standard/read",
    ),
    (
        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
        "Conditional Access Administrator",
        "microsoft.directory/conditionalAccessPolicies/create",
    ),
    (
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        "Helpdesk Administrator",
        "microsoft.directory/users/password/update",
    ),
    (
        "fe930be7-5e62-47db-91af-98c3a49a38b1",
        "User Administrator",
        "microsoft.directory/users/create",
    ),
    (
        "7698a772-787b-4ac8-901f-60d6b08affd2",
        "Cloud Device Administrator",
        "microsoft.directory/devices/delete",
    ),
];

/// The organisation of tenant `index`: names are dealt from a seed-shuffled list so tenants of
/// one simulator never share a name or domain.
pub fn tenant_info(seed: u64, index: usize) -> TenantInfo {
    let mut order: Vec<usize> = (0..ORGANISATIONS.len()).collect();
    let mut shuffle = stream(seed, &["organisations"]);
    for i in (1..order.len()).rev() {
        order.swap(i, shuffle.gen_range(0..=i));
    }
    let base = ORGANISATIONS[order[index % ORGANISATIONS.len()]];
    let round = index / ORGANISATIONS.len();
    let display_name = if round == 0 {
        base.to_owned()
    } else {
        format!("{base} {}", round + 1)
    };
    let slug: String = display_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    let mut rng = stream(seed, &["tenant", &index.to_string(), "identity"]);
    TenantInfo {
        tenant_id: guid(&mut rng),
        display_name,
        primary_domain: format!("{slug}.onmicrosoft.com"),
        client_id: guid(&mut rng),
        client_secret: client_secret(&mut rng),
    }
}

/// Entra secrets look like `Abc8Q~` followed by 34 characters.
fn client_secret(rng: &mut SimRng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    let mut secret: String = (0..40)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    secret.replace_range(4..5, "~");
    secret
}

pub(crate) fn groups(seed: u64, tenant: usize, count: usize) -> Vec<SimObject> {
    const KINDS: &[&str] = &[
        "SG-Intune-Devices",
        "SG-Intune-Users",
        "Pilot",
        "Autopilot",
        "Licensing",
        "Ring",
    ];
    const TEAMS: &[&str] = &[
        "Finance",
        "HR",
        "Sales",
        "Engineering",
        "Marketing",
        "Legal",
        "Support",
        "Operations",
        "Executives",
        "Frontline",
        "Kiosks",
        "Contractors",
    ];
    (0..count)
        .map(|j| {
            let mut rng = stream(
                seed,
                &["tenant", &tenant.to_string(), "group", &j.to_string()],
            );
            let name = format!("{} - {}", pick(&mut rng, KINDS), TEAMS[j % TEAMS.len()]);
            let name = if j >= TEAMS.len() {
                format!("{name} {}", j / TEAMS.len() + 1)
            } else {
                name
            };
            let dynamic = rng.gen_bool(0.4);
            let (created, renewed) = created_and_modified(&mut rng);
            let mut body = Map::new();
            body.insert("id".into(), json!(guid(&mut rng).to_string()));
            body.insert("displayName".into(), json!(name));
            body.insert(
                "description".into(),
                json!(format!("{name} (managed by IT)")),
            );
            body.insert(
                "mailNickname".into(),
                json!(name.replace([' ', '-'], "").to_lowercase()),
            );
            body.insert("mailEnabled".into(), json!(false));
            body.insert("securityEnabled".into(), json!(true));
            body.insert(
                "groupTypes".into(),
                if dynamic {
                    json!(["DynamicMembership"])
                } else {
                    json!([])
                },
            );
            body.insert(
                "membershipRule".into(),
                if dynamic {
                    json!("(device.deviceOSType -eq \"Windows\")")
                } else {
                    Value::Null
                },
            );
            body.insert(
                "membershipRuleProcessingState".into(),
                if dynamic { json!("On") } else { Value::Null },
            );
            body.insert("createdDateTime".into(), json!(rfc3339(created)));
            body.insert("renewedDateTime".into(), json!(rfc3339(renewed)));
            body.insert("deletedDateTime".into(), Value::Null);
            body.insert("visibility".into(), Value::Null);
            body.insert("onPremisesSyncEnabled".into(), Value::Null);
            body.insert("onPremisesLastSyncDateTime".into(), Value::Null);
            SimObject::new(body, Default::default())
        })
        .collect()
}

pub(crate) fn role_definitions() -> Vec<SimObject> {
    DIRECTORY_ROLES
        .iter()
        .map(|(id, name, action)| {
            let body = json!({
                "id": id,
                "templateId": id,
                "displayName": name,
                "description": format!("Built-in role: {name}."),
                "isBuiltIn": true,
                "isEnabled": true,
                "version": "1",
                "resourceScopes": ["/"],
                "rolePermissions": [{ "allowedResourceActions": [action], "condition": null }]
            });
            SimObject::new(into_map(body), Default::default())
        })
        .collect()
}

pub(crate) fn role_assignments(
    seed: u64,
    tenant: usize,
    groups: &[SimObject],
    domain: &str,
) -> Vec<SimObject> {
    let mut rng = stream(seed, &["tenant", &tenant.to_string(), "role-assignments"]);
    let count = rng.gen_range(3..=6);
    (0..count)
        .map(|_| {
            let (role, _, _) = *pick(&mut rng, DIRECTORY_ROLES);
            let (principal, principal_object) = if rng.gen_bool(0.5) && !groups.is_empty() {
                let group = pick(&mut rng, groups);
                let object = json!({
                    "@odata.type": "#microsoft.graph.group",
                    "id": group.id(),
                    "displayName": group.body["displayName"],
                });
                (group.id().to_owned(), object)
            } else {
                let id = guid(&mut rng).to_string();
                let object = person_or_service(&id, domain);
                (id, object)
            };
            let id: String = (0..44)
                .map(|_| {
                    char::from(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                            [rng.gen_range(0..64)],
                    )
                })
                .collect();
            let body = json!({
                "id": format!("{id}-1"),
                "principalId": principal,
                "roleDefinitionId": role,
                "directoryScopeId": "/"
            });
            // `principal` is the single-valued navigation Graph expands on request.
            let navs = [("principal".to_owned(), vec![principal_object])].into();
            SimObject::new(into_map(body), navs)
        })
        .collect()
}

const FIRST_NAMES: &[&str] = &[
    "Adele", "Alex", "Diego", "Grady", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne",
    "Megan", "Miriam", "Nestor", "Patti", "Pradeep",
];
const LAST_NAMES: &[&str] = &[
    "Vance",
    "Wilber",
    "Siciliani",
    "Archie",
    "Langer",
    "Lauren",
    "Sherman",
    "Gu",
    "Holloway",
    "Robbins",
    "Bowen",
    "Graham",
    "Wilke",
    "Fernandez",
    "Gupta",
];
const SERVICES: &[&str] = &[
    "Backup Service",
    "Provisioning Agent",
    "Monitoring Connector",
];

/// A role holder that is not a group: a user, or (one in four) an app's service principal,
/// named from its id so the rest of the tenant is generated as before.
fn person_or_service(id: &str, domain: &str) -> Value {
    let byte = |n: usize| usize::from(id.as_bytes().get(n).copied().unwrap_or(b'0'));
    if byte(0) % 4 == 0 {
        return json!({
            "@odata.type": "#microsoft.graph.servicePrincipal",
            "id": id,
            "displayName": format!("MSP {}", SERVICES[byte(1) % SERVICES.len()]),
            "appId": id,
        });
    }
    let first = FIRST_NAMES[(byte(1) * 7 + byte(2)) % FIRST_NAMES.len()];
    let last = LAST_NAMES[(byte(3) * 5 + byte(4)) % LAST_NAMES.len()];
    json!({
        "@odata.type": "#microsoft.graph.user",
        "id": id,
        "displayName": format!("{first} {last}"),
        "userPrincipalName": format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase()),
    })
}

pub(crate) fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn tenants_of_one_simulator_never_share_names_or_domains() {
        let infos: Vec<_> = (0..45).map(|i| tenant_info(9, i)).collect();
        let names: HashSet<_> = infos.iter().map(|t| &t.display_name).collect();
        let domains: HashSet<_> = infos.iter().map(|t| &t.primary_domain).collect();
        assert_eq!(names.len(), 45);
        assert_eq!(domains.len(), 45);
        assert!(infos
            .iter()
            .all(|t| t.client_secret.len() == 40 && &t.client_secret[4..5] == "~"));
    }
}
