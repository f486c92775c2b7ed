import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  BaselineProfile,
  BaselineProfileId,
  BaselineProfileView,
  BaselineReadiness,
  BaselineSnapshot,
  BaselineSnapshotId,
  Finding,
  FindingDetail,
  FindingFilter,
  FindingHistoryEntry,
  FindingId,
  FindingsPage,
  OperationRun,
  ReasonCode,
  Severity,
  SnapshotItemRow,
  StartRunResponse,
  SyncAllResponse,
  Tenant,
  TenantBaseline,
  TenantId,
} from "../bindings/types";
import { findingSummary } from "./baselineFixtures";
import { appInfo, demoTenants, startResponse } from "./fixtures";

/** What the fake baseline backend holds; tests build it, pass it in and read it back. */
export type BaselineState = {
  tenants: Tenant[];
  profiles: BaselineProfile[];
  snapshots: BaselineSnapshot[];
  items: Record<BaselineSnapshotId, SnapshotItemRow[]>;
  assignments: Record<TenantId, BaselineProfileId>;
  findings: Finding[];
  history: Record<FindingId, FindingHistoryEntry[]>;
  lastCompares: Record<TenantId, OperationRun>;
};

export function baselineState(initial: Partial<BaselineState> = {}): BaselineState {
  return {
    tenants: demoTenants,
    profiles: [],
    snapshots: [],
    items: {},
    assignments: {},
    findings: [],
    history: {},
    lastCompares: {},
    ...initial,
  };
}

type BaselineCommands = Pick<
  Commands,
  | "listBaselineProfiles"
  | "getBaselineProfile"
  | "createBaselineProfile"
  | "updateBaselineProfile"
  | "setBaselineProfileStatus"
  | "assignBaseline"
  | "unassignBaseline"
  | "startBaselineCapture"
  | "startBaselineCompare"
  | "compareAllAssigned"
  | "getBaselineSnapshot"
  | "getTenantBaseline"
  | "listFindings"
  | "getFinding"
  | "acknowledgeFindings"
  | "reopenFinding"
>;

const NOW = "2026-11-22T10:00:00.000Z";
const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The next steps of the reasons the fake answers with, as the backend's reason catalog words them. */
const NEXT_STEPS: Partial<Record<ReasonCode, string>> = {
  "baseline.compare.no_assignment": "Assign the tenant to a baseline profile, then compare.",
  "baseline.compare.profile_not_active": "Activate the profile, or assign the tenant to an active one.",
  "baseline.compare.no_consumable_snapshot": "Capture the profile's source tenant, then compare.",
};

function invalid(message: string): ApiError {
  return { code: "invalid_input", message };
}

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

/**
 * The baseline and findings commands over one mutable state, behaving like the backend where
 * the UI depends on it: readiness, status changes, one profile per tenant (a Conflict
 * otherwise), blocked starts, findings filtered, ordered and counted, acknowledgement and reopening.
 */
