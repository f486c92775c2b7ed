//! `restore.execute`: one operation for both halves of a restore — the read-only preview
//! (`dry_run`) and the execution of a previewed plan.

use std::sync::Arc;

use atlas_domain::{OperationType, ReasonCode, RestoreInputs};
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};
use atlas_sync::TenantGraph;

use crate::secrets::SecretHandoff;

#[derive(Debug)]
pub struct RestoreHandler {
    graph: Arc<dyn TenantGraph>,
    secrets: SecretHandoff,
}

impl RestoreHandler {
    /// Executions find the secret values their command left in `secrets`.
    pub fn new(graph: Arc<dyn TenantGraph>, secrets: SecretHandoff) -> Self {
        Self { graph, secrets }
    }
}

#[async_trait::async_trait]
impl Handler for RestoreHandler {
    type Input = RestoreInputs;

    fn operation(&self) -> OperationType {
        OperationType::RestoreExecute
    }

    async fn execute(
        &self,
        ctx: RunContext,
        inputs: RestoreInputs,
    ) -> Result<HandlerOutcome, HandlerError> {
        match inputs.dry_run {
            true => crate::preview::preview(self.graph.as_ref(), ctx, inputs.restore_id).await,
            false => {
                let supplied = self.secrets.take(inputs.restore_id);
                crate::execute::execute(self.graph.as_ref(), ctx, &inputs, supplied).await
            }
        }
    }
}

/// A failed outcome with one reason.
pub(crate) fn refused(code: ReasonCode, message: impl Into<String>) -> HandlerOutcome {
    HandlerOutcome::failed(vec![atlas_domain::FailureEntry {
        code: code.code().into(),
        reason_code: code,
        message: message.into(),
    }])
}
