//! `policy.sync` and `policy.sync_one`: capture policies' full content (settings, definition
//! values, assignments) as immutable versions. A version is written only when the normalised
//! content hash differs from the object's newest version, with the purpose the run was started
//! for (backup by default).

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use atlas_domain::{normalize::content_hash, summary, OperationType, Timestamp, VersionPurpose};
use atlas_graph::{Depth, ObjectContent, ObjectType};
use atlas_store::policy_versions::{self, NewVersion};
use futures_util::StreamExt;
use serde_json::json;

use super::inventory::{selected_types, selection_of};
use super::scope::{self, counts, item_failure, read_failures, store_error, TypeCompleteness};
use crate::tenant_graph::TenantGraph;
use crate::{Handler, HandlerError, HandlerOutcome, RunContext};

fn purpose_of(inputs: &serde_json::Value) -> Result<VersionPurpose, String> {
    match inputs.get("purpose").and_then(|p| p.as_str()) {
        None => Ok(VersionPurpose::Backup),
        Some(code) => VersionPurpose::from_str(code)
            .map_err(|_| format!("'{code}' is not a version purpose.")),
    }
}

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
    fn operation(&self) -> OperationType {
        OperationType::PolicySync
    }

    fn validate_inputs(&self, inputs: &serde_json::Value) -> Result<(), String> {
        purpose_of(inputs)?;
        if selected_types(&selection_of(inputs)?).is_empty() {
            return Err("The selection names no object type to capture.".into());
        }
        Ok(())
    }

    async fn execute(&self, ctx: RunContext) -> Result<HandlerOutcome, HandlerError> {
        let invalid = |e| HandlerError::new("invalid_inputs", e);
        let selection = selection_of(ctx.inputs()).map_err(invalid)?;
        let purpose = purpose_of(ctx.inputs()).map_err(invalid)?;
        let types = selected_types(&selection);
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        ctx.progress.set(summary::TOTAL, types.len() as i64);
        ctx.progress.set(summary::PROCESSED, 0);
        let session = &scope.session;
        let mut reads =
            session
                .client
                .read_types_stream(&session.credentials, types.clone(), Depth::Full);
        let mut failures = Vec::new();
        let mut completeness = BTreeMap::new();
        let (mut captured, mut unchanged, mut failed, mut processed) = (0, 0, 0, 0);
        while let Some(read) = reads.next().await {
            if ctx.cancel.is_cancelled() {
                return Err(HandlerError::new(
                    "cancelled",
                    "The policy sync was stopped before it finished.",
                ));
            }
            failures.extend(read_failures(&read));
            completeness.insert(read.object_type.key, TypeCompleteness::of(&read));
            failed += read.failures.len();
            let (new, same) =
                capture(&ctx, &scope, read.object_type, read.objects, purpose).await?;
            captured += new;
            unchanged += same;
            processed += 1;
            ctx.progress.set(summary::PROCESSED, processed as i64);
            ctx.progress.set(summary::CREATED, captured as i64);
            ctx.progress.set(summary::FAILED, failed as i64);
        }
        Ok(scope::outcome(
            failures,
            captured + unchanged > 0 || completeness.values().any(|c| c.complete),
            counts(&[
                (summary::TOTAL, types.len()),
                (summary::PROCESSED, processed),
                (summary::ITEMS, captured + unchanged),
                (summary::CREATED, captured),
                (summary::SKIPPED, unchanged),
                (summary::FAILED, failed),
            ]),
            json!({ "selection": selection, "purpose": purpose, "types": completeness }),
        ))
    }
}

/// Hashes the objects off the async threads, then writes a version for each one whose hash
/// differs from its newest version. Returns (captured, unchanged).
async fn capture(
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
    let mut tx = ctx.store.begin().await.map_err(store_error)?;
    let latest = policy_versions::latest_hashes(&mut tx, scope.tenant.id, object_type.key)
        .await
        .map_err(store_error)?;
    let now = ctx.clock.now();
    let (mut captured, mut unchanged) = (0, 0);
    for (hash, object) in hashed {
        if latest.get(&object.id) == Some(&hash) {
            unchanged += 1;
            continue;
        }
        let version = new_version(scope, object_type, object, hash, now, ctx, purpose);
        match policy_versions::insert_if_changed(&mut tx, &version)
            .await
            .map_err(store_error)?
        {
            Some(_) => captured += 1,
            None => unchanged += 1,
        }
    }
    tx.commit().await.map_err(store_error)?;
    Ok((captured, unchanged))
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
    }
}

/// `policy.sync_one` inputs: `{"object_type": "settings_catalog", "external_id": "…",
/// "purpose"?: "backup"}`.
fn target_of(inputs: &serde_json::Value) -> Result<(&'static ObjectType, String), String> {
    let key = inputs
        .get("object_type")
        .and_then(|v| v.as_str())
        .ok_or("Name the object type to capture (object_type).")?;
    let object_type = ObjectType::find(key)
        .filter(|t| t.category != atlas_graph::Category::Directory)
        .ok_or_else(|| format!("'{key}' is not a policy type."))?;
    let id = inputs
        .get("external_id")
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or("Name the object to capture (external_id).")?;
    Ok((object_type, id.to_owned()))
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
    fn operation(&self) -> OperationType {
        OperationType::PolicySyncOne
    }

    fn validate_inputs(&self, inputs: &serde_json::Value) -> Result<(), String> {
        purpose_of(inputs)?;
        target_of(inputs).map(|_| ())
    }

    async fn execute(&self, ctx: RunContext) -> Result<HandlerOutcome, HandlerError> {
        let invalid = |e| HandlerError::new("invalid_inputs", e);
        let (object_type, id) = target_of(ctx.inputs()).map_err(invalid)?;
        let purpose = purpose_of(ctx.inputs()).map_err(invalid)?;
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        ctx.progress.set(summary::TOTAL, 1);
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
                outcome.counts = counts(&[(summary::TOTAL, 1), (summary::FAILED, 1)]);
                return Ok(outcome);
            }
        };
        let (captured, unchanged) =
            capture(&ctx, &scope, object_type, vec![object], purpose).await?;
        let mut outcome = HandlerOutcome::succeeded();
        outcome.counts = counts(&[
            (summary::TOTAL, 1),
            (summary::PROCESSED, 1),
            (summary::CREATED, captured),
            (summary::SKIPPED, unchanged),
        ]);
        outcome.result = json!({
            "object_type": object_type.key,
            "external_id": id,
            "captured": captured == 1,
        });
        Ok(outcome)
    }
}
