//! `policy.sync` and `policy.sync_one`: capture policies' full content (settings, definition
//! values, assignments) as immutable versions. A version is written only when the normalised
//! content hash differs from the object's newest version, with the purpose the run was started
//! for (backup by default).

use std::sync::Arc;

use atlas_domain::{
    normalize::content_hash, summary::SummaryKey, OperationType, RunResult, SyncInputs,
    SyncOneInputs, Timestamp, VersionPurpose,
};
use atlas_graph::{Depth, ObjectContent, ObjectType};
use atlas_store::{
    policy_versions::{self, NewVersion},
    StoreError,
};

use crate::inventory::selection_types;
use crate::scope::{self, counts, item_failure, store_error, TypeReads};
use crate::setting_definitions::{cache_definitions_of, UsedSettings};
use crate::tenant_graph::TenantGraph;
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};

#[derive(Debug)]
pub struct PolicySyncHandler {
    graph: Arc<dyn TenantGraph>,
}

impl PolicySyncHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

#[async_trait::async_trait]
impl Handler for PolicySyncHandler {
    type Input = SyncInputs;

    fn operation(&self) -> OperationType {
        OperationType::PolicySync
    }

    fn validate(&self, inputs: &SyncInputs) -> Result<(), String> {
        selection_types(&inputs.selection, "capture").map(|_| ())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: SyncInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let (selection, types) = selection_types(&inputs.selection, "capture")
            .map_err(|e| HandlerError::new("invalid_inputs", e))?;
        let purpose = inputs.purpose.unwrap_or(VersionPurpose::Backup);
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        let mut reads = TypeReads::start(&ctx, &scope, types, Depth::Full, "The policy sync");
        let (mut captured, mut unchanged) = (0, 0);
        let mut used = UsedSettings::default();
        while let Some(read) = reads.next(&ctx).await? {
            used.note(&read.objects);
            let (new, same) =
                store_versions(&ctx, &scope, read.object_type, read.objects, purpose).await?;
            captured += new;
            unchanged += same;
            reads.stored(&ctx);
            ctx.progress.set(SummaryKey::Created, captured as i64);
        }
        used.cache(&ctx, &scope).await?;
        let anything_read = captured + unchanged > 0 || reads.any_complete();
        let counts = counts(&[
            (SummaryKey::Total, reads.total),
            (SummaryKey::Processed, reads.processed),
            (SummaryKey::Items, captured + unchanged),
            (SummaryKey::Created, captured),
            (SummaryKey::Skipped, unchanged),
            (SummaryKey::Failed, reads.failed),
        ]);
        let result = RunResult::PolicySync {
            selection,
            purpose,
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

/// Hashes the objects off the async threads, then writes a version for each one whose hash
/// differs from its newest version: numbered from one read of the newest versions and written
/// many rows per statement, with nothing read back. If another writer numbered one of the same
/// objects meanwhile (a one-object capture racing this sync), the batch is redone row by row,
/// each row numbering itself. Returns (captured, unchanged).
pub(crate) async fn store_versions(
    ctx: &RunContext,
    scope: &scope::Scope,
    object_type: &'static ObjectType,
    objects: Vec<ObjectContent>,
    purpose: VersionPurpose,
) -> Result<(usize, usize), HandlerError> {
    if objects.is_empty() {
        return Ok((0, 0));
    }
    let hashed = tokio::task::spawn_blocking(move || {
        objects
            .into_iter()
            .map(|o| (content_hash(&o.content, object_type.volatile_fields), o))
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| HandlerError::new("hashing", e.to_string()))?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await.map_err(store_error)?;
    let latest = policy_versions::latest_versions(&mut tx, scope.tenant.id, object_type.key)
        .await
        .map_err(store_error)?;
    let total = hashed.len();
    let changed: Vec<(NewVersion, i64)> = hashed
        .into_iter()
        .filter_map(|(hash, object)| {
            let next = match latest.get(&object.id) {
                Some((_, newest)) if *newest == hash => return None,
                Some((number, _)) => number + 1,
                None => 1,
            };
            Some((
                new_version(scope, object_type, object, hash, now, ctx, purpose),
                next,
            ))
        })
        .collect();
    match policy_versions::insert_numbered(&mut tx, &changed).await {
        Ok(()) => {
            tx.commit().await.map_err(store_error)?;
            Ok((changed.len(), total - changed.len()))
        }
        Err(StoreError::Conflict(_)) => {
            tx.rollback().await.map_err(store_error)?;
            let mut tx = ctx.store.begin().await.map_err(store_error)?;
            let mut captured = 0;
            for (version, _) in &changed {
                if policy_versions::insert_if_changed(&mut tx, version)
                    .await
                    .map_err(store_error)?
                    .is_some()
                {
                    captured += 1;
                }
            }
            tx.commit().await.map_err(store_error)?;
            Ok((captured, total - captured))
        }
        Err(other) => Err(store_error(other)),
    }
}

fn new_version(
    scope: &scope::Scope,
    object_type: &ObjectType,
    object: ObjectContent,
    content_hash: String,
    captured_at: Timestamp,
    ctx: &RunContext,
    purpose: VersionPurpose,
) -> NewVersion {
    NewVersion {
        workspace_id: scope.tenant.workspace_id,
        tenant_id: scope.tenant.id,
        object_type: object_type.key.to_owned(),
        external_id: object.id,
        display_name: object.display_name,
        content_hash,
        content: object.content,
        captured_at,
        run_id: Some(ctx.run.id),
        purpose,
        provenance: None,
    }
}

/// The catalog type a one-object capture names, if it is a policy type.
fn policy_type(key: &str) -> Result<&'static ObjectType, String> {
    ObjectType::find(key)
        .filter(|t| t.category != atlas_graph::Category::Directory)
        .ok_or_else(|| format!("'{key}' is not a policy type."))
}

#[derive(Debug)]
pub struct PolicySyncOneHandler {
    graph: Arc<dyn TenantGraph>,
}

impl PolicySyncOneHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

#[async_trait::async_trait]
impl Handler for PolicySyncOneHandler {
    type Input = SyncOneInputs;

    fn operation(&self) -> OperationType {
        OperationType::PolicySyncOne
    }

    fn validate(&self, inputs: &SyncOneInputs) -> Result<(), String> {
        policy_type(&inputs.object_type)?;
        if inputs.external_id.trim().is_empty() {
            return Err("Name the object to capture (external_id).".into());
        }
        Ok(())
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: SyncOneInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        let object_type =
            policy_type(&inputs.object_type).map_err(|e| HandlerError::new("invalid_inputs", e))?;
        let id = inputs.external_id.trim().to_owned();
        let purpose = inputs.purpose.unwrap_or(VersionPurpose::Backup);
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        ctx.progress.set(SummaryKey::Total, 1);
        let session = &scope.session;
        let object = match session
            .client
            .read_object(&session.credentials, object_type, &id)
            .await
        {
            Ok(object) => object,
            Err(error) => {
                let failure = atlas_graph::ItemFailure {
                    id: id.clone(),
                    display_name: None,
                    error,
                };
                let mut outcome =
                    HandlerOutcome::failed(vec![item_failure(object_type.label, &failure)]);
                outcome.counts = counts(&[(SummaryKey::Total, 1), (SummaryKey::Failed, 1)]);
                return Ok(outcome);
            }
        };
        cache_definitions_of(&ctx, &scope, std::slice::from_ref(&object)).await?;
        let (captured, unchanged) =
            store_versions(&ctx, &scope, object_type, vec![object], purpose).await?;
        let mut outcome = HandlerOutcome::succeeded().with_result(RunResult::PolicySyncOne {
            object_type: object_type.key.to_owned(),
            external_id: id,
            captured: captured == 1,
        });
        outcome.counts = counts(&[
            (SummaryKey::Total, 1),
            (SummaryKey::Processed, 1),
            (SummaryKey::Created, captured),
            (SummaryKey::Skipped, unchanged),
        ]);
        Ok(outcome)
    }
}
