//! Browsing a tenant's inventory: the table, counts per type, one object with its readable
//! configuration and history, and the difference between two of its versions.

use std::collections::HashMap;

use atlas_domain::{
    readable,
    readable::{ConfigDiff, ReadableConfig, TargetKind, Targeting},
    Capability, InventoryFilter, InventoryItem, InventoryItemId, InventoryTypeCount, Page,
    PolicyVersion, PolicyVersionId, PolicyVersionSummary, PrincipalType, TenantId,
};
use atlas_graph::{catalog::CATALOG, Category};
use atlas_store::{directory_roles, groups, inventory, policy_versions, setting_definitions, Db};

use crate::{access, types::TenantRequest, Actor, Api, ApiError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListInventoryRequest {
    pub tenant_id: TenantId,
    pub filter: InventoryFilter,
}

/// A type of the object catalog, for filters and labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObjectTypeInfo {
    pub key: String,
    pub label: String,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GetInventoryObjectRequest {
    pub tenant_id: TenantId,
    pub item_id: InventoryItemId,
}

/// One object with what is known about it: the newest captured version read for people, and
/// its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InventoryObjectDetail {
    pub item: InventoryItem,
    pub type_label: String,
    /// The newest version, when a policy sync captured one.
    pub latest: Option<PolicyVersion>,
    /// The newest version's settings and assignments, readable; group names from the cache.
    pub readable: Option<ReadableConfig>,
    /// How the type says whom its objects apply to: through `assignments`, or the targeting
    /// rows of `readable`.
    pub targeting: Targeting,
    /// Every version, newest first.
    pub versions: Vec<PolicyVersionSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffVersionsRequest {
    pub tenant_id: TenantId,
    pub before: PolicyVersionId,
    pub after: PolicyVersionId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionDiffResponse {
    pub before: PolicyVersionSummary,
    pub after: PolicyVersionSummary,
    pub diff: ConfigDiff,
}

/// Page sizes the table may ask for.
const MAX_PAGE: i64 = 500;

impl Api {
    /// The object types inventory knows, for filters and labels.
    pub async fn list_object_types(&self, _actor: &Actor) -> Result<Vec<ObjectTypeInfo>, ApiError> {
        Ok(CATALOG
            .iter()
            .filter(|t| t.category != Category::Directory)
            .map(|t| ObjectTypeInfo {
                key: t.key.into(),
                label: t.label.into(),
                category: t.category.code().into(),
            })
            .collect())
    }

    /// One page of a tenant's inventory, filtered, searched and sorted.
    pub async fn list_inventory(
        &self,
        actor: &Actor,
        request: ListInventoryRequest,
    ) -> Result<Page<InventoryItem>, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        let mut filter = request.filter;
        if !(1..=MAX_PAGE).contains(&filter.limit) || filter.offset < 0 {
            return Err(ApiError::invalid(format!(
                "A page holds 1 to {MAX_PAGE} objects from an offset of 0 or more."
            )));
        }
        filter.search = filter.search.filter(|s| !s.trim().is_empty());
        Ok(inventory::list(&mut db, request.tenant_id, &filter).await?)
    }

    pub async fn inventory_counts(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<Vec<InventoryTypeCount>, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        Ok(inventory::counts_by_type(&mut db, request.tenant_id).await?)
    }

    /// One object: its inventory row, the newest captured version made readable (assignment
    /// groups named from the groups cache), and its version history.
    pub async fn get_inventory_object(
        &self,
        actor: &Actor,
        request: GetInventoryObjectRequest,
    ) -> Result<InventoryObjectDetail, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        let item = inventory::get(&mut db, request.item_id)
            .await?
            .filter(|i| i.tenant_id == request.tenant_id)
            .ok_or_else(|| ApiError::not_found("Object"))?;
        let versions = policy_versions::list_for_object(
            &mut db,
            item.tenant_id,
            &item.object_type,
            &item.external_id,
        )
        .await?;
        let latest = match versions.first() {
            Some(newest) => policy_versions::get(&mut db, newest.id).await?,
            None => None,
        };
        let readable = match &latest {
            Some(version) => {
                let ids = readable::setting_ids(&version.content);
                let defs = setting_definitions::for_settings(&mut db, item.tenant_id, &ids).await?;
                let mut config = readable::readable_with(&version.content, &defs);
                let names = TargetNames::load(&mut db, item.tenant_id, [&config]).await?;
                names.apply(&mut config);
                Some(config)
            }
            None => None,
        };
        let object_type = atlas_graph::catalog::ObjectType::find(&item.object_type);
        let type_label = object_type
            .map(|t| t.label.to_owned())
            .unwrap_or_else(|| item.object_type.clone());
        let targeting = object_type.map_or(Targeting::Assignments, |t| t.targeting);
        Ok(InventoryObjectDetail {
            item,
            type_label,
            latest,
            readable,
            targeting,
            versions,
        })
    }

    /// What changed between two versions of the same object, setting by setting.
    pub async fn diff_versions(
        &self,
        actor: &Actor,
        request: DiffVersionsRequest,
    ) -> Result<VersionDiffResponse, ApiError> {
        let mut db = self.store.conn().await?;
        self.viewable(&mut db, actor, request.tenant_id).await?;
        let before = version_of(&mut db, request.tenant_id, request.before).await?;
        let after = version_of(&mut db, request.tenant_id, request.after).await?;
        if (&before.summary.object_type, &before.summary.external_id)
            != (&after.summary.object_type, &after.summary.external_id)
        {
            return Err(ApiError::invalid(
                "The two versions belong to different objects; compare versions of one object.",
            ));
        }
        // The fields the type's hash leaves out are left out of the comparison too.
        let volatile = atlas_graph::catalog::ObjectType::find(&after.summary.object_type)
            .map_or(&[][..], |t| t.volatile_fields);
        let mut ids = readable::setting_ids(&before.content);
        ids.extend(readable::setting_ids(&after.content));
        let defs = setting_definitions::for_settings(&mut db, request.tenant_id, &ids).await?;
        let mut diff = readable::diff_with(&before.content, &after.content, volatile, &defs);
        name_assignment_groups(&mut db, request.tenant_id, &mut diff).await?;
        Ok(VersionDiffResponse {
            before: before.summary,
            after: after.summary,
            diff,
        })
    }

    /// Checks that the actor may view the tenant's data.
    pub(crate) async fn viewable(
        &self,
        db: &mut impl Db,
        actor: &Actor,
        tenant: TenantId,
    ) -> Result<(), ApiError> {
        access::tenant(
            db,
            actor,
            tenant,
            Capability::TenantView,
            "view this tenant",
        )
        .await
        .map(|_| ())
    }
}

