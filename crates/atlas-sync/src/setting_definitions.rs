//! Keeps the tenant's settings catalog definitions cache current: after a read of policies,
//! the definitions of the settings they use that the cache lacks are read by id (twenty to a
//! `$batch`), and the names of the categories they sit in. A sync therefore pays for each
//! definition once, not with every policy that uses it; later syncs read none. Names are a
//! reading aid: an entry that cannot be read is left out, never a reason to fail the sync.

use std::collections::BTreeSet;

use atlas_domain::readable::{for_each_setting_id, SettingCategory, SettingDefinition};
use atlas_engine::{HandlerError, RunContext};
use atlas_graph::ObjectContent;
use atlas_store::setting_definitions;

use crate::scope::{store_error, Scope};

/// The settings the objects of a sync use, noted as the reads arrive; their definitions are
/// read once the reads are done ([`UsedSettings::cache`]). Reading them between two type reads
/// would ask for request slots the unfinished reads hold until they are polled again.
#[derive(Debug, Default)]
pub(crate) struct UsedSettings(BTreeSet<String>);

impl UsedSettings {
    pub fn note(&mut self, objects: &[ObjectContent]) {
        for object in objects {
            for_each_setting_id(&object.content, &mut |id| {
                if !self.0.contains(id) {
                    self.0.insert(id.to_owned());
                }
            });
        }
    }

    /// Caches the definitions (and their categories' names) of the noted settings that the
    /// tenant's cache does not have yet.
    pub async fn cache(self, ctx: &RunContext, scope: &Scope) -> Result<(), HandlerError> {
        cache_definitions(ctx, scope, self.0.into_iter().collect()).await
    }
}

/// Caches the definitions (and their categories' names) of the settings `objects` use that
/// the tenant's cache does not have yet.
pub(crate) async fn cache_definitions_of(
    ctx: &RunContext,
    scope: &Scope,
    objects: &[ObjectContent],
) -> Result<(), HandlerError> {
    let mut used = UsedSettings::default();
    used.note(objects);
    used.cache(ctx, scope).await
}

async fn cache_definitions(
    ctx: &RunContext,
    scope: &Scope,
    ids: Vec<String>,
) -> Result<(), HandlerError> {
    if ids.is_empty() {
        return Ok(());
    }
    let tenant = scope.tenant.id;
    let missing = {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        setting_definitions::undefined_settings(&mut db, tenant, &ids)
            .await
            .map_err(store_error)?
    };
    if missing.is_empty() {
        return Ok(());
    }
    let session = &scope.session;
    let definitions: Vec<SettingDefinition> = session
        .client
        .setting_definitions(&session.credentials, &missing)
        .await
        .iter()
        .filter_map(SettingDefinition::from_graph)
        .collect();
    let mut categories: Vec<String> = definitions
        .iter()
        .filter_map(|d| d.category_id.clone())
        .collect();
    categories.sort();
    categories.dedup();
    let now = ctx.clock.now();
    let unnamed = {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        setting_definitions::upsert_definitions(&mut db, tenant, &definitions, now)
            .await
            .map_err(store_error)?;
        setting_definitions::unnamed_categories(&mut db, tenant, &categories)
            .await
            .map_err(store_error)?
    };
    if unnamed.is_empty() {
        return Ok(());
    }
    let named: Vec<SettingCategory> = session
        .client
        .setting_categories(&session.credentials, &unnamed)
        .await
        .iter()
        .filter_map(SettingCategory::from_graph)
        .collect();
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    setting_definitions::upsert_categories(&mut db, tenant, &named, now)
        .await
        .map_err(store_error)
}
