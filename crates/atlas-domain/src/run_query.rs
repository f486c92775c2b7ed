//! The operations index's question: which runs of a workspace, in which order, which page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, inventory::SortDirection, Freshness, OperationType, RunOutcome, RunStatus,
    TenantId, Timestamp, UserId,
};

code_enum! {
    /// The index's tabs.
    #[derive(Default)]
    pub enum RunTab as "run_tab" {
        #[default]
        All => "all",
        Active => "active",
        LikelyStale => "likely_stale",
        Failed => "failed",
    }
}

/// Filters of the operations index; empty lists and `None` do not narrow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunListFilter {
    pub tab: RunTab,
    pub types: Vec<OperationType>,
    pub statuses: Vec<RunStatus>,
    pub outcomes: Vec<RunOutcome>,
    pub freshness: Vec<Freshness>,
    pub tenants: Vec<TenantId>,
    pub initiators: Vec<UserId>,
    #[ts(optional)]
    pub created_from: Option<Timestamp>,
    #[ts(optional)]
    pub created_until: Option<Timestamp>,
    /// A run id (or its start), or part of the tenant's name.
    #[ts(optional)]
    pub search: Option<String>,
    /// By creation time (the index's only order that stays fast over millions of runs).
    pub direction: SortDirection,
    pub offset: i64,
    pub limit: i64,
}

impl Default for RunListFilter {
    fn default() -> Self {
        Self {
            tab: RunTab::All,
            types: vec![],
            statuses: vec![],
            outcomes: vec![],
            freshness: vec![],
            tenants: vec![],
            initiators: vec![],
            created_from: None,
            created_until: None,
            search: None,
            direction: SortDirection::Desc,
            offset: 0,
            limit: 100,
        }
    }
}

/// A run as the index lists it, with the names it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunListRow {
    pub run: crate::OperationRun,
    pub tenant_name: Option<String>,
    pub initiator_name: Option<String>,
}

/// Counting stops here: beyond it the index says "10,000+" instead of scanning every run.
pub const RUN_TOTAL_CAP: i64 = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunListPage {
    pub items: Vec<RunListRow>,
    /// Matching runs, counted up to [`RUN_TOTAL_CAP`].
    pub total: i64,
    /// True when more than [`RUN_TOTAL_CAP`] runs match.
    pub total_capped: bool,
}
