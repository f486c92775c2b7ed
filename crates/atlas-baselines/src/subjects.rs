//! A tenant's side of a baseline: its policies of the profile's scope as subjects (key, name,
//! configuration fingerprint and — for full content — the configuration itself), and how
//! completely each type is known. Metadata reads the stored inventory (the last inventory
//! sync's completeness per type); full content reads Graph afresh, and a capture keeps each
//! object as read so it can be held as a policy version.

use std::collections::BTreeMap;

use atlas_domain::{
    baseline::{subject_key, POLICY_SUBJECT},
    finding::{TargetSubject, TypeRead},
    normalize::{canonical_hash, configuration, content_hash},
    FailureEntry, OperationType, RunResult, SnapshotItem, TypesRead,
};
use atlas_engine::{HandlerError, RunContext};
use atlas_graph::{Category, Depth, ObjectContent, ObjectType, CATALOG};
use atlas_store::{inventory, runs};
use atlas_sync::scope::{store_error, Scope, TypeReads};

/// The catalog types a profile's scope names; empty means every configuration type.
pub fn scope_types(scope: &[String]) -> Vec<&'static ObjectType> {
    CATALOG
        .iter()
        // Directory objects and connectors (tokens, partner connections) are each tenant's
        // own facts, never a template's: a baseline holds configuration.
        .filter(|t| !matches!(t.category, Category::Directory | Category::Connectors))
        .filter(|t| scope.is_empty() || scope.iter().any(|k| k == t.key))
        .collect()
}

/// One policy of the tenant, as a baseline sees it: what a compare matches on (its key, name
/// and fingerprint), and what a capture records besides.
#[derive(Debug, Clone)]
pub struct Subject {
    pub target: TargetSubject,
    pub platform: Option<String>,
    /// Full content only: the configuration without tenant-specific fields, secrets masked.
    pub configuration: Option<serde_json::Value>,
    /// Captures only: the object as read (secrets masked) and its content hash, for the
    /// policy version a remediating restore writes from.
    pub object: Option<(serde_json::Value, String)>,
}

impl Subject {
    /// `hash` is none for an inventory row from before fingerprints were recorded.
    fn new(
        policy_type: &'static str,
        external_id: String,
        display_name: String,
        platform: Option<String>,
        hash: Option<String>,
        configuration: Option<serde_json::Value>,
    ) -> Self {
        Self {
            target: TargetSubject {
                subject_type: POLICY_SUBJECT.to_owned(),
                subject_key: subject_key(policy_type, &display_name),
                policy_type: policy_type.to_owned(),
                display_name,
                external_id,
                hash,
            },
            platform,
            configuration,
            object: None,
        }
    }

    pub fn key(&self) -> &str {
        &self.target.subject_key
    }

    pub fn target(&self) -> &TargetSubject {
        &self.target
    }

    /// As a snapshot item (a capture of this subject).
    pub fn into_item(self) -> Option<SnapshotItem> {
        let t = self.target;
        let hash = t.hash?;
        let settings = self
            .configuration
            .as_ref()
            .map(|c| atlas_domain::readable::readable(c).settings.len());
        Some(SnapshotItem {
            subject_type: t.subject_type,
            subject_key: t.subject_key,
            policy_type: t.policy_type,
            baseline_hash: hash,
            meta: serde_json::json!({
                "display_name": t.display_name,
                "platform": self.platform,
                "settings": settings,
                "external_id": t.external_id,
            }),
            content: self.configuration,
            version_id: None,
        })
    }
}

/// What was read of a tenant.
#[derive(Debug, Default)]
pub struct TenantSide {
    pub subjects: Vec<Subject>,
    /// Per type key: how completely it is known.
    pub reads: BTreeMap<String, TypeRead>,
    /// Full content: each type's read, and every object that could not be read.
    pub types: TypesRead,
    pub failures: Vec<FailureEntry>,
}

