//! Every request and response type of the command surface in one namespace, and the domain
//! entities commands return. Each type is declared beside its command in `commands/<area>.rs`.

pub use atlas_domain::{
    schedule::Schedule, AuditRow, BackupSet, BaselineProfile, DirectoryGroup, EvidenceSnapshot,
    InventoryItem, InventoryTypeCount, OperationRun, Page, Restore, ReviewReadiness, RunChanges,
    RunListPage, Tenant, TenantReview,
};

pub use crate::commands::{
    app::*, backup_folder::*, backups::*, baseline_runs::*, baselines::*, connection::*,
    cross_tenant::*, directory::*, documentation::*, evidence::*, export::*, findings::*,
    import::*, inventory::*, members::*, operations::*, overview::*, restores::*, review_packs::*,
    reviews::*, run_actions::*, schedules::*, sync::*, tenant_admin::*, tenants::*, workspaces::*,
};
pub use crate::events::RunEventBatch;
