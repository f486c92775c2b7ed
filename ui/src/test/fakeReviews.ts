import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  EvidenceSnapshot,
  EvidenceSnapshotId,
  ReviewReadiness,
  RunId,
  SnapshotState,
  StartRunResponse,
  Tenant,
  TenantId,
  TenantReview,
} from "../bindings/types";
import { demoTenants, startResponse } from "./fixtures";
import { evidenceContent, tenantReview } from "./reviewFixtures";

/** What the fake evidence and review backend holds; tests build it, pass it in and read it back. */
export type ReviewState = {
  tenants: Tenant[];
  /** Every evidence snapshot, in any order. */
  snapshots: EvidenceSnapshot[];
  /** Every composed review, in any order. */
  reviews: TenantReview[];
  /** Tenants without a completed inventory sync: nothing to review. */
  unsynced: TenantId[];
  /** Reviews being composed, by tenant: the run and the snapshot it composes from. */
  composing: Record<TenantId, { run_id: RunId; evidence_snapshot_id: EvidenceSnapshotId }>;
};

export function reviewState(initial: Partial<ReviewState> = {}): ReviewState {
  return { tenants: demoTenants, snapshots: [], reviews: [], unsynced: [], composing: {}, ...initial };
}

type ReviewCommands = Pick<
  Commands,
  | "generateEvidenceSnapshot"
  | "listEvidenceSnapshots"
  | "getEvidenceSnapshot"
  | "reviewReadiness"
  | "composeReview"
  | "latestReview"
  | "updateReviewNote"
>;

const NOW = Date.parse("2026-11-22T10:00:00.000Z");
const DAY_MS = 86_400_000;
/** A review needs evidence at most this many days old (the default, `DEFAULT_EVIDENCE_MAX_AGE_DAYS`). */
const MAX_EVIDENCE_AGE_DAYS = 7;
const MAX_NOTE = 10_000;

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

function at(ms: number): string {
  return new Date(ms).toISOString();
}

const newestFirst = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

function snapshotsOf(state: ReviewState, tenantId: TenantId): EvidenceSnapshot[] {
  return state.snapshots.filter((s) => s.tenant_id === tenantId).sort(newestFirst);
}

/**
 * Ends a building snapshot as its run would: complete (with the fixture's content, captured now)
 * or incomplete (with why). Refuses moves the backend forbids.
 */
export function finishEvidence(
  state: ReviewState,
  snapshotId: EvidenceSnapshotId,
  outcome: Exclude<SnapshotState, "building">,
): EvidenceSnapshot {
  const before = state.snapshots.find((s) => s.id === snapshotId);
  if (before === undefined) throw new Error(`No snapshot ${snapshotId}`);
  if (before.state !== "building") throw new Error(`A ${before.state} snapshot cannot become ${outcome}`);
  const completed = at(Date.parse(before.created_at) + 60_000);
  const next: EvidenceSnapshot =
    outcome === "complete"
      ? {
          ...before,
          state: outcome,
          content: evidenceContent({ captured_at: completed }),
          content_hash: `sha-${before.id}`,
          completed_at: completed,
        }
      : { ...before, state: outcome, failure_reason: "evidence.snapshot.producer_ended", completed_at: completed };
  state.snapshots = state.snapshots.map((s) => (s.id === snapshotId ? next : s));
  return next;
}

/** Ends the tenant's composing run: its review (the fixture's sections) becomes the newest. */
export function finishReview(state: ReviewState, tenantId: TenantId): TenantReview {
  const pending = state.composing[tenantId];
  if (pending === undefined) throw new Error(`No review of ${tenantId} is being composed`);
  const composed = at(NOW + (state.reviews.length + 1) * 60_000);
  const review = tenantReview({
    id: `rev-new-${state.reviews.length + 1}`,
    tenant_id: tenantId,
    evidence_snapshot_id: pending.evidence_snapshot_id,
    run_id: pending.run_id,
    composed_at: composed,
    updated_at: composed,
  });
  state.reviews = [...state.reviews, review];
  delete state.composing[tenantId];
  return review;
}

/**
 * The evidence and review commands over one mutable state, behaving like the backend where the
 * UI depends on it: generating evidence records a building snapshot (or answers that one is
 * being made); readiness follows the backend's gate (no sync, no complete evidence, evidence older
 * than 7 days); compose is refused with the gate's words while it refuses, and answers "already
 * queued" while a review is being composed; the note is trimmed and refused beyond 10,000
 * characters.
 */
