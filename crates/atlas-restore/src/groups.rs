//! Group mapping: where each source group's assignments go in the target. A source group is
//! matched to the target group with the same display name (case-insensitive, exactly one);
//! the operator may choose another target group or skip it. A group the target holds under
//! the same id (restoring onto the tenant the version came from) maps to itself.

use std::collections::{BTreeMap, HashMap};

use atlas_domain::{GroupChoice, GroupTarget};
use serde_json::Value;

/// A group of a directory, as the product's cache holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub display_name: String,
}

/// The operator's choice for one source group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Override {
    To(String),
    Skip,
}

/// Why an operator's choice cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadOverride {
    pub source_group_id: String,
    pub why: &'static str,
}

/// The mapping of every source group in `used` (ids, in any order): overrides first, then the
/// same id in the target, then a unique name match; anything else is unresolved. An override
/// naming a group the target does not hold is refused (a group of another tenant included).
pub fn map_groups(
    used: &[String],
    source_groups: &[Group],
    target_groups: &[Group],
    overrides: &BTreeMap<String, Override>,
) -> Result<Vec<GroupChoice>, BadOverride> {
    let source_names: HashMap<&str, &str> = source_groups
        .iter()
        .map(|g| (g.id.as_str(), g.display_name.as_str()))
        .collect();
    let target_by_id: HashMap<&str, &Group> =
        target_groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut target_by_name: HashMap<String, Vec<&Group>> = HashMap::new();
    for group in target_groups {
        target_by_name
            .entry(group.display_name.to_lowercase())
            .or_default()
            .push(group);
    }
    for id in overrides.keys() {
        if !used.contains(id) {
            return Err(BadOverride {
                source_group_id: id.clone(),
                why: "no assignment of the restored objects names this group",
            });
        }
    }
    let mut ids: Vec<&String> = used.iter().collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let source_name = source_names.get(id.as_str()).map(|n| (*n).to_owned());
            let target = match overrides.get(id) {
                Some(Override::Skip) => GroupTarget::Skip,
                Some(Override::To(chosen)) => match target_by_id.get(chosen.as_str()) {
                    Some(group) => GroupTarget::Mapped {
                        group_id: group.id.clone(),
                        display_name: group.display_name.clone(),
                        automatic: false,
                    },
                    None => {
                        return Err(BadOverride {
                            source_group_id: id.clone(),
                            why: "the chosen group is not a group of the target tenant",
                        })
                    }
                },
                None => automatic(id, source_name.as_deref(), &target_by_id, &target_by_name),
            };
            Ok(GroupChoice {
                source_group_id: id.clone(),
                source_name,
                target,
            })
        })
        .collect()
}

fn automatic(
    id: &str,
    source_name: Option<&str>,
    target_by_id: &HashMap<&str, &Group>,
    target_by_name: &HashMap<String, Vec<&Group>>,
) -> GroupTarget {
    if let Some(same) = target_by_id.get(id) {
        return mapped(same);
    }
    match source_name.and_then(|name| target_by_name.get(&name.to_lowercase())) {
        Some(matches) if matches.len() == 1 => mapped(matches[0]),
        _ => GroupTarget::Unresolved,
    }
}

fn mapped(group: &Group) -> GroupTarget {
    GroupTarget::Mapped {
        group_id: group.id.clone(),
        display_name: group.display_name.clone(),
        automatic: true,
    }
}

/// The group ids a policy's assignments name (include and exclude targets).
pub fn assigned_groups(content: &Value) -> Vec<String> {
    assignments(content)
        .iter()
        .filter_map(group_of)
        .map(str::to_owned)
        .collect()
}

