// Generated from the Rust command surface (crates/atlas-api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings`.

export type AcknowledgeFindingsRequest = { finding_ids: Array<FindingId>, 
/**
 * Why the difference is accepted for this customer (required).
 */
note: string, };

/**
 * What a (bulk) acknowledgement did, finding by finding.
 */
export type AcknowledgeFindingsResponse = { acknowledged: Array<FindingId>, 
/**
 * Findings that were not open (resolved or acknowledged meanwhile), with why.
 */
skipped: Array<FindingSkipped>, };

/**
 * What the operator can do about a failure.
 */
export type Actionability = "retryable_transient" | "non_actionable" | "prerequisite_missing" | "needs_investigation";

export type AddMemberRequest = { workspace_id: WorkspaceId, 
/**
 * Their sign-in name: the PostgreSQL role they connect as.
 */
name: string, role: Role, };

export type AddTenantRequest = { workspace_id: WorkspaceId, display_name: string, 
/**
 * The directory (tenant) id as a GUID, or one of the tenant's verified domains
 * (`contoso.onmicrosoft.com`), which is resolved to the GUID.
 */
directory: string, 
/**
 * The app registration's application (client) id, a GUID.
 */
client_id: string, credential: CredentialInput, };

/**
 * A subject key that more than one object of one tenant shares: an evidence gap, reported and
 * never guessed at.
 */
export type AmbiguousSubject = { subject_key: string, 
/**
 * The name as one of the objects spells it (the key is lower case).
 */
display_name: string, 
/**
 * How many objects share it.
 */
count: number, };

/**
 * An error as it crosses the command boundary: `{code, message}`. The message is written for
 * the operator and never contains secrets.
 */
export type ApiError = { code: ErrorCode, message: string, };

/**
 * What the app is, where its data lives, and who is using it.
 */
export type AppInfo = { product: string, version: string, backend: StorageBackend, 
/**
 * Database file or server, safe to show (no password).
 */
database_location: string, data_dir: string, 
/**
 * Where exports and saved review packs go unless the operator picks a file: the user's
 * Downloads folder, or `TENANTATLAS_EXPORT_DIR`.
 */
export_dir: string, user: User, 
/**
 * This build includes the simulated cloud, so the demo workspace can be created.
 */
demo_available: boolean, 
/**
 * The commit this build was made from ("unknown" outside a git checkout).
 */
commit: string, 
/**
 * The database schema version (its newest migration).
 */
schema_version: number, 
/**
 * Where the desktop app writes its logs for this data folder (the CLI logs to stderr).
 */
log_dir: string, 
/**
 * The update manifest this installation checks; none means updates are off.
 */
update_url: string | null, 
/**
 * This front end installs updates itself (the desktop app); a package manager updates
 * the CLI.
 */
updates_installable: boolean, };

export type AssignBaselineRequest = { profile_id: BaselineProfileId, tenant_id: TenantId, };

/**
 * The assignment targets (group ids in the target) a restore would add or remove.
 */
export type AssignmentChange = { added: Array<string>, removed: Array<string>, };

/**
 * One assignment of the policy.
 */
export type AssignmentRow = { kind: AssignmentTargetKind, group_id: string | null, 
/**
 * Filled by the caller from the groups cache.
 */
group_name: string | null, filter_id: string | null, 
/**
 * `include` or `exclude`; absent without a filter.
 */
filter_mode: string | null, 
/**
 * App assignments only: `required`, `available`, `uninstall`, …
 */
intent: string | null, };

/**
 * Who an assignment targets.
 */
export type AssignmentTargetKind = "group" | "excluded_group" | "all_devices" | "all_users" | "other";

/**
 * Who caused an audited change.
 */
export type AuditActor = { "kind": "user", user_id: UserId, } | { "kind": "system" };

export type AuditEntry = { id: string, workspace_id: WorkspaceId | null, tenant_id: TenantId | null, actor: AuditActor, 
/**
 * A stable action id such as `tenant.created` (see [`actions`]).
 */
action: string, target_type: string, target_id: string | null, summary: string, metadata: JsonValue, created_at: Timestamp, };

/**
 * Filters of the audit log page; `None` does not narrow.
 */
export type AuditFilter = { actor?: UserId, 
/**
 * An action id, or its area (`tenant` matches `tenant.created`, `tenant.updated`, …).
 */
action?: string, tenant?: TenantId, from?: Timestamp, until?: Timestamp, offset: number, limit: number, };

/**
 * An entry with the names the log shows.
 */
export type AuditRow = { entry: AuditEntry, actor_name: string | null, tenant_name: string | null, };

/**
 * What an export into a folder did.
 */
export type BackupFolderExport = { path: string, 
/**
 * Objects the folder holds now.
 */
objects: number, 
/**
 * Files written because they were new or changed (README and index included).
 */
written: number, 
/**
 * Files that already held exactly this.
 */
unchanged: number, 
/**
 * Files of objects no longer exported, removed.
 */
removed: number, };

/**
 * A type (or some of its objects) a set does not hold, and why.
 */
export type BackupGap = { 
/**
 * The catalog type key.
 */
object_type: string, 
/**
 * True when the type's listing broke off (the set holds none or only some of its objects).
 */
whole_type: boolean, 
/**
 * Objects that were listed but could not be read (their ids in Graph), at most 100.
 */
objects: Array<string>, reason: ReasonCode | null, };

/**
 * Where an imported backup set came from (SPEC §6.7): the tool, the folder, and everything
 * the import could not take over, so the set never claims more than it holds.
 */
export type BackupOrigin = { 
/**
 * `IntuneCD` or `IntuneManagement`.
 */
tool: string, 
/**
 * The tool's version, when its files say it.
 */
tool_version?: string, 
/**
 * The folder as chosen.
 */
folder: string, 
/**
 * SHA-256 over the tool and every object file's path and hash: the same folder imports
 * once.
 */
fingerprint: string, 
/**
 * Object files read, imported or not.
 */
files_read: number, 
/**
 * Objects imported, `archived` of them older versions of objects no longer in the tenant.
 */
objects: number, archived: number, 
/**
 * Files not imported, each with the reason.
 */
skipped: Array<ImportSkip>, 
/**
 * Per type, what the tool's format does not carry (so those versions lack it).
 */
not_carried: Array<NotCarried>, 
/**
 * Names in the files (groups, filters, scope tags, apps) with no match in the tenant; the
 * versions keep them as written.
 */
unresolved: Array<string>, };

/**
 * How many sets of a tenant a schedule keeps: the newest `keep_last`, and also every set
 * younger than `keep_days` when given. Sets are only ever pruned after a newer one completed.
 */
export type BackupRetention = { keep_last: number, keep_days?: number, };

/**
 * A backup set as stored.
 */
export type BackupSet = { id: BackupSetId, workspace_id: WorkspaceId, tenant_id: TenantId, 
/**
 * The run that captured it.
 */
run_id: RunId | null, 
/**
 * The schedule that started that run, if one did.
 */
schedule_id: ScheduleId | null, initiated_by: UserId | null, status: BackupSetStatus, selection: InventorySelection, 
/**
 * Versions in the set.
 */
item_count: number, 
/**
 * Of those, versions this run captured (the others were unchanged since an earlier one).
 */
new_versions: number, 
/**
 * How completely each type was read.
 */
types: { [key in string]: TypeCompleteness }, missing: Array<BackupGap>, created_at: Timestamp, completed_at: Timestamp | null, 
/**
 * Where an imported set came from; absent for sets a backup captured.
 */
origin?: BackupOrigin, };

/**
 * A set with the versions it holds.
 */
export type BackupSetDetail = { set: BackupSet, tenant_id: TenantId, tenant_name: string, items: Array<BackupSetItem>, };

/**
 * One backup set: the versions one backup run captured of a tenant.
 */
export type BackupSetId = string;

/**
 * One version a set holds.
 */
export type BackupSetItem = { version_id: PolicyVersionId, 
/**
 * The catalog type key and its label.
 */
object_type: string, type_label: string, external_id: string, display_name: string, version_number: number, content_hash: string, 
/**
 * Captured by this backup (the others were unchanged since an earlier capture).
 */
new_in_set: boolean, };

export type BackupSetRequest = { backup_set_id: BackupSetId, };

/**
 * Where a backup set stands. `capturing` while its run reads; then one of the others,
 * for good.
 */
export type BackupSetStatus = "capturing" | "complete" | "partial" | "failed";

/**
 * A baseline profile (SPEC §6.1).
 */
