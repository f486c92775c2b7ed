//! `inventory_sync`: the tenant's last observed truth. Reads the listing of every selected
//! catalog type (with the catalog's expansions), hashes each object's normalised content, and
//! writes inventory items type by type. A type read completely also marks objects it no longer
//! lists as removed; a type read only partly is recorded as incomplete and removes nothing.

use std::sync::Arc;

use atlas_domain::{
    normalize::{config_hash, content_hash},
    summary::SummaryKey,
    InventorySelection, OperationType, RunResult, SyncInputs,
};
use atlas_graph::{Category, Depth, ObjectType, TypeRead, CATALOG};
use atlas_store::inventory::{self, SeenItem};

use crate::scope::{self, counts, store_error, TypeReads};
use crate::tenant_graph::TenantGraph;
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};

#[derive(Debug)]
pub struct InventorySyncHandler {
    graph: Arc<dyn TenantGraph>,
}

impl InventorySyncHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

/// The selection checked against the catalog: trimmed, de-duplicated, every key known.
pub(crate) fn validated(selection: &InventorySelection) -> Result<InventorySelection, String> {
    let types: Vec<&str> = inventory_types().map(|t| t.key).collect();
    let categories: Vec<&str> = inventory_types().map(|t| t.category.code()).collect();
    selection
        .validated(&types, &categories)
        .map_err(|e| e.to_string())
}

/// Everything inventory covers: every catalog type but directory objects (groups and roles
/// have their own syncs).
fn inventory_types() -> impl Iterator<Item = &'static ObjectType> {
    CATALOG.iter().filter(|t| t.category != Category::Directory)
}

/// The catalog types a selection means. Empty lists mean every policy type; foundations
/// (assignment filters, scope tags, Intune roles) come with `include_foundations`, and the
/// ones policies point at (filters and scope tags) with `include_dependencies`.
pub(crate) fn selected_types(selection: &InventorySelection) -> Vec<&'static ObjectType> {
    let everything = selection.policy_types.is_empty() && selection.categories.is_empty();
    inventory_types()
        .filter(|t| {
            let named = selection.policy_types.iter().any(|k| k == t.key)
                || selection.categories.iter().any(|c| c == t.category.code());
            if t.category == Category::Foundations {
                named
                    || selection.include_foundations
                    || (selection.include_dependencies
                        && matches!(t.key, "assignment_filter" | "scope_tag"))
            } else {
                everything || named
            }
        })
        .collect()
}

/// A run's selection checked against the catalog, with the types it means; one that means
/// none is refused ("The selection names no object type to {verb}.").
pub(crate) fn selection_types(
    selection: &InventorySelection,
    verb: &str,
) -> Result<(InventorySelection, Vec<&'static ObjectType>), String> {
    let selection = validated(selection)?;
    let types = selected_types(&selection);
    if types.is_empty() {
        return Err(format!("The selection names no object type to {verb}."));
    }
    Ok((selection, types))
}

#[async_trait::async_trait]
impl Handler for InventorySyncHandler {
    type Input = SyncInputs;

    fn operation(&self) -> OperationType {
        OperationType::InventorySync
    }

    fn validate(&self, inputs: &SyncInputs) -> Result<(), String> {
        selection_types(&inputs.selection, "read").map(|_| ())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: SyncInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let (selection, types) = selection_types(&inputs.selection, "read")
            .map_err(|e| HandlerError::new("invalid_inputs", e))?;
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        let started = ctx.clock.now();
        let mut reads = TypeReads::start(&ctx, &scope, types, Depth::Listing, "The inventory sync");
        let (mut items, mut removed) = (0, 0);
        while let Some(read) = reads.next(&ctx).await? {
            let (written, gone) = store_type(&ctx, &scope, read, started).await?;
            items += written;
            removed += gone;
            reads.stored(&ctx);
            ctx.progress.set(SummaryKey::Items, items as i64);
        }
        let anything_read = items > 0 || reads.any_complete();
        let counts = counts(&[
            (SummaryKey::Total, reads.total),
            (SummaryKey::Processed, reads.processed),
            (SummaryKey::Items, items),
            (SummaryKey::Deleted, removed),
            (SummaryKey::Failed, reads.failed),
        ]);
        let result = RunResult::InventorySync {
            selection,
            types: reads.types,
        };
        Ok(scope::outcome(
            reads.failures,
            anything_read,
            counts,
            result,
        ))
    }
}

/// Hashes a type's objects off the async threads, then writes them (and, when the type was
/// read completely, the removed markers) in one transaction.
async fn store_type(
    ctx: &RunContext,
    scope: &scope::Scope,
    read: TypeRead,
    seen_at: atlas_domain::Timestamp,
) -> Result<(usize, usize), HandlerError> {
    let object_type = read.object_type;
    let complete = read.complete();
    let seen = tokio::task::spawn_blocking(move || {
        read.objects
            .into_iter()
            .map(|o| SeenItem {
                object_type: object_type.key.to_owned(),
                content_hash: content_hash(&o.content, object_type.volatile_fields),
                config_hash: config_hash(&o.content, object_type.volatile_fields),
                external_id: o.id,
                display_name: o.display_name,
                platform: o.platform,
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| HandlerError::new("hashing", e.to_string()))?;
    let mut tx = ctx.store.begin().await.map_err(store_error)?;
    inventory::upsert_seen(
        &mut tx,
        scope.tenant.workspace_id,
        scope.tenant.id,
        &seen,
        seen_at,
        Some(ctx.run.id),
    )
    .await
    .map_err(store_error)?;
    let removed = if complete {
        inventory::mark_removed(
            &mut tx,
            scope.tenant.id,
            object_type.key,
            seen_at,
            ctx.clock.now(),
        )
        .await
        .map_err(store_error)?
    } else {
        0
    };
    tx.commit().await.map_err(store_error)?;
    Ok((seen.len(), usize::try_from(removed).unwrap_or(usize::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(selection: &InventorySelection) -> Vec<&'static str> {
        selected_types(selection).iter().map(|t| t.key).collect()
    }

    #[test]
    fn the_default_selection_is_the_full_inventory_without_directory_objects() {
        let all = keys(&InventorySelection::default());
        assert!(all.contains(&"settings_catalog"));
        assert!(all.contains(&"assignment_filter"));
        assert!(!all.contains(&"group"));
        assert_eq!(all.len(), inventory_types().count());
    }

    #[test]
    fn narrow_selections_bring_dependencies_only_when_asked() {
        let only = InventorySelection {
            policy_types: vec!["compliance_policy".into()],
            categories: vec![],
            include_foundations: false,
            include_dependencies: false,
        };
        assert_eq!(keys(&only), vec!["compliance_policy"]);
        let with_deps = InventorySelection {
            include_dependencies: true,
            ..only.clone()
        };
        assert_eq!(
            keys(&with_deps),
            vec!["compliance_policy", "assignment_filter", "scope_tag"]
        );
        let by_category = InventorySelection {
            categories: vec!["scripts".into()],
            policy_types: vec![],
            ..only
        };
        let scripts = keys(&by_category);
        assert!(!scripts.is_empty());
        assert!(
            scripts.iter().all(|k| k.ends_with("_script")),
            "{scripts:?}"
        );
    }

    #[test]
    fn unknown_types_are_refused_with_their_name() {
        let selection = InventorySelection {
            policy_types: vec!["no_such_type".into()],
            ..Default::default()
        };
        let err = validated(&selection).unwrap_err();
        assert!(err.contains("no_such_type"), "{err}");
        assert!(validated(&InventorySelection::default()).is_ok());
    }
}
