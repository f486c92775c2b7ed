import type { OperationRun, OperationType } from "../bindings/types";
import { present } from "../vocabulary";
import { isCancelled } from "./cancellation";
import { isRestorePreview } from "./labels";
import type { RunHeadline } from "./runHeadline";

/**
 * A run's counters said as one sentence, by what kind of work it is and how it went: "Read 1,501
 * policies; 12 new or changed since the last sync." or "Stopped after reading 3 of 21 types:
 * sign-in refused." A counter is named only when it says something (never "Failed 0"), and the
 * reason is the run headline's, so the sentence and the headline never disagree. The counters
 * themselves stay available as secondary detail.
 *
 * What each handler counts (atlas-sync, atlas-baselines): `total`/`processed` are object types
 * (steps for work this version does not know); `items` the objects read; `failed` the objects and
 * listings that could not be read; `deleted` objects no longer in the tenant (resolved findings
 * for a compare); `created` new versions (findings opened for a compare); `skipped` unchanged;
 * `findings` the RBAC report's or the compare's differences.
 */
export function runSummary(run: OperationRun, headline: RunHeadline | null): string {
  if (run.status === "queued") return "Waiting for a worker to pick it up.";
  if (run.status === "running") return runningSummary(run);
  return completedSummary(run, headline);
}

type Noun = readonly [one: string, many: string];

/** What a run of each known type reads, counted in `items`. */
const OBJECTS: Partial<Record<OperationType, Noun>> = {
  inventory_sync: ["object", "objects"],
  "policy.sync": ["policy", "policies"],
  entra_group_sync: ["group", "groups"],
  "directory_role_definitions.sync": ["role definition or assignment", "role definitions and assignments"],
  baseline_capture: ["item", "items"],
  baseline_compare: ["policy", "policies"],
  backup_schedule_run: ["policy", "policies"],
  // A restore's preview reads the target's types; its items are the versions it planned.
  "restore.execute": ["version", "versions"],
};

const TYPES: Noun = ["type", "types"];

function count(value: number, [one, many]: Noun): string {
  return `${value.toLocaleString()} ${value === 1 ? one : many}`;
}

/** Names that keep their capital inside a sentence. */
const PROPER_NAMES = new Set(["Microsoft"]);

/** A label ("Sign-in refused") inside a sentence: "sign-in refused"; names and acronyms keep their capitals. */
export function inSentence(label: string): string {
  const first = label.split(" ")[0] ?? "";
  if (PROPER_NAMES.has(first) || /^[A-Z]{2}/.test(first)) return label;
  return label.charAt(0).toLocaleLowerCase() + label.slice(1);
}

/** "3 of 21 types", when the run counts more than one step. */
function stepsDone(run: OperationRun): string | null {
  const { total, processed } = run.summary_counts;
  if (total === undefined || processed === undefined || total <= 1) return null;
  return `${processed.toLocaleString()} of ${count(total, OBJECTS[run.type] === undefined ? ["step", "steps"] : TYPES)}`;
}

function runningSummary(run: OperationRun): string {
  const { items, created } = run.summary_counts;
  const steps = stepsDone(run);
  const noun = OBJECTS[run.type];
  // A policy sync and a backup count the versions they capture as they go; the others the objects they read.
  const sofar =
    run.type === "policy.sync" || run.type === "backup_schedule_run"
      ? created === undefined || created === 0
        ? null
        : `${count(created, ["new or changed policy", "new or changed policies"])}`
      : items === undefined || items === 0 || noun === undefined
        ? null
        : count(items, noun);
  if (steps === null && sofar === null) return "Started; no progress reported yet.";
  const verb = noun === undefined ? "Done" : "Read";
  if (steps === null) return `${verb} ${sofar} so far.`;
  return `${verb} ${steps} so far${sofar === null ? "" : ` (${sofar})`}.`;
}

