//! The covered operation types (SPEC §3.4).

use crate::codes::code_enum;

code_enum! {
    /// A kind of background work. Each has a lifecycle policy (arrives with the engine).
    pub enum OperationType as "operation_type" {
        BaselineCapture => "baseline_capture",
        BaselineCompare => "baseline_compare",
        InventorySync => "inventory_sync",
        PolicySync => "policy.sync",
        PolicySyncOne => "policy.sync_one",
        EntraGroupSync => "entra_group_sync",
        DirectoryRoleDefinitionsSync => "directory_role_definitions.sync",
        BackupScheduleRun => "backup_schedule_run",
        RestoreExecute => "restore.execute",
        ReviewPackGenerate => "tenant.review_pack.generate",
        ReviewCompose => "tenant.review.compose",
        EvidenceSnapshotGenerate => "tenant.evidence.snapshot.generate",
    }
}
