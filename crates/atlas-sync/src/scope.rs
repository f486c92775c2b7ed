//! Public so other feature crates (baselines) read tenants the same way.
//!
//! What every sync run does first — find its tenant, check it may be synced, connect — and what
//! they share afterwards: the loop that reads catalog types one by one (cancellation, failures,
//! completeness, progress), per-item failure entries, and how the outcome is judged.

use std::collections::BTreeMap;

use atlas_domain::{
    summary::{self, SummaryKey},
    ConnectionState, FailureEntry, ReasonCode, Tenant, TypeCompleteness, TypesRead,
};
use atlas_engine::{HandlerError, HandlerOutcome, RunContext};
use atlas_graph::{Depth, GraphError, ItemFailure, ObjectType, ProviderReason, TypeRead};
use atlas_store::tenants;
use futures_util::{stream::BoxStream, StreamExt};

use crate::tenant_graph::{GraphSession, TenantGraph};

/// A run's tenant and its Graph connection.
#[derive(Debug)]
pub struct Scope {
    pub tenant: Tenant,
    pub session: GraphSession,
}

/// Loads the run's tenant, connects and signs in. A tenant that may not be synced (the domain's
/// one rule), or whose credentials cannot be read, ends the run `blocked` with the reason —
/// before any request is made. A sign-in that fails ends it `failed` with that one reason
/// before any Graph object is requested (see [`sign_in`]).
pub async fn open(
    ctx: &RunContext,
    graph: &dyn TenantGraph,
) -> Result<Result<Scope, HandlerOutcome>, HandlerError> {
    let Some(tenant_id) = ctx.run.tenant_id else {
        return Ok(Err(HandlerOutcome::blocked(
            ReasonCode::TenantMissing,
            "This operation needs a tenant, and the run names none.",
        )));
    };
    let mut conn = ctx.store.conn().await.map_err(store_error)?;
    let Some(tenant) = tenants::get(&mut conn, tenant_id)
        .await
        .map_err(store_error)?
    else {
        return Ok(Err(HandlerOutcome::blocked(
            ReasonCode::TenantMissing,
            "The tenant no longer exists in this workspace.",
        )));
    };
    drop(conn);
    if let Some(refusal) = tenant.work_refusal() {
        return Ok(Err(HandlerOutcome::blocked(refusal.code, &refusal.message)));
    }
    let session = match graph.session(&tenant).await {
        Ok(session) => session,
        Err(error) => {
            return Ok(Err(HandlerOutcome::blocked(
                error.reason_code,
                &error.message,
            )))
        }
    };
    if let Some(failed) = sign_in(ctx, &tenant, &session).await? {
        return Ok(Err(failed));
    }
    Ok(Ok(Scope { tenant, session }))
}

/// Whether a Graph error says the tenant's sign-in itself is refused — wrong or expired
/// secret, certificate not accepted, unknown app or directory, token refused even after a
/// renewal — rather than one request failing. Such an error is one cause for the whole run.
/// (A 403 for one missing permission is not: other types may still be readable.)
pub fn is_sign_in_failure(error: &GraphError) -> bool {
    matches!(
        error.reason,
        ProviderReason::UnknownTenant
            | ProviderReason::UnknownClient
            | ProviderReason::BadSecret
            | ProviderReason::Unauthorized
    )
}

/// The one failure entry of a sign-in that failed: what happened and the next step.
pub fn sign_in_failure(error: &GraphError) -> FailureEntry {
    let reason_code = error.reason.reason_code();
    FailureEntry {
        code: reason_code.code().into(),
        reason_code,
        message: format!(
            "Signing in to the tenant failed: {} {}",
            error.message,
            reason_code.text().next_steps
        ),
    }
}

