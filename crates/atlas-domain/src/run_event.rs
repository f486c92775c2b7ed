//! What happened to a run, as the engine announces it to front ends in the same process (the
//! desktop shell forwards them to the window). Carries the whole run: a listener never has to
//! read the store to show the change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{codes::code_enum, OperationRun};

code_enum! {
    pub enum RunEventKind as "run_event_kind" {
        Created => "created",
        /// Status changed (claimed, or an active run's state was rewritten).
        Updated => "updated",
        /// New `summary_counts` while running.
        Progress => "progress",
        Completed => "completed",
    }
}

code_enum! {
    /// What another process changed (team mode's change feed; see `atlas_store::changes`):
    /// a front end re-reads what it shows of that kind.
    pub enum ChangeKind as "change_kind" {
        Run => "run",
        Tenant => "tenant",
        Finding => "finding",
        Pack => "pack",
        /// Memberships and tenant entitlements.
        Member => "member",
        Workspace => "workspace",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunEvent {
    pub kind: RunEventKind,
    pub run: OperationRun,
}
