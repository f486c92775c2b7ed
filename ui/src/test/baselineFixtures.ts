import type {
  BaselineProfile,
  BaselineSnapshot,
  DiffRow,
  Finding,
  FindingHistoryEntry,
  FindingSummary,
  SnapshotItemRow,
} from "../bindings/types";

export function baselineProfile(overrides: Partial<BaselineProfile> = {}): BaselineProfile {
  return {
    id: "p-1",
    workspace_id: "w1",
    name: "Windows standard",
    description: "What every managed Windows fleet should have.",
    status: "active",
    capture_mode: "full_content",
    scope: [],
    source_tenant_id: "t-contoso",
    current_snapshot_id: null,
    severity_rules: [],
    created_at: "2026-11-20T08:00:00.000Z",
    updated_at: "2026-11-20T08:00:00.000Z",
    ...overrides,
  };
}

/** A snapshot of profile p-1; complete snapshots carry their proof. */
export function baselineSnapshot(overrides: Partial<BaselineSnapshot> = {}): BaselineSnapshot {
  const state = overrides.state ?? "complete";
  return {
    id: "s-1",
    workspace_id: "w1",
    profile_id: "p-1",
    source_tenant_id: "t-contoso",
    capture_mode: "full_content",
    state,
    identity_hash: "c0ffee",
    producer_run_id: "r-capture-1",
    proof: state === "complete" ? { expected_items: 1204, persisted_items: 1204, was_empty_capture: false } : null,
    ambiguous: [],
    failure_reason: state === "incomplete" ? "baseline.snapshot.capture_failed" : null,
    failed_at: state === "incomplete" ? "2026-11-22T09:50:00.000Z" : null,
    created_at: "2026-11-19T08:00:00.000Z",
    completed_at: state === "complete" ? "2026-11-19T08:02:00.000Z" : null,
    ...overrides,
  };
}

export function snapshotItem(overrides: Partial<SnapshotItemRow> = {}): SnapshotItemRow {
  return {
    subject_key: "settings_catalog:win - defender",
    policy_type: "settings_catalog",
    display_name: "WIN - Defender",
    platform: "windows",
    settings: 14,
    ...overrides,
  };
}

export const driftRows: DiffRow[] = [
  {
    group: "Defender",
    name: "Cloud block level",
    key: "defender_cbl",
    before: "High",
    after: "Default",
    change: "changed",
  },
  { group: "Defender", name: "Scan archives", key: "defender_scan", before: "Yes", after: null, change: "removed" },
];

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: "f-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    profile_id: "p-1",
    subject_type: "policy",
    subject_key: "settings_catalog:win - defender",
    policy_type: "settings_catalog",
    display_name: "WIN - Defender",
    kind: "drifted",
    severity: "high",
    status: "open",
    evidence_hash: "e1",
    evidence: { rows: driftRows, reference_only: false },
    first_seen_run_id: "r-compare-1",
    last_seen_run_id: "r-compare-2",
    first_seen_at: "2026-11-20T10:00:00.000Z",
    last_seen_at: "2026-11-22T09:00:00.000Z",
    resolved_at: null,
    resolved_by_run_id: null,
    acknowledged_at: null,
    acknowledged_by: null,
    ack_note: null,
    updated_at: "2026-11-22T09:00:00.000Z",
    ...overrides,
  };
}

/** A finding as lists show it: without its evidence. */
export function findingSummary({ evidence: _evidence, ...summary }: Finding): FindingSummary {
  return summary;
}

export function historyEntry(overrides: Partial<FindingHistoryEntry> = {}): FindingHistoryEntry {
  return {
    at: "2026-11-20T10:00:00.000Z",
    action: "opened",
    run_id: "r-compare-1",
    actor_user_id: null,
    actor_name: null,
    note: null,
    ...overrides,
  };
}