/// Requests the token every later request uses. It failing is the run's one cause — with
/// its reason and next step, not repeated per type — and the tenant's connection is marked
/// failing with it; it working proves the connection (the tenant page stops saying "Not
/// verified" after a sync that signed in).
async fn sign_in(
    ctx: &RunContext,
    tenant: &Tenant,
    session: &GraphSession,
) -> Result<Option<HandlerOutcome>, HandlerError> {
    let token = session
        .client
        .access_token(&session.credentials)
        .await
        .and_then(|token| match atlas_graph::granted_roles(&token) {
            // A token that grants nothing: admin consent was never given (or withdrawn).
            Some(roles) if roles.is_empty() => Err(GraphError::new(
                ProviderReason::ConsentMissing,
                "The app signed in, but no Microsoft Graph application permission is granted \
                 to it in this tenant.",
            )),
            _ => Ok(token),
        });
    let (state, reason, failed) = match token {
        Ok(_) => (ConnectionState::Connected, None, None),
        Err(error) => {
            let entry = sign_in_failure(&error);
            let mut outcome = HandlerOutcome::failed(vec![entry]);
            outcome.reason_code = Some(error.reason.reason_code());
            let refused =
                is_sign_in_failure(&error) || error.reason == ProviderReason::ConsentMissing;
            let state = match refused {
                true => ConnectionState::Failed,
                // The sign-in service could not be reached: that says nothing about the
                // credentials, so the connection keeps what it was.
                false => tenant.connection_check.state,
            };
            (state, Some(error.reason.reason_code()), Some(outcome))
        }
    };
    let check = &tenant.connection_check;
    if state != check.state || reason != check.reason_code || state == ConnectionState::Connected {
        let mut conn = ctx.store.conn().await.map_err(store_error)?;
        let reason = reason.filter(|_| state == ConnectionState::Failed);
        tenants::record_connection_check(&mut conn, tenant.id, state, reason, ctx.clock.now())
            .await
            .map_err(store_error)?;
    }
    Ok(failed)
}

pub fn store_error(error: atlas_store::StoreError) -> HandlerError {
    HandlerError::new("store", error.to_string())
}

/// Catalog types read one after another, as every sync of catalog types reads them: stops when
/// the run is cancelled, keeps each type's failures and completeness, and reports progress
/// (`total` types, `processed` so far, `failed` objects).
pub struct TypeReads<'a> {
    reads: BoxStream<'a, TypeRead>,
    /// What the run is called in the message when it is stopped ("The inventory sync").
    work: &'static str,
    pub failures: Vec<FailureEntry>,
    pub types: TypesRead,
    pub total: usize,
    pub processed: usize,
    /// Objects that could not be read, listings that broke off, and types left unread after
    /// the sign-in failed.
    pub failed: usize,
    /// The sign-in failed mid-run (token refused): reading stopped, the cause is recorded once.
    pub stopped_by_sign_in: bool,
    /// Types handed out so far.
    returned: usize,
}

impl std::fmt::Debug for TypeReads<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypeReads")
            .field("work", &self.work)
            .field("total", &self.total)
            .field("processed", &self.processed)
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl<'a> TypeReads<'a> {
    pub fn start(
        ctx: &RunContext,
        scope: &'a Scope,
        types: Vec<&'static ObjectType>,
        depth: Depth,
        work: &'static str,
    ) -> Self {
        let total = types.len();
        ctx.progress.set(SummaryKey::Total, total as i64);
        ctx.progress.set(SummaryKey::Processed, 0);
        let session = &scope.session;
        Self {
            reads: session
                .client
                .read_types_stream(&session.credentials, types, depth),
            work,
            failures: Vec::new(),
            types: BTreeMap::new(),
            total,
            processed: 0,
            failed: 0,
            stopped_by_sign_in: false,
            returned: 0,
        }
    }

    /// The next type read, with its failures and completeness recorded; `None` when all were
    /// read. Call [`TypeReads::stored`] once it is written.
    pub async fn next(&mut self, ctx: &RunContext) -> Result<Option<TypeRead>, HandlerError> {
        if self.stopped_by_sign_in {
            return Ok(None);
        }
        let Some(read) = self.reads.next().await else {
            return Ok(None);
        };
        if ctx.cancel.is_cancelled() {
            return Err(HandlerError::new(
                "cancelled",
                format!("{} was stopped before it finished.", self.work),
            ));
        }
        self.types
            .insert(read.object_type.key.to_owned(), completeness(&read));
        if let Some(error) = read.list_error.as_ref().filter(|e| is_sign_in_failure(e)) {
            // The token was refused: every other type would fail the same way. One cause,
            // recorded once; what was not read counts as failed.
            self.failures.push(sign_in_failure(error));
            self.stopped_by_sign_in = true;
            self.failed += read.failures.len() + self.total.saturating_sub(self.returned);
            ctx.progress.set(SummaryKey::Failed, self.failed as i64);
            return Ok(None);
        }
        self.returned += 1;
        self.failures.extend(read_failures(&read));
        self.failed += read.failures.len() + usize::from(read.list_error.is_some());
        Ok(Some(read))
    }

    /// One more type is written: progress moves on.
    pub fn stored(&mut self, ctx: &RunContext) {
        self.processed += 1;
        ctx.progress
            .set(SummaryKey::Processed, self.processed as i64);
        ctx.progress.set(SummaryKey::Failed, self.failed as i64);
    }

    /// Some type was read completely.
    pub fn any_complete(&self) -> bool {
        self.types.values().any(|c| c.complete)
    }
}

