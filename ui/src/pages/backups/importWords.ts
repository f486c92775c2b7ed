import type { BackupSet, ImportReport } from "../../bindings/types";
import { countWords, objectsWords } from "./backupWords";

/** What can be imported, in one sentence (the wizard's first step says it). */
export const IMPORT_HELP =
  "Import a backup another tool made: an IntuneCD backup folder (JSON or YAML) or an IntuneManagement export folder.";

/** "Imported from IntuneCD": where an imported set came from, instead of a run or a schedule. */
export function importedFromWords(tool: string): string {
  return `Imported from ${tool}`;
}

/**
 * How a set is named in a sentence, and the verb for when it was made: "backup … taken" for a set
 * a backup captured, "IntuneCD backup … imported" for one imported (its time is the import's).
 */
export function setNaming(set: Pick<BackupSet, "origin">): { noun: string; made: string } {
  return set.origin === undefined
    ? { noun: "backup", made: "taken" }
    : { noun: `${set.origin.tool} backup`, made: "imported" };
}

/** "12 objects, 2 of them older versions from the archive", or just "12 objects". */
export function importObjectsWords({ objects, archived }: { objects: number; archived: number }): string {
  if (archived === 0) return objectsWords(objects);
  return `${objectsWords(objects)}, ${archived.toLocaleString()} of them older versions from the archive`;
}

/**
 * "9 match objects Contoso already has; 3 are new to TenantAtlas": how the folder's objects
 * meet what the tenant already holds.
 */
export function matchedWords(report: Pick<ImportReport, "objects" | "matched">, tenantName: string): string {
  const fresh = Math.max(0, report.objects - report.matched);
  const matched =
    report.matched === 0
      ? `None matches an object ${tenantName} already has`
      : `${report.matched.toLocaleString()} ${report.matched === 1 ? "matches an object" : "match objects"} ${tenantName} already has`;
  if (fresh === 0) return `${matched}.`;
  return `${matched}; ${fresh.toLocaleString()} ${fresh === 1 ? "is" : "are"} new to TenantAtlas.`;
}

/** "14 object files read, 3 files holding no object (scripts, reports)". */
export function filesWords({ files_read, side_files }: Pick<ImportReport, "files_read" | "side_files">): string {
  const read = `${countWords(files_read, "object file", "object files")} read`;
  if (side_files === 0) return read;
  return `${read}, ${countWords(side_files, "file", "files")} holding no object (scripts, reports)`;
}

/** The import button's words: "Import 12 objects". */
export function importButtonWords(objects: number): string {
  return `Import ${objectsWords(objects)}`;
}

/** What a partial import lacks: "2 files cannot be imported, so the set will be marked partial." */
export function partialWords(skipped: number): string {
  return `${countWords(skipped, "file", "files")} of the folder cannot be imported, so the set will be marked partial.`;
}

/** What an import stored: "9 new versions, 3 unchanged". */
export function importResultWords(report: Pick<ImportReport, "new_versions" | "unchanged">): string {
  return `${countWords(report.new_versions, "new version", "new versions")}, ${report.unchanged.toLocaleString()} unchanged`;
}

/** Under a list of unresolved names cut short: "Showing 200 of 250 names." Null when all are listed. */
export function unresolvedMoreWords(listed: number, total: number): string | null {
  if (total <= listed) return null;
  return `Showing ${listed.toLocaleString()} of ${total.toLocaleString()} names.`;
}

/**
 * A type's label from the labels the backend sent with what is shown (a preview's types, a set's
 * versions), else from the catalog: a type this build's catalog lacks still reads by its name.
 */
export function labelsFirst(
  known: readonly { object_type: string; label: string }[],
  fallback: (key: string) => string,
): (key: string) => string {
  const labels = new Map(known.map((entry) => [entry.object_type, entry.label]));
  return (key) => labels.get(key) ?? fallback(key);
}
