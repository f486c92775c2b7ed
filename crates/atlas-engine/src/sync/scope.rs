//! What every sync run does first — find its tenant, check it may be synced, connect — and the
//! shared vocabulary of their results: which catalog types a run reads, per-item failures, and
//! the per-type completeness record kept in the run's context.

use std::collections::BTreeMap;

use atlas_domain::{summary, FailureEntry, Tenant, TenantStatus};
use atlas_graph::{GraphError, ItemFailure, TypeRead};
use atlas_store::tenants;
use serde::Serialize;

use crate::tenant_graph::{GraphSession, TenantGraph};
use crate::{HandlerError, HandlerOutcome, RunContext};

/// A run's tenant and its Graph connection.
#[derive(Debug)]
pub(super) struct Scope {
    pub tenant: Tenant,
    pub session: GraphSession,
}

/// Loads the run's tenant and connects. A tenant that is not active, has no connection, or
/// whose credentials cannot be read ends the run `blocked` with the reason — before any
/// request is made.
pub(super) async fn open(
    ctx: &RunContext,
    graph: &dyn TenantGraph,
) -> Result<Result<Scope, HandlerOutcome>, HandlerError> {
    let Some(tenant_id) = ctx.run.tenant_id else {
        return Ok(Err(HandlerOutcome::blocked(
            "tenant.missing",
            "This operation needs a tenant, and the run names none.",
        )));
    };
    let mut conn = ctx.store.conn().await.map_err(store_error)?;
    let Some(tenant) = tenants::get(&mut conn, tenant_id)
        .await
        .map_err(store_error)?
    else {
        return Ok(Err(HandlerOutcome::blocked(
            "tenant.missing",
            "The tenant no longer exists in this workspace.",
        )));
    };
    drop(conn);
    if tenant.status != TenantStatus::Active {
        return Ok(Err(HandlerOutcome::blocked(
            "tenant.not_active",
            &format!(
                "{} is {}; only active tenants are synced.",
                tenant.display_name,
                tenant.status.code()
            ),
        )));
    }
    if tenant.connection.is_none() {
        return Ok(Err(HandlerOutcome::blocked(
            "tenant.not_connected",
            &format!(
                "{} has no app registration yet: add its client id and secret first.",
                tenant.display_name
            ),
        )));
    }
    match graph.session(&tenant).await {
        Ok(session) => Ok(Ok(Scope { tenant, session })),
        Err(error) => Ok(Err(HandlerOutcome::blocked(
            &error.reason_code,
            &error.message,
        ))),
    }
}

pub(super) fn store_error(error: atlas_store::StoreError) -> HandlerError {
    HandlerError::new("store", error.to_string())
}

/// One failure entry per object that could not be read, naming it.
pub(super) fn item_failure(type_label: &str, failure: &ItemFailure) -> FailureEntry {
    let name = failure
        .display_name
        .as_deref()
        .map(|n| format!("'{n}' ({})", failure.id))
        .unwrap_or_else(|| failure.id.clone());
    FailureEntry {
        code: failure.error.reason.code().into(),
        reason_code: failure.error.reason.code().into(),
        message: format!("{type_label} {name}: {}", failure.error.message),
    }
}

/// The failure entry of a listing that broke off.
pub(super) fn listing_failure(type_label: &str, error: &GraphError) -> FailureEntry {
    FailureEntry {
        code: error.reason.code().into(),
        reason_code: error.reason.code().into(),
        message: format!(
            "{type_label}: the list could not be read to the end ({}); objects not seen are kept as they were.",
            error.message
        ),
    }
}

/// Every failure of one type's read: the broken listing (if any), then each failed object.
pub(super) fn read_failures(read: &TypeRead) -> Vec<FailureEntry> {
    let label = read.object_type.label;
    read.list_error
        .iter()
        .map(|e| listing_failure(label, e))
        .chain(read.failures.iter().map(|f| item_failure(label, f)))
        .collect()
}

/// How completely one type was read — kept in the run's context so a partial result is never
/// mistaken for a complete one.
#[derive(Debug, Clone, Serialize)]
pub(super) struct TypeCompleteness {
    pub listed: usize,
    pub read: usize,
    pub failed: usize,
    pub pages: u32,
    pub complete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl TypeCompleteness {
    pub fn of(read: &TypeRead) -> Self {
        Self {
            listed: read.listed,
            read: read.objects.len(),
            failed: read.failures.len(),
            pages: read.pages,
            complete: read.complete(),
            error: read.list_error.as_ref().map(|e| e.reason.code().to_owned()),
        }
    }
}

/// The run's ending from what was read: every type complete → succeeded; something read but
/// not all → partially succeeded with the failures named; nothing usable → failed.
pub(super) fn outcome(
    failures: Vec<FailureEntry>,
    anything_read: bool,
    counts: BTreeMap<String, i64>,
    result: serde_json::Value,
) -> HandlerOutcome {
    let mut outcome = if failures.is_empty() {
        HandlerOutcome::succeeded()
    } else if anything_read {
        HandlerOutcome::partially_succeeded(failures)
    } else {
        HandlerOutcome::failed(failures)
    };
    outcome.counts = counts;
    outcome.result = result;
    outcome
}

/// Counter helper so handlers only name the keys of `atlas_domain::summary`.
pub(super) fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, i64> {
    pairs
        .iter()
        .filter(|(key, _)| summary::KEYS.contains(key))
        .map(|(key, value)| ((*key).to_owned(), i64::try_from(*value).unwrap_or(i64::MAX)))
        .collect()
}
