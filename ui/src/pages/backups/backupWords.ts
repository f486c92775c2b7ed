import type { MantineColor } from "@mantine/core";
import type {
  BackupFolderExport,
  BackupGap,
  BackupSet,
  BackupSetStatus,
  DocumentFormat,
  ReasonCode,
  TypeCompleteness,
} from "../../bindings/types";
import { dayjs } from "../../components/dates";
import { fileNameStem } from "../../components/fileNames";
import { reasonWords } from "../../runs";

/** A status as the Backups tab shows it: its word and the badge's colour. */
export type StatusLook = { label: string; color: MantineColor };

/** Complete is green, partial yellow, failed red, capturing blue (with a spinner beside it). */
export function backupStatusLook(status: BackupSetStatus): StatusLook {
  switch (status) {
    case "complete":
      return { label: "Complete", color: "green" };
    case "partial":
      return { label: "Partial", color: "yellow" };
    case "failed":
      return { label: "Failed", color: "red" };
    case "capturing":
      return { label: "Capturing", color: "blue" };
  }
}

/** The `object_type` of a gap that says the run ended before the set was finished. */
export const UNFINISHED = "*";

/** What the app says about a reason this version's catalog does not describe. */
export const UNKNOWN_BACKUP_REASON = "Not described by this version";

/** A gap's reason in the catalog's words, or null when the backend recorded none. */
export function gapReason(reason: ReasonCode | null): string | null {
  return reason === null ? null : reasonWords(reason, UNKNOWN_BACKUP_REASON).label;
}

/** "1 file", "3 files": a count with its noun, singular or plural. */
export function countWords(value: number, one: string, many: string): string {
  return `${value.toLocaleString()} ${value === 1 ? one : many}`;
}

/** "12 new, 188 unchanged": of the versions a set holds, those this backup captured and the rest. */
export function newVersionsWords(set: Pick<BackupSet, "item_count" | "new_versions">): string {
  const unchanged = Math.max(0, set.item_count - set.new_versions);
  return `${set.new_versions.toLocaleString()} new, ${unchanged.toLocaleString()} unchanged`;
}

/** "70 objects". */
export function objectsWords(objects: number): string {
  return countWords(objects, "object", "objects");
}

/** The folder export wrote and removed nothing: it already held exactly this. */
export function folderUpToDate(result: BackupFolderExport): boolean {
  return result.written === 0 && result.removed === 0;
}

/** "72 files written, 0 unchanged, 1 removed", or that the folder was already up to date. */
export function folderChangesWords(result: BackupFolderExport): string {
  if (folderUpToDate(result)) return "The folder was already up to date: no file changed.";
  const written = countWords(result.written, "file written", "files written");
  return `${written}, ${result.unchanged.toLocaleString()} unchanged, ${result.removed.toLocaleString()} removed.`;
}

/** "70 versions". */
export function versionsWords(itemCount: number): string {
  return countWords(itemCount, "version", "versions");
}

/**
 * One gap in a few words, for a table cell: "Compliance policy not read", "2 Device
 * configuration objects not read", "Ended unfinished".
 */
export function gapShort(gap: BackupGap, typeLabel: (key: string) => string): string {
  if (gap.object_type === UNFINISHED) return "ended unfinished";
  const type = typeLabel(gap.object_type);
  if (gap.whole_type) return `${type} not read whole`;
  return `${countWords(gap.objects.length, `${type} object`, `${type} objects`)} not read`;
}

/**
 * What a set lacks, in a few words for its row: each gap when there are one or two, else how many
 * types are incomplete; for an imported set, how many of the folder's files were not imported.
 * Empty when it lacks nothing.
 */
export function missingShort(set: Pick<BackupSet, "missing" | "origin">, typeLabel: (key: string) => string): string {
  const gaps = set.missing;
  const skipped = set.origin?.skipped.length ?? 0;
  if (gaps.length === 0) return skipped === 0 ? "" : `${countWords(skipped, "file", "files")} not imported`;
  if (gaps.some((gap) => gap.object_type === UNFINISHED)) return "Ended before it finished";
  if (gaps.length > 2) return `${gaps.length} types incomplete`;
  const words = gaps.map((gap) => gapShort(gap, typeLabel)).join("; ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One gap as a sentence with why: "Compliance policy: its listing broke off, so the set holds
 * none or only some of its objects — Microsoft Graph throttled the requests." The reason is the
 * catalog's words, never the code.
 */
export function gapSentence(gap: BackupGap, typeLabel: (key: string) => string): string {
  const why = gapReason(gap.reason);
  const because = why === null ? "" : ` Reason: ${why}.`;
  if (gap.object_type === UNFINISHED) {
    return `The backup ended before it finished, so the set may lack any type it had not read yet.${because}`;
  }
  const type = typeLabel(gap.object_type);
  if (gap.whole_type) {
    return `${type}: the listing broke off, so the set holds none or only some of its objects.${because}`;
  }
  const objects = countWords(gap.objects.length, "object was", "objects were");
  return `${type}: ${objects} listed but could not be read, so the set does not hold them.${because}`;
}

/** One type's row of a set's completeness, with its catalog key. */
export type TypeRow = TypeCompleteness & { type: string };

/** Per type how completely the backup read it, incomplete types first, then by label. */
export function completenessRows(set: Pick<BackupSet, "types">, typeLabel: (key: string) => string): TypeRow[] {
  return Object.entries(set.types)
    .flatMap(([type, entry]) => (entry === undefined ? [] : [{ ...entry, type }]))
    .sort((a, b) => Number(a.complete) - Number(b.complete) || typeLabel(a.type).localeCompare(typeLabel(b.type)));
}

/** A format a tenant's configuration can be documented in: what the menu calls it, its extension. */
export type DocumentFormatChoice = { format: DocumentFormat; label: string; extension: string };

/** Word first: the document MSP customers expect to be handed. */
export const DOCUMENT_FORMATS: readonly DocumentFormatChoice[] = [
  { format: "docx", label: "Word document (.docx)", extension: "docx" },
  { format: "html", label: "Web page (.html)", extension: "html" },
  { format: "markdown", label: "Markdown (.md)", extension: "md" },
  { format: "csv", label: "CSV, one row per setting (.csv)", extension: "csv" },
];

/**
 * The name a configuration document is saved as by default: "Contoso Pharma configuration
 * 2026-12-05.docx", dated the local day it is written.
 */
export function documentationFileName(tenantName: string, choice: DocumentFormatChoice, today: Date): string {
  return `${fileNameStem(tenantName)} configuration ${dayjs(today).format("YYYY-MM-DD")}.${choice.extension}`;
}
