//! Keeps the tenant's settings catalog definitions cache current from what a policy read
//! brought: the definitions Graph sent with each policy's settings, and the names of the
//! categories they sit in (read once per category, the first time one is seen).

use atlas_domain::readable::{SettingCategory, SettingDefinition};
use atlas_engine::{HandlerError, RunContext};
use atlas_graph::{ApiVersion, ListQuery, ObjectContent};
use atlas_store::setting_definitions;

use crate::scope::{store_error, Scope};

/// Caches the definitions `objects` came with; returns the categories they name.
pub(crate) async fn cache_definitions(
    ctx: &RunContext,
    scope: &Scope,
    objects: &[ObjectContent],
) -> Result<Vec<String>, HandlerError> {
    let definitions: Vec<SettingDefinition> = objects
        .iter()
        .flat_map(|o| &o.setting_definitions)
        .filter_map(SettingDefinition::from_graph)
        .collect();
    if definitions.is_empty() {
        return Ok(Vec::new());
    }
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    setting_definitions::upsert_definitions(
        &mut db,
        scope.tenant.id,
        &definitions,
        ctx.clock.now(),
    )
    .await
    .map_err(store_error)?;
    let mut categories: Vec<String> = definitions
        .into_iter()
        .filter_map(|d| d.category_id)
        .collect();
    categories.sort();
    categories.dedup();
    Ok(categories)
}

/// Reads and caches the names of `categories` the cache does not have yet. A category that
/// cannot be read stays unnamed (its settings are then grouped by their area's name from the
/// id): names are a reading aid, never a reason to fail the sync.
pub(crate) async fn name_categories(
    ctx: &RunContext,
    scope: &Scope,
    mut categories: Vec<String>,
) -> Result<(), HandlerError> {
    categories.sort();
    categories.dedup();
    if categories.is_empty() {
        return Ok(());
    }
    let unnamed = {
        let mut db = ctx.store.conn().await.map_err(store_error)?;
        setting_definitions::unnamed_categories(&mut db, scope.tenant.id, &categories)
            .await
            .map_err(store_error)?
    };
    let session = &scope.session;
    let mut named = Vec::new();
    for id in unnamed {
        let path = format!("deviceManagement/configurationCategories/{id}");
        let answer = match session
            .client
            .url(ApiVersion::Beta, &path, &ListQuery::default())
        {
            Ok(url) => session.client.get_json(&session.credentials, &url).await,
            Err(error) => Err(error),
        };
        match answer.map(|(body, _)| SettingCategory::from_graph(&body)) {
            Ok(Some(category)) => named.push(category),
            Ok(None) => tracing::debug!(category = %id, "a settings category came without a name"),
            Err(error) => {
                tracing::debug!(category = %id, %error, "a settings category could not be read")
            }
        }
    }
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    setting_definitions::upsert_categories(&mut db, scope.tenant.id, &named, ctx.clock.now())
        .await
        .map_err(store_error)
}
