//! One page of a longer list, with the size of the whole list so the UI can size its scroller.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match the query in total (not only on this page).
    pub total: i64,
}
