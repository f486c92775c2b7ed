//! Backup sets (SPEC §7): what one backup run captured of a tenant's policies, as a whole. A
//! set lists the version of every object the run read — new versions and, for objects that had
//! not changed, the version already stored — so restoring a set restores the tenant as it was.
//! A set from a run that could not read everything is `partial` and says what is missing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    codes::code_enum, BackupSetId, DomainError, InventorySelection, ReasonCode, RunId, ScheduleId,
    TenantId, Timestamp, TypesRead, UserId, WorkspaceId,
};

code_enum! {
    /// Where a backup set stands. `capturing` while its run reads; then one of the others,
    /// for good.
    pub enum BackupSetStatus as "backup_set_status" {
        Capturing => "capturing",
        /// Every selected type was read whole.
        Complete => "complete",
        /// Some types or objects could not be read: `missing` names them.
        Partial => "partial",
        /// Nothing usable was captured (the run failed or ended early).
        Failed => "failed",
    }
}

/// A type (or some of its objects) a set does not hold, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupGap {
    /// The catalog type key.
    pub object_type: String,
    /// True when the type's listing broke off (the set holds none or only some of its objects).
    pub whole_type: bool,
    /// Objects that were listed but could not be read (their ids in Graph), at most 100.
    pub objects: Vec<String>,
    pub reason: Option<ReasonCode>,
}

/// A backup set as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupSet {
    pub id: BackupSetId,
    pub workspace_id: WorkspaceId,
    pub tenant_id: TenantId,
    /// The run that captured it.
    pub run_id: Option<RunId>,
    /// The schedule that started that run, if one did.
    pub schedule_id: Option<ScheduleId>,
    pub initiated_by: Option<UserId>,
    pub status: BackupSetStatus,
    pub selection: InventorySelection,
    /// Versions in the set.
    pub item_count: i64,
    /// Of those, versions this run captured (the others were unchanged since an earlier one).
    pub new_versions: i64,
    /// How completely each type was read.
    pub types: TypesRead,
    pub missing: Vec<BackupGap>,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
    /// Where an imported set came from; absent for sets a backup captured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub origin: Option<BackupOrigin>,
}

/// Where an imported backup set came from (SPEC §6.7): the tool, the folder, and everything
/// the import could not take over, so the set never claims more than it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupOrigin {
    /// `IntuneCD` or `IntuneManagement`.
    pub tool: String,
    /// The tool's version, when its files say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tool_version: Option<String>,
    /// The folder as chosen.
    pub folder: String,
    /// SHA-256 over the tool and every object file's path and hash: the same folder imports
    /// once.
    pub fingerprint: String,
    /// Object files read, imported or not.
    pub files_read: i64,
    /// Objects imported, `archived` of them older versions of objects no longer in the tenant.
    pub objects: i64,
    pub archived: i64,
    /// Files not imported, each with the reason.
    pub skipped: Vec<ImportSkip>,
    /// Per type, what the tool's format does not carry (so those versions lack it).
    pub not_carried: Vec<NotCarried>,
    /// Names in the files (groups, filters, scope tags, apps) with no match in the tenant; the
    /// versions keep them as written.
    pub unresolved: Vec<String>,
}

/// A file an import did not take, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSkip {
    pub path: String,
    pub reason: String,
}

/// Fields of one type a tool's format leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotCarried {
    pub object_type: String,
    pub fields: Vec<String>,
}

/// How many sets of a tenant a schedule keeps: the newest `keep_last`, and also every set
/// younger than `keep_days` when given. Sets are only ever pruned after a newer one completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupRetention {
    pub keep_last: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub keep_days: Option<u32>,
}

impl BackupRetention {
    /// The most sets a retention may keep by count (a year of hourly backups is far beyond).
    pub const MAX_KEEP_LAST: u32 = 10_000;
    /// The longest age a retention may keep by (ten years).
    pub const MAX_KEEP_DAYS: u32 = 3_650;

    pub fn validate(&self) -> Result<(), DomainError> {
        if self.keep_last == 0 {
            return Err(DomainError::invalid(
                "retention",
                "keep at least the newest backup set (keep_last 1 or more); a retention of 0 would delete every backup",
            ));
        }
        if self.keep_last > Self::MAX_KEEP_LAST {
            return Err(DomainError::invalid(
                "retention",
                format!("keep at most {} backup sets by count", Self::MAX_KEEP_LAST),
            ));
        }
        match self.keep_days {
            Some(0) => Err(DomainError::invalid(
                "retention",
                "keep_days must be 1 or more (or left out)",
            )),
            Some(days) if days > Self::MAX_KEEP_DAYS => Err(DomainError::invalid(
                "retention",
                format!("keep sets for at most {} days", Self::MAX_KEEP_DAYS),
            )),
            _ => Ok(()),
        }
    }

