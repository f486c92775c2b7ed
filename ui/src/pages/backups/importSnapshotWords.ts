import type {
  BaselineProfile,
  BaselineProfileView,
  ImportedSnapshotView,
  ImportReport,
  TenantId,
} from "../../bindings/types";
import { present } from "../../vocabulary";
import { countWords, objectsWords } from "./backupWords";

/** The quiet line when no profile can take a snapshot from this import. */
export const NO_ELIGIBLE_PROFILE = "No full-content baseline profile captures this tenant.";

/**
 * The profiles a snapshot from an import into `tenantId` can be made for, by name: full-content
 * ones whose source tenant is this tenant, not archived (the backend refuses the others).
 */
export function snapshotProfiles(views: readonly BaselineProfileView[], tenantId: TenantId): BaselineProfile[] {
  return views
    .map((view) => view.profile)
    .filter(
      (profile) =>
        profile.capture_mode === "full_content" &&
        profile.source_tenant_id === tenantId &&
        profile.status !== "archived",
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

type ProofFacts = Pick<
  ImportReport,
  "tool" | "objects" | "archived" | "skipped" | "declared_objects" | "snapshot_rule"
>;

/** What the backup proves about itself, in one sentence: why a snapshot from it is (or is not) complete. */
export function snapshotProofWords(report: ProofFacts): string {
  const read = report.objects - report.archived;
  const declared = report.declared_objects;
  switch (report.snapshot_rule) {
    case "exact_count":
      return read === 1
        ? `${report.tool} states 1 object and it was read.`
        : `${report.tool} states ${objectsWords(read)} and all ${read.toLocaleString()} were read.`;
    case "run_success_count_match":
      return `The run that made the backup succeeded, and its count matches the ${objectsWords(read)} read.`;
    case "proven_empty":
      return `${report.tool} states the backup holds no object, and none was read.`;
    case "contradictory_evidence": {
      const why: string[] = [];
      if (declared !== undefined && declared !== read) {
        why.push(`${report.tool} states ${objectsWords(declared)} but ${read.toLocaleString()} were read`);
      }
      if (report.skipped.length > 0) {
        why.push(`${countWords(report.skipped.length, "file was", "files were")} not imported`);
      }
      const because = why.length === 0 ? "The backup's evidence disagrees or is partial" : why.join(", and ");
      return `${because}, so a snapshot from it is kept but not used for compare.`;
    }
    case "no_proof":
      return "The backup does not state how many objects it holds, so a snapshot from it is kept but not used for compare; capture the baseline from the tenant before comparing.";
  }
}

/** What choosing a profile does with the snapshot, by its lifecycle. */
export function snapshotUseWords(state: ImportReport["snapshot_state"]): string {
  return state === "complete"
    ? "The snapshot becomes the profile's current baseline."
    : "The snapshot is kept for the record; it never becomes the profile's current baseline.";
}

/**
 * The snapshot an import made: "Baseline snapshot for Windows standard: complete (exact count
 * proof), 123 items" or "…: incomplete — no proof: recapture before compare".
 */
export function snapshotOutcomeWords(snapshot: ImportedSnapshotView): string {
  const state = lowerFirst(present("snapshot_state", snapshot.state).label);
  const rule = lowerFirst(present("proof_rule", snapshot.rule).label);
  const head = `Baseline snapshot for ${snapshot.profile_name}`;
  if (snapshot.state === "complete") {
    return `${head}: ${state} (${rule}), ${countWords(snapshot.items, "item", "items")}`;
  }
  return `${head}: ${state} — ${rule}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
