//! The commands, one module per area: each is a method on [`crate::Api`], with its request and
//! response types beside it. [`for_each_command!`](crate::for_each_command) is the one list of
//! them that the bindings, the desktop shell's wrappers and its handler list all expand.

pub(crate) mod app;
pub(crate) mod backup_folder;
pub(crate) mod backups;
pub(crate) mod baseline_runs;
pub(crate) mod baselines;
pub(crate) mod connection;
pub(crate) mod cross_tenant;
#[cfg(feature = "demo")]
mod demo_workspace;
pub(crate) mod directory;
pub(crate) mod documentation;
pub(crate) mod evidence;
pub(crate) mod export;
pub(crate) mod findings;
pub(crate) mod import;
pub(crate) mod inventory;
pub(crate) mod members;
pub(crate) mod operations;
pub(crate) mod overview;
pub(crate) mod restores;
pub(crate) mod review_packs;
pub(crate) mod reviews;
pub(crate) mod run_actions;
pub(crate) mod schedules;
pub(crate) mod sync;
pub(crate) mod tenant_admin;
pub(crate) mod tenants;
mod version_source;
pub(crate) mod workspaces;

/// The command surface, declared once. Expands `$callback! { … }` with every command as
/// `/// doc` + `name(Request) -> Response;` (a command without a request: `name() -> Response;`).
/// Each is the [`crate::Api`] method of that name, called as `api.name(&actor[, request])`; a
/// command listed here without a matching method (or with another signature) fails to compile
/// in this crate already (see `signatures_match` below).
///
/// ```ignore
/// macro_rules! names { ($($(#[doc = $doc:literal])* $name:ident($($req:ty)?) -> $res:ty;)*) => {
///     [$(stringify!($name)),*]
/// } }
/// let all = atlas_api::for_each_command!(names);
/// ```
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            /// What the app is, where its data lives, who is using it.
            app_info() -> $crate::types::AppInfo;
            /// The About facts and the end of the newest log, secrets and personal data removed.
            diagnostics() -> $crate::types::Diagnostics;
            /// Turn update checks on (an https manifest address) or off.
            set_update_url($crate::types::SetUpdateUrlRequest) -> $crate::types::AppInfo;
            /// Ask the update address whether a newer version is offered.
            check_for_update() -> $crate::types::UpdateCheck;
            /// Download, verify and install the offered version.
            install_update($crate::types::InstallUpdateRequest) -> $crate::types::UpdateInstalled;
            /// The workspaces the current user is a member of.
            list_workspaces() -> Vec<$crate::types::WorkspaceSummary>;
            /// The members of a workspace, by name.
            list_members($crate::types::WorkspaceRequest) -> Vec<$crate::types::WorkspaceMember>;
            /// Creates a workspace for the operator's own customers, with them as owner.
            create_workspace($crate::types::CreateWorkspaceRequest) -> $crate::types::WorkspaceSummary;
            /// The workspace's members with their roles, tenants and last activity.
            member_directory($crate::types::WorkspaceRequest) -> $crate::types::MemberDirectory;
            /// Makes an operator who has signed in before a member (team mode; owners).
            add_member($crate::types::AddMemberRequest) -> $crate::types::MemberView;
            /// Changes a member's role; a workspace keeps at least one owner.
            set_member_role($crate::types::SetMemberRoleRequest) -> $crate::types::MemberDirectory;
            /// Entitles a member to every tenant or to the chosen ones.
            set_member_tenants($crate::types::SetMemberTenantsRequest) -> $crate::types::MemberDirectory;
            /// Ends a membership; the last owner cannot be removed.
            remove_member($crate::types::MemberRequest) -> $crate::types::MemberDirectory;
            /// Renames a workspace (owners).
            rename_workspace($crate::types::RenameWorkspaceRequest) -> $crate::types::WorkspaceSummary;
            /// Creates the demo workspace with three simulated tenants, or returns it.
            create_demo_workspace() -> $crate::types::CreateDemoWorkspaceResponse;
            /// The tenants of a workspace the current user may see.
            list_tenants($crate::types::ListTenantsRequest) -> Vec<$crate::types::Tenant>;
            /// One tenant the current user is entitled to.
            get_tenant($crate::types::GetTenantRequest) -> $crate::types::Tenant;
            /// Adds a tenant; its secret or certificate goes to the system keyring.
            add_tenant($crate::types::AddTenantRequest) -> $crate::types::Tenant;
            /// Renames a tenant or replaces its app registration credential.
            update_tenant($crate::types::UpdateTenantRequest) -> $crate::types::Tenant;
            /// Keeps a tenant's credential in this workstation's keyring too, once proven (team mode).
            hold_credential($crate::types::HoldCredentialRequest) -> $crate::types::HoldCredentialResponse;
            /// Pauses, archives or reactivates a tenant.
            set_tenant_status($crate::types::SetTenantStatusRequest) -> $crate::types::Tenant;
            /// Gets a token and reads one object: reports whether the tenant is reachable.
            verify_connection($crate::types::TenantRequest) -> $crate::types::VerifyConnectionResponse;
            /// The Graph application permissions each feature needs.
            permission_guide() -> $crate::types::PermissionGuide;
            /// Per feature, whether a tenant's granted permissions suffice (from its last verify).
            permission_report($crate::types::TenantRequest) -> $crate::types::PermissionReport;
            /// Queues a sync of one tenant (or returns the active one).
            start_sync($crate::types::StartSyncRequest) -> $crate::types::StartRunResponse;
            /// Queues the sync for every active tenant the current user may sync.
            sync_all($crate::types::SyncAllRequest) -> $crate::types::SyncAllResponse;
            /// The home page: every visible tenant at a glance, worst first, and runs per day.
            workspace_overview($crate::types::WorkspaceOverviewRequest) -> $crate::types::WorkspaceOverview;
            /// The newest completed sync per kind for each visible tenant.
            list_last_syncs($crate::types::ListLastSyncsRequest) -> Vec<$crate::types::LastSync>;
            /// One operation run.
            get_run($crate::types::GetRunRequest) -> $crate::types::OperationRun;
            /// The workspace's scheduled syncs with their next starts.
            list_schedules($crate::types::WorkspaceRequest) -> Vec<$crate::types::ScheduleView>;
            /// Schedules a tenant's (or every active tenant's) sync of one kind.
            create_schedule($crate::types::CreateScheduleRequest) -> $crate::types::ScheduleView;
            /// Changes a schedule's times, or pauses or resumes it.
            update_schedule($crate::types::UpdateScheduleRequest) -> $crate::types::ScheduleView;
            /// Removes a schedule; returns the workspace's schedules left.
            delete_schedule($crate::types::ScheduleRequest) -> Vec<$crate::types::ScheduleView>;
            /// Backs up a tenant's policies now (or returns the backup already running).
            back_up_now($crate::types::TenantRequest) -> $crate::types::StartRunResponse;
            /// Backs up every active tenant the current user may sync, as one batch.
            back_up_all($crate::types::WorkspaceRequest) -> $crate::types::SyncAllResponse;
            /// A tenant's backup sets, newest first.
            list_backup_sets($crate::types::TenantRequest) -> Vec<$crate::types::BackupSet>;
            /// One backup set with the versions it holds.
            get_backup_set($crate::types::BackupSetRequest) -> $crate::types::BackupSetDetail;
            /// Writes a backup set, or a tenant's latest versions, into a git-friendly folder.
            export_backup_folder($crate::types::ExportBackupFolderRequest) -> $crate::types::BackupFolderExport;
            /// Reads an IntuneCD or IntuneManagement backup folder for a tenant and says what an import would store.
            preview_import($crate::types::ImportRequest) -> $crate::types::ImportReport;
            /// Imports an IntuneCD or IntuneManagement backup folder into a tenant as an imported backup set.
            import_backup($crate::types::ImportRequest) -> $crate::types::ImportReport;
            /// Documents a tenant's configuration (latest versions or a backup set) as Markdown, HTML, CSV or Word.
            export_documentation($crate::types::ExportDocumentationRequest) -> $crate::types::ExportedFile;
            /// Starts the read-only preview of restoring a backup set, versions or a baseline onto a tenant.
            preview_restore($crate::types::PreviewRestoreRequest) -> $crate::types::RestorePreviewStarted;
            /// Starts the preview of remediating drift findings from their baseline's content.
            remediate_findings($crate::types::RemediateFindingsRequest) -> $crate::types::RestorePreviewStarted;
            /// Executes a previewed restore after the tenant's name and the number of changes are confirmed.
            execute_restore($crate::types::ExecuteRestoreRequest) -> $crate::types::StartRunResponse;
            /// Previews undoing an executed restore: restoring the pre-images it kept.
            preview_undo($crate::types::RestoreRequest) -> $crate::types::RestorePreviewStarted;
            /// A tenant's restores (as target), newest first.
            list_restores($crate::types::TenantRequest) -> Vec<$crate::types::Restore>;
            /// One restore with its plan.
            get_restore($crate::types::RestoreRequest) -> $crate::types::RestoreView;
            /// Objects, groups and settings by name in every tenant of a workspace at once.
            search_workspace($crate::types::SearchRequest) -> $crate::types::SearchResults;
            /// Compares the configuration of two policies of one type, across tenants.
            compare_across($crate::types::CompareAcrossRequest) -> $crate::types::VersionDiffResponse;
            /// A tenant's syncs that changed its configuration, with what each changed.
            tenant_changes($crate::types::TenantChangesRequest) -> $crate::types::TenantChangesPage;
            /// Writes a table as the operator filtered it to a CSV or JSON file.
            export_table($crate::types::ExportTableRequest) -> $crate::types::ExportedFile;
            /// Writes one policy version as its normalised JSON file.
            export_policy_version($crate::types::ExportVersionRequest) -> $crate::types::ExportedFile;
            /// Cancels a queued run at once, or stops a running one at its next checkpoint.
            cancel_run($crate::types::GetRunRequest) -> $crate::types::CancelRunResponse;
            /// Starts a run that did not succeed again with the same inputs.
            retry_run($crate::types::GetRunRequest) -> $crate::types::StartRunResponse;
            /// The object types inventory covers.
            list_object_types() -> Vec<$crate::types::ObjectTypeInfo>;
            /// One page of a tenant's inventory.
            list_inventory($crate::types::ListInventoryRequest) -> $crate::types::Page<$crate::types::InventoryItem>;
            /// Objects per type in a tenant's inventory.
            inventory_counts($crate::types::TenantRequest) -> Vec<$crate::types::InventoryTypeCount>;
            /// One object with its readable configuration and version history.
            get_inventory_object($crate::types::GetInventoryObjectRequest) -> $crate::types::InventoryObjectDetail;
            /// Setting-by-setting difference of two versions of one object.
            diff_versions($crate::types::DiffVersionsRequest) -> $crate::types::VersionDiffResponse;
            /// One page of a tenant's cached Entra groups.
            list_groups($crate::types::ListGroupsRequest) -> $crate::types::Page<$crate::types::DirectoryGroup>;
            /// A tenant's directory role definitions and assignments.
            list_directory_roles($crate::types::TenantRequest) -> $crate::types::DirectoryRolesResponse;
            /// The newest RBAC hardening report, or null before the first role sync.
            rbac_report($crate::types::TenantRequest) -> Option<$crate::types::RbacReportResponse>;
            /// One page of the operations index.
            list_runs($crate::types::ListRunsRequest) -> $crate::types::RunListPage;
            /// Active, likely stale and recently reconciled runs, by type.
            runs_overview($crate::types::WorkspaceRequest) -> $crate::types::RunsOverview;
            /// A run with its names, freshness, policy and reason in plain words.
            run_detail($crate::types::GetRunRequest) -> $crate::types::RunDetail;
            /// The objects a sync added, changed and found removed.
            run_changes($crate::types::GetRunRequest) -> $crate::types::RunChanges;
            /// The current user's newest notifications and the unread count (of one workspace).
            list_notifications($crate::types::NotificationsRequest) -> $crate::types::NotificationsResponse;
            /// Marks one notification read.
            mark_notification_read($crate::types::MarkNotificationReadRequest) -> $crate::types::NotificationsResponse;
            /// Marks every notification read.
            mark_all_notifications_read($crate::types::NotificationsRequest) -> $crate::types::NotificationsResponse;
            /// One page of the workspace's audit log.
            list_audit($crate::types::ListAuditRequest) -> $crate::types::Page<$crate::types::AuditRow>;
            /// The workspace's baseline profiles, with their assigned tenants.
            list_baseline_profiles($crate::types::WorkspaceRequest) -> Vec<$crate::types::BaselineProfileView>;
            /// One baseline profile with its assignments and snapshots.
            get_baseline_profile($crate::types::BaselineProfileRequest) -> $crate::types::BaselineProfileDetail;
            /// Creates a draft baseline profile.
            create_baseline_profile($crate::types::CreateBaselineProfileRequest) -> $crate::types::BaselineProfile;
            /// Edits a baseline profile that is not archived.
            update_baseline_profile($crate::types::UpdateBaselineProfileRequest) -> $crate::types::BaselineProfile;
            /// Activates or archives a baseline profile.
            set_baseline_profile_status($crate::types::SetBaselineStatusRequest) -> $crate::types::BaselineProfile;
            /// Assigns a tenant to a baseline profile (one profile per tenant).
            assign_baseline($crate::types::AssignBaselineRequest) -> $crate::types::BaselineProfileView;
            /// Removes a tenant from its baseline profile.
            unassign_baseline($crate::types::TenantRequest) -> $crate::types::Tenant;
            /// Queues a capture of a baseline profile's source tenant.
            start_baseline_capture($crate::types::BaselineProfileRequest) -> $crate::types::StartRunResponse;
            /// Queues a compare of one tenant against its baseline.
            start_baseline_compare($crate::types::StartCompareRequest) -> $crate::types::StartRunResponse;
            /// Queues a compare of every tenant assigned to a baseline profile.
            compare_all_assigned($crate::types::BaselineProfileRequest) -> $crate::types::SyncAllResponse;
            /// One baseline snapshot with its items.
            get_baseline_snapshot($crate::types::SnapshotRequest) -> $crate::types::SnapshotDetail;
            /// A tenant against its baseline: profile, readiness and newest compare.
            get_tenant_baseline($crate::types::TenantRequest) -> $crate::types::TenantBaseline;
            /// One page of drift findings with counts by severity.
            list_findings($crate::types::ListFindingsRequest) -> $crate::types::FindingsPage;
            /// One finding with its evidence and history.
            get_finding($crate::types::FindingRequest) -> $crate::types::FindingDetail;
            /// Acknowledges open findings as accepted exceptions, with a note.
            acknowledge_findings($crate::types::AcknowledgeFindingsRequest) -> $crate::types::AcknowledgeFindingsResponse;
            /// Reopens an acknowledged finding.
            reopen_finding($crate::types::FindingRequest) -> $crate::types::FindingDetail;
            /// Queues a snapshot of a tenant's evidence (or returns the one being made).
            generate_evidence_snapshot($crate::types::TenantRequest) -> $crate::types::StartRunResponse;
            /// A tenant's evidence snapshots, newest first.
            list_evidence_snapshots($crate::types::TenantRequest) -> Vec<$crate::types::EvidenceSnapshot>;
            /// One evidence snapshot with what it froze.
            get_evidence_snapshot($crate::types::EvidenceSnapshotRequest) -> $crate::types::EvidenceSnapshot;
            /// Whether a review of the tenant can be composed now, and if not why.
            review_readiness($crate::types::TenantRequest) -> $crate::types::ReviewReadiness;
            /// Queues a review composed from the tenant's newest complete evidence.
            compose_review($crate::types::TenantRequest) -> $crate::types::StartRunResponse;
            /// The tenant's newest review, or null before the first.
            latest_review($crate::types::TenantRequest) -> Option<$crate::types::TenantReview>;
            /// Replaces a review's note for the customer.
            update_review_note($crate::types::UpdateReviewNoteRequest) -> $crate::types::TenantReview;
            /// Asks for a tenant's review pack: queued, or the ready pack of the same content.
            generate_review_pack($crate::types::GenerateReviewPackRequest) -> $crate::types::GenerateReviewPackResponse;
            /// The tenant's newest review pack, or null before the first.
            latest_review_pack($crate::types::TenantRequest) -> Option<$crate::types::ReviewPackView>;
            /// One review pack.
            get_review_pack($crate::types::ReviewPackRequest) -> $crate::types::ReviewPackView;
            /// One page of the workspace's review packs, newest first.
            list_review_packs($crate::types::ListReviewPacksRequest) -> $crate::types::ReviewPackPage;
            /// Saves a ready review pack to a file the operator chose.
            save_review_pack($crate::types::SaveReviewPackRequest) -> $crate::types::SavedReviewPack;
            /// Verifies any review pack file: hashes, manifest and signature.
            verify_pack_file($crate::types::VerifyPackFileRequest) -> $crate::types::PackVerification;
            /// The workspace's review pack defaults, retention and signing key.
            review_pack_settings($crate::types::WorkspaceRequest) -> $crate::types::ReviewPackSettingsView;
            /// Changes the workspace's review pack defaults and retention.
            update_review_pack_settings($crate::types::UpdateReviewPackSettingsRequest) -> $crate::types::ReviewPackSettingsView;
        }
    };
}

/// Every listed command is an `Api` method taking the actor (and the request) and answering
/// with the listed response: a mismatch is a compile error here, not a runtime surprise in a
/// front end. Never called.
macro_rules! signatures_match {
    ($($(#[doc = $doc:literal])* $name:ident($($req:ty)?) -> $res:ty;)*) => {
        #[allow(dead_code)]
        async fn signatures_match(api: &crate::Api, actor: &crate::Actor) {
            fn value<T>() -> T {
                unreachable!("only type-checked")
            }
            $(
                let _: Result<$res, crate::ApiError> =
                    api.$name(actor $(, value::<$req>())?).await;
            )*
        }
    };
}
for_each_command!(signatures_match);