export function fakeBaselines(state: BaselineState = baselineState()): BaselineCommands {
  let nextId = 0;
  const newId = (prefix: string) => {
    nextId += 1;
    return `${prefix}-new-${nextId}`;
  };
  const profile = (id: BaselineProfileId): BaselineProfile => {
    const found = state.profiles.find((p) => p.id === id);
    if (found === undefined) throw notFound("Baseline profile");
    return found;
  };
  const tenant = (id: TenantId): Tenant => {
    const found = state.tenants.find((t) => t.id === id);
    if (found === undefined) throw notFound("Tenant");
    return found;
  };
  const replaceProfile = (next: BaselineProfile) => {
    state.profiles = state.profiles.map((p) => (p.id === next.id ? next : p));
    return next;
  };
  const assigned = (id: BaselineProfileId) =>
    Object.entries(state.assignments)
      .filter(([, profileId]) => profileId === id)
      .map(([tenantId]) => tenantId);
  const readiness = (p: BaselineProfile): BaselineReadiness => {
    const snapshots = state.snapshots.filter((s) => s.profile_id === p.id);
    const current = snapshots.find((s) => s.id === p.current_snapshot_id) ?? null;
    const latest = [...snapshots].sort((a, b) => b.created_at.localeCompare(a.created_at))[0] ?? null;
    const blocked: ReasonCode | null =
      p.status !== "active"
        ? "baseline.compare.profile_not_active"
        : current?.state === "complete"
          ? null
          : "baseline.compare.no_consumable_snapshot";
    return {
      current,
      latest_attempt: latest !== null && latest.id !== p.current_snapshot_id ? latest : null,
      blocked_by: blocked,
      next_step:
        blocked === null
          ? "Compare the assigned tenants against the current snapshot."
          : (NEXT_STEPS[blocked] ?? "Fix the reason, then compare."),
    };
  };
  const view = (p: BaselineProfile): BaselineProfileView => ({
    profile: p,
    assigned_tenants: assigned(p.id),
    readiness: readiness(p),
    open_findings: state.findings.filter((f) => f.profile_id === p.id && f.status === "open").length,
  });
  const findingDetail = (id: FindingId): FindingDetail => {
    const found = state.findings.find((f) => f.id === id);
    if (found === undefined) throw notFound("Finding");
    return {
      finding: found,
      tenant_name: tenant(found.tenant_id).display_name,
      profile_name: profile(found.profile_id).name,
      acknowledged_by_name: found.acknowledged_by === null ? null : appInfo().user.display_name,
      history: state.history[id] ?? [],
    };
  };
  const record = (id: FindingId, entry: Omit<FindingHistoryEntry, "at" | "run_id">) => {
    state.history[id] = [...(state.history[id] ?? []), { ...entry, at: NOW, run_id: null }];
  };
  const matching = (filter: FindingFilter, withSeverities: boolean) =>
    state.findings.filter((f) => {
      const within = <T>(list: T[], value: T) => list.length === 0 || list.includes(value);
      const search = filter.search?.trim().toLowerCase() ?? "";
      return (
        within(filter.tenants, f.tenant_id) &&
        within(filter.statuses, f.status) &&
        (!withSeverities || within(filter.severities, f.severity)) &&
        within(filter.kinds, f.kind) &&
        within(filter.policy_types, f.policy_type) &&
        within(filter.profiles, f.profile_id) &&
        (search === "" || f.display_name.toLowerCase().includes(search))
      );
    });
  const compareStart = (tenantId: TenantId): StartRunResponse => {
    const target = tenant(tenantId);
    const profileId = state.assignments[tenantId];
    const overrides = { tenant_id: tenantId, type: "baseline_compare" as const, id: newId("r-compare") };
    if (profileId === undefined) {
      return startResponse(
        "blocked",
        `${target.display_name} is not assigned to a baseline profile. Assign the tenant to a baseline profile, then compare.`,
        overrides,
      );
    }
    const blocked = readiness(profile(profileId)).blocked_by;
    if (blocked !== null)
      return startResponse("blocked", `${profile(profileId).name}: ${NEXT_STEPS[blocked]}`, overrides);
    return startResponse("queued", `Baseline compare of ${target.display_name} queued`, overrides);
  };

  return {
    listBaselineProfiles: vi.fn(async ({ workspace_id }) =>
      state.profiles.filter((p) => p.workspace_id === workspace_id).map(view),
    ),
    getBaselineProfile: vi.fn(async ({ profile_id }) => {
      const p = profile(profile_id);
      const { profile: _, open_findings: __, ...rest } = view(p);
      return {
        profile: p,
        ...rest,
        snapshots: state.snapshots
          .filter((s) => s.profile_id === p.id)
          .sort((a, b) => b.created_at.localeCompare(a.created_at)),
      };
    }),
    createBaselineProfile: vi.fn(async (request) => {
      if (request.name.trim() === "") throw invalid("The profile name is required.");
      if (state.profiles.some((p) => p.name === request.name.trim())) {
        throw invalid(`A baseline profile named ${request.name.trim()} already exists.`);
      }
      const created: BaselineProfile = {
        id: newId("p"),
        workspace_id: request.workspace_id,
        name: request.name.trim(),
        description: request.description?.trim() ?? "",
        status: "draft",
        capture_mode: request.capture_mode,
        scope: [...(request.scope ?? [])].sort(),
        source_tenant_id: request.source_tenant_id ?? null,
        current_snapshot_id: null,
        severity_rules: [],
        created_at: NOW,
        updated_at: NOW,
      };
      state.profiles = [...state.profiles, created];
      return created;
    }),
    updateBaselineProfile: vi.fn(async ({ profile_id, ...changes }) => {
      const before = profile(profile_id);
      if (before.status === "archived") {
        throw invalid(`${before.name} is archived; archived profiles are kept as they were.`);
      }
      if (changes.name !== undefined && changes.name.trim() === "") throw invalid("The profile name is required.");
      return replaceProfile({
        ...before,
        ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
        ...(changes.description === undefined ? {} : { description: changes.description.trim() }),
        ...(changes.capture_mode === undefined ? {} : { capture_mode: changes.capture_mode }),
        ...(changes.scope === undefined ? {} : { scope: [...changes.scope].sort() }),
        ...(changes.source_tenant_id === undefined ? {} : { source_tenant_id: changes.source_tenant_id }),
        ...(changes.severity_rules === undefined ? {} : { severity_rules: changes.severity_rules }),
        updated_at: NOW,
      });
    }),
    setBaselineProfileStatus: vi.fn(async ({ profile_id, status }) => {
      const before = profile(profile_id);
      const allowed =
        (before.status === "draft" && status !== "draft") || (before.status === "active" && status === "archived");
      if (before.status !== status && !allowed) {
        throw invalid(`${before.name} is ${before.status} and cannot become ${status}.`);
      }
      if (status === "active" && before.source_tenant_id === null) {
        throw invalid(`Choose the tenant ${before.name} captures from before activating it.`);
      }
      return replaceProfile({ ...before, status, updated_at: NOW });
    }),
    assignBaseline: vi.fn(async ({ profile_id, tenant_id }) => {
      const target = profile(profile_id);
      const assignee = tenant(tenant_id);
      const current = state.assignments[tenant_id];
      if (current !== undefined && current !== profile_id) {
        const error: ApiError = {
          code: "conflict",
          message: `${assignee.display_name} is already assigned to ${profile(current).name}; unassign it there first.`,
        };
        throw error;
      }
      state.assignments[tenant_id] = profile_id;
      return view(target);
    }),
    unassignBaseline: vi.fn(async ({ tenant_id }) => {
      delete state.assignments[tenant_id];
      return tenant(tenant_id);
    }),
    startBaselineCapture: vi.fn(async ({ profile_id }) => {
      const p = profile(profile_id);
      if (p.source_tenant_id === null) throw invalid(`Choose the tenant ${p.name} captures from first.`);
      const overrides = { tenant_id: p.source_tenant_id, type: "baseline_capture" as const, id: newId("r-capture") };
      if (p.status !== "active") {
        return startResponse("blocked", `${p.name} is not active: activate the profile, then capture.`, overrides);
      }
      return startResponse("queued", `Capture of ${p.name} queued`, overrides);
    }),
    startBaselineCompare: vi.fn(async ({ tenant_id }) => compareStart(tenant_id)),
    compareAllAssigned: vi.fn(async ({ profile_id }): Promise<SyncAllResponse> => {
      profile(profile_id);
      return {
        started: assigned(profile_id).map((tenantId) => ({
          tenant_id: tenantId,
          display_name: tenant(tenantId).display_name,
          start: compareStart(tenantId),
        })),
        skipped: [],
      };
    }),
    getBaselineSnapshot: vi.fn(async ({ snapshot_id }) => {
      const snapshot = state.snapshots.find((s) => s.id === snapshot_id);
      if (snapshot === undefined) throw notFound("Baseline snapshot");
      const owner = profile(snapshot.profile_id);
      const current = owner.current_snapshot_id === snapshot.id;
      return {
        snapshot,
        profile_name: owner.name,
        current,
        superseded: snapshot.state === "complete" && !current,
        items: state.items[snapshot.id] ?? [],
      };
    }),
    getTenantBaseline: vi.fn(async ({ tenant_id }): Promise<TenantBaseline> => {
      const target = tenant(tenant_id);
      const profileId = state.assignments[tenant_id];
      const assignedProfile = profileId === undefined ? null : profile(profileId);
      const ready = assignedProfile === null ? null : readiness(assignedProfile);
      const blocked: ReasonCode | null =
        assignedProfile === null ? "baseline.compare.no_assignment" : (ready?.blocked_by ?? null);
      return {
        tenant_id,
        profile: assignedProfile,
        readiness: ready,
        blocked_by: blocked,
        next_step:
          blocked === null
            ? "Compare the tenant to see its drift."
            : blocked === "baseline.compare.no_assignment"
              ? `${target.display_name} is not assigned to a baseline profile. ${NEXT_STEPS[blocked]}`
              : `${assignedProfile?.name}: ${NEXT_STEPS[blocked]}`,
        last_compare: state.lastCompares[tenant_id] ?? null,
      };
    }),
    listFindings: vi.fn(async ({ filter }): Promise<FindingsPage> => {
      const rows = matching(filter, true).sort(
        (a, b) =>
          SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
          b.last_seen_at.localeCompare(a.last_seen_at) ||
          b.id.localeCompare(a.id),
      );
      const counts: FindingsPage["severity_counts"] = {};
      for (const f of matching(filter, false)) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
      const limit = filter.limit === 0 ? 100 : filter.limit;
      return {
        page: { items: rows.slice(filter.offset, filter.offset + limit).map(findingSummary), total: rows.length },
        total_cap: 10_000,
        severity_counts: counts,
      };
    }),
    getFinding: vi.fn(async ({ finding_id }) => findingDetail(finding_id)),
    acknowledgeFindings: vi.fn(async ({ finding_ids, note }) => {
      if (note.trim() === "") throw invalid("The acknowledgement note is required.");
      const response = { acknowledged: [] as FindingId[], skipped: [] as { finding_id: FindingId; reason: string }[] };
      for (const id of finding_ids) {
        const found = state.findings.find((f) => f.id === id);
        if (found === undefined) throw notFound("Finding");
        if (found.status !== "open") {
          response.skipped.push({ finding_id: id, reason: `${found.display_name} is ${found.status}, not open.` });
          continue;
        }
        state.findings = state.findings.map((f) =>
          f.id === id
            ? {
                ...f,
                status: "acknowledged",
                acknowledged_at: NOW,
                acknowledged_by: appInfo().user.id,
                ack_note: note.trim(),
              }
            : f,
        );
        record(id, {
          action: "acknowledged",
          actor_user_id: appInfo().user.id,
          actor_name: appInfo().user.display_name,
          note: note.trim(),
        });
        response.acknowledged.push(id);
      }
      return response;
    }),
    reopenFinding: vi.fn(async ({ finding_id }) => {
      const found = findingDetail(finding_id).finding;
      if (found.status !== "acknowledged") {
        throw invalid(`${found.display_name} is ${found.status}; only an acknowledged finding can be reopened.`);
      }
      state.findings = state.findings.map((f) =>
        f.id === finding_id
          ? { ...f, status: "open", acknowledged_at: null, acknowledged_by: null, ack_note: null }
          : f,
      );
      record(finding_id, {
        action: "reopened",
        actor_user_id: appInfo().user.id,
        actor_name: appInfo().user.display_name,
        note: null,
      });
      return findingDetail(finding_id);
    }),
  };
}