export function fakeReviews(state: ReviewState = reviewState()): ReviewCommands {
  let nextId = 0;
  const tenant = (id: TenantId): Tenant => {
    const found = state.tenants.find((t) => t.id === id);
    if (found === undefined) throw notFound("Tenant");
    return found;
  };
  const readiness = (tenantId: TenantId): ReviewReadiness => {
    if (state.unsynced.includes(tenantId)) {
      return {
        state: "not_ready",
        reason: "review.no_sync",
        message: "The tenant has no completed inventory sync, so there is nothing to review.",
        next_step: "Sync the tenant's inventory, generate an evidence snapshot, then compose the review.",
      };
    }
    const latest = snapshotsOf(state, tenantId).find((s) => s.state === "complete" && s.content !== null);
    if (latest === undefined) {
      return {
        state: "not_ready",
        reason: "review.no_evidence",
        message: "No complete evidence snapshot exists for the tenant.",
        next_step: "Generate an evidence snapshot, then compose the review.",
      };
    }
    const captured = latest.completed_at ?? latest.created_at;
    const ageDays = Math.floor((NOW - Date.parse(captured)) / DAY_MS);
    if (ageDays > MAX_EVIDENCE_AGE_DAYS) {
      return {
        state: "not_ready",
        reason: "review.evidence_stale",
        message: `The newest evidence snapshot is ${ageDays} days old; a review needs one at most ${MAX_EVIDENCE_AGE_DAYS} days old.`,
        next_step: "Generate a fresh evidence snapshot, then compose the review.",
      };
    }
    return { state: "ready", evidence_snapshot_id: latest.id, captured_at: captured };
  };

  return {
    generateEvidenceSnapshot: vi.fn(async ({ tenant_id }): Promise<StartRunResponse> => {
      const target = tenant(tenant_id);
      const type = "tenant.evidence.snapshot.generate";
      const building = snapshotsOf(state, tenant_id).find((s) => s.state === "building");
      if (building !== undefined) {
        return startResponse("already_active", `Evidence snapshot of ${target.display_name} is already queued`, {
          id: building.run_id ?? "r-evidence",
          type,
          tenant_id,
        });
      }
      nextId += 1;
      const runId = `r-evidence-new-${nextId}`;
      state.snapshots = [
        ...state.snapshots,
        {
          id: `ev-new-${nextId}`,
          workspace_id: target.workspace_id,
          tenant_id,
          run_id: runId,
          state: "building",
          content: null,
          content_hash: null,
          failure_reason: null,
          created_at: at(NOW + nextId * 1_000),
          completed_at: null,
        },
      ];
      return startResponse("queued", `Evidence snapshot of ${target.display_name} queued`, {
        id: runId,
        type,
        tenant_id,
      });
    }),
    listEvidenceSnapshots: vi.fn(async ({ tenant_id }) => {
      tenant(tenant_id);
      return snapshotsOf(state, tenant_id);
    }),
    getEvidenceSnapshot: vi.fn(async ({ snapshot_id }) => {
      const found = state.snapshots.find((s) => s.id === snapshot_id);
      if (found === undefined) throw notFound("Evidence snapshot");
      return found;
    }),
    reviewReadiness: vi.fn(async ({ tenant_id }) => {
      tenant(tenant_id);
      return readiness(tenant_id);
    }),
    composeReview: vi.fn(async ({ tenant_id }): Promise<StartRunResponse> => {
      const target = tenant(tenant_id);
      const type = "tenant.review.compose";
      const gate = readiness(tenant_id);
      if (gate.state === "not_ready") {
        throw { code: "conflict", message: `${gate.message} ${gate.next_step}` } satisfies ApiError;
      }
      const pending = state.composing[tenant_id];
      if (pending !== undefined) {
        return startResponse("already_active", `Review of ${target.display_name} is already queued`, {
          id: pending.run_id,
          type,
          tenant_id,
        });
      }
      nextId += 1;
      const runId = `r-review-new-${nextId}`;
      state.composing[tenant_id] = { run_id: runId, evidence_snapshot_id: gate.evidence_snapshot_id };
      return startResponse("queued", `Review of ${target.display_name} queued`, { id: runId, type, tenant_id });
    }),
    latestReview: vi.fn(async ({ tenant_id }) => {
      tenant(tenant_id);
      const newest = [...state.reviews]
        .filter((r) => r.tenant_id === tenant_id)
        .sort((a, b) => b.composed_at.localeCompare(a.composed_at) || b.id.localeCompare(a.id))[0];
      return newest ?? null;
    }),
    updateReviewNote: vi.fn(async ({ review_id, note }) => {
      if ([...note].length > MAX_NOTE) {
        throw { code: "invalid_input", message: `A note holds at most ${MAX_NOTE} characters.` } satisfies ApiError;
      }
      const found = state.reviews.find((r) => r.id === review_id);
      if (found === undefined) throw notFound("Review");
      const updated: TenantReview = {
        ...found,
        note: note.trim(),
        note_updated_by: "u1",
        updated_at: at(Date.parse(found.updated_at) + 60_000),
      };
      state.reviews = state.reviews.map((r) => (r.id === review_id ? updated : r));
      return updated;
    }),
  };
}