function completedSummary(run: OperationRun, headline: RunHeadline | null): string {
  const because = headline === null ? "" : `: ${inSentence(headline.label)}`;
  // An execution that found its target changed did start (it read the target), and wrote nothing.
  if (run.outcome === "blocked" && run.type === "restore.execute" && !isRestorePreview(run)) {
    return restoreExecuteSummary(run, because);
  }
  if (run.outcome === "blocked") return `Not started${because}.`;
  const steps = stepsDone(run);
  if (isCancelled(run)) return cancelledSummary(run, steps);
  if (run.reconciliation_reason !== null && run.reconciliation_reason !== "") {
    const verb = OBJECTS[run.type] === undefined ? "finishing" : "reading";
    return `Ended by the engine${steps === null ? "" : ` after ${verb} ${steps}`}${because}.`;
  }
  switch (run.type) {
    case "inventory_sync":
    case "policy.sync":
      return typeReadSummary(run, because);
    case "policy.sync_one":
      return singlePolicySummary(run, because);
    case "entra_group_sync":
      return groupSummary(run, because);
    case "directory_role_definitions.sync":
      return roleSummary(run, because);
    case "baseline_capture":
      return captureSummary(run, because);
    case "baseline_compare":
      return compareSummary(run, because);
    case "backup_schedule_run":
      return backupSummary(run, because);
    case "restore.execute":
      return isRestorePreview(run) ? restorePreviewSummary(run, because) : restoreExecuteSummary(run, because);
    default:
      return otherSummary(run, because);
  }
}

/** An operator stopped it: before it started, or at a checkpoint, keeping what it had stored. */
function cancelledSummary(run: OperationRun, steps: string | null): string {
  if (run.started_at === null) return "Cancelled before it started; nothing was read.";
  const verb = OBJECTS[run.type] === undefined ? "finishing" : "reading";
  return `Cancelled${steps === null ? "" : ` after ${verb} ${steps}`}; what it had stored is kept.`;
}

/** "; 4 could not be read: Microsoft Graph error", when any could not. */
function unread(failed: number | undefined, because: string): string {
  return failed === undefined || failed === 0 ? "" : `; ${failed.toLocaleString()} could not be read${because}`;
}

/** An inventory or policy sync: object types read one after another. */
function typeReadSummary(run: OperationRun, because: string): string {
  const { total, processed, items = 0, failed, deleted, created } = run.summary_counts;
  const noun = OBJECTS[run.type] ?? ["object", "objects"];
  if (total !== undefined && processed !== undefined && processed < total) {
    const read = items > 0 ? ` (${count(items, noun)})` : "";
    return `Stopped after reading ${processed.toLocaleString()} of ${count(total, TYPES)}${read}${because}.`;
  }
  if (run.outcome === "failed" && items === 0) return `Could not read any ${noun[1]}${because}.`;
  const changes =
    run.type === "policy.sync"
      ? `; ${created === undefined || created === 0 ? "none" : created.toLocaleString()} new or changed since the last sync`
      : deleted === undefined || deleted === 0
        ? ""
        : `; ${deleted.toLocaleString()} no longer in the tenant`;
  return `Read ${count(items, noun)}${changes}${unread(failed, because)}.`;
}

function singlePolicySummary(run: OperationRun, because: string): string {
  const { created, skipped } = run.summary_counts;
  if (run.outcome === "failed") return `Could not read the policy${because}.`;
  if (created !== undefined && created > 0) return "Captured a new version of the policy.";
  if (skipped !== undefined && skipped > 0) return "The policy is unchanged since its newest version.";
  return `Read the policy${because}.`;
}

function groupSummary(run: OperationRun, because: string): string {
  const { items = 0, deleted, failed } = run.summary_counts;
  if (run.outcome === "failed" && items === 0) return `Could not read the groups${because}.`;
  const removed = deleted === undefined || deleted === 0 ? "" : `; ${deleted.toLocaleString()} no longer in the tenant`;
  return `Read ${count(items, ["group", "groups"])}${removed}${unread(failed, because)}.`;
}

function roleSummary(run: OperationRun, because: string): string {
  const { items, findings } = run.summary_counts;
  // A half-read role picture writes no report: the last one stays.
  if (run.outcome === "failed" || items === undefined) {
    return `Could not read the roles whole${because}; the last hardening report is kept.`;
  }
  const report =
    findings === undefined || findings === 0
      ? "the hardening report finds nothing to fix"
      : `the hardening report lists ${count(findings, ["finding", "findings"])}`;
  return `Read ${count(items, OBJECTS[run.type] ?? ["role", "roles"])}; ${report}.`;
}

function captureSummary(run: OperationRun, because: string): string {
  const { items = 0, skipped } = run.summary_counts;
  if (run.outcome === "failed") return `No snapshot was completed${because}.`;
  if (skipped !== undefined && skipped > 0 && skipped === items) {
    return `Nothing changed: an identical snapshot of ${count(items, ["item", "items"])} was reused.`;
  }
  const partial = run.outcome === "partially_succeeded" ? `; some could not be read${because}` : "";
  return `Captured ${count(items, ["item", "items"])} into a new snapshot${partial}.`;
}