    /// Of a tenant's finished sets (newest first, with their completion times), the ones this
    /// retention lets go at `now`. Only sets that hold versions (complete or partial) count
    /// towards `keep_last`; failed ones hold nothing and go once they are not young. The newest
    /// complete set is always kept, so a run of failed backups never prunes the last good one.
    pub fn prunable<'a>(
        &self,
        sets_newest_first: &'a [(BackupSetId, BackupSetStatus, Timestamp)],
        now: Timestamp,
    ) -> Vec<&'a BackupSetId> {
        let newest_complete = sets_newest_first
            .iter()
            .find(|(_, status, _)| *status == BackupSetStatus::Complete)
            .map(|(id, ..)| id);
        let young_after = self
            .keep_days
            .map(|days| now.unix_millis() - i64::from(days) * 86_400_000);
        let mut holding = 0usize;
        let mut prunable = Vec::new();
        for (id, status, completed) in sets_newest_first {
            let kept_by_count = match status {
                BackupSetStatus::Complete | BackupSetStatus::Partial => {
                    holding += 1;
                    holding <= self.keep_last as usize
                }
                BackupSetStatus::Failed => false,
                // Never pruned while its run may still write it.
                BackupSetStatus::Capturing => true,
            };
            let kept_by_age = young_after.is_some_and(|after| completed.unix_millis() >= after);
            if !kept_by_count && !kept_by_age && Some(id) != newest_complete {
                prunable.push(id);
            }
        }
        prunable
    }
}

/// The inputs of a backup run (`backup_schedule_run`), manual or scheduled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct BackupInputs {
    /// What to capture; the default is every policy type.
    #[serde(default)]
    pub selection: InventorySelection,
    /// Applied to the tenant's sets after this one completes; none: keep every set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retention: Option<BackupRetention>,
    /// The schedule that started it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schedule_id: Option<ScheduleId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn at(days: i64) -> Timestamp {
        Timestamp::from_unix_millis(1_780_000_000_000 + days * DAY).unwrap()
    }

    fn sets(statuses: &[(BackupSetStatus, i64)]) -> Vec<(BackupSetId, BackupSetStatus, Timestamp)> {
        statuses
            .iter()
            .map(|(status, day)| (BackupSetId::new(), *status, at(*day)))
            .collect()
    }

    #[test]
    fn retention_zero_and_out_of_range_values_are_refused() {
        let refused = |keep_last, keep_days| {
            BackupRetention {
                keep_last,
                keep_days,
            }
            .validate()
            .is_err()
        };
        assert!(refused(0, None));
        assert!(refused(1, Some(0)));
        assert!(refused(BackupRetention::MAX_KEEP_LAST + 1, None));
        assert!(refused(1, Some(BackupRetention::MAX_KEEP_DAYS + 1)));
        assert!(!refused(1, None));
        assert!(!refused(7, Some(30)));
    }

    #[test]
    fn keeps_the_newest_by_count_and_the_young_by_age() {
        use BackupSetStatus::Complete as C;
        let all = sets(&[(C, 10), (C, 9), (C, 8), (C, 2), (C, 1)]);
        let by_count = BackupRetention {
            keep_last: 2,
            keep_days: None,
        };
        assert_eq!(
            by_count.prunable(&all, at(10)),
            vec![&all[2].0, &all[3].0, &all[4].0]
        );
        let with_age = BackupRetention {
            keep_last: 2,
            keep_days: Some(5),
        };
        assert_eq!(with_age.prunable(&all, at(10)), vec![&all[3].0, &all[4].0]);
    }

    #[test]
    fn the_newest_complete_set_survives_any_number_of_failures() {
        use BackupSetStatus::{Complete, Failed, Partial};
        let all = sets(&[
            (Failed, 5),
            (Partial, 4),
            (Failed, 3),
            (Complete, 2),
            (Complete, 1),
        ]);
        let keep_one = BackupRetention {
            keep_last: 1,
            keep_days: None,
        };
        let pruned = keep_one.prunable(&all, at(5));
        assert!(
            !pruned.contains(&&all[3].0),
            "the last complete set is kept"
        );
        assert!(
            !pruned.contains(&&all[1].0),
            "the newest set holding versions is kept"
        );
        assert_eq!(pruned, vec![&all[0].0, &all[2].0, &all[4].0]);
    }
}
