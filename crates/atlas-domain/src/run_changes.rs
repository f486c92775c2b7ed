//! What one sync changed in a tenant's stored configuration: the objects it captured for the
//! first time, those it captured a new version of, and those it found gone.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{InventoryItemId, PolicyVersionId};

/// The most objects of each list a run's changes name (the counts stay exact).
pub const RUN_CHANGES_LIMIT: i64 = 500;

/// One object a run added, changed or found removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangedObject {
    /// The object catalog's type key.
    pub object_type: String,
    pub display_name: String,
    /// The object in the tenant's inventory, when it is there.
    pub item_id: Option<InventoryItemId>,
    /// The version the run captured (added and changed objects).
    pub version_id: Option<PolicyVersionId>,
    /// The version before it (changed objects): the two make the object's diff.
    pub previous_version_id: Option<PolicyVersionId>,
}

/// The objects a run changed, each list by name and at most `RUN_CHANGES_LIMIT` long.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct RunChanges {
    pub added: Vec<ChangedObject>,
    pub changed: Vec<ChangedObject>,
    pub removed: Vec<ChangedObject>,
    /// How many objects each list has in full.
    pub added_count: i64,
    pub changed_count: i64,
    pub removed_count: i64,
}
