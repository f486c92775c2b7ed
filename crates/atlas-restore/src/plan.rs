//! The restore plan: for each source version, the target's matching object (by id when the
//! version comes from the target itself, else by unique name within the type) and what writing
//! the version would do. Contents are compared after normalisation and after the assignments
//! are moved to the target's groups, so the same configuration in another tenant is a `skip`.

use std::collections::{BTreeSet, HashMap};

use atlas_domain::{
    normalize::{content_hash, normalize},
    AssignmentChange, GroupChoice, PolicyVersionId, RestoreAction, RestoreConflict,
    RestorePlanItem,
};
use atlas_graph::{ObjectType, RestoreMethod};
use serde_json::Value;

use crate::groups::{apply, assigned_groups};
use crate::secrets::secret_paths;

/// A version to restore.
#[derive(Debug, Clone)]
pub struct SourceItem {
    pub version_id: PolicyVersionId,
    pub object_type: &'static ObjectType,
    pub external_id: String,
    pub display_name: String,
    /// As stored: normalised on capture, secrets replaced by the marker.
    pub content: Value,
}

/// An object of the target as it is now, beside what the product last stored of it.
#[derive(Debug, Clone)]
pub struct TargetObject {
    pub external_id: String,
    pub display_name: String,
    /// As read now, secrets replaced like everything stored.
    pub content: Value,
    /// The content hash of its newest stored version; none when never captured.
    pub synced_hash: Option<String>,
}

/// The target's current objects, by catalog type key.
pub type TargetState = HashMap<&'static str, Vec<TargetObject>>;

/// Plans restoring `sources` onto the target whose current objects are `target`. `same_tenant`:
/// the versions come from the target itself (objects match by id first).
pub fn plan(
    sources: &[SourceItem],
    target: &TargetState,
    groups: &[GroupChoice],
    same_tenant: bool,
) -> Vec<RestorePlanItem> {
    sources
        .iter()
        .map(|source| plan_one(source, target, groups, same_tenant))
        .collect()
}

fn plan_one(
    source: &SourceItem,
    target: &TargetState,
    groups: &[GroupChoice],
    same_tenant: bool,
) -> RestorePlanItem {
    let ty = source.object_type;
    let objects = target.get(ty.key).map_or(&[][..], Vec::as_slice);
    let (content, unresolved) = apply(&source.content, groups);
    let mut conflicts = Vec::new();
    if ty.restore == RestoreMethod::ReadOnly {
        conflicts.push(RestoreConflict::TypeNotWritable);
    }
    if !unresolved.is_empty() {
        conflicts.push(RestoreConflict::UnresolvedGroups {
            group_ids: unresolved,
        });
    }
    let secrets = secret_paths(&content);
    if !secrets.is_empty() {
        conflicts.push(RestoreConflict::SecretValues { fields: secrets });
    }

    let matched = match_target(source, &content, objects, same_tenant);
    let (target_object, action, changed_fields, assignments) = match matched {
        Match::Collision(matches) => {
            conflicts.push(RestoreConflict::NameCollision { matches });
            (
                None,
                RestoreAction::Conflict,
                vec![],
                AssignmentChange::default(),
            )
        }
        Match::None => {
            let assignments = AssignmentChange {
                added: assigned_groups(&content),
                removed: vec![],
            };
            (None, RestoreAction::Create, vec![], assignments)
        }
        Match::One(existing) => {
            let wanted = content_hash(&content, ty.volatile_fields);
            let live = content_hash(&existing.content, ty.volatile_fields);
            if wanted == live {
                // Identical already: nothing to write, whatever else is wrong with the source.
                conflicts.clear();
                (
                    Some(existing),
                    RestoreAction::Skip,
                    vec![],
                    AssignmentChange::default(),
                )
            } else {
                if existing.synced_hash.as_deref() != Some(live.as_str()) {
                    conflicts.push(RestoreConflict::ChangedSinceSync {
                        synced: existing.synced_hash.is_some(),
                    });
                }
                (
                    Some(existing),
                    RestoreAction::Update,
                    changed_fields(&content, &existing.content, ty.volatile_fields),
                    assignment_change(&content, &existing.content),
                )
            }
        }
    };
    let action = match (action, conflicts.is_empty()) {
        (RestoreAction::Skip, _) | (_, true) => action,
        (_, false) => RestoreAction::Conflict,
    };
    RestorePlanItem {
        source_version_id: source.version_id,
        object_type: ty.key.to_owned(),
        display_name: source.display_name.clone(),
        source_external_id: source.external_id.clone(),
        target_external_id: target_object.map(|o| o.external_id.clone()),
        action,
        conflicts,
        changed_fields,
        assignments,
    }
}

