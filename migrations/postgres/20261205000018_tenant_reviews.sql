-- Tenant reviews (SPEC §8.2): composed from a complete evidence snapshot by fixed rules; the
-- operator's note is the only part that changes afterwards.
CREATE TABLE tenant_reviews (
    id                    TEXT PRIMARY KEY NOT NULL,
    workspace_id          TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id             TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    evidence_snapshot_id  TEXT NOT NULL REFERENCES evidence_snapshots(id) ON DELETE CASCADE,
    run_id                TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    sections              JSONB NOT NULL,
    highlights            JSONB NOT NULL,
    actions               JSONB NOT NULL,
    note                  TEXT NOT NULL,
    note_updated_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    composed_at           BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL
);
CREATE INDEX tenant_reviews_tenant ON tenant_reviews (tenant_id, composed_at);
