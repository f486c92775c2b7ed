import type { BackupOrigin, BackupSet, ImportReport } from "../bindings/types";
import { backupSet, readWhole } from "./backupFixtures";

/**
 * What a backup folder of another tool holds, as the fake import reads it: the report's counts
 * (objects and archived ones are summed from `by_type`; the snapshot's proof follows from the
 * count the tool declares), and how many of its objects the tenant already stores with the same
 * content (an import counts them unchanged).
 */
export type ImportFolder = Pick<
  ImportReport,
  | "tool"
  | "files_read"
  | "side_files"
  | "by_type"
  | "matched"
  | "skipped"
  | "not_carried"
  | "unresolved"
  | "unresolved_total"
  | "declared_objects"
> & { stored: number };

/** An IntuneCD backup of Contoso with two files that cannot be imported and names the tenant lacks. */
export const INTUNECD_FOLDER = "/home/ann/backups/contoso-intunecd";
/** An IntuneManagement export of Contoso that imports whole. */
export const INTUNE_MANAGEMENT_FOLDER = "/home/ann/backups/contoso-intunemanagement";
/** A folder of IntuneCD's layout whose only file cannot be imported. */
export const UNUSABLE_FOLDER = "/home/ann/backups/broken";

/**
 * IntuneCD, JSON: 12 objects of three types (2 older versions from its archive), 9 matched to
 * objects Contoso has, 14 object files read (2 not imported) and 3 side files; app protection
 * policies lack the targeted apps; two names have no match.
 */
export function intuneCdFolder(overrides: Partial<ImportFolder> = {}): ImportFolder {
  return {
    tool: "IntuneCD",
    files_read: 14,
    side_files: 3,
    by_type: [
      { object_type: "app_protection_ios", label: "App protection policy (iOS)", objects: 2, archived: 0 },
      { object_type: "device_configuration", label: "Device configuration", objects: 4, archived: 1 },
      { object_type: "settings_catalog", label: "Settings catalog policy", objects: 6, archived: 1 },
    ],
    matched: 9,
    skipped: [
      {
        path: "Device Configurations/Kiosk profile.json",
        reason: "is not valid JSON: EOF while parsing an object at line 12 column 0",
      },
      {
        path: "Settings Catalog/Custom policy.json",
        reason: "claims @odata.type '#microsoft.graph.customPolicy', which is no object type TenantAtlas knows",
      },
    ],
    not_carried: [{ object_type: "app_protection_ios", fields: ["apps (the targeted apps)"] }],
    unresolved: ["Pilot - Berlin devices", "Scope tag: Munich"],
    unresolved_total: 2,
    stored: 3,
    ...overrides,
  };
}

/** IntuneManagement: 5 settings catalog policies, every one matched and new, nothing left out. */
export function intuneManagementFolder(overrides: Partial<ImportFolder> = {}): ImportFolder {
  return {
    tool: "IntuneManagement",
    files_read: 5,
    side_files: 1,
    by_type: [{ object_type: "settings_catalog", label: "Settings catalog policy", objects: 5, archived: 0 }],
    matched: 5,
    skipped: [],
    not_carried: [],
    unresolved: [],
    unresolved_total: 0,
    stored: 0,
    ...overrides,
  };
}

/** One file, which holds no object TenantAtlas knows. */
export function unusableFolder(): ImportFolder {
  return intuneCdFolder({
    files_read: 1,
    side_files: 0,
    by_type: [],
    matched: 0,
    skipped: [{ path: "Notes/readme.json", reason: "holds a list, not one object" }],
    not_carried: [],
    unresolved: [],
    unresolved_total: 0,
    stored: 0,
  });
}

/** The folders the fake backend can read, by path. */
export function importFolders(): Record<string, ImportFolder> {
  return {
    [INTUNECD_FOLDER]: intuneCdFolder(),
    [INTUNE_MANAGEMENT_FOLDER]: intuneManagementFolder(),
    [UNUSABLE_FOLDER]: unusableFolder(),
  };
}

/** How many objects a folder holds, and how many of them are older versions from the archive. */
export function folderCounts(folder: ImportFolder): { objects: number; archived: number } {
  return {
    objects: folder.by_type.reduce((sum, type) => sum + type.objects, 0),
    archived: folder.by_type.reduce((sum, type) => sum + type.archived, 0),
  };
}

/** Where an imported set came from: `folder`, read at `path`. */
export function originOf(path: string, folder: ImportFolder): BackupOrigin {
  return {
    tool: folder.tool,
    folder: path,
    fingerprint: `sha256:${path}`.padEnd(71, "0"),
    files_read: folder.files_read,
    ...folderCounts(folder),
    skipped: folder.skipped,
    not_carried: folder.not_carried,
    unresolved: folder.unresolved,
  };
}

/**
 * The set of an IntuneCD import into Contoso (partial: two files were not imported), made by
 * Ada (u1) with no run; it holds the 10 current objects, 9 of them new.
 */
export function importedBackupSet(overrides: Partial<BackupSet> = {}): BackupSet {
  const folder = intuneCdFolder();
  return backupSet({
    id: "bs-imported",
    run_id: null,
    schedule_id: null,
    initiated_by: "u1",
    status: "partial",
    selection: {
      policy_types: folder.by_type.map((type) => type.object_type),
      categories: [],
      include_foundations: false,
      include_dependencies: false,
    },
    item_count: 10,
    new_versions: 9,
    types: {
      app_protection_ios: readWhole(2, 0),
      device_configuration: readWhole(3, 0),
      settings_catalog: readWhole(5, 0),
    },
    missing: [],
    created_at: "2026-11-22T09:30:00.000Z",
    completed_at: "2026-11-22T09:30:00.000Z",
    origin: originOf(INTUNECD_FOLDER, folder),
    ...overrides,
  });
}
