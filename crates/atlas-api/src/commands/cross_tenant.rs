//! Reading across tenants: search every tenant of a workspace at once (objects, groups and
//! settings by name), compare one policy between two tenants before any baseline exists, and
//! a tenant's feed of what changed, sync by sync.

use std::collections::HashMap;

use atlas_domain::{
    normalize::configuration, readable, Capability, InventoryItemId, OperationRun, OperationType,
    PolicyVersionId, RunChanges, TenantId, Timestamp, WorkspaceId,
};
use atlas_store::{inventory, policy_versions, runs, search, setting_definitions, tenants};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    access, commands::inventory::version_of, types::VersionDiffResponse, Actor, Api, ApiError,
};

/// The most hits of each kind a search returns.
const SEARCH_LIMIT: i64 = 50;
/// Entries per page of a tenant's changes feed, and objects named per entry.
const FEED_PAGE: i64 = 20;
const FEED_OBJECTS: i64 = 10;
/// How many runs one feed page looks through for ones that changed something.
const FEED_SCAN: i64 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchRequest {
    pub workspace_id: WorkspaceId,
    pub query: String,
    /// Objects only: no groups, and none of the settings search, which reads the newest
    /// versions' content (the command palette asks on every pause in typing).
    #[serde(default)]
    #[ts(optional)]
    pub objects_only: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchObject {
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub item_id: InventoryItemId,
    pub object_type: String,
    pub type_label: String,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchGroup {
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub group_id: String,
    pub display_name: String,
}

/// A setting found by its portal name, in one policy that configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchSetting {
    pub tenant_id: TenantId,
    pub tenant_name: String,
    pub setting_name: String,
    pub definition_id: String,
    pub item_id: InventoryItemId,
    pub policy_name: String,
}

/// What a search found in every tenant the actor may see, each kind by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    pub objects: Vec<SearchObject>,
    pub groups: Vec<SearchGroup>,
    pub settings: Vec<SearchSetting>,
    /// Some kind had more hits than are listed: narrow the search.
    pub truncated: bool,
}

