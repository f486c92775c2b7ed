// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.

import type { AcknowledgeFindingsRequest, AcknowledgeFindingsResponse, AddMemberRequest, AddTenantRequest, AppInfo, AssignBaselineRequest, AuditRow, BackupFolderExport, BackupSet, BackupSetDetail, BackupSetRequest, BaselineProfile, BaselineProfileDetail, BaselineProfileRequest, BaselineProfileView, CancelRunResponse, CompareAcrossRequest, CreateBaselineProfileRequest, CreateDemoWorkspaceResponse, CreateScheduleRequest, CreateWorkspaceRequest, Diagnostics, DiffVersionsRequest, DirectoryGroup, DirectoryRolesResponse, EvidenceSnapshot, EvidenceSnapshotRequest, ExecuteRestoreRequest, ExportBackupFolderRequest, ExportDocumentationRequest, ExportTableRequest, ExportVersionRequest, ExportedFile, FindingDetail, FindingRequest, FindingsPage, GenerateReviewPackRequest, GenerateReviewPackResponse, GetInventoryObjectRequest, GetRunRequest, GetTenantRequest, HoldCredentialRequest, HoldCredentialResponse, ImportReport, ImportRequest, InstallUpdateRequest, InventoryItem, InventoryObjectDetail, InventoryTypeCount, LastSync, ListAuditRequest, ListFindingsRequest, ListGroupsRequest, ListInventoryRequest, ListLastSyncsRequest, ListReviewPacksRequest, ListRunsRequest, ListTenantsRequest, MarkNotificationReadRequest, MemberDirectory, MemberRequest, MemberView, NotificationsRequest, NotificationsResponse, ObjectTypeInfo, OperationRun, PackVerification, Page, PermissionGuide, PermissionReport, PreviewRestoreRequest, RbacReportResponse, RemediateFindingsRequest, RenameWorkspaceRequest, Restore, RestorePreviewStarted, RestoreRequest, RestoreView, ReviewPackPage, ReviewPackRequest, ReviewPackSettingsView, ReviewPackView, ReviewReadiness, RunChanges, RunDetail, RunEventBatch, RunListPage, RunsOverview, SaveReviewPackRequest, SavedReviewPack, ScheduleRequest, ScheduleView, SearchRequest, SearchResults, SetBaselineStatusRequest, SetMemberRoleRequest, SetMemberTenantsRequest, SetTenantStatusRequest, SetUpdateUrlRequest, SnapshotDetail, SnapshotRequest, StartCompareRequest, StartRunResponse, StartSyncRequest, SyncAllRequest, SyncAllResponse, Tenant, TenantBaseline, TenantChangesPage, TenantChangesRequest, TenantRequest, TenantReview, UpdateBaselineProfileRequest, UpdateCheck, UpdateInstalled, UpdateReviewNoteRequest, UpdateReviewPackSettingsRequest, UpdateScheduleRequest, UpdateTenantRequest, VerifyConnectionResponse, VerifyPackFileRequest, VersionDiffResponse, WorkspaceMember, WorkspaceOverview, WorkspaceOverviewRequest, WorkspaceRequest, WorkspaceSummary } from "./types";

/** How commands reach the backend: Tauri IPC in the app, a fake in unit tests. */
export interface Transport {
  invoke<T>(command: string, args: Record<string, unknown>): Promise<T>;
}