/// The names a tenant's caches give the groups, directory roles and principals that readable
/// configurations name by id: read once for any number of objects (an id the caches do not
/// know keeps its id as its name).
pub(crate) struct TargetNames {
    groups: HashMap<String, String>,
    roles: HashMap<String, String>,
    principals: HashMap<String, (String, Option<PrincipalType>)>,
}

impl TargetNames {
    /// The names `configs` need: groups of assignments and targeting rows, and the directory
    /// roles and principals only when a targeting row names any.
    pub(crate) async fn load<'a>(
        db: &mut impl Db,
        tenant: TenantId,
        configs: impl IntoIterator<Item = &'a ReadableConfig>,
    ) -> Result<Self, ApiError> {
        let mut ids = Vec::new();
        let mut directory = false;
        for config in configs {
            ids.extend(config.assignments.iter().filter_map(|a| a.group_id.clone()));
            for target in config
                .targeting
                .iter()
                .flat_map(|r| r.include.iter().chain(&r.exclude))
            {
                directory |= target.id.is_some();
                if matches!(target.kind, TargetKind::Group | TargetKind::Principal) {
                    ids.extend(target.id.clone());
                }
            }
        }
        ids.sort();
        ids.dedup();
        let groups = groups::names(db, tenant, &ids).await?;
        let (mut roles, mut principals) = (HashMap::new(), HashMap::new());
        if directory {
            for d in directory_roles::list_definitions(db, tenant).await? {
                if let Some(template) = d.template_id {
                    roles.insert(template, d.display_name.clone());
                }
                roles.insert(d.role_definition_id, d.display_name);
            }
            for a in directory_roles::list_assignments(db, tenant).await? {
                if let Some(name) = a.principal_display_name {
                    principals.insert(a.principal_id, (name, a.principal_type));
                }
            }
        }
        Ok(Self {
            groups,
            roles,
            principals,
        })
    }

    /// Puts the cached names into `config`'s assignments and targeting rows.
    pub(crate) fn apply(&self, config: &mut ReadableConfig) {
        for a in &mut config.assignments {
            a.group_name = a
                .group_id
                .as_ref()
                .and_then(|id| self.groups.get(id).cloned());
        }
        for target in config
            .targeting
            .iter_mut()
            .flat_map(|r| r.include.iter_mut().chain(r.exclude.iter_mut()))
        {
            let Some(id) = target.id.as_deref() else {
                continue;
            };
            let known = match target.kind {
                TargetKind::Group => self.groups.get(id).cloned(),
                TargetKind::Role => self.roles.get(id).cloned(),
                TargetKind::Principal => match (self.groups.get(id), self.principals.get(id)) {
                    (Some(group), _) => {
                        target.kind = TargetKind::Group;
                        Some(group.clone())
                    }
                    (None, Some((name, kind))) => {
                        if *kind == Some(PrincipalType::User) {
                            target.kind = TargetKind::User;
                        }
                        Some(name.clone())
                    }
                    (None, None) => None,
                },
                _ => None,
            };
            if let Some(name) = known {
                target.name = name;
            }
        }
    }
}

async fn name_assignment_groups(
    db: &mut impl Db,
    tenant: TenantId,
    diff: &mut ConfigDiff,
) -> Result<(), ApiError> {
    let group_of = |key: &str| {
        let mut parts = key.splitn(3, '.');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("assignments"), Some(_), Some(id)) => {
                Some(id.split('#').next().unwrap_or(id).to_owned())
            }
            _ => None,
        }
    };
    let ids: Vec<String> = diff.rows.iter().filter_map(|r| group_of(&r.key)).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let names = groups::names(db, tenant, &ids).await?;
    for row in &mut diff.rows {
        if let Some(name) = group_of(&row.key).and_then(|id| names.get(&id).map(|n| (id, n))) {
            row.name = row.name.replace(&name.0, name.1);
        }
    }
    Ok(())
}

pub(crate) async fn version_of(
    db: &mut impl Db,
    tenant: TenantId,
    id: PolicyVersionId,
) -> Result<PolicyVersion, ApiError> {
    policy_versions::get(db, id)
        .await?
        .filter(|v| v.summary.tenant_id == tenant)
        .ok_or_else(|| ApiError::not_found("Version"))
}