fn assignments(content: &Value) -> &[Value] {
    content
        .get("assignments")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn group_of(assignment: &Value) -> Option<&str> {
    assignment
        .get("target")
        .and_then(|t| t.get("groupId"))
        .and_then(Value::as_str)
}

/// The content with its assignments moved to the target's groups: mapped groups rewritten,
/// skipped ones left out, unresolved ones kept (and returned, so the item is a conflict).
pub fn apply(content: &Value, choices: &[GroupChoice]) -> (Value, Vec<String>) {
    let mut out = content.clone();
    let mut unresolved = Vec::new();
    let Some(list) = out.get_mut("assignments").and_then(Value::as_array_mut) else {
        return (out, unresolved);
    };
    let mut kept = Vec::with_capacity(list.len());
    for mut assignment in std::mem::take(list) {
        let Some(group) = group_of(&assignment).map(str::to_owned) else {
            kept.push(assignment);
            continue;
        };
        match choices
            .iter()
            .find(|c| c.source_group_id == group)
            .map(|c| &c.target)
        {
            Some(GroupTarget::Mapped { group_id, .. }) => {
                if let Some(target) = assignment.get_mut("target") {
                    target["groupId"] = Value::String(group_id.clone());
                }
                kept.push(assignment);
            }
            Some(GroupTarget::Skip) => {}
            Some(GroupTarget::Unresolved) | None => {
                unresolved.push(group);
                kept.push(assignment);
            }
        }
    }
    *list = kept;
    unresolved.sort();
    unresolved.dedup();
    (out, unresolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn g(id: &str, name: &str) -> Group {
        Group {
            id: id.into(),
            display_name: name.into(),
        }
    }

    #[test]
    fn groups_match_by_id_then_by_unique_name_and_overrides_win() {
        let source = [
            g("s1", "Sales"),
            g("s2", "Pilot"),
            g("s3", "Twins"),
            g("same", "X"),
        ];
        let target = [
            g("t1", "sales"),
            g("t3a", "Twins"),
            g("t3b", "twins"),
            g("same", "Renamed"),
            g("t9", "Finance"),
        ];
        let used: Vec<String> = ["s1", "s2", "s3", "same", "s4"].map(String::from).to_vec();
        let mut overrides = BTreeMap::new();
        overrides.insert("s4".to_owned(), Override::To("t9".into()));
        let choices = map_groups(&used, &source, &target, &overrides).unwrap();
        let target_of = |id: &str| {
            choices
                .iter()
                .find(|c| c.source_group_id == id)
                .unwrap()
                .target
                .clone()
        };
        assert!(
            matches!(target_of("s1"), GroupTarget::Mapped { group_id, automatic: true, .. } if group_id == "t1")
        );
        assert_eq!(
            target_of("s2"),
            GroupTarget::Unresolved,
            "no group of that name"
        );
        assert_eq!(
            target_of("s3"),
            GroupTarget::Unresolved,
            "two groups of that name"
        );
        assert!(
            matches!(target_of("same"), GroupTarget::Mapped { group_id, .. } if group_id == "same")
        );
        assert!(
            matches!(target_of("s4"), GroupTarget::Mapped { group_id, automatic: false, .. } if group_id == "t9")
        );

        overrides.insert("s2".to_owned(), Override::To("elsewhere".into()));
        let refused = map_groups(&used, &source, &target, &overrides).unwrap_err();
        assert_eq!(refused.source_group_id, "s2");
        let mut stray = BTreeMap::new();
        stray.insert("not-used".to_owned(), Override::Skip);
        assert!(map_groups(&used, &source, &target, &stray).is_err());
    }

    #[test]
    fn applying_rewrites_mapped_drops_skipped_and_reports_unresolved() {
        let content = json!({ "assignments": [
            { "target": { "@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "a" } },
            { "target": { "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "b" } },
            { "target": { "@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "c" } },
            { "target": { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
        ]});
        let choices = vec![
            GroupChoice {
                source_group_id: "a".into(),
                source_name: None,
                target: mapped(&g("ta", "A")),
            },
            GroupChoice {
                source_group_id: "b".into(),
                source_name: None,
                target: GroupTarget::Skip,
            },
            GroupChoice {
                source_group_id: "c".into(),
                source_name: None,
                target: GroupTarget::Unresolved,
            },
        ];
        let (out, unresolved) = apply(&content, &choices);
        assert_eq!(assigned_groups(&out), vec!["ta", "c"]);
        assert_eq!(unresolved, vec!["c"]);
        assert_eq!(
            out["assignments"].as_array().unwrap().len(),
            3,
            "the all-devices target stays"
        );
        assert_eq!(
            assigned_groups(&content),
            vec!["a", "b", "c"],
            "the source is untouched"
        );
    }
}
