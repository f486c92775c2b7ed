//! Every catalog type says whom its objects apply to in a way the product can show: types whose
//! targeting is not `assignments` (Conditional Access conditions, Intune role assignments,
//! directory role principals) render targeting rows for every generated object, and types that
//! target through `assignments` render none (their assignments section says it all).

use atlas_cloudsim::{generate::generate, model::catalog_type};
use atlas_domain::readable::{readable, Targeting};
use atlas_graph::CATALOG;
use serde_json::Value;

#[test]
fn every_type_renders_whom_its_objects_apply_to() {
    let (_, data) = generate(7, 1, 400).remove(0);
    for ty in CATALOG {
        let objects: Vec<Value> = data
            .collection(ty.path)
            .iter()
            .filter(|o| catalog_type(ty.path, o.odata_type()) == Some(ty))
            .map(|o| {
                // Stored content: the object with its navigations inlined, as a sync reads it.
                let mut content = o.body.clone();
                for (name, items) in &o.navs {
                    content.insert(name.clone(), Value::Array(items.clone()));
                }
                Value::Object(content)
            })
            .collect();
        assert!(!objects.is_empty(), "{} has no generated objects", ty.key);
        for content in &objects {
            let rows = readable(content).targeting;
            match ty.targeting {
                Targeting::Assignments | Targeting::NotTargeted => {
                    assert!(rows.is_empty(), "{}: {rows:?}", ty.key)
                }
                Targeting::Conditions | Targeting::RoleAssignments | Targeting::Principal => {
                    if ty.targeting == Targeting::RoleAssignments
                        && content["roleAssignments"]
                            .as_array()
                            .is_some_and(Vec::is_empty)
                    {
                        // A role nobody holds applies to no one: nothing to show but that.
                        continue;
                    }
                    assert!(!rows.is_empty(), "{} renders no targeting", ty.key);
                    assert!(
                        rows.iter().any(|r| !r.include.is_empty()),
                        "{} includes no one: {rows:?}",
                        ty.key
                    );
                }
            }
        }
    }
}
