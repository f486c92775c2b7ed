import { vi } from "vitest";
import type { Commands } from "../bindings/commands";
import type {
  ApiError,
  GenerateReviewPackResponse,
  PackFileProblem,
  PackOptions,
  PackSettings,
  PackStatus,
  PackVerification,
  ReviewPack,
  ReviewPackId,
  ReviewPackView,
  SignatureState,
  SigningKeyView,
  Tenant,
  TenantId,
  WorkspaceId,
} from "../bindings/types";
import { demoTenants, workspaceSummary } from "./fixtures";
import { packSettings, packSummary, pendingSummary, signingKey } from "./packFixtures";

/** A review pack file on disk, as far as verifying it goes. */
export type PackFile = {
  /** The pack it is a copy of. */
  pack_id: ReviewPackId;
  /** Files inside it that fail the check, in the backend's words ("has changed: …"). */
  problems: PackFileProblem[];
  /** The fingerprint of the key that signed it (the pack's workspace's key when saved here). */
  key_fingerprint: string;
  /** False when its signature does not match its manifest. */
  signature_valid: boolean;
};

/** What the fake review pack backend holds; tests build it, pass it in and read it back. */
export type PackState = {
  tenants: Tenant[];
  /** Every pack, in any order. */
  packs: ReviewPack[];
  /** Per workspace; the backend's defaults where none was saved. */
  settings: Record<WorkspaceId, PackSettings>;
  /** Per workspace; none until its first pack is signed. */
  signingKeys: Record<WorkspaceId, SigningKeyView>;
  /** Pack files by absolute path: the copies saved, and any a test puts there. */
  files: Record<string, PackFile>;
  /** Packs whose file has gone from the data folder although nothing recorded it. */
  lostFiles: ReviewPackId[];
  /** Packs another computer of the team generated (its host name): their files are there. */
  madeElsewhere: Record<ReviewPackId, string>;
  /** A test bumps a tenant's number when its content changes: its next pack has another fingerprint. */
  contentVersions: Record<TenantId, number>;
};

export function packState(initial: Partial<PackState> = {}): PackState {
  return {
    tenants: demoTenants,
    packs: [],
    settings: {},
    signingKeys: {},
    files: {},
    lostFiles: [],
    madeElsewhere: {},
    contentVersions: {},
    ...initial,
  };
}

type PackCommands = Pick<
  Commands,
  | "generateReviewPack"
  | "latestReviewPack"
  | "getReviewPack"
  | "listReviewPacks"
  | "saveReviewPack"
  | "verifyPackFile"
  | "reviewPackSettings"
  | "updateReviewPackSettings"
>;

const NOW = Date.parse("2026-11-22T10:00:00.000Z");
const DAY_MS = 86_400_000;
const MAX_PAGE = 500;
const MAX_PACK_DAYS = 3_650;
/** The key a saved copy names when its pack recorded none (a pack a test built by hand). */
const FALLBACK_KEY = signingKey().fingerprint;

function invalid(message: string): ApiError {
  return { code: "invalid_input", message };
}

function conflict(message: string): ApiError {
  return { code: "conflict", message };
}

function notFound(what: string): ApiError {
  return { code: "not_found", message: `${what} was not found.` };
}

function settingsOf(state: PackState, workspaceId: WorkspaceId): PackSettings {
  return state.settings[workspaceId] ?? packSettings();
}

function at(ms: number): string {
  return new Date(ms).toISOString();
}

/** The first problem with `settings`, in the backend's words (`PackSettings::problem`). */
function settingsProblem(settings: PackSettings): string | null {
  const check = (name: string, days: number, min: number) =>
    days < min || days > MAX_PACK_DAYS ? `${name} must be between ${min} and ${MAX_PACK_DAYS} days, not ${days}` : null;
  return (
    check("Retention", settings.retention_days, 1) ??
    check("The grace period", settings.grace_days, 0) ??
    check("The evidence age for reviews", settings.evidence_max_age_days, 1)
  );
}

/**
 * Moves a pack on as the generating run would: generating, then ready (with its file, size,
 * hash, summary and retention dates, and the workspace's signing key made if it had none) or
 * failed; a ready pack can expire, optionally with its file deleted. Refuses moves the backend
 * forbids, so a test cannot build a state the app never sees.
 */
