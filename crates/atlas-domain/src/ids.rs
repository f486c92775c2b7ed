//! Typed identifiers. Every record id is a UUID (v7, so ids sort by creation time); the newtypes
//! keep a tenant id from ever being passed where a workspace id is expected.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
        #[ts(type = "string")]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
            }
        }

        impl FromStr for $name {
            type Err = crate::DomainError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| crate::DomainError::InvalidGuid {
                    field: stringify!($name),
                    value: s.to_owned(),
                })
            }
        }

        #[cfg(feature = "sqlx")]
        $crate::sql::text_column!($name);
    };
}

id_type!(
    /// An MSP organisation.
    WorkspaceId
);
id_type!(
    /// A customer tenant record inside a workspace (not the Entra directory id).
    TenantId
);
id_type!(
    /// An operator.
    UserId
);
id_type!(
    /// An operation run.
    RunId
);
id_type!(
    /// One object in a tenant's inventory (the row, not the object's id in Microsoft Graph).
    InventoryItemId
);
id_type!(
    /// Runs started together by one action ("Sync all"): they end in one summary notification.
    RunBatchId
);
id_type!(
    /// One immutable captured version of a policy.
    PolicyVersionId
);
id_type!(
    /// One stored report payload.
    ReportId
);
id_type!(
    /// One review pack: the ZIP for a customer meeting.
    ReviewPackId
);
id_type!(
    /// One frozen set of a tenant's evidence.
    EvidenceSnapshotId
);
id_type!(
    /// One composed customer review of a tenant.
    ReviewId
);
id_type!(
    /// One backup set: the versions one backup run captured of a tenant.
    BackupSetId
);
id_type!(
    /// One restore: its source, target, plan and execution.
    RestoreId
);
id_type!(
    /// A schedule that starts a tenant's (or a workspace's) syncs by itself.
    ScheduleId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_their_text_form() {
        let id = TenantId::new();
        assert_eq!(id.to_string().parse::<TenantId>().unwrap(), id);
    }

    #[test]
    fn malformed_ids_are_rejected_with_the_field_named() {
        let err = "not-a-uuid".parse::<WorkspaceId>().unwrap_err();
        assert!(err.to_string().contains("WorkspaceId"), "{err}");
    }

    #[test]
    fn new_ids_sort_by_creation() {
        let a = RunId::new();
        let b = RunId::new();
        assert!(a < b);
    }
}
id_type!(
    /// A baseline profile: what "good" looks like for the tenants assigned to it.
    BaselineProfileId
);
id_type!(
    /// One capture of a baseline profile's source tenant.
    BaselineSnapshotId
);
id_type!(
    /// A drift finding: one subject of one tenant that differs from its baseline.
    FindingId
);