/// One version of a policy, in a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionRef {
    pub tenant_id: TenantId,
    pub version_id: PolicyVersionId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompareAcrossRequest {
    pub left: VersionRef,
    pub right: VersionRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TenantChangesRequest {
    pub tenant_id: TenantId,
    /// The page after the one that ended with a run completed at this moment.
    #[ts(optional)]
    pub before: Option<Timestamp>,
}

/// One sync that changed the tenant's configuration, with what it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChangeFeedEntry {
    pub run: OperationRun,
    /// The objects it added, changed and found removed (a few of each; the counts are exact).
    pub changes: RunChanges,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TenantChangesPage {
    pub entries: Vec<ChangeFeedEntry>,
    /// Where the next page starts; `None` when there is no more.
    pub next_before: Option<Timestamp>,
}

impl Api {
    /// Objects, groups and settings whose name contains the query, in every tenant of the
    /// workspace the actor may see.
    pub async fn search_workspace(
        &self,
        actor: &Actor,
        request: SearchRequest,
    ) -> Result<SearchResults, ApiError> {
        let query = request.query.trim();
        if query.chars().count() < 2 {
            return Err(ApiError::invalid("Search for at least two characters."));
        }
        let mut db = self.store.conn().await?;
        access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::TenantView,
            "search this workspace",
        )
        .await?;
        let visible = tenants::list_visible(&mut db, request.workspace_id, actor.user_id()).await?;
        let names: HashMap<TenantId, String> = visible
            .iter()
            .map(|t| (t.id, t.display_name.clone()))
            .collect();
        let ids: Vec<TenantId> = visible.iter().map(|t| t.id).collect();
        let name_of = |id: &TenantId| names.get(id).cloned().unwrap_or_default();
        // One more than is listed says whether there are more.
        let over = SEARCH_LIMIT + 1;
        let mut objects = search::objects(&mut db, &ids, query, over).await?;
        let (mut groups, mut settings) = match request.objects_only {
            Some(true) => (Vec::new(), Vec::new()),
            _ => (
                search::groups(&mut db, &ids, query, over).await?,
                search::settings(&mut db, &ids, query, over).await?,
            ),
        };
        let limit = SEARCH_LIMIT as usize;
        let truncated = objects.len() > limit || groups.len() > limit || settings.len() > limit;
        objects.truncate(limit);
        groups.truncate(limit);
        settings.truncate(limit);
        Ok(SearchResults {
            objects: objects
                .into_iter()
                .map(|o| SearchObject {
                    tenant_name: name_of(&o.tenant_id),
                    type_label: atlas_graph::ObjectType::find(&o.object_type)
                        .map_or_else(|| o.object_type.clone(), |t| t.label.to_owned()),
                    tenant_id: o.tenant_id,
                    item_id: o.item_id,
                    object_type: o.object_type,
                    display_name: o.display_name,
                })
                .collect(),
            groups: groups
                .into_iter()
                .map(|g| SearchGroup {
                    tenant_name: name_of(&g.tenant_id),
                    tenant_id: g.tenant_id,
                    group_id: g.group_id,
                    display_name: g.display_name,
                })
                .collect(),
            settings: settings
                .into_iter()
                .map(|s| SearchSetting {
                    tenant_name: name_of(&s.tenant_id),
                    tenant_id: s.tenant_id,
                    setting_name: s.setting_name,
                    definition_id: s.definition_id,
                    item_id: s.item_id,
                    policy_name: s.display_name,
                })
                .collect(),
            truncated,
        })
    }

    /// Compares two versions of policies of the same type, in the same or different tenants:
    /// their configurations (what belongs to one tenant — assignments, scope tags, names — is
    /// left out, as baselines leave it out), with the same diff as two versions of one object.
    pub async fn compare_across(
        &self,
        actor: &Actor,
        request: CompareAcrossRequest,
    ) -> Result<VersionDiffResponse, ApiError> {
        let mut db = self.store.conn().await?;
        let (l, r) = (request.left, request.right);
        self.viewable(&mut db, actor, l.tenant_id).await?;
        let left = version_of(&mut db, l.tenant_id, l.version_id).await?;
        self.viewable(&mut db, actor, r.tenant_id).await?;
        let right = version_of(&mut db, r.tenant_id, r.version_id).await?;
        if left.summary.object_type != right.summary.object_type {
            return Err(ApiError::invalid(
                "Compare two policies of the same type; these are of different types.",
            ));
        }
        let volatile = atlas_graph::ObjectType::find(&left.summary.object_type)
            .map_or(&[][..], |t| t.volatile_fields);
        let (before, after) = (
            configuration(&left.content, volatile),
            configuration(&right.content, volatile),
        );
        // Each side's settings are named by its own tenant's definitions, the left's first.
        let mut defs = setting_definitions::for_settings(
            &mut db,
            request.left.tenant_id,
            &readable::setting_ids(&before),
        )
        .await?;
        defs.extend(
            setting_definitions::for_settings(
                &mut db,
                request.right.tenant_id,
                &readable::setting_ids(&after),
            )
            .await?,
        );
        let diff = readable::diff_with(&before, &after, &[], &defs);
        Ok(VersionDiffResponse {
            before: left.summary,
            after: right.summary,
            diff,
        })
    }

    /// The tenant's syncs that changed its stored configuration, newest first: each with the
    /// objects it added, changed and found removed.
    pub async fn tenant_changes(
        &self,
        actor: &Actor,
        request: TenantChangesRequest,
    ) -> Result<TenantChangesPage, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        let candidates = runs::completed_for_tenant(
            &mut db,
            request.tenant_id,
            &[OperationType::PolicySync, OperationType::PolicySyncOne],
            request.before,
            FEED_SCAN,
        )
        .await?;
        let scanned_all = (candidates.len() as i64) < FEED_SCAN;
        let mut entries: Vec<ChangeFeedEntry> = Vec::new();
        let (mut next_before, mut last_scanned) = (None, None);
        for run in candidates {
            if entries.len() as i64 == FEED_PAGE {
                next_before = entries.last().and_then(|e| e.run.completed_at);
                break;
            }
            last_scanned = run.completed_at;
            let mut changes =
                policy_versions::captured_by_run(&mut db, run.id, FEED_OBJECTS).await?;
            if let (OperationType::PolicySync, Some(started), Some(completed)) =
                (run.operation_type, run.started_at, run.completed_at)
            {
                (changes.removed, changes.removed_count) = inventory::removed_between(
                    &mut db,
                    request.tenant_id,
                    started,
                    completed,
                    FEED_OBJECTS,
                )
                .await?;
            }
            if changes.added_count + changes.changed_count + changes.removed_count > 0 {
                entries.push(ChangeFeedEntry { run, changes });
            }
        }
        if next_before.is_none() && !scanned_all {
            // The scan ended before the page filled: go on from the last run looked at.
            next_before = last_scanned;
        }
        Ok(TenantChangesPage {
            entries,
            next_before,
        })
    }
}