export type BaselineProfile = { id: BaselineProfileId, workspace_id: WorkspaceId, name: string, description: string, status: BaselineStatus, capture_mode: CaptureMode, 
/**
 * Catalog policy type keys the profile covers; empty means every policy type.
 */
scope: Array<string>, 
/**
 * The tenant captures read from, once chosen.
 */
source_tenant_id: TenantId | null, 
/**
 * The effective snapshot: the latest complete one. Only ever set to a complete snapshot.
 */
current_snapshot_id: BaselineSnapshotId | null, 
/**
 * The profile's own severity rules, first match wins; the product's table otherwise.
 */
severity_rules: Array<SeverityRule>, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A profile with its assignments, readiness and its snapshots, newest first.
 */
export type BaselineProfileDetail = { profile: BaselineProfile, assigned_tenants: Array<TenantId>, readiness: BaselineReadiness, snapshots: Array<BaselineSnapshot>, };

/**
 * A baseline profile: what "good" looks like for the tenants assigned to it.
 */
export type BaselineProfileId = string;

export type BaselineProfileRequest = { profile_id: BaselineProfileId, };

/**
 * A profile with the tenants assigned to it, its compare readiness and its open findings.
 */
export type BaselineProfileView = { profile: BaselineProfile, assigned_tenants: Array<TenantId>, readiness: BaselineReadiness, 
/**
 * Open findings of the tenants the reader may see.
 */
open_findings: number, };

/**
 * What a profile's surfaces show about its snapshots (SPEC §6.3): the current (effective)
 * snapshot, the latest attempt when it is another one, and whether a compare can run now —
 * with the reason and the operator's next step when it cannot.
 */
export type BaselineReadiness = { current: BaselineSnapshot | null, 
/**
 * The newest snapshot, when it is not the current one (building, incomplete, or a newer
 * complete one not yet pointed at).
 */
latest_attempt: BaselineSnapshot | null, 
/**
 * Why a compare against this profile would be refused now; none when it is ready.
 */
blocked_by: ReasonCode | null, 
/**
 * The operator's next step: what to do about `blocked_by`, or that compares can run.
 */
next_step: string, };

/**
 * One capture of a profile's source tenant (SPEC §6.2).
 */
export type BaselineSnapshot = { id: BaselineSnapshotId, workspace_id: WorkspaceId, profile_id: BaselineProfileId, source_tenant_id: TenantId, capture_mode: CaptureMode, state: SnapshotState, 
/**
 * What makes two captures the same: a complete snapshot with the same identity is reused.
 */
identity_hash: string, 
/**
 * The run that produced it.
 */
producer_run_id: RunId | null, 
/**
 * Recorded when the snapshot became complete.
 */
proof: CompletionProof | null, 
/**
 * Subject keys left out because several source objects share them (evidence gaps).
 */
ambiguous: Array<AmbiguousSubject>, 
/**
 * Why it is incomplete.
 */
failure_reason: ReasonCode | null, failed_at: Timestamp | null, created_at: Timestamp, completed_at: Timestamp | null, 
/**
 * For a snapshot that arrived without its own completion proof (made from an imported
 * backup): the §6.7 rule that decided its lifecycle.
 */
proof_rule?: ProofRule, };

/**
 * One capture of a baseline profile's source tenant.
 */
export type BaselineSnapshotId = string;

/**
 * Where a profile is in its life. Only active profiles capture and compare.
 */
export type BaselineStatus = "draft" | "active" | "archived";

/**
 * What a cancel did.
 */
export type CancelEffect = "cancelled" | "stopping";

export type CancelRunResponse = { effect: CancelEffect, run: OperationRun, 
/**
 * The operator-worded toast text.
 */
message: string, };

/**
 * Something an actor may do. Checked in the service layer for every command.
 */
export type Capability = "workspace.manage" | "workspace.baselines.view" | "workspace.baselines.manage" | "tenant.view" | "tenant.manage" | "tenant.sync" | "tenant.findings.manage" | "tenant.restore.execute" | "review_pack.view" | "review_pack.manage" | "operations.view" | "audit.view";

/**
 * What a capture records of each policy.
 */
export type CaptureMode = "meta" | "full_content";

/**
 * One sync that changed the tenant's configuration, with what it changed.
 */
export type ChangeFeedEntry = { run: OperationRun, 
/**
 * The objects it added, changed and found removed (a few of each; the counts are exact).
 */
changes: RunChanges, };

/**
 * What another process changed (team mode's change feed; see `atlas_store::changes`):
 * a front end re-reads what it shows of that kind.
 */
export type ChangeKind = "run" | "tenant" | "finding" | "pack" | "member" | "workspace";

/**
 * One object a run added, changed or found removed.
 */
export type ChangedObject = { 
/**
 * The object catalog's type key.
 */
object_type: string, display_name: string, 
/**
 * The object in the tenant's inventory, when it is there.
 */
item_id: InventoryItemId | null, 
/**
 * The version the run captured (added and changed objects).
 */
version_id: PolicyVersionId | null, 
/**
 * The version before it (changed objects): the two make the object's diff.
 */
previous_version_id: PolicyVersionId | null, };

export type CompareAcrossRequest = { left: VersionRef, right: VersionRef, };

/**
 * What a finished capture proved about itself (SPEC §6.2), recorded with the snapshot.
 */
export type CompletionProof = { 
/**
 * De-duplicated items the capture meant to write.
 */
expected_items: number, 
/**
 * Items actually stored for the snapshot.
 */
persisted_items: number, 
/**
 * The capture found nothing in scope, and said so deliberately.
 */
was_empty_capture: boolean, };

/**
 * The comparison of two versions' contents, with how many rows fall in each change.
 */
export type ConfigDiff = { rows: Array<DiffRow>, added: number, removed: number, changed: number, unchanged: number, };

/**
 * The result of the last connection check.
 */
export type ConnectionCheck = { state: ConnectionState, checked_at: Timestamp | null, 
/**
 * A stable reason code such as `provider.bad_secret` when the check failed; never a raw
 * provider message, which could echo credential material.
 */
reason_code: ReasonCode | null, };

/**
 * What the last connection check proved. Changing the connection makes it `Unverified`
 * again.
 */
export type ConnectionState = "unverified" | "connected" | "failed";

/**
 * How much of a policy type a compare could judge (SPEC §6.5).
 */
export type Coverage = "full" | "partial" | "reference_only" | "unsupported";

export type CreateBaselineProfileRequest = { workspace_id: WorkspaceId, name: string, description?: string, capture_mode: CaptureMode, 
/**
 * Policy type keys of the object catalog; empty (or absent) means every policy type.
 */
scope?: Array<string>, source_tenant_id?: TenantId, };

export type CreateDemoWorkspaceResponse = { workspace: WorkspaceSummary, 
/**
 * False when the demo workspace already existed and was returned as it is.
 */
created: boolean, tenants: Array<Tenant>, };

export type CreateScheduleRequest = { workspace_id: WorkspaceId, 
/**
 * The tenant to sync; absent: every active tenant of the workspace.
 */
tenant_id?: TenantId, kind: ScheduleKind, 
/**
 * Five fields: minute hour day-of-month month day-of-week ("0 3 * * *").
 */
cron: string, 
/**
 * An IANA time zone ("Europe/Berlin").
 */
time_zone: string, 
/**
 * Backups only: which sets to keep after each one; absent: keep every set.
 */
retention?: BackupRetention, };

export type CreateWorkspaceRequest = { 
/**
 * The MSP's name for it, e.g. "Northwind IT — managed customers" (1–100 characters).
 */
name: string, };

/**
 * When a tenant's client secret or certificate stops working, and how that is known.
 */
export type CredentialExpiry = { expires_at: Timestamp, source: ExpirySource, };

/**
 * How a tenant's app registration proves itself, as entered by the operator. The secret or
 * private key goes to the OS keyring and never comes back out through the API.
 */
export type CredentialInput = { "kind": "client_secret", secret: string, 
/**
 * When the secret ends, as the app registration shows it (optional: a verify with
 * `Application.Read.All` reads it from the registration).
 */
expires_at?: Timestamp, } | { "kind": "certificate", certificate_pem: string, private_key_pem: string, };

/**
 * How the app registration proves its identity to Entra.
 */
export type CredentialKind = "client_secret" | "certificate";

export type CustomRole = { role_definition_id: string, display_name: string, description: string | null, enabled: boolean, holder_count: number, };

export type DayOutcomes = { 
/**
 * `YYYY-MM-DD` in the operator's time zone.
 */
day: string, succeeded: number, partially_succeeded: number, failed: number, blocked: number, };

/**
 * What to paste into a support ticket.
 */
export type Diagnostics = { 
/**
 * The whole report, exactly as it would be copied.
 */
text: string, 
/**
 * How many log lines it carries (at most 200), from which file.
 */
log_lines: number, log_file: string | null, };

/**
 * How a row differs between two versions.
 */
export type DiffChange = "added" | "removed" | "changed" | "unchanged";

/**
 * One row of a side-by-side comparison.
 */
export type DiffRow = { group: string, name: string, key: string, before: string | null, after: string | null, change: DiffChange, };

export type DiffVersionsRequest = { tenant_id: TenantId, before: PolicyVersionId, after: PolicyVersionId, };

/**
 * An Entra group as the group sync last saw it.
 */
export type DirectoryGroup = { tenant_id: TenantId, 
/**
 * The group's object id in Entra.
 */
group_id: string, display_name: string, description: string | null, mail: string | null, security_enabled: boolean, mail_enabled: boolean, 
/**
 * Graph's `groupTypes`, e.g. `["Unified", "DynamicMembership"]`.
 */
group_types: Array<string>, 
/**
 * The rule of a dynamic group.
 */
membership_rule: string | null, last_seen_at: Timestamp, 
/**
 * Set when a complete group sync no longer returned the group.
 */
removed_at: Timestamp | null, };

/**
 * One assignment of a directory role to a principal.
 */
export type DirectoryRoleAssignment = { assignment_id: string, role_definition_id: string, principal_id: string, principal_display_name: string | null, 
/**
 * `None` when Graph did not say or named a kind of principal this version does not know.
 */
principal_type: PrincipalType | null, 
/**
 * `/` for the whole directory, otherwise an administrative unit or object scope.
 */
directory_scope_id: string, };

/**
 * An Entra directory role definition (built-in or custom).
 */
export type DirectoryRoleDefinition = { role_definition_id: string, display_name: string, description: string | null, is_built_in: boolean, is_enabled: boolean, 
/**
 * The role template; for built-in roles Microsoft's well-known id.
 */
template_id: string | null, 
/**
 * Graph's `rolePermissions` as read.
 */
permissions: JsonValue, };

/**
 * A tenant's directory roles as last synced: definitions with their holders.
 */
export type DirectoryRolesResponse = { definitions: Array<DirectoryRoleDefinition>, assignments: Array<DirectoryRoleAssignment>, };

/**
 * The Entra (Azure AD) directory id of a customer tenant: a GUID, stored lower-case hyphenated.
 */
export type DirectoryTenantId = string;

export type DocumentFormat = "markdown" | "html" | "csv" | "docx";

/**
 * Stable error codes the UI can branch on.
 */
export type ErrorCode = "not_found" | "forbidden" | "invalid_input" | "conflict" | "busy" | "storage_unavailable" | "unavailable" | "internal";

/**
 * What a snapshot froze.
 */
export type EvidenceContent = { captured_at: Timestamp, 
/**
 * Present objects per catalog type, most first.
 */
inventory: Array<EvidenceTypeCount>, open_findings: { [key in Severity]?: number }, 
/**
 * Open high or critical findings first seen more than 14 days before the capture.
 */
long_open_severe_findings: number, rbac: EvidenceRbac | null, role_holders: Array<EvidenceRoleHolder>, operations: EvidenceOperations, 
/**
 * When each part's data was last synced or produced; none when never.
 */
freshness: { [key in string]: Timestamp | null }, };

export type EvidenceFailure = { run_id: RunId, operation: OperationType, completed_at: Timestamp | null, reason: ReasonCode | null, };

/**
 * The tenant's runs of the 30 days before the capture (review pack runs left out).
 */
export type EvidenceOperations = { total: number, succeeded: number, partially_succeeded: number, failed: number, blocked: number, still_active: number, 
/**
 * The newest failed runs (at most 20), for the review's operations health.
 */
recent_failures: Array<EvidenceFailure>, };

export type EvidenceRbac = { report_id: ReportId, produced_at: Timestamp, report: RbacHardeningReport, };

export type EvidenceRoleHolder = { role: string, principal_id: string, principal_name: string | null, principal_type: PrincipalType | null, scope: string, };

/**
 * One evidence snapshot; `content` is set exactly when it is complete.
 */
export type EvidenceSnapshot = { id: EvidenceSnapshotId, workspace_id: WorkspaceId, tenant_id: TenantId, run_id: RunId | null, state: SnapshotState, content: EvidenceContent | null, 
/**
 * SHA-256 of the content's canonical JSON.
 */
content_hash: string | null, failure_reason: ReasonCode | null, created_at: Timestamp, completed_at: Timestamp | null, };

/**
 * One frozen set of a tenant's evidence.
 */
export type EvidenceSnapshotId = string;

export type EvidenceSnapshotRequest = { snapshot_id: EvidenceSnapshotId, };

export type EvidenceTypeCount = { object_type: string, count: number, };

/**
 * Executing a previewed restore, confirmed by naming the target tenant and the number of
 * changes the plan makes (its creates and updates).
 */
export type ExecuteRestoreRequest = { restore_id: RestoreId, 
/**
 * The target tenant's display name, typed by the operator.
 */
confirm_tenant: string, 
/**
 * The plan's number of changes, as the operator confirmed it (with the objects the
 * secret values below make writable).
 */
confirm_changes: number, 
/**
 * Values for secret fields the plan names as conflicts. Used for this execution only and
 * never stored; an object is written once every one of its secret fields has a value.
 */
secrets?: Array<SecretValueInput>, };

/**
 * Where a credential's end date is known from.
 */
export type ExpirySource = "certificate" | "app_registration" | "entered";

/**
 * What an operator should know about a credential's end date now.
 */
export type ExpiryWarning = { "state": "expires_soon", days: number, } | { "state": "expired" };

export type ExportBackupFolderRequest = { tenant_id: TenantId, 
/**
 * A backup set of the tenant; absent: the newest version of every object still in it.
 */
backup_set_id?: BackupSetId, 
/**
 * The folder, as a full path: new, empty (a `.git` folder is fine), or one a previous
 * export wrote.
 */
destination: string, };

export type ExportDocumentationRequest = { tenant_id: TenantId, 
/**
 * A backup set of the tenant; absent (and no snapshot): the newest version of every
 * object still in it.
 */
backup_set_id?: BackupSetId, 
/**
 * A full-content baseline snapshot captured from the tenant, instead of a backup set.
 */
baseline_snapshot_id?: BaselineSnapshotId, format: DocumentFormat, 
/**
 * The file to write, as a full path (a save dialog's answer); replaced if it exists.
 */
destination: string, };

export type ExportFormat = "csv" | "json";

/**
 * A table as shown: its column titles and its rows' cell texts, in order.
 */
export type ExportTableRequest = { workspace_id: WorkspaceId, 
/**
 * What the table is ("operations", "contoso-inventory"): the file name's start.
 */
name: string, format: ExportFormat, columns: Array<string>, rows: Array<Array<string>>, };

export type ExportVersionRequest = { tenant_id: TenantId, version_id: PolicyVersionId, };

/**
 * Where an export was written.
 */
export type ExportedFile = { path: string, file_name: string, bytes: number, };

/**
 * One sanitised entry of a run's failure summary.
 */
export type FailureEntry = { 
/**
 * The diagnostic code of what failed (a handler's error code, or the reason again).
 */
code: string, reason_code: ReasonCode, message: string, };

/**
 * A feature as the permission report names it.
 */
export type Feature = "inventory" | "policy_versions" | "groups" | "directory_roles" | "baselines" | "credential_expiry" | "restore";

/**
 * Whether one feature works with the granted permissions, and if not, what is missing.
 */
export type FeatureAccess = { feature: Feature, label: string, works: boolean, 
/**
 * Permissions the feature needs that the token does not carry.
 */
missing: Array<string>, 
/**
 * One sentence: what works, or what is missing and what that stops.
 */
explanation: string, };

/**
 * What one feature needs and why, for the add-tenant guide.
 */
export type FeatureRequirement = { feature: Feature, label: string, 
/**
 * Application permissions of Microsoft Graph, all needed.
 */
permissions: Array<string>, 
/**
 * What the permissions are used for.
 */
purpose: string, };

/**
 * A finding with its evidence.
 */
export type Finding = { evidence: FindingEvidence, id: FindingId, workspace_id: WorkspaceId, tenant_id: TenantId, profile_id: BaselineProfileId, subject_type: string, subject_key: string, policy_type: string, display_name: string, kind: FindingKind, severity: Severity, status: FindingStatus, 
/**
 * Identifies the evidence: an acknowledgement holds while it stays the same.
 */
evidence_hash: string, first_seen_run_id: RunId | null, last_seen_run_id: RunId | null, first_seen_at: Timestamp, last_seen_at: Timestamp, resolved_at: Timestamp | null, resolved_by_run_id: RunId | null, acknowledged_at: Timestamp | null, acknowledged_by: UserId | null, ack_note: string | null, updated_at: Timestamp, };

/**
 * What happened to a finding, for its history.
 */
export type FindingAction = "opened" | "evidence_changed" | "acknowledged" | "reopened" | "resolved";

/**
 * How a compare changed the tenant's findings.
 */
export type FindingChanges = { opened: number, reopened: number, resolved: number, 
/**
 * Still different, status kept (open or acknowledged).
 */
unchanged: number, };

/**
 * A finding with its evidence, history and the names the drawer shows.
 */
export type FindingDetail = { finding: Finding, tenant_name: string, profile_name: string, acknowledged_by_name: string | null, 
/**
 * Oldest first.
 */
history: Array<FindingHistoryEntry>, };

/**
 * The setting-level evidence of a finding, secrets already masked.
 */
export type FindingEvidence = { 
/**
 * Settings that differ, side by side (baseline value, tenant value); empty when the
 * comparison was by fingerprint only.
 */
rows: Array<DiffRow>, 
/**
 * True when the snapshot holds fingerprints only (a metadata capture): the difference is
 * known, the settings are not.
 */
reference_only: boolean, };

/**
 * Which findings a list shows; empty lists mean "any".
 */
export type FindingFilter = { tenants: Array<TenantId>, statuses: Array<FindingStatus>, severities: Array<Severity>, kinds: Array<FindingKind>, policy_types: Array<string>, profiles: Array<BaselineProfileId>, 
/**
 * Part of the subject's display name.
 */
search?: string, offset: number, 
/**
 * At most 500; 100 when absent or zero.
 */
limit: number, };

/**
 * One history entry with the operator's name.
 */
export type FindingHistoryEntry = { actor_name: string | null, at: Timestamp, action: FindingAction, 
/**
 * The compare that caused it, for automatic changes.
 */
run_id: RunId | null, 
/**
 * The operator, for acknowledgements and reopenings.
 */
actor_user_id: UserId | null, note: string | null, };

/**
 * A drift finding: one subject of one tenant that differs from its baseline.
 */
export type FindingId = string;

/**
 * How a tenant differs from its baseline for one subject.
 */
export type FindingKind = "missing" | "unexpected" | "drifted";

export type FindingRequest = { finding_id: FindingId, };

export type FindingSkipped = { finding_id: FindingId, reason: string, };

/**
 * Where a finding is in its triage.
 */
export type FindingStatus = "open" | "acknowledged" | "resolved";

/**
 * A finding without its evidence: what lists show.
 */
export type FindingSummary = { id: FindingId, workspace_id: WorkspaceId, tenant_id: TenantId, profile_id: BaselineProfileId, subject_type: string, subject_key: string, policy_type: string, display_name: string, kind: FindingKind, severity: Severity, status: FindingStatus, 
/**
 * Identifies the evidence: an acknowledgement holds while it stays the same.
 */
evidence_hash: string, first_seen_run_id: RunId | null, last_seen_run_id: RunId | null, first_seen_at: Timestamp, last_seen_at: Timestamp, resolved_at: Timestamp | null, resolved_by_run_id: RunId | null, acknowledged_at: Timestamp | null, acknowledged_by: UserId | null, ack_note: string | null, updated_at: Timestamp, };

/**
 * One page of findings and the severity counts of everything the filter matches.
 */
export type FindingsPage = { page: Page<FindingSummary>, 
/**
 * Counted up to this many; the total says "more than" beyond it.
 */
total_cap: number, severity_counts: { [key in Severity]?: number }, };

/**
 * Whether an active run is still believable (derived, never stored).
 */
export type Freshness = "fresh_active" | "likely_stale" | "reconciled_failed" | "terminal_normal" | "unknown";

export type GenerateReviewPackRequest = { tenant_id: TenantId, 
/**
 * Absent: the workspace's default.
 */
include_pii?: boolean, include_operations?: boolean, };

export type GenerateReviewPackResponse = { intent: PackIntent, pack: ReviewPackView, 
/**
 * The run writing the pack (none for an already available pack).
 */
run_id: RunId | null, 
/**
 * The toast's words.
 */
message: string, };

export type GetInventoryObjectRequest = { tenant_id: TenantId, item_id: InventoryItemId, };

export type GetRunRequest = { run_id: RunId, };

export type GetTenantRequest = { tenant_id: TenantId, };

/**
 * One source group of a plan and where its assignments go.
 */
export type GroupChoice = { source_group_id: string, 
/**
 * Its name in the source tenant's directory cache, when known.
 */
source_name: string | null, target: GroupTarget, };

/**
 * The operator's choice for one source group.
 */
export type GroupOverride = { "kind": "to", group_id: string, } | { "kind": "skip" };

/**
 * Where a source group's assignments go in the target.
 */
export type GroupTarget = { "kind": "mapped", group_id: string, display_name: string, automatic: boolean, } | { "kind": "skip" } | { "kind": "unresolved" };

export type HoldCredentialRequest = { tenant_id: TenantId, credential: CredentialInput, };

export type HoldCredentialResponse = { message: string, };

/**
 * What a folder holds for the tenant (a preview), or what its import stored.
 */
export type ImportReport = { tenant_id: TenantId, 
/**
 * `IntuneCD` or `IntuneManagement`.
 */
tool: string, folder: string, 
/**
 * Object files read (imported or not), and files that hold no object (script bodies,
 * reports, side files).
 */
files_read: number, side_files: number, objects: number, archived: number, by_type: Array<ImportTypeCount>, 
/**
 * Objects matched to an object the tenant already has (by id or by name); the others are
 * new to TenantAtlas (objects since deleted, or never synced).
 */
matched: number, skipped: Array<ImportSkip>, not_carried: Array<NotCarried>, 
/**
 * Names with no match in the tenant, kept as written (at most 200 listed).
 */
unresolved: Array<string>, unresolved_total: number, 
/**
 * After an import: versions stored, and objects whose stored newest version already had
 * this content.
 */
new_versions: number, unchanged: number, 
/**
 * The imported set (absent in a preview).
 */
backup_set_id?: BackupSetId, status?: BackupSetStatus, 
/**
 * This folder, with exactly these files, was imported before: nothing was stored again and
 * `backup_set_id` is that import's set.
 */
already_imported: boolean, 
/**
 * Objects the tool says the backup holds (IntuneCD with `--intunecdmonitor`), if it says.
 */
declared_objects?: number, 
/**
 * What a baseline snapshot from this import is (SPEC §6.7): its lifecycle and the
 * decision table's rule, from what the backup proves about itself.
 */
snapshot_rule: ProofRule, snapshot_state: SnapshotState, 
/**
 * The snapshot made (when a profile was given and the folder was new).
 */
snapshot?: ImportedSnapshotView, };

export type ImportRequest = { tenant_id: TenantId, 
/**
 * The backup folder, as a full path.
 */
folder: string, 
/**
 * Also make a baseline snapshot of this full-content profile (whose source tenant is this
 * tenant) from the import.
 */
baseline_profile_id?: BaselineProfileId, };

/**
 * A file an import did not take, and why.
 */
export type ImportSkip = { path: string, reason: string, };

/**
 * Objects of one type in the folder.
 */
export type ImportTypeCount = { object_type: string, label: string, objects: number, 
/**
 * Of those, older versions from the tool's archive.
 */
archived: number, };

/**
 * The baseline snapshot an import made.
 */
export type ImportedSnapshotView = { snapshot_id: BaselineSnapshotId, profile_id: BaselineProfileId, profile_name: string, state: SnapshotState, 
/**
 * The decision table's rule that set `state`.
 */
rule: ProofRule, items: number, };

/**
 * Install the version the operator was shown.
 */
export type InstallUpdateRequest = { version: string, };

/**
 * A query of one tenant's inventory table. Empty or absent criteria do not narrow.
 */
export type InventoryFilter = { object_types: Array<string>, 
/**
 * Objects for this platform (also when they target several).
 */
platform: string | null, 
/**
 * Case-insensitive substring of the display name.
 */
search: string | null, 
/**
 * Also list objects marked removed.
 */
include_removed: boolean, sort: InventorySort, offset: number, limit: number, };

/**
 * One configuration object of a tenant as the inventory sync last saw it.
 */
export type InventoryItem = { id: InventoryItemId, workspace_id: WorkspaceId, tenant_id: TenantId, 
/**
 * The object catalog's type key, e.g. `settings_catalog`.
 */
object_type: string, 
/**
 * The object's id in Microsoft Graph.
 */
external_id: string, display_name: string, 
/**
 * `windows`, `macos`, `ios`, `android`, `linux`, or several joined by `,`.
 */
platform: string | null, 
/**
 * SHA-256 (hex) of the normalised object.
 */
content_hash: string, first_seen_at: Timestamp, last_seen_at: Timestamp, 
/**
 * Set when a complete read of its type no longer returned the object: removed since then.
 */
removed_at: Timestamp | null, 
/**
 * The run that last saw the object.
 */
last_run_id: RunId | null, };

/**
 * One object in a tenant's inventory (the row, not the object's id in Microsoft Graph).
 */
export type InventoryItemId = string;

/**
 * One object with what is known about it: the newest captured version read for people, and
 * its history.
 */
export type InventoryObjectDetail = { item: InventoryItem, type_label: string, 
/**
 * The newest version, when a policy sync captured one.
 */
latest: PolicyVersion | null, 
/**
 * The newest version's settings and assignments, readable; group names from the cache.
 */
readable: ReadableConfig | null, 
/**
 * How the type says whom its objects apply to: through `assignments`, or the targeting
 * rows of `readable`.
 */
targeting: Targeting, 
/**
 * Every version, newest first.
 */
versions: Array<PolicyVersionSummary>, };

/**
 * What an inventory sync reads (SPEC §5). The default is the full inventory: empty lists mean
 * every type, foundations (filters, scope tags, …) and the objects selected ones depend on
 * included.
 */
export type InventorySelection = { 
/**
 * Object catalog type keys, e.g. `settings_catalog`.
 */
policy_types: Array<string>, 
/**
 * Catalog categories, e.g. `compliance`.
 */
categories: Array<string>, include_foundations: boolean, include_dependencies: boolean, };

export type InventorySort = { key: InventorySortKey, direction: SortDirection, };

/**
 * The column the inventory table is ordered by.
 */
export type InventorySortKey = "display_name" | "object_type" | "last_seen_at";

/**
 * How many objects of one type a tenant has, and how many of them were removed.
 */
export type InventoryTypeCount = { object_type: string, active: number, removed: number, };

/**
 * What executing a restore did to one object of its plan.
 */
export type ItemOutcomeKind = "created" | "updated" | "skipped" | "failed" | "deleted";

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * The newest completed sync of one kind for one tenant.
 */
export type LastSync = { tenant_id: TenantId, kind: SyncKind, outcome: RunOutcome, completed_at: Timestamp, };

export type ListAuditRequest = { workspace_id: WorkspaceId, filter: AuditFilter, };

export type ListFindingsRequest = { workspace_id: WorkspaceId, filter: FindingFilter, };

export type ListGroupsRequest = { tenant_id: TenantId, search?: string, offset: number, limit: number, };

export type ListInventoryRequest = { tenant_id: TenantId, filter: InventoryFilter, };

export type ListLastSyncsRequest = { workspace_id: WorkspaceId, };

export type ListReviewPacksRequest = { workspace_id: WorkspaceId, tenant_id?: TenantId, offset: number, limit: number, };

export type ListRunsRequest = { workspace_id: WorkspaceId, filter: RunListFilter, };

export type ListTenantsRequest = { workspace_id: WorkspaceId, };

export type MarkNotificationReadRequest = { id: string, 
/**
 * The inbox to answer with.
 */
workspace_id: WorkspaceId | null, };

export type MemberDirectory = { members: Array<MemberView>, 
/**
 * The current operator may change memberships (an owner).
 */
may_manage: boolean, 
/**
 * Team mode (a shared PostgreSQL): members sign in as their own database role. Solo mode
 * has one operator, so nobody can be added.
 */
team_mode: boolean, };

export type MemberRequest = { workspace_id: WorkspaceId, user_id: UserId, };

/**
 * One member as the Members page shows them.
 */
export type MemberView = { user: User, role: Role, all_tenants: boolean, 
/**
 * The tenants they are entitled to when not all.
 */
tenant_ids: Array<TenantId>, 
/**
 * Their newest audited action in this workspace.
 */
last_activity_at: Timestamp | null, 
/**
 * This is the current operator.
 */
is_you: boolean, };

/**
 * Fields of one type a tool's format leaves out.
 */
export type NotCarried = { object_type: string, fields: Array<string>, };

/**
 * The inbox of one workspace (the one on screen), or of all of them.
 */
export type NotificationsRequest = { workspace_id: WorkspaceId | null, };

export type NotificationsResponse = { items: Array<UserNotification>, unread: number, 
/**
 * The batches the items summarise (for "Sync all finished: …" → the runs it started).
 */
batches: Array<RunBatch>, };

/**
 * A type of the object catalog, for filters and labels.
 */
export type ObjectTypeInfo = { key: string, label: string, category: string, };

/**
 * The one record of a piece of background work (SPEC §3.1). It is also the durable job.
 */
export type OperationRun = { id: RunId, workspace_id: WorkspaceId, tenant_id: TenantId | null, initiator_user_id: UserId | null, type: OperationType, status: RunStatus, outcome: RunOutcome, run_identity_hash: string, 
/**
 * Numeric counters only (`total`, `processed`, `succeeded`, …).
 */
summary_counts: { [key in string]: number }, failure_summary: Array<FailureEntry>, 
/**
 * Structured inputs, results and related artifact ids.
 */
context: JsonValue, created_at: Timestamp, started_at: Timestamp | null, completed_at: Timestamp | null, attempt: number, lease_owner: string | null, lease_expires_at: Timestamp | null, heartbeat_at: Timestamp | null, reconciled_at: Timestamp | null, reconciliation_reason: string | null, reconciliation_source: string | null, 
/**
 * When this active run turns likely stale if nothing else happens
 * (`atlas_domain::lifecycle::stale_after`); `None` once completed.
 */
stale_at: Timestamp | null, 
/**
 * When an operator asked to cancel this running run; it ends at its next checkpoint.
 */
cancel_requested_at?: Timestamp, 
/**
 * Who asked to cancel it.
 */
cancel_requested_by?: UserId, };

/**
 * A kind of background work. Each has a lifecycle policy (arrives with the engine).
 */
export type OperationType = "baseline_capture" | "baseline_compare" | "inventory_sync" | "policy.sync" | "policy.sync_one" | "entra_group_sync" | "directory_role_definitions.sync" | "backup_schedule_run" | "restore.execute" | "tenant.review_pack.generate" | "tenant.review.compose" | "tenant.evidence.snapshot.generate";

export type PackFileProblem = { path: string, problem: string, };

/**
 * What asking for a pack did.
 */
export type PackIntent = "queued" | "already_queued" | "already_available";

/**
 * What a pack includes beyond the tenant's configuration, findings and privileged access.
 */
export type PackOptions = { 
/**
 * People's names, user principal names and e-mail addresses as they are; when false they
 * are replaced by stable pseudonyms ("Person 3") in every file.
 */
include_pii: boolean, 
/**
 * The tenant's operations of the last 30 days.
 */
include_operations: boolean, };

/**
 * A workspace's review pack settings: the options' defaults, the retention periods, and how
 * fresh evidence must be for a review.
 */
export type PackSettings = { defaults: PackOptions, 
/**
 * Days a ready pack is kept before it expires.
 */
retention_days: number, 
/**
 * Days an expired pack's file is kept before it is deleted.
 */
grace_days: number, 
/**
 * Days the newest evidence snapshot may be old for a review to be composed from it.
 */
evidence_max_age_days: number, };

/**
 * Where a pack is in its life. Every change is one-way; a failed pack is never retried (a
 * new one is generated) and an expired one never comes back.
 */
export type PackStatus = "queued" | "generating" | "ready" | "failed" | "expired";

/**
 * What a ready pack holds, in numbers, and how fresh each part's data was.
 */
export type PackSummary = { inventory_items: number, policy_types: number, open_findings: { [key in Severity]?: number }, role_assignments: number, operations: number | null, files: number, 
/**
 * When each part's data was last synced or produced; none when never.
 */
data_freshness: { [key in string]: Timestamp | null }, 
/**
 * The fingerprint of the key that signed the pack.
 */
signing_key_fingerprint: string | null, };

/**
 * A verdict on a pack file.
 */
export type PackVerification = { intact: boolean, 
/**
 * One sentence: what the verdict means.
 */
verdict: string, signature: SignatureState, 
/**
 * The fingerprint of the key that signed it, as the pack names it.
 */
key_fingerprint: string | null, problems: Array<PackFileProblem>, files_checked: number, tenant_name: string | null, workspace_name: string | null, generated_at: string | null, fingerprint: string | null, };

export type Page<T> = { items: Array<T>, 
/**
 * How many items match the query in total (not only on this page).
 */
total: number, };

/**
 * What the app registration must be granted, for the add-tenant guide.
 */
export type PermissionGuide = { features: Array<FeatureRequirement>, 
/**
 * Every application permission of Microsoft Graph to request, each once.
 */
permissions: Array<string>, };

/**
 * A tenant's permissions as its last successful sign-in found them.
 */
export type PermissionReport = { 
/**
 * When the permissions were last read; `None` before the first successful verify.
 */
checked_at: Timestamp | null, 
/**
 * The application permissions the token carried.
 */
granted: Array<string>, 
/**
 * Each feature: works, or which permissions it misses and what that stops. Empty before
 * the first check.
 */
features: Array<FeatureAccess>, 
/**
 * Where the customer's admin grants consent to the app (`None` for simulated tenants,
 * whose consent is configured in the simulator).
 */
admin_consent_url: string | null, };

/**
 * How many objects a plan would create, update, skip, cannot restore, and delete (undo only).
 */
export type PlanCounts = { create: number, update: number, skip: number, conflict: number, delete: number, };

/**
 * A version with its content: the object as read, secrets already replaced.
 */
export type PolicyVersion = { content: JsonValue, id: PolicyVersionId, workspace_id: WorkspaceId, tenant_id: TenantId, 
/**
 * The object catalog's type key.
 */
object_type: string, 
/**
 * The object's id in Microsoft Graph.
 */
external_id: string, display_name: string, 
/**
 * 1, 2, … per object, in capture order.
 */
version_number: number, 
/**
 * SHA-256 (hex) of the normalised content.
 */
content_hash: string, captured_at: Timestamp, 
/**
 * The run that captured it.
 */
run_id: RunId | null, purpose: VersionPurpose, };

/**
 * One immutable captured version of a policy.
 */
export type PolicyVersionId = string;

/**
 * A version without its content: what version history lists.
 */
export type PolicyVersionSummary = { id: PolicyVersionId, workspace_id: WorkspaceId, tenant_id: TenantId, 
/**
 * The object catalog's type key.
 */
object_type: string, 
/**
 * The object's id in Microsoft Graph.
 */
external_id: string, display_name: string, 
/**
 * 1, 2, … per object, in capture order.
 */
version_number: number, 
/**
 * SHA-256 (hex) of the normalised content.
 */
content_hash: string, captured_at: Timestamp, 
/**
 * The run that captured it.
 */
run_id: RunId | null, purpose: VersionPurpose, };

/**
 * A run's lifecycle policy, in seconds.
 */
export type PolicyView = { expected_max_runtime_seconds: number, timeout_seconds: number, queued_stale_after_seconds: number, running_stale_after_seconds: number, };

/**
 * How one value is shown to an operator.
 */
export type Presentation = { label: string, tone: Tone, icon: string, };

export type PreviewRestoreRequest = { 
/**
 * The target tenant.
 */
tenant_id: TenantId, source: RestoreSource, 
/**
 * Per source group id: another target group, or skip its assignments.
 */
group_overrides?: { [key in string]: GroupOverride }, };

/**
 * What kind of directory object holds a role.
 */
export type PrincipalType = "user" | "group" | "servicePrincipal";

/**
 * A principal holding privileged roles.
 */
export type PrivilegedHolder = { principal_id: string, display_name: string | null, principal_type: PrincipalType | null, 
/**
 * The privileged roles held, by name.
 */
roles: Array<string>, };

/**
 * The rule of the decision table that classified a snapshot.
 */
export type ProofRule = "exact_count" | "run_success_count_match" | "proven_empty" | "contradictory_evidence" | "no_proof";

/**
 * The app registration a tenant is reached through. The secret is never here: it lives in the
 * OS keyring under `credential_ref`.
 */
export type ProviderConnection = { client_id: string, credential_kind: CredentialKind, 
/**
 * The keyring entry holding the secret (a name, not the secret).
 */
credential_ref: string | null, credential_updated_at: Timestamp | null, 
/**
 * When the credential stops working, when that is known.
 */
credential_expiry?: CredentialExpiry, };

/**
 * Something about the tenant's roles worth acting on, worded for the operator.
 */
export type RbacFinding = { code: RbacFindingCode, severity: Severity, title: string, detail: string, 
/**
 * The principals or roles concerned, by name.
 */
subjects: Array<string>, };

/**
 * What an RBAC hardening finding is about.
 */
export type RbacFindingCode = "rbac.too_many_global_admins" | "rbac.single_global_admin" | "rbac.privileged_service_principal" | "rbac.privileged_group" | "rbac.custom_roles_present" | "rbac.disabled_role_assigned";

/**
 * Facts and findings about a tenant's directory roles.
 */
export type RbacHardeningReport = { role_definition_count: number, assignment_count: number, 
/**
 * Distinct principals holding Global Administrator.
 */
global_admin_count: number, 
/**
 * Distinct principals holding at least one privileged built-in role, by name.
 */
privileged_holders: Array<PrivilegedHolder>, 
/**
 * Every role with at least one holder: privileged first, then most holders.
 */
roles: Array<RoleHolders>, 
/**
 * Roles defined by the tenant rather than Microsoft, by name.
 */
custom_roles: Array<CustomRole>, 
/**
 * Most severe first.
 */
findings: Array<RbacFinding>, };

/**
 * The newest RBAC hardening report of a tenant.
 */
export type RbacReportResponse = { created_at: Timestamp, run_id: RunId | null, report: RbacHardeningReport, };

/**
 * A policy's content as rows an operator can read.
 */
export type ReadableConfig = { settings: Array<SettingRow>, assignments: Array<AssignmentRow>, 
/**
 * Whom the object applies to when it says so other than through `assignments`
 * (Conditional Access conditions, role assignments, a principal); empty otherwise.
 */
targeting: Array<TargetingRow>, };

/**
 * Every reason code the product can emit, in one closed set: run lifecycle healing, what
 * Microsoft answered, and the preconditions checked before work starts. Each has operator
 * text ([`ReasonCode::text`]); a code outside this set cannot be written. Codes are stored
 * in runs and tenants: add codes freely, never rename or remove one.
 */
export type ReasonCode = "run.stale_queued" | "run.stale_running" | "run.infrastructure_timeout_or_abandonment" | "run.queue_failure_bridge" | "run.adapter_out_of_sync" | "run.worker_shutdown" | "run.cancelled" | "provider.unknown_tenant" | "provider.unknown_client" | "provider.bad_secret" | "provider.consent_missing" | "graph.unauthorized" | "graph.forbidden" | "graph.not_found" | "graph.bad_request" | "graph.throttled" | "graph.server_error" | "graph.malformed_response" | "graph.unreachable" | "tenant.missing" | "tenant.not_active" | "tenant.not_connected" | "tenant.credential_missing" | "tenant.credential_unreadable" | "tenant.keyring_unavailable" | "tenant.keyring_failed" | "tenant.not_in_simulated_cloud" | "demo.cloud_unavailable" | "baseline.snapshot.capture_failed" | "baseline.snapshot.completion_proof_failed" | "baseline.snapshot.imported_without_proof" | "baseline.compare.no_assignment" | "baseline.compare.profile_not_active" | "baseline.compare.no_consumable_snapshot" | "baseline.compare.snapshot_building" | "baseline.compare.snapshot_incomplete" | "baseline.compare.snapshot_superseded" | "baseline.compare.invalid_snapshot" | "baseline.snapshot.producer_ended" | "baseline.capture.profile_not_active" | "baseline.capture.no_source" | "baseline.capture.source_not_synced" | "baseline.compare.tenant_not_synced" | "baseline.profile_missing" | "review_pack.missing" | "review_pack.not_queued" | "review_pack.signing_key_unavailable" | "review_pack.write_failed" | "review_pack.verification_failed" | "review_pack.disk_full" | "evidence.snapshot.producer_ended" | "review.no_sync" | "review.no_evidence" | "review.evidence_stale" | "review.evidence_unusable" | "backup.set.producer_ended" | "restore.preview_outdated" | "restore.source_unavailable" | "restore.not_ready" | "restore.secrets_unavailable";

/**
 * A reason code in the operator's words.
 */
export type ReasonView = { code: ReasonCode, label: string, explanation: string, actionability: Actionability, next_steps: string, };

/**
 * Remediating drift: pushing the baseline's content for the subjects of chosen findings (of
 * one tenant and one baseline profile) back onto the tenant.
 */
export type RemediateFindingsRequest = { tenant_id: TenantId, finding_ids: Array<FindingId>, };

export type RenameWorkspaceRequest = { workspace_id: WorkspaceId, name: string, };

/**
 * One stored report payload.
 */
export type ReportId = string;

/**
 * A restore as stored: its source, target, choices and, once previewed, its plan.
 */
export type Restore = { id: RestoreId, workspace_id: WorkspaceId, 
/**
 * The target tenant.
 */
tenant_id: TenantId, source: RestoreSource, 
/**
 * The tenant the source versions were captured from.
 */
source_tenant_id: TenantId, group_overrides: { [key in string]: GroupOverride }, status: RestoreStatus, preview_run_id: RunId | null, execute_run_id: RunId | null, 
/**
 * SHA-256 over the target objects the plan read (type, id, content hash): execution
 * proceeds only while the target still hashes the same.
 */
target_state_hash: string | null, plan: RestorePlan | null, 
/**
 * Once executed: what happened to each object of the plan.
 */
outcomes: Array<RestoreItemOutcome> | null, created_by: UserId | null, created_at: Timestamp, previewed_at: Timestamp | null, executed_at: Timestamp | null, };

/**
 * What a restore would do to one object.
 */
export type RestoreAction = "create" | "update" | "skip" | "conflict" | "delete";

/**
 * Why an object cannot be restored as it is.
 */
export type RestoreConflict = { "kind": "changed_since_sync", synced: boolean, } | { "kind": "name_collision", matches: number, } | { "kind": "type_not_writable" } | { "kind": "unresolved_groups", group_ids: Array<string>, } | { "kind": "secret_values", fields: Array<string>, };

/**
 * One restore: its source, target, plan and execution.
 */
export type RestoreId = string;

/**
 * One object's outcome of an executed restore.
 */
export type RestoreItemOutcome = { source_version_id: PolicyVersionId, object_type: string, display_name: string, outcome: ItemOutcomeKind, 
/**
 * The target's object written (for a create: the id Graph gave it).
 */
target_external_id: string | null, 
/**
 * The version kept of the object as it was before it was overwritten.
 */
pre_image_version_id: PolicyVersionId | null, 
/**
 * Why it failed, or why it was skipped, in words.
 */
message: string | null, reason: ReasonCode | null, };

/**
 * The plan of a previewed restore.
 */
export type RestorePlan = { items: Array<RestorePlanItem>, groups: Array<GroupChoice>, counts: PlanCounts, };

/**
 * One object of a restore plan.
 */
export type RestorePlanItem = { 
/**
 * The version that would be written.
 */
source_version_id: PolicyVersionId, 
/**
 * The catalog type key.
 */
object_type: string, display_name: string, source_external_id: string, 
/**
 * The target's object it would overwrite; none for a create (or a conflict with none).
 */
target_external_id: string | null, action: RestoreAction, conflicts: Array<RestoreConflict>, 
/**
 * Top-level fields whose value would change (after normalisation), sorted.
 */
changed_fields: Array<string>, assignments: AssignmentChange, };

/**
 * A preview that was asked for: the restore and how its run started.
 */
export type RestorePreviewStarted = { restore: Restore, start: StartRunResponse, };

export type RestoreRequest = { restore_id: RestoreId, };

/**
 * What a restore writes from.
 */
export type RestoreSource = { "kind": "backup_set", backup_set_id: BackupSetId, } | { "kind": "versions", version_ids: Array<PolicyVersionId>, } | { "kind": "undo", restore_id: RestoreId, } | { "kind": "baseline", snapshot_id: BaselineSnapshotId, subject_keys: Array<string>, };

/**
 * Where a restore stands: planned read-only first (`previewed`), then executed once.
 */
export type RestoreStatus = "planning" | "previewed" | "preview_failed" | "outdated" | "executing" | "executed" | "execute_failed";

/**
 * A restore with the names of its tenants.
 */
export type RestoreView = { restore: Restore, tenant_name: string, source_tenant_name: string, };

/**
 * Something to act on, with the section it comes from.
 */
export type ReviewAction = { section: string, priority: SectionStatus, text: string, };

/**
 * One composed customer review of a tenant.
 */
export type ReviewId = string;

/**
 * One review pack (its file lives in the data folder's exports, named by its id).
 */
export type ReviewPack = { id: ReviewPackId, workspace_id: WorkspaceId, tenant_id: TenantId, run_id: RunId | null, initiated_by: UserId | null, status: PackStatus, 
/**
 * SHA-256 of the canonical inputs: same content, same fingerprint.
 */
fingerprint: string, 
/**
 * The fingerprint of the tenant's pack before this one.
 */
previous_fingerprint: string | null, options: PackOptions, summary: PackSummary, file_size: number | null, 
/**
 * SHA-256 of the whole ZIP file.
 */
file_sha256: string | null, generated_at: Timestamp | null, expires_at: Timestamp | null, 
/**
 * When an expired pack's file was deleted.
 */
file_deleted_at: Timestamp | null, created_at: Timestamp, updated_at: Timestamp, };

/**
 * One review pack: the ZIP for a customer meeting.
 */
export type ReviewPackId = string;

export type ReviewPackPage = { items: Array<ReviewPackView>, total: number, };

export type ReviewPackRequest = { pack_id: ReviewPackId, };

/**
 * The workspace's pack settings and signing key.
 */
export type ReviewPackSettingsView = { settings: PackSettings, 
/**
 * None until the first pack of the workspace is signed.
 */
signing_key: SigningKeyView | null, };

/**
 * A pack as lists and cards show it.
 */
export type ReviewPackView = { pack: ReviewPack, tenant_name: string, 
/**
 * A ready or expired pack whose file is still in the data folder.
 */
file_available: boolean, };

/**
 * Whether a review can be composed now, and from which snapshot.
 */
export type ReviewReadiness = { "state": "ready", evidence_snapshot_id: EvidenceSnapshotId, captured_at: Timestamp, } | { "state": "not_ready", reason: ReasonCode, message: string, next_step: string, };

/**
 * One section of a review.
 */
export type ReviewSection = { 
/**
 * `configuration`, `drift`, `privileged_access`, `operations`.
 */
key: string, title: string, status: SectionStatus, 
/**
 * One sentence for the customer.
 */
summary: string, 
/**
 * Label and value pairs, in order.
 */
facts: Array<[string, string]>, };

/**
 * A member's role in a workspace.
 */
export type Role = "owner" | "manager" | "operator" | "readonly";

/**
 * How many distinct principals hold one role.
 */
export type RoleHolders = { role_definition_id: string, display_name: string, privileged: boolean, built_in: boolean, holder_count: number, };

export type RunBatch = { id: RunBatchId, workspace_id: WorkspaceId, user_id: UserId, operation_type: OperationType, 
/**
 * What was asked, e.g. "Inventory sync of all tenants".
 */
label: string, 
/**
 * How many runs belong to it; unknown until every run is started.
 */
total: number | null, done: number, succeeded: number, partially_succeeded: number, 
/**
 * Failed or blocked.
 */
failed: number, created_at: Timestamp, 
/**
 * When its summary was written (once).
 */
notified_at: Timestamp | null, };

/**
 * Runs started together by one action ("Sync all"): they end in one summary notification.
 */
export type RunBatchId = string;

/**
 * The objects a run changed, each list by name and at most `RUN_CHANGES_LIMIT` long.
 */
export type RunChanges = { added: Array<ChangedObject>, changed: Array<ChangedObject>, removed: Array<ChangedObject>, 
/**
 * How many objects each list has in full.
 */
added_count: number, changed_count: number, removed_count: number, };

/**
 * Everything the run detail page shows.
 */
export type RunDetail = { run: OperationRun, tenant_name: string | null, initiator_name: string | null, freshness: Freshness, policy: PolicyView | null, 
/**
 * Why it failed or was force-resolved, and what to do.
 */
reason: ReasonView | null, 
/**
 * What the work ended with (per-type completeness of a sync, …), once it has ended.
 */
result: RunResult | null, 
/**
 * Team mode: the run needs its tenant's credential and no running engine holds it, so it
 * waits for a workstation that does (it is not stale, not failed; the queued-stale rule
 * still applies).
 */
waiting_for_credential: boolean, };

export type RunEvent = { kind: RunEventKind, run: OperationRun, };

/**
 * What the desktop shell sends the window as `run-events`: the changes of the last moment,
 * one per run (its newest state).
 */
export type RunEventBatch = { events: Array<RunEvent>, 
/**
 * Some events were dropped because the window fell behind, or another process's changes
 * may have been missed: re-read what is shown.
 */
lagged: boolean, 
/**
 * What other processes changed meanwhile besides runs (tenants, findings, packs,
 * members, workspaces): re-read what is shown of these.
 */
changes: Array<ChangeKind>, };

export type RunEventKind = "created" | "updated" | "progress" | "completed";

/**
 * An operation run.
 */
export type RunId = string;

/**
 * Filters of the operations index; empty lists and `None` do not narrow.
 */
export type RunListFilter = { tab: RunTab, types: Array<OperationType>, statuses: Array<RunStatus>, outcomes: Array<RunOutcome>, freshness: Array<Freshness>, tenants: Array<TenantId>, initiators: Array<UserId>, created_from?: Timestamp, created_until?: Timestamp, 
/**
 * A run id (or its start), or part of the tenant's name.
 */
search?: string, 
/**
 * By creation time (the index's only order that stays fast over millions of runs).
 */
direction: SortDirection, offset: number, limit: number, };

export type RunListPage = { items: Array<RunListRow>, 
/**
 * Matching runs, counted up to [`RUN_TOTAL_CAP`].
 */
total: number, 
/**
 * True when more than [`RUN_TOTAL_CAP`] runs match.
 */
total_capped: boolean, };

/**
 * A run as the index lists it, with the names it shows.
 */
export type RunListRow = { run: OperationRun, tenant_name: string | null, initiator_name: string | null, };

/**
 * How a run ended. `Pending` until the run is completed, then one of the others, for good.
 */
export type RunOutcome = "pending" | "succeeded" | "partially_succeeded" | "blocked" | "failed";

/**
 * What a run ended with, per kind of work (stored under `context.result`).
 */
export type RunResult = { "kind": "inventory_sync", selection: InventorySelection, types: { [key in string]: TypeCompleteness }, } | { "kind": "policy_sync", selection: InventorySelection, purpose: VersionPurpose, types: { [key in string]: TypeCompleteness }, } | { "kind": "policy_sync_one", object_type: string, external_id: string, 
/**
 * False when the object was unchanged since its newest version.
 */
captured: boolean, } | { "kind": "group_sync", types: { [key in string]: TypeCompleteness }, } | { "kind": "role_sync", types: { [key in string]: TypeCompleteness }, 
/**
 * The RBAC hardening report written, or none when the roles could not be read whole
 * (the last report is kept rather than a half-read one).
 */
report_id: ReportId | null, } | { "kind": "baseline_capture", profile_id: BaselineProfileId, capture_mode: CaptureMode, 
/**
 * The snapshot written or reused; none when the capture stopped before one existed.
 */
snapshot_id: BaselineSnapshotId | null, 
/**
 * That snapshot's own state (artifact truth, beside the run's outcome).
 */
snapshot_state: SnapshotState | null, 
/**
 * An identical complete snapshot existed and was reused instead of a new capture.
 */
reused: boolean, items: number, 
/**
 * Subjects left out because several source objects share their name.
 */
ambiguous: Array<AmbiguousSubject>, 
/**
 * Full-content captures: how completely each type was read.
 */
types: { [key in string]: TypeCompleteness }, } | { "kind": "baseline_compare", profile_id: BaselineProfileId, snapshot_id: BaselineSnapshotId, matched: number, missing: number, unexpected: number, drifted: number, ambiguous: Array<AmbiguousSubject>, coverage: { [key in string]: TypeCoverage }, findings: FindingChanges, 
/**
 * Full-content compares: how completely the tenant's content was read first.
 */
types: { [key in string]: TypeCompleteness }, } | { "kind": "evidence_snapshot", snapshot_id: EvidenceSnapshotId, 
/**
 * The snapshot's own state when the run ended.
 */
state: SnapshotState, } | { "kind": "review_compose", review_id: ReviewId, evidence_snapshot_id: EvidenceSnapshotId, } | { "kind": "review_pack", pack_id: ReviewPackId, 
/**
 * The pack's own status when the run ended (artifact truth, beside the run's outcome).
 */
pack_status: PackStatus, files: number, file_size: number | null, } | { "kind": "backup", 
/**
 * The set written; none when the run stopped before it began one.
 */
backup_set_id: BackupSetId | null, 
/**
 * The set's own status when the run ended.
 */
set_status: BackupSetStatus, types: { [key in string]: TypeCompleteness }, 
/**
 * Older sets of the tenant its retention pruned.
 */
pruned_sets: number, } | { "kind": "restore", restore_id: RestoreId, 
/**
 * The read-only preview (true), or the execution of its plan.
 */
dry_run: boolean, 
/**
 * The restore's own status when the run ended.
 */
restore_status: RestoreStatus, counts: PlanCounts, };

/**
 * Where a run is in its life. `Completed` is terminal.
 */
export type RunStatus = "queued" | "running" | "completed";

/**
 * The index's tabs.
 */
export type RunTab = "all" | "active" | "likely_stale" | "failed";

/**
 * The operations index's header: what needs attention.
 */
export type RunsOverview = { active: number, likely_stale: number, likely_stale_by_type: Array<TypeCount>, 
/**
 * Force-resolved in the last 7 days.
 */
reconciled: number, reconciled_by_type: Array<TypeCount>, };

export type SaveReviewPackRequest = { pack_id: ReviewPackId, 
/**
 * The file to write (an absolute path, as a save dialog returns it).
 */
destination: string, };

export type SavedReviewPack = { path: string, size: number, sha256: string, };

/**
 * A schedule as stored.
 */
export type Schedule = { id: ScheduleId, workspace_id: WorkspaceId, 
/**
 * The tenant it syncs; `None`: every active tenant of the workspace.
 */
tenant_id: TenantId | null, operation: OperationType, 
/**
 * The handler inputs of each run it starts.
 */
inputs: JsonValue, cron: string, time_zone: string, enabled: boolean, 
/**
 * When it starts next; `None` while disabled.
 */
next_run_at: Timestamp | null, last_run_at: Timestamp | null, created_by: UserId, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A schedule that starts a tenant's (or a workspace's) syncs by itself.
 */
export type ScheduleId = string;

/**
 * What a schedule starts: a sync of one kind, or a backup.
 */
export type ScheduleKind = "inventory" | "policies" | "groups" | "roles" | "backup";

export type ScheduleRequest = { schedule_id: ScheduleId, };

/**
 * A schedule as the operator reads it.
 */
export type ScheduleView = { schedule: Schedule, kind: ScheduleKind, 
/**
 * A backup schedule's retention; absent: it keeps every set (or it is not a backup).
 */
retention: BackupRetention | null, 
/**
 * The tenant's name; absent for a workspace-wide schedule.
 */
tenant_name: string | null, 
/**
 * The next starts (none while paused), and as the schedule's zone shows them.
 */
upcoming: Array<Timestamp>, upcoming_local: Array<string>, };

export type SearchGroup = { tenant_id: TenantId, tenant_name: string, group_id: string, display_name: string, };

export type SearchObject = { tenant_id: TenantId, tenant_name: string, item_id: InventoryItemId, object_type: string, type_label: string, display_name: string, };

export type SearchRequest = { workspace_id: WorkspaceId, query: string, 
/**
 * Objects only: no groups, and none of the settings search, which reads the newest
 * versions' content (the command palette asks on every pause in typing).
 */
objects_only?: boolean, };

/**
 * What a search found in every tenant the actor may see, each kind by name.
 */
export type SearchResults = { objects: Array<SearchObject>, groups: Array<SearchGroup>, settings: Array<SearchSetting>, 
/**
 * Some kind had more hits than are listed: narrow the search.
 */
truncated: boolean, };

/**
 * A setting found by its portal name, in one policy that configures it.
 */
export type SearchSetting = { tenant_id: TenantId, tenant_name: string, setting_name: string, definition_id: string, item_id: InventoryItemId, policy_name: string, };

/**
 * A value typed for one secret field of a plan's object.
 */
export type SecretValueInput = { source_version_id: PolicyVersionId, 
/**
 * The field's path, as the plan's `secret_values` conflict names it.
 */
field: string, value: string, };

/**
 * How a review section reads at a glance.
 */
export type SectionStatus = "no_data" | "good" | "attention" | "critical";

export type SetBaselineStatusRequest = { profile_id: BaselineProfileId, status: BaselineStatus, };

export type SetMemberRoleRequest = { workspace_id: WorkspaceId, user_id: UserId, role: Role, };

export type SetMemberTenantsRequest = { workspace_id: WorkspaceId, user_id: UserId, 
/**
 * Every tenant, present and future; otherwise only `tenant_ids`.
 */
all_tenants: boolean, tenant_ids: Array<TenantId>, };

export type SetTenantStatusRequest = { tenant_id: TenantId, status: TenantStatus, };

/**
 * Turns updates on (an https manifest address) or off (none).
 */
export type SetUpdateUrlRequest = { url: string | null, };

/**
 * One configured value.
 */
export type SettingRow = { 
/**
 * Section the setting belongs to ("Defender", a parent setting's name, "General" for
 * top-level fields).
 */
group: string, 
/**
 * Operator-readable name, e.g. "Password minimum length" or "Firewall profile domain ›
 * Firewall enabled".
 */
name: string, 
/**
 * The raw key (settingDefinitionId or JSON path like `templateReference.templateId`): the
 * row's identity in diffs.
 */
key: string, 
/**
 * The value as text ("Yes"/"No", "Not configured", list items joined with ", ", …).
 */
value: string, 
/**
 * What the setting does, in Microsoft's words, when its definition says.
 */
description?: string, };

/**
 * The importance of a finding, least first.
 */
export type Severity = "info" | "low" | "medium" | "high" | "critical";

/**
 * One rule of a profile's severity table: the first rule whose type and kind match decides.
 * A rule without a type or kind matches any.
 */
export type SeverityRule = { policy_type?: string, kind?: FindingKind, severity: Severity, };

/**
 * How a pack's signature was judged.
 */
export type SignatureState = "trusted" | "valid_for_pack_key" | "other_key" | "invalid" | "unchecked";

export type SigningKeyView = { fingerprint: string, public_key_pem: string, created_at: Timestamp, };

/**
 * A snapshot with its items and how it reads next to its profile.
 */
export type SnapshotDetail = { snapshot: BaselineSnapshot, profile_name: string, 
/**
 * A complete snapshot the profile no longer points at: historical.
 */
superseded: boolean, 
/**
 * Whether this is the profile's current (effective) snapshot.
 */
current: boolean, items: Array<SnapshotItemRow>, };

/**
 * One item of a snapshot as the items table shows it (without its content).
 */
export type SnapshotItemRow = { subject_key: string, policy_type: string, display_name: string, platform: string | null, 
/**
 * Settings recorded (full-content captures).
 */
settings: number | null, };

export type SnapshotRequest = { snapshot_id: BaselineSnapshotId, };

/**
 * A snapshot's own lifecycle (artifact truth, separate from its run's).
 */
export type SnapshotState = "building" | "complete" | "incomplete";

export type SortDirection = "asc" | "desc";

export type StartCompareRequest = { tenant_id: TenantId, 
/**
 * A snapshot of the tenant's profile to compare against; the current one when absent.
 */
snapshot_id?: BaselineSnapshotId, };

/**
 * What starting work did — the intent the UI reports. Never "queued" unless a run was queued.
 */
export type StartIntent = "queued" | "already_active" | "blocked";

export type StartRunResponse = { intent: StartIntent, run: OperationRun, 
/**
 * The operator-worded toast text: "Inventory sync queued", the blocking reason, …
 */
message: string, };

export type StartSyncRequest = { tenant_id: TenantId, kind: SyncKind, };

/**
 * Which engine holds the data.
 */
export type StorageBackend = "sqlite" | "postgres";

export type SyncAllRequest = { workspace_id: WorkspaceId, kind: SyncKind, };

/**
 * Sync of every active tenant the actor may sync.
 */
export type SyncAllResponse = { started: Array<TenantStart>, 
/**
 * Tenants that were not started (paused, archived, not connected), with why.
 */
skipped: Array<TenantSkipped>, };

/**
 * What a sync reads.
 */
export type SyncKind = "inventory" | "policies" | "groups" | "roles";

/**
 * One entry of a targeting row.
 */
export type Target = { kind: TargetKind, 
/**
 * The object id for users, groups, roles, applications and principals.
 */
id: string | null, 
/**
 * Words for the entry; for ids the caller replaces it with the cached name when it has one.
 */
name: string, };

/**
 * What a targeting entry names.
 */
export type TargetKind = "all" | "nobody" | "user" | "group" | "role" | "application" | "principal" | "value";

/**
 * How an object type says whom it applies to.
 */
export type Targeting = "assignments" | "conditions" | "role_assignments" | "principal" | "not_targeted";

/**
 * One dimension of whom an object applies to, with what it includes and excludes.
 */
export type TargetingRow = { 
/**
 * "Users", "Cloud apps", "Platforms", "Admins of Helpdesk", …
 */
dimension: string, include: Array<Target>, exclude: Array<Target>, };

/**
 * A customer's Microsoft 365 tenant as recorded in a workspace.
 */
export type Tenant = { id: TenantId, workspace_id: WorkspaceId, display_name: string, directory_tenant_id: DirectoryTenantId, primary_domain: string | null, status: TenantStatus, 
/**
 * Served by the built-in simulated Microsoft cloud rather than Microsoft.
 */
simulated: boolean, connection: ProviderConnection | null, connection_check: ConnectionCheck, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A tenant against its baseline: its profile, that profile's readiness, and the newest
 * compare of the tenant.
 */
export type TenantBaseline = { tenant_id: TenantId, profile: BaselineProfile | null, readiness: BaselineReadiness | null, 
/**
 * Why a compare of this tenant would be refused now (tenant-level reasons included).
 */
blocked_by: ReasonCode | null, 
/**
 * The refusal in the operator's words, or what to do next.
 */
next_step: string, last_compare: OperationRun | null, };

export type TenantChangesPage = { entries: Array<ChangeFeedEntry>, 
/**
 * Where the next page starts; `None` when there is no more.
 */
next_before: Timestamp | null, };

export type TenantChangesRequest = { tenant_id: TenantId, 
/**
 * The page after the one that ended with a run completed at this moment.
 */
before?: Timestamp, };

/**
 * A customer tenant record inside a workspace (not the Entra directory id).
 */
export type TenantId = string;

export type TenantOverview = { tenant: Tenant, 
/**
 * The newest completed sync of each kind (kinds never synced are absent).
 */
last_syncs: Array<LastSync>, 
/**
 * Runs of this tenant that ended failed in the last 7 days.
 */
failed_runs_7d: number, 
/**
 * Queued or running runs that are likely stale now.
 */
likely_stale_runs: number, 
/**
 * Open drift findings by severity.
 */
open_findings: { [key in Severity]?: number }, 
/**
 * The tenant's secret or certificate ends within 30 days, or has ended.
 */
credential_warning?: ExpiryWarning, 
/**
 * How urgently the tenant needs a look (higher first); see [`attention`].
 */
attention: number, };

export type TenantRequest = { tenant_id: TenantId, };

/**
 * A composed review.
 */
export type TenantReview = { id: ReviewId, workspace_id: WorkspaceId, tenant_id: TenantId, evidence_snapshot_id: EvidenceSnapshotId, run_id: RunId | null, sections: Array<ReviewSection>, highlights: Array<string>, actions: Array<ReviewAction>, 
/**
 * The operator's own words for the customer; empty until written.
 */
note: string, note_updated_by: UserId | null, composed_at: Timestamp, updated_at: Timestamp, };

export type TenantSkipped = { tenant_id: TenantId, display_name: string, reason: string, };

export type TenantStart = { tenant_id: TenantId, display_name: string, start: StartRunResponse, };

/**
 * Lifecycle of a customer tenant inside a workspace.
 */
export type TenantStatus = "active" | "paused" | "archived";

/**
 * A moment in UTC, millisecond precision; RFC 3339 text (`2026-11-22T07:12:58.123Z`) on the wire.
 */
export type Timestamp = string;

/**
 * The colour family of a badge or message.
 */
export type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/**
 * How completely one object type was read by a sync — so a partial result is never mistaken
 * for a complete one.
 */
export type TypeCompleteness = { 
/**
 * Objects the listing named.
 */
listed: number, 
/**
 * Objects read (for a listing-only sync: the same as listed, when complete).
 */
read: number, failed: number, pages: number, 
/**
 * The listing was read to the end and every object was read.
 */
complete: boolean, 
/**
 * Why the listing broke off, when it did.
 */
error?: ReasonCode, };

/**
 * Operation types with a count, most first.
 */
export type TypeCount = { type: OperationType, count: number, };

/**
 * How one policy type fared in a compare.
 */
export type TypeCoverage = { coverage: Coverage, 
/**
 * Subjects compared (matched, missing or unexpected).
 */
compared: number, 
/**
 * Subjects not judged: shared names in either tenant, unread objects, unknown fingerprints.
 */
gaps: number, };

/**
 * Changes to a profile; absent fields stay as they are.
 */
export type UpdateBaselineProfileRequest = { profile_id: BaselineProfileId, name?: string, description?: string, capture_mode?: CaptureMode, scope?: Array<string>, source_tenant_id?: TenantId, 
/**
 * The profile's own severity rules, first match wins (replaces the current ones).
 */
severity_rules?: Array<SeverityRule>, };

/**
 * What checking the update address found.
 */
export type UpdateCheck = { current_version: string, 
/**
 * A newer version, if the server offers one.
 */
offer: UpdateOffer | null, };

/**
 * An update that verified and was installed; it takes effect when the app restarts.
 */
export type UpdateInstalled = { version: string, };

/**
 * What an update manifest offers that is newer than the running version.
 */
export type UpdateOffer = { version: string, current_version: string, 
/**
 * The release notes, as the manifest gives them.
 */
notes: string | null, 
/**
 * When the release was published (RFC 3339), if the manifest says.
 */
published_at: string | null, };

export type UpdateReviewNoteRequest = { review_id: ReviewId, note: string, };

export type UpdateReviewPackSettingsRequest = { workspace_id: WorkspaceId, settings: PackSettings, };

export type UpdateScheduleRequest = { schedule_id: ScheduleId, cron?: string, time_zone?: string, enabled?: boolean, 
/**
 * Backups only: a new retention.
 */
retention?: BackupRetention, };

/**
 * Changes to a tenant; absent fields stay as they are. Changing the client id or the
 * credential makes the connection unverified and writes an audit entry.
 */
export type UpdateTenantRequest = { tenant_id: TenantId, display_name?: string, client_id?: string, credential?: CredentialInput, };

/**
 * An operator.
 */
export type User = { id: UserId, 
/**
 * Unique sign-in name; for the local operator `local:<os user>`.
 */
login: string, display_name: string, };

/**
 * An operator.
 */
export type UserId = string;

/**
 * A message in an operator's in-app inbox.
 */
export type UserNotification = { id: string, user_id: UserId, workspace_id: WorkspaceId | null, run_id: RunId | null, 
/**
 * Set on the one summary of runs started together; the runs themselves notify nobody.
 */
batch_id: RunBatchId | null, tone: Tone, title: string, body: string, created_at: Timestamp, read_at: Timestamp | null, };

/**
 * The outcome of a connection check, in the operator's words.
 */
export type VerifyConnectionResponse = { tenant: Tenant, reachable: boolean, 
/**
 * What was proved or what is wrong, and what to do about it.
 */
message: string, 
/**
 * Per feature, whether the granted permissions suffice (read from this check's token).
 */
permissions: PermissionReport, };

export type VerifyPackFileRequest = { path: string, 
/**
 * Check the signature against this workspace's key (when it has one).
 */
workspace_id?: WorkspaceId, };

export type VersionDiffResponse = { before: PolicyVersionSummary, after: PolicyVersionSummary, diff: ConfigDiff, };

/**
 * Why a version was captured.
 */
export type VersionPurpose = "backup" | "baseline_evidence" | "restore_preimage" | "import";

/**
 * One version of a policy, in a tenant.
 */
export type VersionRef = { tenant_id: TenantId, version_id: PolicyVersionId, };

export type Workspace = { id: WorkspaceId, 
/**
 * Stable, unique short name (`demo-<user id>` for an operator's demo workspace).
 */
slug: string, name: string, created_at: Timestamp, updated_at: Timestamp, };

/**
 * An MSP organisation.
 */
export type WorkspaceId = string;

/**
 * A member of a workspace, for filters and the audit log.
 */
export type WorkspaceMember = { user: User, role: Role, all_tenants: boolean, };

export type WorkspaceOverview = { 
/**
 * Active and paused tenants (archived ones are left out), most in need of attention first.
 */
tenants: Array<TenantOverview>, 
/**
 * The last 30 days, oldest first, every day present.
 */
days: Array<DayOutcomes>, generated_at: Timestamp, };

export type WorkspaceOverviewRequest = { workspace_id: WorkspaceId, 
/**
 * The operator's time zone as minutes east of UTC, so days start at their midnight.
 */
utc_offset_minutes: number, };

export type WorkspaceRequest = { workspace_id: WorkspaceId, };

/**
 * A workspace as one member sees it: with their role and what it allows.
 */
export type WorkspaceSummary = { workspace: Workspace, role: Role, capabilities: Array<Capability>, 
/**
 * Whether the membership covers every tenant, or only entitled ones.
 */
all_tenants: boolean, };
