//! Review packs (SPEC §8.3): the ZIP an MSP takes to a customer meeting. The rules here are
//! pure: the one-way status machine, which packs block a new one with the same content, the
//! options and their workspace defaults, and the retention dates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, ReviewPackId, RunId, Severity, TenantId, Timestamp, UserId, WorkspaceId,
};

code_enum! {
    /// Where a pack is in its life. Every change is one-way; a failed pack is never retried (a
    /// new one is generated) and an expired one never comes back.
    pub enum PackStatus as "pack_status" {
        Queued => "queued",
        Generating => "generating",
        /// Written, verified against its manifest and moved into place.
        Ready => "ready",
        Failed => "failed",
        /// Past its retention date; its file is deleted after the grace period.
        Expired => "expired",
    }
}

impl PackStatus {
    /// The changes a pack may make.
    pub fn can_become(self, next: PackStatus) -> bool {
        use PackStatus::*;
        matches!(
            (self, next),
            (Queued, Generating)
                | (Queued, Failed)
                | (Generating, Ready)
                | (Generating, Failed)
                | (Ready, Expired)
        )
    }

    /// Active packs hold their content's fingerprint: at most one per tenant and fingerprint.
    pub fn is_active(self) -> bool {
        !matches!(self, PackStatus::Failed | PackStatus::Expired)
    }

    /// Still being made: the tenant's pack card refreshes until this is false.
    pub fn is_in_progress(self) -> bool {
        matches!(self, PackStatus::Queued | PackStatus::Generating)
    }
}

/// What a pack includes beyond the tenant's configuration, findings and privileged access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackOptions {
    /// People's names, user principal names and e-mail addresses as they are; when false they
    /// are replaced by stable pseudonyms ("Person 3") in every file.
    pub include_pii: bool,
    /// The tenant's operations of the last 30 days.
    pub include_operations: bool,
}

/// A workspace's review pack settings: the options' defaults, the retention periods, and how
/// fresh evidence must be for a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackSettings {
    pub defaults: PackOptions,
    /// Days a ready pack is kept before it expires.
    pub retention_days: u32,
    /// Days an expired pack's file is kept before it is deleted.
    pub grace_days: u32,
    /// Days the newest evidence snapshot may be old for a review to be composed from it.
    pub evidence_max_age_days: u32,
}

/// Longest retention and grace accepted, in days (ten years).
pub const MAX_PACK_DAYS: u32 = 3_650;
const DAY_MS: i64 = 86_400_000;

impl Default for PackSettings {
    fn default() -> Self {
        Self {
            defaults: PackOptions {
                include_pii: true,
                include_operations: true,
            },
            retention_days: 90,
            grace_days: 30,
            evidence_max_age_days: crate::review::DEFAULT_EVIDENCE_MAX_AGE_DAYS,
        }
    }
}

impl PackSettings {
    /// Why these settings cannot be stored, if they cannot.
    pub fn problem(&self) -> Option<String> {
        let check = |name: &str, days: u32, min: u32| {
            (days < min || days > MAX_PACK_DAYS).then(|| {
                format!("{name} must be between {min} and {MAX_PACK_DAYS} days, not {days}")
            })
        };
        check("Retention", self.retention_days, 1)
            .or_else(|| check("The grace period", self.grace_days, 0))
            .or_else(|| {
                check(
                    "The evidence age for reviews",
                    self.evidence_max_age_days,
                    1,
                )
            })
    }

    /// When a pack generated at `generated_at` expires.
    pub fn expires_at(&self, generated_at: Timestamp) -> Timestamp {
        shift(generated_at, i64::from(self.retention_days))
    }

    /// Until when an expired pack's file is kept: `grace_days` after it expired.
    pub fn file_kept_until(&self, expired_at: Timestamp) -> Timestamp {
        shift(expired_at, i64::from(self.grace_days))
    }
}

fn shift(at: Timestamp, days: i64) -> Timestamp {
    Timestamp::from_unix_millis(at.unix_millis().saturating_add(days * DAY_MS)).unwrap_or(at)
}

/// What a ready pack holds, in numbers, and how fresh each part's data was.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PackSummary {
    pub inventory_items: i64,
    pub policy_types: i64,
    pub open_findings: BTreeMap<Severity, i64>,
    pub role_assignments: i64,
    pub operations: Option<i64>,
    pub files: i64,
    /// When each part's data was last synced or produced; none when never.
    pub data_freshness: BTreeMap<String, Option<Timestamp>>,
    /// The fingerprint of the key that signed the pack.
    pub signing_key_fingerprint: Option<String>,
}

/// One review pack (its file lives in the data folder's exports, named by its id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewPack {
    pub id: ReviewPackId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    pub run_id: Option<RunId>,
    pub initiated_by: Option<UserId>,
    pub status: PackStatus,
    /// SHA-256 of the canonical inputs: same content, same fingerprint.
    pub fingerprint: String,
    /// The fingerprint of the tenant's pack before this one.
    pub previous_fingerprint: Option<String>,
    pub options: PackOptions,
    pub summary: PackSummary,
    pub file_size: Option<i64>,
    /// SHA-256 of the whole ZIP file.
    pub file_sha256: Option<String>,
    pub generated_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    /// When an expired pack's file was deleted.
    pub file_deleted_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_machine_is_one_way() {
        use PackStatus::*;
        for from in PackStatus::ALL {
            for to in PackStatus::ALL {
                let allowed = from.can_become(*to);
                let back = to.can_become(*from);
                assert!(!(allowed && back), "{from} ↔ {to}");
            }
        }
        assert!(Queued.can_become(Generating) && Generating.can_become(Ready));
        assert!(Ready.can_become(Expired));
        assert!(!Failed.can_become(Queued) && !Failed.can_become(Generating));
        assert!(!Expired.can_become(Ready));
        assert!(
            !Queued.can_become(Ready),
            "never ready without being generated"
        );
    }

    #[test]
    fn only_failed_and_expired_packs_give_up_their_fingerprint() {
        let active: Vec<_> = PackStatus::ALL.iter().filter(|s| s.is_active()).collect();
        assert_eq!(
            active,
            [
                &PackStatus::Queued,
                &PackStatus::Generating,
                &PackStatus::Ready
            ]
        );
    }

    #[test]
    fn retention_dates_follow_the_settings() {
        let settings = PackSettings::default();
        let at = Timestamp::from_unix_millis(1_000).unwrap();
        assert_eq!(settings.expires_at(at).unix_millis(), 1_000 + 90 * DAY_MS);
        assert_eq!(
            settings.file_kept_until(at).unix_millis(),
            1_000 + 30 * DAY_MS
        );
        assert!(PackSettings {
            retention_days: 0,
            ..settings
        }
        .problem()
        .is_some());
        assert!(PackSettings {
            grace_days: 4_000,
            ..settings
        }
        .problem()
        .is_some());
        assert_eq!(settings.evidence_max_age_days, 7);
        assert_eq!(
            PackSettings {
                evidence_max_age_days: 0,
                ..settings
            }
            .problem()
            .as_deref(),
            Some("The evidence age for reviews must be between 1 and 3650 days, not 0")
        );
        assert_eq!(settings.problem(), None);
    }
}
