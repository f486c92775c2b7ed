-- Evidence snapshots (SPEC §8.1): a tenant's evidence frozen at a moment. Written once: a
-- building row becomes complete (with its content and hash) or incomplete (with a reason).
CREATE TABLE evidence_snapshots (
    id              TEXT PRIMARY KEY NOT NULL,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id       TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    run_id          TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    state           TEXT NOT NULL CHECK (state IN ('building', 'complete', 'incomplete')),
    content         JSONB,
    content_hash    TEXT,
    failure_reason  TEXT,
    created_at      BIGINT NOT NULL,
    completed_at    BIGINT,
    CHECK ((state = 'complete') = (content IS NOT NULL AND content_hash IS NOT NULL)),
    CHECK (state <> 'incomplete' OR failure_reason IS NOT NULL)
);
CREATE INDEX evidence_snapshots_tenant ON evidence_snapshots (tenant_id, created_at);
CREATE INDEX evidence_snapshots_run ON evidence_snapshots (run_id);