/// An object an executed restore created, as the product last stored it: undoing the restore
/// deletes it.
#[derive(Debug, Clone)]
pub struct CreatedObject {
    /// Its newest stored version (read back by the restore, or captured since).
    pub version_id: PolicyVersionId,
    pub object_type: &'static ObjectType,
    pub external_id: String,
    pub display_name: String,
    pub content_hash: String,
}

/// Plans deleting what a restore created: a delete while the object is as last stored, a
/// conflict when it changed since (someone works with it now), a skip when it is gone.
pub fn plan_deletes(created: &[CreatedObject], target: &TargetState) -> Vec<RestorePlanItem> {
    created
        .iter()
        .map(|c| {
            let ty = c.object_type;
            let live = target
                .get(ty.key)
                .and_then(|objects| objects.iter().find(|o| o.external_id == c.external_id));
            let (action, conflicts) = match live {
                None => (RestoreAction::Skip, vec![]),
                Some(live) if content_hash(&live.content, ty.volatile_fields) == c.content_hash => {
                    (RestoreAction::Delete, vec![])
                }
                Some(_) => (
                    RestoreAction::Conflict,
                    vec![RestoreConflict::ChangedSinceSync { synced: true }],
                ),
            };
            RestorePlanItem {
                source_version_id: c.version_id,
                object_type: ty.key.to_owned(),
                display_name: c.display_name.clone(),
                source_external_id: c.external_id.clone(),
                target_external_id: live.map(|o| o.external_id.clone()),
                action,
                conflicts,
                changed_fields: vec![],
                assignments: AssignmentChange::default(),
            }
        })
        .collect()
}

enum Match<'a> {
    One(&'a TargetObject),
    None,
    Collision(u32),
}

fn match_target<'a>(
    source: &SourceItem,
    wanted: &Value,
    objects: &'a [TargetObject],
    same_tenant: bool,
) -> Match<'a> {
    if same_tenant {
        if let Some(same) = objects.iter().find(|o| o.external_id == source.external_id) {
            return Match::One(same);
        }
    }
    let name = source.display_name.to_lowercase();
    let named: Vec<&TargetObject> = objects
        .iter()
        .filter(|o| o.display_name.to_lowercase() == name)
        .collect();
    match named.as_slice() {
        [] => Match::None,
        // In its own tenant the object is gone: one of the same name is another object, never
        // to be overwritten in its place, nor silently doubled — unless it holds the very
        // content (re-created by an earlier restore, say): then there is nothing to do.
        [one] if same_tenant => {
            let volatile = source.object_type.volatile_fields;
            match content_hash(wanted, volatile) == content_hash(&one.content, volatile) {
                true => Match::One(one),
                false => Match::Collision(1),
            }
        }
        many if same_tenant => Match::Collision(many.len() as u32),
        [one] => Match::One(one),
        many => Match::Collision(many.len() as u32),
    }
}

/// Top-level fields whose normalised values differ, sorted.
fn changed_fields(wanted: &Value, live: &Value, volatile: &[&str]) -> Vec<String> {
    let (wanted, live) = (normalize(wanted, volatile), normalize(live, volatile));
    let empty = serde_json::Map::new();
    let w = wanted.as_object().unwrap_or(&empty);
    let l = live.as_object().unwrap_or(&empty);
    let keys: BTreeSet<&String> = w.keys().chain(l.keys()).collect();
    keys.into_iter()
        .filter(|k| w.get(*k) != l.get(*k))
        .cloned()
        .collect()
}

