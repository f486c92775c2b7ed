-- Baseline compare and drift findings (issue 12), PostgreSQL. Mirrors migrations/sqlite.

-- A profile's own severity rules (first match wins; the product's table otherwise).
ALTER TABLE baseline_profiles ADD COLUMN severity_rules JSONB NOT NULL DEFAULT '[]'::jsonb;
-- Subject keys the capture set aside because several source objects share them.
ALTER TABLE baseline_snapshots ADD COLUMN ambiguous JSONB NOT NULL DEFAULT '[]'::jsonb;
-- The configuration fingerprint (without tenant-specific fields), comparable across tenants.
-- Rows written before it existed have none until their next inventory sync.
ALTER TABLE inventory_items ADD COLUMN config_hash TEXT;

-- One finding per tenant and subject (SPEC §6.5); its kind, evidence and status change over
-- compares, its history is in finding_events.
CREATE TABLE findings (
    id                  TEXT PRIMARY KEY,
    workspace_id        TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id           TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    profile_id          TEXT NOT NULL REFERENCES baseline_profiles(id) ON DELETE CASCADE,
    subject_type        TEXT NOT NULL,
    subject_key         TEXT NOT NULL,
    policy_type         TEXT NOT NULL,
    display_name        TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('missing', 'unexpected', 'drifted')),
    severity            TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    -- 0 (info) … 4 (critical): orders the findings page by importance through an index.
    severity_rank       BIGINT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    evidence            JSONB NOT NULL,
    evidence_hash       TEXT NOT NULL,
    first_seen_run_id   TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    last_seen_run_id    TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    first_seen_at       BIGINT NOT NULL,
    last_seen_at        BIGINT NOT NULL,
    resolved_at         BIGINT,
    resolved_by_run_id  TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    acknowledged_at     BIGINT,
    acknowledged_by     TEXT REFERENCES users(id) ON DELETE SET NULL,
    ack_note            TEXT,
    updated_at          BIGINT NOT NULL,
    UNIQUE (tenant_id, subject_type, subject_key),
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
    CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL AND ack_note IS NOT NULL))
);
-- The findings page walks this in order (most important, most recent first) and filters as it
-- goes, so its first page costs the same over 200 rows or 200,000.
CREATE INDEX findings_page ON findings (workspace_id, severity_rank, last_seen_at, id);
CREATE INDEX findings_tenant ON findings (tenant_id, severity_rank, last_seen_at, id);
-- Counts by status and severity read only this index.
CREATE INDEX findings_counts ON findings (workspace_id, status, severity_rank);

-- What happened to each finding, oldest first.
CREATE TABLE finding_events (
    id             TEXT PRIMARY KEY,
    finding_id     TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    action         TEXT NOT NULL,
    run_id         TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    actor_user_id  TEXT REFERENCES users(id) ON DELETE SET NULL,
    note           TEXT
);
CREATE INDEX finding_events_finding ON finding_events (finding_id, at);