export function advancePack(
  state: PackState,
  packId: ReviewPackId,
  status: Exclude<PackStatus, "queued">,
  { fileDeleted = false }: { fileDeleted?: boolean } = {},
): ReviewPack {
  const before = state.packs.find((p) => p.id === packId);
  if (before === undefined) throw new Error(`No pack ${packId}`);
  const allowed: Record<PackStatus, PackStatus[]> = {
    queued: ["generating", "failed"],
    generating: ["ready", "failed"],
    ready: ["expired"],
    failed: [],
    expired: [],
  };
  if (!allowed[before.status].includes(status)) throw new Error(`A ${before.status} pack cannot become ${status}`);
  const settings = settingsOf(state, before.workspace_id);
  const updated = at(NOW + state.packs.length * 1_000);
  let next: ReviewPack = { ...before, status, updated_at: updated };
  if (status === "ready") {
    // The workspace's key is made when its first pack is signed.
    state.signingKeys[before.workspace_id] ??= signingKey({ created_at: updated });
    const key = state.signingKeys[before.workspace_id] ?? signingKey();
    next = {
      ...next,
      summary: packSummary({
        operations: before.options.include_operations ? 27 : null,
        files: before.options.include_operations ? 11 : 9,
        signing_key_fingerprint: key.fingerprint,
      }),
      file_size: 48_213,
      file_sha256: `sha-${before.id}`,
      generated_at: updated,
      expires_at: at(Date.parse(updated) + settings.retention_days * DAY_MS),
    };
  }
  if (status === "expired") {
    next = { ...next, file_deleted_at: fileDeleted ? updated : null };
  }
  state.packs = state.packs.map((p) => (p.id === packId ? next : p));
  return next;
}

/**
 * The review pack commands over one mutable state, behaving like the backend where the UI
 * depends on it: asking for a pack queues one unless a pack of the same content (tenant,
 * options and data) is already being made or ready; lists are newest first and paged; only a
 * ready pack whose file is there can be saved, and the saved copy verifies against the
 * workspace's key; settings are checked as the backend checks them.
 */
