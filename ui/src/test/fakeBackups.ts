import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  BackupSet,
  BackupSetId,
  BackupSetItem,
  BackupSetStatus,
  BaselineProfile,
  BaselineProfileId,
  BaselineSnapshot,
  ImportedSnapshotView,
  ImportReport,
  ProofRule,
  SnapshotState,
  StartRunResponse,
  SyncAllResponse,
  Tenant,
  TenantId,
} from "../bindings/types";
import { readWhole } from "./backupFixtures";
import { demoTenants, startResponse } from "./fixtures";
import { folderCounts, type ImportFolder, importFolders, originOf } from "./importFixtures";

/** What the fake backup backend holds; tests build it, pass it in and read it back. */
export type BackupState = {
  tenants: Tenant[];
  /** Every backup set, in any order. */
  sets: BackupSet[];
  /** The versions each set holds, by set. */
  items: Record<BackupSetId, BackupSetItem[]>;
  /** Backup folders of other tools the fake can read, by their full path. */
  folders: Record<string, ImportFolder>;
  /** Baseline profiles an import can make a snapshot for (`baselineFixtures.ts`'s profiles). */
  profiles: BaselineProfile[];
  /** The baseline snapshots imports made, in order. */
  snapshots: BaselineSnapshot[];
};

export function backupState(initial: Partial<BackupState> = {}): BackupState {
  return {
    tenants: demoTenants,
    sets: [],
    items: {},
    folders: importFolders(),
    profiles: [],
    snapshots: [],
    ...initial,
  };
}

type BackupCommands = Pick<
  Commands,
  "backUpNow" | "backUpAll" | "listBackupSets" | "getBackupSet" | "previewImport" | "importBackup"
>;

const NOW = Date.parse("2026-11-22T10:00:00.000Z");
const TYPE = "backup_schedule_run";

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

function invalid(message: string): ApiError {
  return { code: "invalid_input", message };
}

/** A full path, as the backend accepts it: "/…" on Unix, "C:\…" or "\\server\…" on Windows. */
function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\");
}

/** The backend's refusal of a folder that is neither tool's backup (`InteropError::NotABackup`). */
function notABackup(path: string): ApiError {
  return invalid(
    `${path} is neither an IntuneCD backup (folders such as 'Settings Catalog' or 'Device Configurations') nor an IntuneManagement export (folders such as 'SettingsCatalog' or 'DeviceConfiguration', or a MigrationTable.json); choose the folder the tool wrote`,
  );
}

/**
 * What a baseline snapshot from a folder would be, as the backend's decision table says
 * (`HistoryEvidence::classify`, with no producing run): proven by the count the tool declares,
 * proven empty, contradicted by files not imported or a count that differs, or unproven.
 */
function proofOf(folder: ImportFolder): { snapshot_rule: ProofRule; snapshot_state: SnapshotState } {
  const { objects, archived } = folderCounts(folder);
  const found = objects - archived;
  const clean = folder.skipped.length === 0;
  const declared = folder.declared_objects;
  const rule: ProofRule =
    clean && found > 0 && declared === found
      ? "exact_count"
      : clean && found === 0 && declared === 0
        ? "proven_empty"
        : !clean || declared !== undefined
          ? "contradictory_evidence"
          : "no_proof";
  const proven = rule === "exact_count" || rule === "proven_empty";
  return { snapshot_rule: rule, snapshot_state: proven ? "complete" : "incomplete" };
}

/**
 * Why the backend makes no snapshot from an import into `target` for `profile`
 * (`imported::refusal`), or null.
 */
function snapshotRefusal(profile: BaselineProfile, target: Tenant): string | null {
  if (profile.source_tenant_id !== target.id) {
    return `The baseline profile '${profile.name}' captures another tenant; a snapshot from this import can only be made for a profile whose source tenant is ${target.display_name}.`;
  }
  if (profile.capture_mode !== "full_content") {
    return `The baseline profile '${profile.name}' captures names and fingerprints only; a snapshot from an import holds full content, so choose a full-content profile.`;
  }
  return null;
}

