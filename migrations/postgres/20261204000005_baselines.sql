-- Baselines (issue 12), PostgreSQL. Mirrors migrations/sqlite.
-- Times are integer milliseconds since the Unix epoch (UTC); ids are UUID text; JSON is JSONB.

-- Baseline profiles: what "good" looks like, owned by a workspace (SPEC §6.1).
CREATE TABLE baseline_profiles (
    id                   TEXT PRIMARY KEY,
    workspace_id         TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description          TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    capture_mode         TEXT NOT NULL CHECK (capture_mode IN ('meta', 'full_content')),
    -- Catalog policy type keys; an empty list means every policy type.
    scope                JSONB NOT NULL,
    source_tenant_id     TEXT REFERENCES tenants(id) ON DELETE SET NULL,
    -- The effective snapshot; the store only ever points it at a complete snapshot.
    current_snapshot_id  TEXT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX baseline_profiles_workspace_name ON baseline_profiles (workspace_id, name);

-- A tenant is assigned to at most one profile: the tenant is the key.
CREATE TABLE baseline_assignments (
    tenant_id     TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    profile_id    TEXT NOT NULL REFERENCES baseline_profiles(id) ON DELETE CASCADE,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    assigned_at   BIGINT NOT NULL
);
CREATE INDEX baseline_assignments_profile ON baseline_assignments (profile_id);

-- Captures of a profile's source tenant (SPEC §6.2). The lifecycle is building → complete or
-- incomplete; the proof columns are filled exactly when complete.
CREATE TABLE baseline_snapshots (
    id                 TEXT PRIMARY KEY,
    workspace_id       TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    profile_id         TEXT NOT NULL REFERENCES baseline_profiles(id) ON DELETE CASCADE,
    source_tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    capture_mode       TEXT NOT NULL CHECK (capture_mode IN ('meta', 'full_content')),
    state              TEXT NOT NULL CHECK (state IN ('building', 'complete', 'incomplete')),
    identity_hash      TEXT NOT NULL,
    producer_run_id    TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    expected_items     BIGINT,
    persisted_items    BIGINT,
    was_empty_capture  BOOLEAN,
    failure_reason     TEXT,
    failed_at          BIGINT,
    created_at         BIGINT NOT NULL,
    completed_at       BIGINT,
    CHECK ((state = 'complete') = (expected_items IS NOT NULL AND persisted_items IS NOT NULL
                                  AND was_empty_capture IS NOT NULL AND completed_at IS NOT NULL)),
    CHECK ((state = 'incomplete') = (failed_at IS NOT NULL AND failure_reason IS NOT NULL))
);
CREATE INDEX baseline_snapshots_profile_created ON baseline_snapshots (profile_id, created_at);
CREATE INDEX baseline_snapshots_identity ON baseline_snapshots (profile_id, identity_hash);

-- What a snapshot recorded per subject. Unique per (snapshot, subject type, subject key), so a
-- retried capture cannot add the same subject twice.
CREATE TABLE baseline_snapshot_items (
    snapshot_id    TEXT NOT NULL REFERENCES baseline_snapshots(id) ON DELETE CASCADE,
    subject_type   TEXT NOT NULL,
    subject_key    TEXT NOT NULL,
    policy_type    TEXT NOT NULL,
    baseline_hash  TEXT NOT NULL,
    meta           JSONB NOT NULL,
    content        JSONB,
    PRIMARY KEY (snapshot_id, subject_type, subject_key)
);
