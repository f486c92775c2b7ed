import type { RunListRow } from "../../bindings/types";
import { type ExportColumn, exportDate } from "../../components/export";
import { runFreshness, runProgress, runStateOf, runTypeLabel } from "../../runs";

/** The run's one state in words, with its marker: "Running · likely stale", "Cancelled". */
export function runStateText(row: RunListRow, now: number): string {
  const state = runStateOf(row.run, runFreshness(row.run, now));
  return state.marker === null ? state.label : `${state.label} · ${state.marker}`;
}

/** The progress cell in words: "118 of 120" once completed, "45%" while active; empty without counts. */
export function runProgressText(row: RunListRow): string {
  const progress = runProgress(row.run);
  if (progress === null) return "";
  if (row.run.status === "completed") {
    return `${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()}`;
  }
  return `${Math.floor(progress.percent)}%`;
}

/** The runs table's columns as an export writes them (keys as in `RUN_COLUMNS`), states as of `now`. */
export function runExportColumns(now: number): ExportColumn<RunListRow>[] {
  return [
    { key: "type", title: "Operation", text: (row) => runTypeLabel(row.run) },
    {
      key: "scope",
      title: "Scope",
      text: (row) => (row.run.tenant_id === null ? "Workspace" : (row.tenant_name ?? "Tenant")),
    },
    { key: "state", title: "Status", text: (row) => runStateText(row, now) },
    { key: "created", title: "Created", text: (row) => exportDate(row.run.created_at) },
    { key: "progress", title: "Progress", text: runProgressText },
  ];
}