/// One failure entry per object that could not be read, naming it.
pub fn item_failure(type_label: &str, failure: &ItemFailure) -> FailureEntry {
    let name = failure
        .display_name
        .as_deref()
        .map(|n| format!("'{n}' ({})", failure.id))
        .unwrap_or_else(|| failure.id.clone());
    FailureEntry {
        code: failure.error.reason.code().into(),
        reason_code: failure.error.reason.reason_code(),
        message: format!("{type_label} {name}: {}", failure.error.message),
    }
}

/// The failure entry of a listing that broke off.
fn listing_failure(type_label: &str, error: &GraphError) -> FailureEntry {
    FailureEntry {
        code: error.reason.code().into(),
        reason_code: error.reason.reason_code(),
        message: format!(
            "{type_label}: the list could not be read to the end ({}); objects not seen are kept as they were.",
            error.message
        ),
    }
}

/// Every failure of one type's read: the broken listing (if any), then each failed object.
pub fn read_failures(read: &TypeRead) -> Vec<FailureEntry> {
    let label = read.object_type.label;
    read.list_error
        .iter()
        .map(|e| listing_failure(label, e))
        .chain(read.failures.iter().map(|f| item_failure(label, f)))
        .collect()
}

/// How completely one type was read.
pub fn completeness(read: &TypeRead) -> TypeCompleteness {
    TypeCompleteness {
        listed: read.listed as u64,
        read: read.objects.len() as u64,
        failed: read.failures.len() as u64,
        pages: read.pages,
        complete: read.complete(),
        error: read.list_error.as_ref().map(|e| e.reason.reason_code()),
    }
}

/// The run's ending from what was read: every type complete → succeeded; something read but
/// not all → partially succeeded with the failures named; nothing usable → failed.
pub fn outcome(
    failures: Vec<FailureEntry>,
    anything_read: bool,
    counts: BTreeMap<String, i64>,
    result: atlas_domain::RunResult,
) -> HandlerOutcome {
    let mut outcome = if failures.is_empty() {
        HandlerOutcome::succeeded()
    } else if anything_read {
        HandlerOutcome::partially_succeeded(failures)
    } else {
        HandlerOutcome::failed(failures)
    };
    // A sign-in that failed is the run's headline reason, whatever else was read.
    outcome.reason_code = outcome
        .failures
        .iter()
        .map(|f| f.reason_code)
        .find(|code| SIGN_IN_REASONS.contains(code));
    outcome.counts = counts;
    outcome.result = Some(result);
    outcome
}

/// The reason codes of [`is_sign_in_failure`].
const SIGN_IN_REASONS: [ReasonCode; 5] = [
    ReasonCode::ProviderUnknownTenant,
    ReasonCode::ProviderUnknownClient,
    ReasonCode::ProviderBadSecret,
    ReasonCode::ProviderConsentMissing,
    ReasonCode::GraphUnauthorized,
];

/// Counters as stored, from typed keys and sizes.
pub fn counts(pairs: &[(SummaryKey, usize)]) -> BTreeMap<String, i64> {
    let pairs: Vec<(SummaryKey, i64)> = pairs
        .iter()
        .map(|(key, value)| (*key, i64::try_from(*value).unwrap_or(i64::MAX)))
        .collect();
    summary::counts(&pairs)
}