/// The tenant's subjects from its stored inventory. Completeness per type comes from the last
/// inventory sync that produced something: a type it read completely is known, one it read in
/// part is not, one it did not read is unread.
pub async fn from_inventory(
    ctx: &RunContext,
    tenant: atlas_domain::TenantId,
    types: &[&'static ObjectType],
) -> Result<TenantSide, HandlerError> {
    let mut db = ctx.store.conn().await.map_err(store_error)?;
    let last = runs::last_productive(&mut db, tenant, OperationType::InventorySync)
        .await
        .map_err(store_error)?;
    let read_types = last
        .as_ref()
        .and_then(|run| RunResult::from_context(&run.context))
        .and_then(|r| r.types().cloned())
        .unwrap_or_default();
    let keys: Vec<&str> = types.iter().map(|t| t.key).collect();
    let rows = inventory::fingerprints(&mut db, tenant, &keys)
        .await
        .map_err(store_error)?;
    let mut side = TenantSide::default();
    for t in types {
        let read = match read_types.get(t.key) {
            Some(c) if c.complete => TypeRead::Complete,
            Some(_) => TypeRead::Incomplete,
            None => TypeRead::Unread,
        };
        side.reads.insert(t.key.to_owned(), read);
    }
    for row in rows {
        let Some(t) = types.iter().find(|t| t.key == row.object_type) else {
            continue;
        };
        side.subjects.push(Subject::new(
            t.key,
            row.external_id,
            row.display_name,
            row.platform,
            row.config_hash,
            None,
        ));
    }
    Ok(side)
}

/// What a Graph read keeps of each object besides its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// A compare: the configuration is all it needs.
    Configuration,
    /// A capture: the object as read too, to hold it as a `baseline_evidence` version (SPEC §5).
    Object,
}

/// The tenant's subjects read afresh through Graph (full content, assignments). Objects that
/// could not be read are failures; their type is then known only in part.
pub async fn from_graph(
    ctx: &RunContext,
    scope: &Scope,
    types: Vec<&'static ObjectType>,
    work: &'static str,
    keep: Keep,
) -> Result<TenantSide, HandlerError> {
    let mut side = TenantSide::default();
    let mut reads = TypeReads::start(ctx, scope, types, Depth::Full, work);
    while let Some(read) = reads.next(ctx).await? {
        let object_type = read.object_type;
        let known = if read.complete() {
            TypeRead::Complete
        } else if read.objects.is_empty() && read.list_error.is_some() {
            TypeRead::Unread
        } else {
            TypeRead::Incomplete
        };
        side.reads.insert(object_type.key.to_owned(), known);
        let subjects = tokio::task::spawn_blocking(move || {
            read.objects
                .into_iter()
                .map(|o| configured(object_type, o, keep))
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|e| HandlerError::new("hashing", e.to_string()))?;
        side.subjects.extend(subjects);
        reads.stored(ctx);
    }
    side.types = std::mem::take(&mut reads.types);
    side.failures = std::mem::take(&mut reads.failures);
    Ok(side)
}

/// An object imported from another tool's backup, as a capture would record it.
pub fn of_imported(object_type: &'static ObjectType, object: ObjectContent) -> Subject {
    configured(object_type, object, Keep::Configuration)
}

/// One object's configuration (normalised, without tenant-specific fields, secrets masked)
/// and its fingerprint.
fn configured(object_type: &'static ObjectType, object: ObjectContent, keep: Keep) -> Subject {
    let mut config = configuration(&object.content, object_type.volatile_fields);
    object_type.strip_secrets(&mut config);
    let kept = (keep == Keep::Object).then(|| {
        let hash = content_hash(&object.content, object_type.volatile_fields);
        (object.content, hash)
    });
    let mut subject = Subject::new(
        object_type.key,
        object.id,
        object.display_name,
        object.platform,
        Some(canonical_hash(&config)),
        Some(config),
    );
    subject.object = kept;
    subject
}
