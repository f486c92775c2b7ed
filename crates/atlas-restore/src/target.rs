//! The target tenant as it is now: its objects of the types a restore touches, read in full
//! through Graph (reads only), each beside the content hash of its newest stored version, and
//! the hash of that whole state — what a preview plans against and what an execution must
//! still find.

use atlas_domain::{normalize::content_hash, FailureEntry, TenantId};
use atlas_engine::{HandlerError, RunContext};
use atlas_graph::{Depth, ObjectType};
use atlas_store::policy_versions;
use atlas_sync::scope::{Scope, TypeReads};
use sha2::{Digest, Sha256};

use crate::plan::{TargetObject, TargetState};

/// A read of the target that did not see everything: its failures, named.
pub(crate) struct PartialRead {
    pub failures: Vec<FailureEntry>,
    pub total: usize,
    pub failed: usize,
}

/// Reads the target's objects of `types`; any object or listing that could not be read makes
/// the read partial (a plan against part of the target would not say what a restore does).
pub(crate) async fn read(
    ctx: &RunContext,
    scope: &Scope,
    tenant: TenantId,
    types: Vec<&'static ObjectType>,
    work: &'static str,
) -> Result<Result<(TargetState, usize), PartialRead>, HandlerError> {
    let mut target = TargetState::new();
    let mut reads = TypeReads::start(ctx, scope, types, Depth::Full, work);
    while let Some(read) = reads.next(ctx).await? {
        let mut db = ctx.store.conn().await.map_err(crate::store_error)?;
        let synced = policy_versions::latest_hashes(&mut db, tenant, read.object_type.key)
            .await
            .map_err(crate::store_error)?;
        let objects = read
            .objects
            .into_iter()
            .map(|o| TargetObject {
                synced_hash: synced.get(&o.id).cloned(),
                external_id: o.id,
                display_name: o.display_name,
                content: o.content,
            })
            .collect();
        target.insert(read.object_type.key, objects);
        reads.stored(ctx);
    }
    if !reads.failures.is_empty() {
        return Ok(Err(PartialRead {
            failures: reads.failures,
            total: reads.total,
            failed: reads.failed,
        }));
    }
    Ok(Ok((target, reads.total)))
}

/// SHA-256 over every target object read: type, id and normalised content hash, in a fixed
/// order.
pub(crate) fn state_hash(target: &TargetState) -> String {
    let mut lines: Vec<String> = target
        .iter()
        .flat_map(|(key, objects)| {
            let volatile = ObjectType::find(key).map_or(&[][..], |t| t.volatile_fields);
            objects.iter().map(move |o| {
                format!(
                    "{key}\0{}\0{}",
                    o.external_id,
                    content_hash(&o.content, volatile)
                )
            })
        })
        .collect();
    lines.sort();
    let mut hasher = Sha256::new();
    for line in lines {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
