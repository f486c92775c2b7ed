import type { EvidenceContent, EvidenceSnapshot, ReviewSection, TenantReview } from "../bindings/types";

/**
 * What a complete snapshot of Contoso froze: 1,204 objects, open drift, 30 days of operations;
 * no RBAC report and no directory roles (never synced). Freshness is keyed by part as the
 * backend records it (`atlas-packs` `sources.rs`).
 */
export function evidenceContent(overrides: Partial<EvidenceContent> = {}): EvidenceContent {
  return {
    captured_at: "2026-11-22T09:30:00.000Z",
    inventory: [
      { object_type: "settings_catalog", count: 640 },
      { object_type: "device_configuration", count: 564 },
    ],
    open_findings: { critical: 1, high: 2, medium: 3 },
    long_open_severe_findings: 1,
    rbac: null,
    role_holders: [],
    operations: {
      total: 27,
      succeeded: 24,
      partially_succeeded: 1,
      failed: 2,
      blocked: 0,
      still_active: 0,
      recent_failures: [],
    },
    freshness: {
      inventory: "2026-11-22T09:00:00.000Z",
      policies: "2026-11-22T09:05:00.000Z",
      directory_roles: null,
      groups: null,
      drift: "2026-11-22T09:10:00.000Z",
      rbac_report: null,
    },
    ...overrides,
  };
}

/** A complete evidence snapshot of Contoso, taken 2026-11-22 09:30. */
export function evidenceSnapshot(overrides: Partial<EvidenceSnapshot> = {}): EvidenceSnapshot {
  const state = overrides.state ?? "complete";
  return {
    id: "ev-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    run_id: "r-evidence-1",
    state,
    content: state === "complete" ? evidenceContent() : null,
    content_hash: state === "complete" ? "sha-ev-1" : null,
    failure_reason: state === "incomplete" ? "evidence.snapshot.producer_ended" : null,
    created_at: "2026-11-22T09:29:00.000Z",
    completed_at: state === "building" ? null : "2026-11-22T09:30:00.000Z",
    ...overrides,
  };
}

/** The four sections a review of Contoso's snapshot says, worst news included. */
export function reviewSections(): ReviewSection[] {
  return [
    {
      key: "configuration",
      title: "Configuration coverage",
      status: "good",
      summary: "1,204 configuration objects across 2 types are inventoried, synced within the last day.",
      facts: [
        ["Objects", "1,204"],
        ["Object types", "2"],
      ],
    },
    {
      key: "drift",
      title: "Drift from baseline",
      status: "critical",
      summary: "6 settings differ from the baseline, 1 of them critical and open for more than 14 days.",
      facts: [
        ["Open findings", "6"],
        ["Severe, open > 14 days", "1"],
      ],
    },
    {
      key: "privileged_access",
      title: "Privileged access",
      status: "attention",
      summary: "9 role assignments, 2 of them to accounts without a named owner.",
      facts: [["Role assignments", "9"]],
    },
    {
      key: "operations",
      title: "Operations health",
      status: "no_data",
      summary: "No operations were recorded in the 30 days before the snapshot.",
      facts: [],
    },
  ];
}

/** A review composed from `ev-1`, with its highlights and actions, most urgent first. */
export function tenantReview(overrides: Partial<TenantReview> = {}): TenantReview {
  return {
    id: "rev-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    evidence_snapshot_id: "ev-1",
    run_id: "r-review-1",
    sections: reviewSections(),
    highlights: ["1,204 configuration objects are inventoried", "1 critical drift has been open for 21 days"],
    actions: [
      { section: "drift", priority: "critical", text: "Restore the critical setting that drifted from the baseline." },
      { section: "privileged_access", priority: "attention", text: "Name an owner for the 2 unowned role holders." },
    ],
    note: "",
    note_updated_by: null,
    composed_at: "2026-11-22T09:35:00.000Z",
    updated_at: "2026-11-22T09:35:00.000Z",
    ...overrides,
  };
}