export function fakePacks(state: PackState = packState()): PackCommands {
  let nextId = 0;
  const tenant = (id: TenantId): Tenant => {
    const found = state.tenants.find((t) => t.id === id);
    if (found === undefined) throw notFound("Tenant");
    return found;
  };
  const pack = (id: ReviewPackId): ReviewPack => {
    const found = state.packs.find((p) => p.id === id);
    if (found === undefined) throw notFound("Review pack");
    return found;
  };
  const view = (p: ReviewPack): ReviewPackView => ({
    pack: p,
    tenant_name: state.tenants.find((t) => t.id === p.tenant_id)?.display_name ?? "",
    file_available:
      (p.status === "ready" || p.status === "expired") && p.file_deleted_at === null && !state.lostFiles.includes(p.id),
  });
  const newestFirst = (a: ReviewPack, b: ReviewPack) =>
    b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);
  const fingerprint = (tenantId: TenantId, options: PackOptions) =>
    `${tenantId}:${options.include_pii ? "names" : "pseudonyms"}:${options.include_operations ? "operations" : "none"}:${state.contentVersions[tenantId] ?? 0}`;
  const workspaceName = (id: WorkspaceId) => (id === "w1" ? workspaceSummary().workspace.name : id);

  return {
    generateReviewPack: vi.fn(
      async ({ tenant_id, include_pii, include_operations }): Promise<GenerateReviewPackResponse> => {
        const target = tenant(tenant_id);
        const defaults = settingsOf(state, target.workspace_id).defaults;
        const options: PackOptions = {
          include_pii: include_pii ?? defaults.include_pii,
          include_operations: include_operations ?? defaults.include_operations,
        };
        const print = fingerprint(tenant_id, options);
        let same = state.packs.find(
          (p) =>
            p.tenant_id === tenant_id && p.fingerprint === print && p.status !== "failed" && p.status !== "expired",
        );
        // As the backend: a ready pack whose file is not here is another computer's to save,
        // or (made here, its file removed) retired so that the content is packed anew.
        const host = same === undefined ? undefined : state.madeElsewhere[same.id];
        if (same !== undefined && same.status === "ready" && (view(same).file_available || host !== undefined)) {
          return {
            intent: "already_available",
            pack: view(same),
            run_id: null,
            message: host === undefined ? "Review pack already available" : `Review pack already available on ${host}`,
          };
        }
        if (same !== undefined && same.status === "ready") {
          const retired: ReviewPack = { ...same, status: "expired", file_deleted_at: at(NOW) };
          state.packs = state.packs.map((p) => (p.id === retired.id ? retired : p));
          same = undefined;
        }
        if (same !== undefined) {
          return {
            intent: "already_queued",
            pack: view(same),
            run_id: same.run_id,
            message: "A review pack of this content is already being generated",
          };
        }
        nextId += 1;
        const created = at(NOW + (state.packs.length + nextId) * 1_000);
        const previous = state.packs.filter((p) => p.tenant_id === tenant_id).sort(newestFirst)[0];
        const queued: ReviewPack = {
          id: `pack-new-${nextId}`,
          workspace_id: target.workspace_id,
          tenant_id,
          run_id: `r-pack-new-${nextId}`,
          initiated_by: "u1",
          status: "queued",
          fingerprint: print,
          previous_fingerprint: previous?.fingerprint ?? null,
          options,
          summary: pendingSummary(),
          file_size: null,
          file_sha256: null,
          generated_at: null,
          expires_at: null,
          file_deleted_at: null,
          created_at: created,
          updated_at: created,
        };
        state.packs = [...state.packs, queued];
        return { intent: "queued", pack: view(queued), run_id: queued.run_id, message: "Review pack queued" };
      },
    ),
    latestReviewPack: vi.fn(async ({ tenant_id }) => {
      tenant(tenant_id);
      const latest = state.packs.filter((p) => p.tenant_id === tenant_id).sort(newestFirst)[0];
      return latest === undefined ? null : view(latest);
    }),
    getReviewPack: vi.fn(async ({ pack_id }) => view(pack(pack_id))),
    listReviewPacks: vi.fn(async ({ workspace_id, tenant_id, offset, limit }) => {
      if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
        throw invalid(`A page starts at 0 or later and holds 1 to ${MAX_PAGE} packs.`);
      }
      if (tenant_id !== undefined) tenant(tenant_id);
      const rows = state.packs
        .filter((p) => p.workspace_id === workspace_id && (tenant_id === undefined || p.tenant_id === tenant_id))
        .sort(newestFirst);
      return { items: rows.slice(offset, offset + limit).map(view), total: rows.length };
    }),
    saveReviewPack: vi.fn(async ({ pack_id, destination }) => {
      const found = pack(pack_id);
      if (found.status !== "ready") throw conflict(`Only a ready pack can be saved; this one is ${found.status}.`);
      const path = destination.trim();
      if (!path.startsWith("/") || path.endsWith("/"))
        throw invalid("Choose a file to save the pack as (a full path).");
      if (!view(found).file_available) {
        throw conflict(
          "The pack's file is not in this computer's data folder; generate the pack again (made here, it is made anew; made on another computer, that computer is named).",
        );
      }
      state.files[path] = {
        pack_id,
        problems: [],
        key_fingerprint: found.summary.signing_key_fingerprint ?? FALLBACK_KEY,
        signature_valid: true,
      };
      return { path, size: found.file_size ?? 0, sha256: found.file_sha256 ?? "" };
    }),
    verifyPackFile: vi.fn(async ({ path, workspace_id }): Promise<PackVerification> => {
      const file = state.files[path.trim()];
      if (file === undefined) throw invalid(`${path.trim()} cannot be read: No such file or directory (os error 2)`);
      const source = pack(file.pack_id);
      const trusted = workspace_id === undefined ? undefined : state.signingKeys[workspace_id]?.fingerprint;
      const signature: SignatureState = !file.signature_valid
        ? "invalid"
        : trusted === undefined
          ? "valid_for_pack_key"
          : trusted === file.key_fingerprint
            ? "trusted"
            : "other_key";
      const words: Record<SignatureState, string> = {
        trusted: "signed with this workspace's key",
        valid_for_pack_key: "signed with the key it names; compare that key's fingerprint with your MSP's",
        other_key: "signed with another key than this workspace's",
        invalid: "its signature does not match its manifest",
        unchecked: "its signature could not be checked",
      };
      const intact = file.problems.length === 0 && (signature === "trusted" || signature === "valid_for_pack_key");
      const n = file.problems.length;
      const verdict = intact
        ? `The pack is intact: every file matches its manifest, ${words[signature]}.`
        : n === 0
          ? `The pack's files match its manifest, but ${words[signature]}.`
          : `The pack was changed: ${n} ${n === 1 ? "file does" : "files do"} not match the manifest; ${words[signature]}.`;
      return {
        intact,
        verdict,
        signature,
        key_fingerprint: file.key_fingerprint,
        problems: file.problems,
        files_checked: Math.max(0, source.summary.files - n),
        tenant_name: view(source).tenant_name,
        workspace_name: workspaceName(source.workspace_id),
        generated_at: source.generated_at,
        fingerprint: source.fingerprint,
      };
    }),
    reviewPackSettings: vi.fn(async ({ workspace_id }) => ({
      settings: settingsOf(state, workspace_id),
      signing_key: state.signingKeys[workspace_id] ?? null,
    })),
    updateReviewPackSettings: vi.fn(async ({ workspace_id, settings }) => {
      const problem = settingsProblem(settings);
      if (problem !== null) throw invalid(problem);
      state.settings[workspace_id] = settings;
      return { settings, signing_key: state.signingKeys[workspace_id] ?? null };
    }),
  };
}