/** What a folder would store for a tenant, as a preview reports it. */
function previewOf(tenantId: TenantId, path: string, folder: ImportFolder): ImportReport {
  const { stored: _stored, ...report } = folder;
  return {
    ...report,
    ...folderCounts(folder),
    ...proofOf(folder),
    tenant_id: tenantId,
    folder: path,
    new_versions: 0,
    unchanged: 0,
    already_imported: false,
  };
}

/** The current objects of an imported folder as the versions its set holds, the first `fresh` of them new. */
function importedItems(setId: BackupSetId, folder: ImportFolder, fresh: number): BackupSetItem[] {
  const items = folder.by_type.flatMap((type) =>
    Array.from({ length: type.objects - type.archived }, (_, index) => ({ type, index })),
  );
  return items.map(({ type, index }, position) => ({
    version_id: `v-${setId}-${position}`,
    object_type: type.object_type,
    type_label: type.label,
    external_id: `${type.object_type}-imported-${index}`,
    display_name: `${type.label} ${index + 1}`,
    version_number: 1,
    content_hash: `${setId}${position}`.padEnd(64, "c"),
    new_in_set: position < fresh,
  }));
}

function at(ms: number): string {
  return new Date(ms).toISOString();
}

const newestFirst = (a: BackupSet, b: BackupSet) =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

/** Why the backend does not back up a tenant that is not active (`Tenant::work_refusal`), or null. */
function refusal(tenant: Tenant): string | null {
  if (tenant.status === "active") return null;
  return `${tenant.display_name} is ${tenant.status}: reactivate it to back up.`;
}

/**
 * Ends a capturing set as its run would: complete, partial (a type's listing broke off and two
 * objects of another could not be read) or failed; with `items` it holds those versions.
 * Refuses moves the backend forbids.
 */
export function finishBackup(
  state: BackupState,
  setId: BackupSetId,
  status: Exclude<BackupSetStatus, "capturing">,
  items: BackupSetItem[] = [],
): BackupSet {
  const before = state.sets.find((s) => s.id === setId);
  if (before === undefined) throw new Error(`No backup set ${setId}`);
  if (before.status !== "capturing") throw new Error(`A ${before.status} backup set cannot become ${status}`);
  const next: BackupSet = {
    ...before,
    status,
    item_count: items.length,
    new_versions: items.filter((item) => item.new_in_set).length,
    types:
      status === "complete"
        ? { settings_catalog: readWhole(35), device_configuration: readWhole(30) }
        : status === "partial"
          ? {
              settings_catalog: readWhole(35),
              device_configuration: { listed: 30, read: 28, failed: 2, pages: 1, complete: false },
              compliance_policy: { listed: 0, read: 0, failed: 0, pages: 0, complete: false, error: "graph.throttled" },
            }
          : {},
    missing:
      status === "complete"
        ? []
        : status === "partial"
          ? [
              {
                object_type: "device_configuration",
                whole_type: false,
                objects: ["dc-17-ext", "dc-23-ext"],
                reason: "graph.server_error",
              },
              { object_type: "compliance_policy", whole_type: true, objects: [], reason: "graph.throttled" },
            ]
          : [{ object_type: "*", whole_type: true, objects: [], reason: "backup.set.producer_ended" }],
    completed_at: at(Date.parse(before.created_at) + 190_000),
  };
  state.sets = state.sets.map((s) => (s.id === setId ? next : s));
  state.items[setId] = items;
  return next;
}

/**
 * The backup commands over one mutable state, behaving like the backend where the UI depends on
 * it: backing up a tenant records a capturing set (or answers that its backup is already
 * running, or that a tenant not active is not backed up); backing up all starts every active
 * tenant and skips the others with why; sets are listed newest first; another tool's folder is
 * previewed and imported from `folders` (an imported set holds its current objects).
 */
