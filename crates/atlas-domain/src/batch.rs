//! Runs started together by one action — "Sync all" over every tenant — end in one summary
//! for the operator ("Inventory sync of all tenants finished: 47 succeeded, 3 failed"), not one
//! notification per run. The tally is kept on the batch as runs end.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    vocabulary::Tone, OperationType, RunBatchId, RunOutcome, Timestamp, UserId, WorkspaceId,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunBatch {
    pub id: RunBatchId,
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub operation_type: OperationType,
    /// What was asked, e.g. "Inventory sync of all tenants".
    pub label: String,
    /// How many runs belong to it; unknown until every run is started.
    pub total: Option<i64>,
    pub done: i64,
    pub succeeded: i64,
    pub partially_succeeded: i64,
    /// Failed or blocked.
    pub failed: i64,
    pub created_at: Timestamp,
    /// When its summary was written (once).
    pub notified_at: Option<Timestamp>,
}

impl RunBatch {
    /// The summary's tone, title and body.
    pub fn summary(&self) -> (Tone, String, String) {
        let mut parts = vec![format!("{} succeeded", self.succeeded)];
        if self.partially_succeeded > 0 {
            parts.push(format!("{} partially succeeded", self.partially_succeeded));
        }
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        let tone = if self.failed == 0 && self.partially_succeeded == 0 {
            Tone::Success
        } else if self.succeeded == 0 && self.partially_succeeded == 0 {
            Tone::Danger
        } else {
            Tone::Warning
        };
        let title = format!("{} finished: {}", self.label, parts.join(", "));
        let body = match self.done {
            1 => "1 run; it is listed on the Operations page.".to_owned(),
            n => format!("{n} runs; each is listed on the Operations page."),
        };
        (tone, title, body)
    }
}

/// Which tally an ending counts in.
pub fn tally_column(outcome: RunOutcome) -> Option<&'static str> {
    match outcome {
        RunOutcome::Succeeded => Some("succeeded"),
        RunOutcome::PartiallySucceeded => Some("partially_succeeded"),
        RunOutcome::Failed | RunOutcome::Blocked => Some("failed"),
        RunOutcome::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(succeeded: i64, partial: i64, failed: i64) -> RunBatch {
        RunBatch {
            id: RunBatchId::new(),
            workspace_id: WorkspaceId::new(),
            user_id: UserId::new(),
            operation_type: OperationType::InventorySync,
            label: "Inventory sync of all tenants".into(),
            total: Some(succeeded + partial + failed),
            done: succeeded + partial + failed,
            succeeded,
            partially_succeeded: partial,
            failed,
            created_at: Timestamp::now(),
            notified_at: None,
        }
    }

    #[test]
    fn the_summary_says_what_happened_in_words() {
        let (tone, title, body) = batch(47, 0, 3).summary();
        assert_eq!(tone, Tone::Warning);
        assert_eq!(
            title,
            "Inventory sync of all tenants finished: 47 succeeded, 3 failed"
        );
        assert_eq!(body, "50 runs; each is listed on the Operations page.");
        assert_eq!(batch(5, 0, 0).summary().0, Tone::Success);
        assert_eq!(batch(0, 0, 2).summary().0, Tone::Danger);
        assert!(batch(1, 2, 0).summary().1.contains("2 partially succeeded"));
    }
}
