//! Deterministic tenants from (seed, size). Every value is drawn from a stream named by what it
//! is for (`rng::stream`), so the same seed and sizes give byte-identical tenants, and a policy
//! drawn from the shared pool is the same configuration in every tenant.
//!
//! Per catalog type with `c` objects in a tenant, object `j` is:
//! - identical across tenants (pool item `j`) for the first 35 %,
//! - near-identical (pool item `j` with one value changed per tenant) up to 50 %,
//! - unique to the tenant for the rest; with `c >= 4` the last one repeats the display name of
//!   the first unique one (duplicate names exist in real tenants).

mod connectors;
pub(crate) mod content;
pub(crate) mod definitions;
mod directory;
pub(crate) mod rng;
pub(crate) mod settings_areas;
mod tenant;
mod times;
pub(crate) mod types;

use atlas_graph::{Category, ObjectType, CATALOG};

use crate::model::{TenantData, TenantInfo};

pub use directory::tenant_info;
pub(crate) use tenant::{fresh_object, tweak_object};

/// Catalog types generated as policy content, counted in a tenant's policies and open to
/// drift: not directory objects (made from the tenant's identity) nor connectors (a few
/// fixed facts per tenant).
pub(crate) fn is_policy_type(key: &str) -> bool {
    ObjectType::find(key)
        .is_some_and(|t| !matches!(t.category, Category::Directory | Category::Connectors))
}

/// Generates tenants `0..tenants`, each with `policies` policy objects spread over the policy
/// types of the catalog (every type gets at least one when `policies` allows).
pub fn generate(seed: u64, tenants: usize, policies: usize) -> Vec<(TenantInfo, TenantData)> {
    (0..tenants)
        .map(|index| tenant::generate_tenant(seed, index, policies, false))
        .collect()
}

/// Tenants managed from one template, as an MSP runs them: every tenant holds the same policy
/// configurations (each with its own ids, times, groups and assignments). Drift makes them
/// differ.
pub fn generate_fleet(seed: u64, tenants: usize, policies: usize) -> Vec<(TenantInfo, TenantData)> {
    (0..tenants)
        .map(|index| tenant::generate_tenant(seed, index, policies, true))
        .collect()
}

/// Relative share of each policy type in a tenant (settings catalog and device configurations
/// dominate real tenants).
fn weight(key: &str) -> usize {
    match key {
        "settings_catalog" => 24,
        "device_configuration" => 12,
        "compliance_policy" | "conditional_access_policy" => 7,
        "administrative_template" => 6,
        "powershell_script" | "update_ring" | "assignment_filter" => 4,
        "remediation_script"
        | "app_protection_ios"
        | "app_protection_android"
        | "enrollment_configuration" => 3,
        "scope_tag"
        | "app_protection_windows"
        | "device_category"
        | "notification_template"
        | "compliance_script"
        | "settings_compliance_policy"
        | "custom_attribute_script"
        | "driver_update_profile"
        | "reusable_policy_setting"
        | "terms_and_conditions" => 1,
        "mobile_app" => 6,
        _ => 2,
    }
}

/// Splits `total` over the policy types: one each first (catalog order), the rest by weight
/// with largest remainders, so the counts always add up to `total`.
pub(crate) fn allocate(total: usize) -> Vec<(&'static ObjectType, usize)> {
    let types: Vec<&'static ObjectType> =
        CATALOG.iter().filter(|t| is_policy_type(t.key)).collect();
    let mut counts: Vec<usize> = types
        .iter()
        .enumerate()
        .map(|(i, _)| usize::from(i < total))
        .collect();
    let rest = total.saturating_sub(types.len());
    let weights: Vec<usize> = types.iter().map(|t| weight(t.key)).collect();
    let sum: usize = weights.iter().sum();
    let mut remainders: Vec<(usize, usize)> = Vec::new();
    let mut given = 0;
    for (i, w) in weights.iter().enumerate() {
        let share = rest * w;
        counts[i] += share / sum;
        given += share / sum;
        remainders.push((share % sum, i));
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(rest - given) {
        counts[i] += 1;
    }
    types.into_iter().zip(counts).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_adds_up_and_covers_every_policy_type() {
        for total in [0, 5, 21, 50, 333, 2_000] {
            let alloc = allocate(total);
            assert_eq!(alloc.iter().map(|(_, c)| c).sum::<usize>(), total);
            if total >= alloc.len() {
                assert!(alloc.iter().all(|(_, c)| *c >= 1), "{total}");
            }
        }
        let big = allocate(2_000);
        let sc = big
            .iter()
            .find(|(t, _)| t.key == "settings_catalog")
            .unwrap()
            .1;
        assert!(sc > 400, "{sc}");
    }

    #[test]
    fn a_fleet_holds_the_same_configurations_under_its_own_ids() {
        use atlas_domain::normalize::config_hash;
        let fingerprints = |data: &TenantData| {
            let mut all: Vec<(String, String)> = data
                .collections
                .iter()
                .flat_map(|(path, objects)| objects.iter().map(move |o| (path, o)))
                .filter(|(path, o)| {
                    crate::model::catalog_type(path, o.odata_type())
                        .is_some_and(|t| is_policy_type(t.key) && t.key != "intune_role_definition")
                })
                .map(|(_, o)| o)
                .map(|o| {
                    let body = serde_json::Value::Object(o.body.clone());
                    let name = body["displayName"].as_str().or(body["name"].as_str());
                    (name.unwrap_or_default().to_owned(), config_hash(&body, &[]))
                })
                .collect();
            all.sort();
            all
        };
        let fleet = generate_fleet(3, 2, 60);
        assert_eq!(fingerprints(&fleet[0].1), fingerprints(&fleet[1].1));
        let path = "deviceManagement/configurationPolicies";
        let ids = |data: &TenantData| {
            data.collection(path)
                .iter()
                .map(|o| o.id().to_owned())
                .collect::<Vec<_>>()
        };
        let first = ids(&fleet[0].1);
        assert!(!first.is_empty());
        assert!(
            ids(&fleet[1].1).iter().all(|id| !first.contains(id)),
            "ids are each tenant's own"
        );
        let apart = generate(3, 2, 60);
        assert_ne!(fingerprints(&apart[0].1), fingerprints(&apart[1].1));
    }
}