export function fakeBackups(state: BackupState = backupState()): BackupCommands {
  let nextId = 0;
  const tenant = (id: TenantId): Tenant => {
    const found = state.tenants.find((t) => t.id === id);
    if (found === undefined) throw notFound("Tenant");
    return found;
  };
  const start = (target: Tenant): StartRunResponse => {
    const refused = refusal(target);
    if (refused !== null) return startResponse("blocked", refused, { type: TYPE, tenant_id: target.id });
    const capturing = state.sets.find((s) => s.tenant_id === target.id && s.status === "capturing");
    if (capturing !== undefined) {
      return startResponse("already_active", `Backup of ${target.display_name} is already running`, {
        id: capturing.run_id ?? "r-backup",
        type: TYPE,
        tenant_id: target.id,
        status: "running",
      });
    }
    nextId += 1;
    const runId = `r-backup-new-${nextId}`;
    state.sets = [
      ...state.sets,
      {
        id: `bs-new-${nextId}`,
        workspace_id: target.workspace_id,
        tenant_id: target.id,
        run_id: runId,
        schedule_id: null,
        initiated_by: "u1",
        status: "capturing",
        selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
        item_count: 0,
        new_versions: 0,
        types: {},
        missing: [],
        created_at: at(NOW + nextId * 1_000),
        completed_at: null,
      },
    ];
    return startResponse("queued", `Backup of ${target.display_name} queued`, {
      id: runId,
      type: TYPE,
      tenant_id: target.id,
    });
  };

  /**
   * The profile a snapshot from an import into `target` is made for, as the backend checks it:
   * one of the tenant's workspace, capturing this tenant in full content.
   */
  const snapshotProfile = (id: BaselineProfileId, target: Tenant): BaselineProfile => {
    const found = state.profiles.find((p) => p.id === id && p.workspace_id === target.workspace_id);
    if (found === undefined) throw notFound("Baseline profile");
    const refused = snapshotRefusal(found, target);
    if (refused !== null) throw invalid(refused);
    return found;
  };

  /**
   * Reads a folder as the backend's scan does: refuses a path that is not full, a profile no
   * snapshot can be made for and a folder of neither tool.
   */
  const scan = (
    tenantId: TenantId,
    folder: string,
    profileId: BaselineProfileId | undefined,
  ): { path: string; found: ImportFolder; profile: BaselineProfile | null } => {
    const target = tenant(tenantId);
    const path = folder.trim();
    if (path === "" || !isAbsolute(path)) throw invalid("Choose the backup folder to import (a full path).");
    const profile = profileId === undefined ? null : snapshotProfile(profileId, target);
    const found = state.folders[path];
    if (found === undefined) throw notABackup(path);
    return { path, found, profile };
  };

  /**
   * The snapshot of `profile` from an imported set: its items are the set's current objects of
   * the profile's scope; its lifecycle and rule are the preview's. Only a complete one becomes
   * the profile's current snapshot; an incomplete one fails as imported without proof.
   */
  const snapshotOf = (profile: BaselineProfile, set: BackupSet, report: ImportReport): ImportedSnapshotView => {
    nextId += 1;
    const id = `s-imported-${nextId}`;
    const inScope = (type: string) => profile.scope.length === 0 || profile.scope.includes(type);
    const items = (state.items[set.id] ?? []).filter((item) => inScope(item.object_type)).length;
    const complete = report.snapshot_state === "complete";
    const now = set.created_at;
    state.snapshots = [
      ...state.snapshots,
      {
        id,
        workspace_id: profile.workspace_id,
        profile_id: profile.id,
        source_tenant_id: set.tenant_id,
        capture_mode: "full_content",
        state: report.snapshot_state,
        identity_hash: `imported-${set.id}`,
        producer_run_id: null,
        proof: complete ? { expected_items: items, persisted_items: items, was_empty_capture: items === 0 } : null,
        ambiguous: [],
        failure_reason: complete ? null : "baseline.snapshot.imported_without_proof",
        failed_at: complete ? null : now,
        created_at: now,
        completed_at: complete ? now : null,
        proof_rule: report.snapshot_rule,
      },
    ];
    if (complete) {
      state.profiles = state.profiles.map((p) =>
        p.id === profile.id ? { ...p, current_snapshot_id: id, updated_at: now } : p,
      );
    }
    return {
      snapshot_id: id,
      profile_id: profile.id,
      profile_name: profile.name,
      state: report.snapshot_state,
      rule: report.snapshot_rule,
      items,
    };
  };

  /** Stores a folder as an imported set (complete, or partial when a file was not imported). */
  const store = (target: Tenant, path: string, folder: ImportFolder): BackupSet => {
    nextId += 1;
    const id = `bs-imported-${nextId}`;
    const { objects, archived } = folderCounts(folder);
    const fresh = objects - folder.stored;
    const now = at(NOW + nextId * 1_000);
    const set: BackupSet = {
      id,
      workspace_id: target.workspace_id,
      tenant_id: target.id,
      run_id: null,
      schedule_id: null,
      initiated_by: "u1",
      status: folder.skipped.length === 0 ? "complete" : "partial",
      selection: {
        policy_types: folder.by_type.map((type) => type.object_type).sort(),
        categories: [],
        include_foundations: false,
        include_dependencies: false,
      },
      item_count: objects - archived,
      new_versions: fresh,
      types: Object.fromEntries(
        folder.by_type.map((type) => [type.object_type, readWhole(type.objects - type.archived, 0)]),
      ),
      missing: [],
      created_at: now,
      completed_at: now,
      origin: originOf(path, folder),
    };
    state.sets = [...state.sets, set];
    state.items[id] = importedItems(id, folder, fresh);
    return set;
  };

  return {
    // A preview writes nothing; an import stores a set once per tenant and folder (the backend
    // knows the same folder by its files' fingerprint), and refuses a folder with no object.
    // Given a baseline profile, both check it, and a new import also makes its snapshot.
    previewImport: vi.fn(async ({ tenant_id, folder, baseline_profile_id }) => {
      const { path, found } = scan(tenant_id, folder, baseline_profile_id);
      return previewOf(tenant_id, path, found);
    }),
    importBackup: vi.fn(async ({ tenant_id, folder, baseline_profile_id }) => {
      const { path, found, profile } = scan(tenant_id, folder, baseline_profile_id);
      const report = previewOf(tenant_id, path, found);
      if (report.objects === 0) {
        throw invalid(
          `Nothing in ${path} can be imported: ${report.files_read} file(s) were read and none holds an object TenantAtlas knows. The preview lists every file with its reason.`,
        );
      }
      const earlier = state.sets.find((set) => set.tenant_id === tenant_id && set.origin?.folder === path);
      if (earlier !== undefined) {
        return {
          ...report,
          already_imported: true,
          unchanged: report.objects,
          backup_set_id: earlier.id,
          status: earlier.status,
        };
      }
      const set = store(tenant(tenant_id), path, found);
      return {
        ...report,
        new_versions: set.new_versions,
        unchanged: report.objects - set.new_versions,
        backup_set_id: set.id,
        status: set.status,
        ...(profile === null ? {} : { snapshot: snapshotOf(profile, set, report) }),
      };
    }),
    backUpNow: vi.fn(async ({ tenant_id }) => start(tenant(tenant_id))),
    backUpAll: vi.fn(async ({ workspace_id }): Promise<SyncAllResponse> => {
      const response: SyncAllResponse = { started: [], skipped: [] };
      for (const target of state.tenants.filter((t) => t.workspace_id === workspace_id)) {
        const refused = refusal(target);
        if (refused === null) {
          response.started.push({ tenant_id: target.id, display_name: target.display_name, start: start(target) });
        } else {
          response.skipped.push({ tenant_id: target.id, display_name: target.display_name, reason: refused });
        }
      }
      return response;
    }),
    listBackupSets: vi.fn(async ({ tenant_id }) => {
      tenant(tenant_id);
      return state.sets.filter((s) => s.tenant_id === tenant_id).sort(newestFirst);
    }),
    getBackupSet: vi.fn(async ({ backup_set_id }) => {
      const set = state.sets.find((s) => s.id === backup_set_id);
      if (set === undefined) throw notFound("Backup set");
      const owner = tenant(set.tenant_id);
      return { set, tenant_id: owner.id, tenant_name: owner.display_name, items: state.items[set.id] ?? [] };
    }),
  };
}