function compareSummary(run: OperationRun, because: string): string {
  const { items, findings = 0, created = 0, updated = 0, deleted = 0 } = run.summary_counts;
  if (run.outcome === "failed" || items === undefined) return `Not compared${because}.`;
  const base = `Compared ${count(items, ["policy", "policies"])} with the baseline`;
  const differ = findings === 0 ? "all match" : `${findings.toLocaleString()} ${findings === 1 ? "differs" : "differ"}`;
  const changes = [
    created > 0 ? count(created, ["new finding", "new findings"]) : null,
    updated > 0 ? `${updated.toLocaleString()} reopened` : null,
    deleted > 0 ? `${deleted.toLocaleString()} resolved` : null,
  ].filter((part) => part !== null);
  const partial = run.outcome === "partially_succeeded" ? `; some types could not be read${because}` : "";
  return `${base}: ${differ}${changes.length === 0 ? "" : ` (${changes.join(", ")})`}${partial}.`;
}

/** A backup: the policies its set holds, the versions it captured, and what it could not read. */
function backupSummary(run: OperationRun, because: string): string {
  const { total, processed, items = 0, failed, created = 0, skipped = 0 } = run.summary_counts;
  const noun = OBJECTS[run.type] ?? ["policy", "policies"];
  if (total !== undefined && processed !== undefined && processed < total) {
    const read = items > 0 ? ` (${count(items, noun)} backed up)` : "";
    return `Stopped after reading ${processed.toLocaleString()} of ${count(total, TYPES)}${read}${because}.`;
  }
  if (run.outcome === "failed" && items === 0) return `Could not back up any policy${because}.`;
  const versions = `${count(created, ["new version", "new versions"])}, ${skipped.toLocaleString()} unchanged`;
  return `Backed up ${count(items, noun)}: ${versions}${unread(failed, because)}.`;
}

/** A restore's preview: the target's types it read and the versions it planned, or why it stored no plan. */
function restorePreviewSummary(run: OperationRun, because: string): string {
  const { total, processed, items } = run.summary_counts;
  if (run.outcome !== "succeeded") {
    if (total !== undefined && processed !== undefined && processed < total) {
      return `Stopped after reading ${processed.toLocaleString()} of ${count(total, TYPES)} of the tenant${because}; no plan was stored.`;
    }
    return `No plan was stored${because}.`;
  }
  const planned = items === undefined ? "the restore" : count(items, ["version", "versions"]);
  return total === undefined
    ? `Planned ${planned}.`
    : `Read ${count(total, TYPES)} of the tenant and planned ${planned}.`;
}

/**
 * A restore's execution: the changes it wrote of those it meant to (created, updated, deleted —
 * undoing a restore — and failed), or that it wrote nothing (blocked before writing: the target
 * changed since the preview).
 */
function restoreExecuteSummary(run: OperationRun, because: string): string {
  const { total, created = 0, updated = 0, deleted = 0, failed = 0 } = run.summary_counts;
  const written = created + updated + deleted;
  if (run.outcome === "blocked" || (written === 0 && failed === 0)) {
    return `Nothing was written${because}.`;
  }
  const of = total === undefined ? "" : ` of ${total.toLocaleString()}`;
  const deletes = deleted === 0 ? "" : `, ${deleted.toLocaleString()} deleted`;
  const failures = failed === 0 ? "" : `; ${failed.toLocaleString()} failed`;
  return `Wrote ${written.toLocaleString()}${of} ${(total ?? written) === 1 ? "change" : "changes"} (${created.toLocaleString()} created, ${updated.toLocaleString()} updated${deletes})${failures}${because}.`;
}

/** Work this version has no words for: how far it got, and how it ended. */
function otherSummary(run: OperationRun, because: string): string {
  const { failed } = run.summary_counts;
  const steps = stepsDone(run);
  const outcome = present("run_outcome", run.outcome).label;
  if (steps === null) return `${outcome}${because}.`;
  const failures = failed === undefined || failed === 0 ? "" : `; ${failed.toLocaleString()} failed`;
  return `${outcome} with ${steps} done${failures}${because}.`;
}