fn assignment_change(wanted: &Value, live: &Value) -> AssignmentChange {
    let wanted: BTreeSet<String> = assigned_groups(wanted).into_iter().collect();
    let live: BTreeSet<String> = assigned_groups(live).into_iter().collect();
    AssignmentChange {
        added: wanted.difference(&live).cloned().collect(),
        removed: live.difference(&wanted).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_domain::GroupTarget;
    use atlas_graph::SECRET_MARKER;
    use serde_json::json;

    fn ty(key: &str) -> &'static ObjectType {
        ObjectType::find(key).unwrap()
    }

    fn policy(name: &str, value: i64, group: &str) -> Value {
        json!({
            "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
            "id": "ignored-by-normalisation",
            "displayName": name,
            "passwordMinimumLength": value,
            "assignments": [{ "target": {
                "@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": group } }],
        })
    }

    fn source(id: &str, name: &str, value: i64, group: &str) -> SourceItem {
        SourceItem {
            version_id: PolicyVersionId::new(),
            object_type: ty("compliance_policy"),
            external_id: id.into(),
            display_name: name.into(),
            content: policy(name, value, group),
        }
    }

    fn live(id: &str, name: &str, value: i64, group: &str, synced: bool) -> TargetObject {
        let content = policy(name, value, group);
        let hash = content_hash(&content, ty("compliance_policy").volatile_fields);
        TargetObject {
            external_id: id.into(),
            display_name: name.into(),
            content,
            synced_hash: synced.then_some(hash),
        }
    }

    fn to_itself(group: &str) -> GroupChoice {
        GroupChoice {
            source_group_id: group.into(),
            source_name: None,
            target: GroupTarget::Mapped {
                group_id: group.into(),
                display_name: group.into(),
                automatic: true,
            },
        }
    }

    #[test]
    fn a_deleted_policy_is_created_a_drifted_one_updated_an_identical_one_skipped() {
        let sources = [
            source("gone", "Deleted", 8, "g"),
            source("drift", "Drifted", 12, "g"),
            source("same", "Same", 10, "g"),
        ];
        let mut target = TargetState::new();
        target.insert(
            "compliance_policy",
            vec![
                live("drift", "Drifted", 6, "g", true),
                live("same", "Same", 10, "g", true),
            ],
        );
        let items = plan(&sources, &target, &[to_itself("g")], true);
        let actions: Vec<_> = items.iter().map(|i| i.action).collect();
        assert_eq!(
            actions,
            [
                RestoreAction::Create,
                RestoreAction::Update,
                RestoreAction::Skip
            ]
        );
        assert_eq!(items[0].assignments.added, vec!["g"]);
        assert_eq!(items[1].changed_fields, vec!["passwordMinimumLength"]);
        assert_eq!(items[1].target_external_id.as_deref(), Some("drift"));
        assert!(items.iter().all(|i| i.conflicts.is_empty()));
    }

    #[test]
    fn a_deleted_policy_whose_name_another_one_has_is_a_collision_in_its_own_tenant() {
        let mut target = TargetState::new();
        target.insert(
            "compliance_policy",
            vec![live("twin", "Baseline - Windows", 6, "g", true)],
        );
        let gone = [source("gone", "Baseline - Windows", 8, "g")];
        let same = plan(&gone, &target, &[to_itself("g")], true);
        assert_eq!(same[0].action, RestoreAction::Conflict);
        assert_eq!(
            same[0].conflicts,
            vec![RestoreConflict::NameCollision { matches: 1 }]
        );
        assert_eq!(same[0].target_external_id, None, "the twin is not touched");
        let recreated = [source("gone", "Baseline - Windows", 6, "g")];
        let again = plan(&recreated, &target, &[to_itself("g")], true);
        assert_eq!(
            again[0].action,
            RestoreAction::Skip,
            "the same content under a new id is there already"
        );
        let other = plan(&gone, &target, &[to_itself("g")], false);
        assert_eq!(
            other[0].action,
            RestoreAction::Update,
            "in another tenant the name is the match"
        );
    }

    #[test]
    fn undoing_deletes_what_the_restore_created_unless_it_changed_or_went() {
        let kept = live("kept", "Created", 8, "g", true);
        let mut changed = live("changed", "Created too", 8, "g", true);
        let created = |o: &TargetObject| CreatedObject {
            version_id: PolicyVersionId::new(),
            object_type: ty("compliance_policy"),
            external_id: o.external_id.clone(),
            display_name: o.display_name.clone(),
            content_hash: o.synced_hash.clone().unwrap(),
        };
        let gone = created(&live("gone", "Deleted since", 8, "g", true));
        let objects = [created(&kept), created(&changed), gone];
        changed.content["passwordMinimumLength"] = json!(4);
        let mut target = TargetState::new();
        target.insert("compliance_policy", vec![kept, changed]);
        let items = plan_deletes(&objects, &target);
        let actions: Vec<_> = items.iter().map(|i| i.action).collect();
        assert_eq!(
            actions,
            [
                RestoreAction::Delete,
                RestoreAction::Conflict,
                RestoreAction::Skip
            ]
        );
        assert_eq!(items[0].target_external_id.as_deref(), Some("kept"));
    }

    #[test]
    fn a_target_changed_since_its_last_sync_is_a_conflict() {
        let mut changed = live("p", "Policy", 6, "g", true);
        changed.content["passwordMinimumLength"] = json!(4);
        let never_synced = live("q", "Other", 6, "g", false);
        let mut target = TargetState::new();
        target.insert("compliance_policy", vec![changed, never_synced]);
        let items = plan(
            &[
                source("p", "Policy", 12, "g"),
                source("q", "Other", 12, "g"),
            ],
            &target,
            &[to_itself("g")],
            true,
        );
        assert_eq!(items[0].action, RestoreAction::Conflict);
        assert_eq!(
            items[0].conflicts,
            vec![RestoreConflict::ChangedSinceSync { synced: true }]
        );
        assert_eq!(
            items[1].conflicts,
            vec![RestoreConflict::ChangedSinceSync { synced: false }]
        );
    }

    #[test]
    fn across_tenants_objects_match_by_unique_name_with_groups_mapped() {
        let mut target = TargetState::new();
        target.insert(
            "compliance_policy",
            vec![
                live("t1", "Baseline", 12, "target-group", true),
                live("t2", "Twin", 1, "x", true),
                live("t3", "twin", 2, "x", true),
            ],
        );
        let mapping = GroupChoice {
            source_group_id: "source-group".into(),
            source_name: Some("Pilot".into()),
            target: GroupTarget::Mapped {
                group_id: "target-group".into(),
                display_name: "Pilot".into(),
                automatic: true,
            },
        };
        let unresolved = GroupChoice {
            source_group_id: "lost".into(),
            source_name: None,
            target: GroupTarget::Unresolved,
        };
        let items = plan(
            &[
                source("s1", "Baseline", 12, "source-group"),
                source("s2", "Twin", 5, "source-group"),
                source("s3", "New", 5, "lost"),
            ],
            &target,
            &[mapping, unresolved],
            false,
        );
        assert_eq!(
            items[0].action,
            RestoreAction::Skip,
            "same content once groups are mapped"
        );
        assert_eq!(items[1].action, RestoreAction::Conflict);
        assert_eq!(
            items[1].conflicts,
            vec![RestoreConflict::NameCollision { matches: 2 }]
        );
        assert_eq!(items[2].action, RestoreAction::Conflict);
        assert_eq!(
            items[2].conflicts,
            vec![RestoreConflict::UnresolvedGroups {
                group_ids: vec!["lost".into()]
            }]
        );
    }

    #[test]
    fn secret_placeholders_and_read_only_types_are_never_written() {
        let mut with_secret = source("s", "Wi-Fi", 1, "g");
        with_secret.content["omaSettings"] =
            json!([{ "omaUri": "./Vendor/x", "value": SECRET_MARKER }]);
        let mut built_in = source("r", "Role", 1, "g");
        built_in.object_type = atlas_graph::CATALOG
            .iter()
            .find(|t| t.restore == RestoreMethod::ReadOnly)
            .unwrap();
        let items = plan(
            &[with_secret, built_in],
            &TargetState::new(),
            &[to_itself("g")],
            true,
        );
        assert_eq!(items[0].action, RestoreAction::Conflict);
        assert_eq!(
            items[0].conflicts,
            vec![RestoreConflict::SecretValues {
                fields: vec!["omaSettings[0].value".into()]
            }]
        );
        assert_eq!(items[1].conflicts, vec![RestoreConflict::TypeNotWritable]);
    }
}
