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

impl OperationType {
    /// Whether the work reaches the tenant through Microsoft Graph, so that in team mode only
    /// an engine holding the tenant's credential may claim it (credential affinity). Syncs,
    /// backups, restores and baseline capture/compare (full-content ones read the tenant live)
    /// do; review packs, reviews and evidence read the shared database only.
    pub fn needs_tenant_credential(self) -> bool {
        use OperationType as T;
        match self {
            T::BaselineCapture
            | T::BaselineCompare
            | T::InventorySync
            | T::PolicySync
            | T::PolicySyncOne
            | T::EntraGroupSync
            | T::DirectoryRoleDefinitionsSync
            | T::BackupScheduleRun
            | T::RestoreExecute => true,
            T::ReviewPackGenerate | T::ReviewCompose | T::EvidenceSnapshotGenerate => false,
        }
    }
}
