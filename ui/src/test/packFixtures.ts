import type {
  PackSettings,
  PackStatus,
  PackSummary,
  PackVerification,
  ReviewPack,
  ReviewPackView,
  SigningKeyView,
} from "../bindings/types";

/**
 * The backend's defaults: names and operations included, kept 90 days, files 30 days longer,
 * reviews from evidence at most 7 days old.
 */
export function packSettings(overrides: Partial<PackSettings> = {}): PackSettings {
  return {
    defaults: { include_pii: true, include_operations: true },
    retention_days: 90,
    grace_days: 30,
    evidence_max_age_days: 7,
    ...overrides,
  };
}

export function signingKey(overrides: Partial<SigningKeyView> = {}): SigningKeyView {
  return {
    fingerprint: "SHA256:9c2f41d0a7b3e5f1c8d6a4b2e0f9c7d5",
    public_key_pem:
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAq2Yt1Pn7m3yqv9wJd7Rz0c5xU1pYk8bJ3mG4sT6hL2E=\n-----END PUBLIC KEY-----\n",
    created_at: "2026-11-20T08:00:00.000Z",
    ...overrides,
  };
}

/** What a ready pack of Contoso holds: 1,204 objects, open drift, no operations counted yet. */
export function packSummary(overrides: Partial<PackSummary> = {}): PackSummary {
  return {
    inventory_items: 1204,
    policy_types: 14,
    open_findings: { critical: 1, high: 2, medium: 3 },
    role_assignments: 9,
    operations: 27,
    files: 11,
    data_freshness: { inventory: "2026-11-22T09:00:00.000Z", findings: "2026-11-22T09:10:00.000Z" },
    signing_key_fingerprint: signingKey().fingerprint,
    ...overrides,
  };
}

/** What a pack not generated yet holds: nothing counted, no key. */
export function pendingSummary(): PackSummary {
  return packSummary({
    inventory_items: 0,
    policy_types: 0,
    open_findings: {},
    role_assignments: 0,
    operations: null,
    files: 0,
    data_freshness: {},
    signing_key_fingerprint: null,
  });
}

/**
 * A review pack of Contoso; its status fills in what the backend records at that point of its
 * life (a ready pack has its file's size, hash and dates; a queued one none of them).
 */
export function reviewPack(overrides: Partial<ReviewPack> = {}): ReviewPack {
  const status: PackStatus = overrides.status ?? "ready";
  const generated = status === "ready" || status === "expired";
  return {
    id: "pack-1",
    workspace_id: "w1",
    tenant_id: "t-contoso",
    run_id: "r-pack-1",
    initiated_by: "u1",
    status,
    fingerprint: "5d41402abc4b2a76b9719d911017c592",
    previous_fingerprint: null,
    options: { include_pii: true, include_operations: true },
    summary: generated ? packSummary() : pendingSummary(),
    file_size: generated ? 48_213 : null,
    file_sha256: generated ? "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" : null,
    generated_at: generated ? "2026-11-22T09:30:00.000Z" : null,
    expires_at: generated ? "2027-02-20T09:30:00.000Z" : null,
    file_deleted_at: null,
    created_at: "2026-11-22T09:29:00.000Z",
    updated_at: "2026-11-22T09:30:00.000Z",
    ...overrides,
  };
}

/** A pack as lists and cards show it; its file is in the data folder when it is ready or expired and not deleted. */
export function packView(overrides: Partial<ReviewPack> = {}, tenantName = "Contoso Pharma"): ReviewPackView {
  const pack = reviewPack(overrides);
  return {
    pack,
    tenant_name: tenantName,
    file_available: (pack.status === "ready" || pack.status === "expired") && pack.file_deleted_at === null,
  };
}

/** The verdict on an untouched pack of Contoso, signed with the workspace's key. */
export function packVerification(overrides: Partial<PackVerification> = {}): PackVerification {
  return {
    intact: true,
    verdict: "The pack is intact: every file matches its manifest, signed with this workspace's key.",
    signature: "trusted",
    key_fingerprint: signingKey().fingerprint,
    problems: [],
    files_checked: 11,
    tenant_name: "Contoso Pharma",
    workspace_name: "Northwind MSP (demo)",
    generated_at: "2026-11-22T09:30:00Z",
    fingerprint: reviewPack().fingerprint,
    ...overrides,
  };
}