/** Every command of the surface, typed. Failures reject with an `ApiError`. */
export function createCommands(transport: Transport) {
  return {
    /** What the app is, where its data lives, who is using it. */
    appInfo: (): Promise<AppInfo> =>
      transport.invoke<AppInfo>("app_info", {}),
    /** The About facts and the end of the newest log, secrets and personal data removed. */
    diagnostics: (): Promise<Diagnostics> =>
      transport.invoke<Diagnostics>("diagnostics", {}),
    /** Turn update checks on (an https manifest address) or off. */
    setUpdateUrl: (request: SetUpdateUrlRequest): Promise<AppInfo> =>
      transport.invoke<AppInfo>("set_update_url", { request }),
    /** Ask the update address whether a newer version is offered. */
    checkForUpdate: (): Promise<UpdateCheck> =>
      transport.invoke<UpdateCheck>("check_for_update", {}),
    /** Download, verify and install the offered version. */
    installUpdate: (request: InstallUpdateRequest): Promise<UpdateInstalled> =>
      transport.invoke<UpdateInstalled>("install_update", { request }),
    /** The workspaces the current user is a member of. */
    listWorkspaces: (): Promise<Array<WorkspaceSummary>> =>
      transport.invoke<Array<WorkspaceSummary>>("list_workspaces", {}),
    /** The members of a workspace, by name. */
    listMembers: (request: WorkspaceRequest): Promise<Array<WorkspaceMember>> =>
      transport.invoke<Array<WorkspaceMember>>("list_members", { request }),
    /** Creates a workspace for the operator's own customers, with them as owner. */
    createWorkspace: (request: CreateWorkspaceRequest): Promise<WorkspaceSummary> =>
      transport.invoke<WorkspaceSummary>("create_workspace", { request }),
    /** The workspace's members with their roles, tenants and last activity. */
    memberDirectory: (request: WorkspaceRequest): Promise<MemberDirectory> =>
      transport.invoke<MemberDirectory>("member_directory", { request }),
    /** Makes an operator who has signed in before a member (team mode; owners). */
    addMember: (request: AddMemberRequest): Promise<MemberView> =>
      transport.invoke<MemberView>("add_member", { request }),
    /** Changes a member's role; a workspace keeps at least one owner. */
    setMemberRole: (request: SetMemberRoleRequest): Promise<MemberDirectory> =>
      transport.invoke<MemberDirectory>("set_member_role", { request }),
    /** Entitles a member to every tenant or to the chosen ones. */
    setMemberTenants: (request: SetMemberTenantsRequest): Promise<MemberDirectory> =>
      transport.invoke<MemberDirectory>("set_member_tenants", { request }),
    /** Ends a membership; the last owner cannot be removed. */
    removeMember: (request: MemberRequest): Promise<MemberDirectory> =>
      transport.invoke<MemberDirectory>("remove_member", { request }),
    /** Renames a workspace (owners). */
    renameWorkspace: (request: RenameWorkspaceRequest): Promise<WorkspaceSummary> =>
      transport.invoke<WorkspaceSummary>("rename_workspace", { request }),
    /** Creates the demo workspace with three simulated tenants, or returns it. */
    createDemoWorkspace: (): Promise<CreateDemoWorkspaceResponse> =>
      transport.invoke<CreateDemoWorkspaceResponse>("create_demo_workspace", {}),
    /** The tenants of a workspace the current user may see. */
    listTenants: (request: ListTenantsRequest): Promise<Array<Tenant>> =>
      transport.invoke<Array<Tenant>>("list_tenants", { request }),
    /** One tenant the current user is entitled to. */
    getTenant: (request: GetTenantRequest): Promise<Tenant> =>
      transport.invoke<Tenant>("get_tenant", { request }),
    /** Adds a tenant; its secret or certificate goes to the system keyring. */
    addTenant: (request: AddTenantRequest): Promise<Tenant> =>
      transport.invoke<Tenant>("add_tenant", { request }),
    /** Renames a tenant or replaces its app registration credential. */
    updateTenant: (request: UpdateTenantRequest): Promise<Tenant> =>
      transport.invoke<Tenant>("update_tenant", { request }),
    /** Keeps a tenant's credential in this workstation's keyring too, once proven (team mode). */
    holdCredential: (request: HoldCredentialRequest): Promise<HoldCredentialResponse> =>
      transport.invoke<HoldCredentialResponse>("hold_credential", { request }),
    /** Pauses, archives or reactivates a tenant. */
    setTenantStatus: (request: SetTenantStatusRequest): Promise<Tenant> =>
      transport.invoke<Tenant>("set_tenant_status", { request }),
    /** Gets a token and reads one object: reports whether the tenant is reachable. */
    verifyConnection: (request: TenantRequest): Promise<VerifyConnectionResponse> =>
      transport.invoke<VerifyConnectionResponse>("verify_connection", { request }),
    /** The Graph application permissions each feature needs. */
    permissionGuide: (): Promise<PermissionGuide> =>
      transport.invoke<PermissionGuide>("permission_guide", {}),
    /** Per feature, whether a tenant's granted permissions suffice (from its last verify). */
    permissionReport: (request: TenantRequest): Promise<PermissionReport> =>
      transport.invoke<PermissionReport>("permission_report", { request }),
    /** Queues a sync of one tenant (or returns the active one). */
    startSync: (request: StartSyncRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("start_sync", { request }),
    /** Queues the sync for every active tenant the current user may sync. */
    syncAll: (request: SyncAllRequest): Promise<SyncAllResponse> =>
      transport.invoke<SyncAllResponse>("sync_all", { request }),
    /** The home page: every visible tenant at a glance, worst first, and runs per day. */
    workspaceOverview: (request: WorkspaceOverviewRequest): Promise<WorkspaceOverview> =>
      transport.invoke<WorkspaceOverview>("workspace_overview", { request }),
    /** The newest completed sync per kind for each visible tenant. */
    listLastSyncs: (request: ListLastSyncsRequest): Promise<Array<LastSync>> =>
      transport.invoke<Array<LastSync>>("list_last_syncs", { request }),
    /** One operation run. */
    getRun: (request: GetRunRequest): Promise<OperationRun> =>
      transport.invoke<OperationRun>("get_run", { request }),
    /** The workspace's scheduled syncs with their next starts. */
    listSchedules: (request: WorkspaceRequest): Promise<Array<ScheduleView>> =>
      transport.invoke<Array<ScheduleView>>("list_schedules", { request }),
    /** Schedules a tenant's (or every active tenant's) sync of one kind. */
    createSchedule: (request: CreateScheduleRequest): Promise<ScheduleView> =>
      transport.invoke<ScheduleView>("create_schedule", { request }),
    /** Changes a schedule's times, or pauses or resumes it. */
    updateSchedule: (request: UpdateScheduleRequest): Promise<ScheduleView> =>
      transport.invoke<ScheduleView>("update_schedule", { request }),
    /** Removes a schedule; returns the workspace's schedules left. */
    deleteSchedule: (request: ScheduleRequest): Promise<Array<ScheduleView>> =>
      transport.invoke<Array<ScheduleView>>("delete_schedule", { request }),
    /** Backs up a tenant's policies now (or returns the backup already running). */
    backUpNow: (request: TenantRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("back_up_now", { request }),
    /** Backs up every active tenant the current user may sync, as one batch. */
    backUpAll: (request: WorkspaceRequest): Promise<SyncAllResponse> =>
      transport.invoke<SyncAllResponse>("back_up_all", { request }),
    /** A tenant's backup sets, newest first. */
    listBackupSets: (request: TenantRequest): Promise<Array<BackupSet>> =>
      transport.invoke<Array<BackupSet>>("list_backup_sets", { request }),
    /** One backup set with the versions it holds. */
    getBackupSet: (request: BackupSetRequest): Promise<BackupSetDetail> =>
      transport.invoke<BackupSetDetail>("get_backup_set", { request }),
    /** Writes a backup set, or a tenant's latest versions, into a git-friendly folder. */
    exportBackupFolder: (request: ExportBackupFolderRequest): Promise<BackupFolderExport> =>
      transport.invoke<BackupFolderExport>("export_backup_folder", { request }),
    /** Reads an IntuneCD or IntuneManagement backup folder for a tenant and says what an import would store. */
    previewImport: (request: ImportRequest): Promise<ImportReport> =>
      transport.invoke<ImportReport>("preview_import", { request }),
    /** Imports an IntuneCD or IntuneManagement backup folder into a tenant as an imported backup set. */
    importBackup: (request: ImportRequest): Promise<ImportReport> =>
      transport.invoke<ImportReport>("import_backup", { request }),
    /** Documents a tenant's configuration (latest versions or a backup set) as Markdown, HTML, CSV or Word. */
    exportDocumentation: (request: ExportDocumentationRequest): Promise<ExportedFile> =>
      transport.invoke<ExportedFile>("export_documentation", { request }),
    /** Starts the read-only preview of restoring a backup set, versions or a baseline onto a tenant. */
    previewRestore: (request: PreviewRestoreRequest): Promise<RestorePreviewStarted> =>
      transport.invoke<RestorePreviewStarted>("preview_restore", { request }),
    /** Starts the preview of remediating drift findings from their baseline's content. */
    remediateFindings: (request: RemediateFindingsRequest): Promise<RestorePreviewStarted> =>
      transport.invoke<RestorePreviewStarted>("remediate_findings", { request }),
    /** Executes a previewed restore after the tenant's name and the number of changes are confirmed. */
    executeRestore: (request: ExecuteRestoreRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("execute_restore", { request }),
    /** Previews undoing an executed restore: restoring the pre-images it kept. */
    previewUndo: (request: RestoreRequest): Promise<RestorePreviewStarted> =>
      transport.invoke<RestorePreviewStarted>("preview_undo", { request }),
    /** A tenant's restores (as target), newest first. */
    listRestores: (request: TenantRequest): Promise<Array<Restore>> =>
      transport.invoke<Array<Restore>>("list_restores", { request }),
    /** One restore with its plan. */
    getRestore: (request: RestoreRequest): Promise<RestoreView> =>
      transport.invoke<RestoreView>("get_restore", { request }),
    /** Objects, groups and settings by name in every tenant of a workspace at once. */
    searchWorkspace: (request: SearchRequest): Promise<SearchResults> =>
      transport.invoke<SearchResults>("search_workspace", { request }),
    /** Compares the configuration of two policies of one type, across tenants. */
    compareAcross: (request: CompareAcrossRequest): Promise<VersionDiffResponse> =>
      transport.invoke<VersionDiffResponse>("compare_across", { request }),
    /** A tenant's syncs that changed its configuration, with what each changed. */
    tenantChanges: (request: TenantChangesRequest): Promise<TenantChangesPage> =>
      transport.invoke<TenantChangesPage>("tenant_changes", { request }),
    /** Writes a table as the operator filtered it to a CSV or JSON file. */
    exportTable: (request: ExportTableRequest): Promise<ExportedFile> =>
      transport.invoke<ExportedFile>("export_table", { request }),
    /** Writes one policy version as its normalised JSON file. */
    exportPolicyVersion: (request: ExportVersionRequest): Promise<ExportedFile> =>
      transport.invoke<ExportedFile>("export_policy_version", { request }),
    /** Cancels a queued run at once, or stops a running one at its next checkpoint. */
    cancelRun: (request: GetRunRequest): Promise<CancelRunResponse> =>
      transport.invoke<CancelRunResponse>("cancel_run", { request }),
    /** Starts a run that did not succeed again with the same inputs. */
    retryRun: (request: GetRunRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("retry_run", { request }),
    /** The object types inventory covers. */
    listObjectTypes: (): Promise<Array<ObjectTypeInfo>> =>
      transport.invoke<Array<ObjectTypeInfo>>("list_object_types", {}),
    /** One page of a tenant's inventory. */
    listInventory: (request: ListInventoryRequest): Promise<Page<InventoryItem>> =>
      transport.invoke<Page<InventoryItem>>("list_inventory", { request }),
    /** Objects per type in a tenant's inventory. */
    inventoryCounts: (request: TenantRequest): Promise<Array<InventoryTypeCount>> =>
      transport.invoke<Array<InventoryTypeCount>>("inventory_counts", { request }),
    /** One object with its readable configuration and version history. */
    getInventoryObject: (request: GetInventoryObjectRequest): Promise<InventoryObjectDetail> =>
      transport.invoke<InventoryObjectDetail>("get_inventory_object", { request }),
    /** Setting-by-setting difference of two versions of one object. */
    diffVersions: (request: DiffVersionsRequest): Promise<VersionDiffResponse> =>
      transport.invoke<VersionDiffResponse>("diff_versions", { request }),
    /** One page of a tenant's cached Entra groups. */
    listGroups: (request: ListGroupsRequest): Promise<Page<DirectoryGroup>> =>
      transport.invoke<Page<DirectoryGroup>>("list_groups", { request }),
    /** A tenant's directory role definitions and assignments. */
    listDirectoryRoles: (request: TenantRequest): Promise<DirectoryRolesResponse> =>
      transport.invoke<DirectoryRolesResponse>("list_directory_roles", { request }),
    /** The newest RBAC hardening report, or null before the first role sync. */
    rbacReport: (request: TenantRequest): Promise<RbacReportResponse | null> =>
      transport.invoke<RbacReportResponse | null>("rbac_report", { request }),
    /** One page of the operations index. */
    listRuns: (request: ListRunsRequest): Promise<RunListPage> =>
      transport.invoke<RunListPage>("list_runs", { request }),
    /** Active, likely stale and recently reconciled runs, by type. */
    runsOverview: (request: WorkspaceRequest): Promise<RunsOverview> =>
      transport.invoke<RunsOverview>("runs_overview", { request }),
    /** A run with its names, freshness, policy and reason in plain words. */
    runDetail: (request: GetRunRequest): Promise<RunDetail> =>
      transport.invoke<RunDetail>("run_detail", { request }),
    /** The objects a sync added, changed and found removed. */
    runChanges: (request: GetRunRequest): Promise<RunChanges> =>
      transport.invoke<RunChanges>("run_changes", { request }),
    /** The current user's newest notifications and the unread count (of one workspace). */
    listNotifications: (request: NotificationsRequest): Promise<NotificationsResponse> =>
      transport.invoke<NotificationsResponse>("list_notifications", { request }),
    /** Marks one notification read. */
    markNotificationRead: (request: MarkNotificationReadRequest): Promise<NotificationsResponse> =>
      transport.invoke<NotificationsResponse>("mark_notification_read", { request }),
    /** Marks every notification read. */
    markAllNotificationsRead: (request: NotificationsRequest): Promise<NotificationsResponse> =>
      transport.invoke<NotificationsResponse>("mark_all_notifications_read", { request }),
    /** One page of the workspace's audit log. */
    listAudit: (request: ListAuditRequest): Promise<Page<AuditRow>> =>
      transport.invoke<Page<AuditRow>>("list_audit", { request }),
    /** The workspace's baseline profiles, with their assigned tenants. */
    listBaselineProfiles: (request: WorkspaceRequest): Promise<Array<BaselineProfileView>> =>
      transport.invoke<Array<BaselineProfileView>>("list_baseline_profiles", { request }),
    /** One baseline profile with its assignments and snapshots. */
    getBaselineProfile: (request: BaselineProfileRequest): Promise<BaselineProfileDetail> =>
      transport.invoke<BaselineProfileDetail>("get_baseline_profile", { request }),
    /** Creates a draft baseline profile. */
    createBaselineProfile: (request: CreateBaselineProfileRequest): Promise<BaselineProfile> =>
      transport.invoke<BaselineProfile>("create_baseline_profile", { request }),
    /** Edits a baseline profile that is not archived. */
    updateBaselineProfile: (request: UpdateBaselineProfileRequest): Promise<BaselineProfile> =>
      transport.invoke<BaselineProfile>("update_baseline_profile", { request }),
    /** Activates or archives a baseline profile. */
    setBaselineProfileStatus: (request: SetBaselineStatusRequest): Promise<BaselineProfile> =>
      transport.invoke<BaselineProfile>("set_baseline_profile_status", { request }),
    /** Assigns a tenant to a baseline profile (one profile per tenant). */
    assignBaseline: (request: AssignBaselineRequest): Promise<BaselineProfileView> =>
      transport.invoke<BaselineProfileView>("assign_baseline", { request }),
    /** Removes a tenant from its baseline profile. */
    unassignBaseline: (request: TenantRequest): Promise<Tenant> =>
      transport.invoke<Tenant>("unassign_baseline", { request }),
    /** Queues a capture of a baseline profile's source tenant. */
    startBaselineCapture: (request: BaselineProfileRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("start_baseline_capture", { request }),
    /** Queues a compare of one tenant against its baseline. */
    startBaselineCompare: (request: StartCompareRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("start_baseline_compare", { request }),
    /** Queues a compare of every tenant assigned to a baseline profile. */
    compareAllAssigned: (request: BaselineProfileRequest): Promise<SyncAllResponse> =>
      transport.invoke<SyncAllResponse>("compare_all_assigned", { request }),
    /** One baseline snapshot with its items. */
    getBaselineSnapshot: (request: SnapshotRequest): Promise<SnapshotDetail> =>
      transport.invoke<SnapshotDetail>("get_baseline_snapshot", { request }),
    /** A tenant against its baseline: profile, readiness and newest compare. */
    getTenantBaseline: (request: TenantRequest): Promise<TenantBaseline> =>
      transport.invoke<TenantBaseline>("get_tenant_baseline", { request }),
    /** One page of drift findings with counts by severity. */
    listFindings: (request: ListFindingsRequest): Promise<FindingsPage> =>
      transport.invoke<FindingsPage>("list_findings", { request }),
    /** One finding with its evidence and history. */
    getFinding: (request: FindingRequest): Promise<FindingDetail> =>
      transport.invoke<FindingDetail>("get_finding", { request }),
    /** Acknowledges open findings as accepted exceptions, with a note. */
    acknowledgeFindings: (request: AcknowledgeFindingsRequest): Promise<AcknowledgeFindingsResponse> =>
      transport.invoke<AcknowledgeFindingsResponse>("acknowledge_findings", { request }),
    /** Reopens an acknowledged finding. */
    reopenFinding: (request: FindingRequest): Promise<FindingDetail> =>
      transport.invoke<FindingDetail>("reopen_finding", { request }),
    /** Queues a snapshot of a tenant's evidence (or returns the one being made). */
    generateEvidenceSnapshot: (request: TenantRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("generate_evidence_snapshot", { request }),
    /** A tenant's evidence snapshots, newest first. */
    listEvidenceSnapshots: (request: TenantRequest): Promise<Array<EvidenceSnapshot>> =>
      transport.invoke<Array<EvidenceSnapshot>>("list_evidence_snapshots", { request }),
    /** One evidence snapshot with what it froze. */
    getEvidenceSnapshot: (request: EvidenceSnapshotRequest): Promise<EvidenceSnapshot> =>
      transport.invoke<EvidenceSnapshot>("get_evidence_snapshot", { request }),
    /** Whether a review of the tenant can be composed now, and if not why. */
    reviewReadiness: (request: TenantRequest): Promise<ReviewReadiness> =>
      transport.invoke<ReviewReadiness>("review_readiness", { request }),
    /** Queues a review composed from the tenant's newest complete evidence. */
    composeReview: (request: TenantRequest): Promise<StartRunResponse> =>
      transport.invoke<StartRunResponse>("compose_review", { request }),
    /** The tenant's newest review, or null before the first. */
    latestReview: (request: TenantRequest): Promise<TenantReview | null> =>
      transport.invoke<TenantReview | null>("latest_review", { request }),
    /** Replaces a review's note for the customer. */
    updateReviewNote: (request: UpdateReviewNoteRequest): Promise<TenantReview> =>
      transport.invoke<TenantReview>("update_review_note", { request }),
    /** Asks for a tenant's review pack: queued, or the ready pack of the same content. */
    generateReviewPack: (request: GenerateReviewPackRequest): Promise<GenerateReviewPackResponse> =>
      transport.invoke<GenerateReviewPackResponse>("generate_review_pack", { request }),
    /** The tenant's newest review pack, or null before the first. */
    latestReviewPack: (request: TenantRequest): Promise<ReviewPackView | null> =>
      transport.invoke<ReviewPackView | null>("latest_review_pack", { request }),
    /** One review pack. */
    getReviewPack: (request: ReviewPackRequest): Promise<ReviewPackView> =>
      transport.invoke<ReviewPackView>("get_review_pack", { request }),
    /** One page of the workspace's review packs, newest first. */
    listReviewPacks: (request: ListReviewPacksRequest): Promise<ReviewPackPage> =>
      transport.invoke<ReviewPackPage>("list_review_packs", { request }),
    /** Saves a ready review pack to a file the operator chose. */
    saveReviewPack: (request: SaveReviewPackRequest): Promise<SavedReviewPack> =>
      transport.invoke<SavedReviewPack>("save_review_pack", { request }),
    /** Verifies any review pack file: hashes, manifest and signature. */
    verifyPackFile: (request: VerifyPackFileRequest): Promise<PackVerification> =>
      transport.invoke<PackVerification>("verify_pack_file", { request }),
    /** The workspace's review pack defaults, retention and signing key. */
    reviewPackSettings: (request: WorkspaceRequest): Promise<ReviewPackSettingsView> =>
      transport.invoke<ReviewPackSettingsView>("review_pack_settings", { request }),
    /** Changes the workspace's review pack defaults and retention. */
    updateReviewPackSettings: (request: UpdateReviewPackSettingsRequest): Promise<ReviewPackSettingsView> =>
      transport.invoke<ReviewPackSettingsView>("update_review_pack_settings", { request }),
  };
}

export type Commands = ReturnType<typeof createCommands>;

/** The name of every command, in the order of the surface. */
export const commandNames = [
  "appInfo",
  "diagnostics",
  "setUpdateUrl",
  "checkForUpdate",
  "installUpdate",
  "listWorkspaces",
  "listMembers",
  "createWorkspace",
  "memberDirectory",
  "addMember",
  "setMemberRole",
  "setMemberTenants",
  "removeMember",
  "renameWorkspace",
  "createDemoWorkspace",
  "listTenants",
  "getTenant",
  "addTenant",
  "updateTenant",
  "holdCredential",
  "setTenantStatus",
  "verifyConnection",
  "permissionGuide",
  "permissionReport",
  "startSync",
  "syncAll",
  "workspaceOverview",
  "listLastSyncs",
  "getRun",
  "listSchedules",
  "createSchedule",
  "updateSchedule",
  "deleteSchedule",
  "backUpNow",
  "backUpAll",
  "listBackupSets",
  "getBackupSet",
  "exportBackupFolder",
  "previewImport",
  "importBackup",
  "exportDocumentation",
  "previewRestore",
  "remediateFindings",
  "executeRestore",
  "previewUndo",
  "listRestores",
  "getRestore",
  "searchWorkspace",
  "compareAcross",
  "tenantChanges",
  "exportTable",
  "exportPolicyVersion",
  "cancelRun",
  "retryRun",
  "listObjectTypes",
  "listInventory",
  "inventoryCounts",
  "getInventoryObject",
  "diffVersions",
  "listGroups",
  "listDirectoryRoles",
  "rbacReport",
  "listRuns",
  "runsOverview",
  "runDetail",
  "runChanges",
  "listNotifications",
  "markNotificationRead",
  "markAllNotificationsRead",
  "listAudit",
  "listBaselineProfiles",
  "getBaselineProfile",
  "createBaselineProfile",
  "updateBaselineProfile",
  "setBaselineProfileStatus",
  "assignBaseline",
  "unassignBaseline",
  "startBaselineCapture",
  "startBaselineCompare",
  "compareAllAssigned",
  "getBaselineSnapshot",
  "getTenantBaseline",
  "listFindings",
  "getFinding",
  "acknowledgeFindings",
  "reopenFinding",
  "generateEvidenceSnapshot",
  "listEvidenceSnapshots",
  "getEvidenceSnapshot",
  "reviewReadiness",
  "composeReview",
  "latestReview",
  "updateReviewNote",
  "generateReviewPack",
  "latestReviewPack",
  "getReviewPack",
  "listReviewPacks",
  "saveReviewPack",
  "verifyPackFile",
  "reviewPackSettings",
  "updateReviewPackSettings",
] as const satisfies readonly (keyof Commands)[];

/** The run changes of the last moment, one per run (its newest state). */
export const RUN_EVENTS = "run-events";

/** What each event the desktop shell emits carries. */
export interface EventPayloads {
  "run-events": RunEventBatch;
}
