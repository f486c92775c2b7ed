-- Backup sets (SPEC §7): the versions one backup run captured of a tenant, as a whole. Items
-- name the version of every object the run read (new or unchanged), so a set restores the
-- tenant as it was. A version a set holds cannot be deleted while the set exists.
CREATE TABLE backup_sets (
    id              TEXT PRIMARY KEY NOT NULL,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id       TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    run_id          TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    schedule_id     TEXT REFERENCES schedules(id) ON DELETE SET NULL,
    initiated_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('capturing', 'complete', 'partial', 'failed')),
    selection       TEXT NOT NULL,
    item_count      INTEGER NOT NULL DEFAULT 0,
    new_versions    INTEGER NOT NULL DEFAULT 0,
    types           TEXT NOT NULL,
    missing         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    completed_at    INTEGER,
    CHECK ((status = 'capturing') = (completed_at IS NULL))
);
CREATE INDEX backup_sets_tenant ON backup_sets (tenant_id, created_at);
CREATE INDEX backup_sets_run ON backup_sets (run_id);

CREATE TABLE backup_set_items (
    set_id       TEXT NOT NULL REFERENCES backup_sets(id) ON DELETE CASCADE,
    version_id   TEXT NOT NULL REFERENCES policy_versions(id) ON DELETE RESTRICT,
    PRIMARY KEY (set_id, version_id)
);
CREATE INDEX backup_set_items_version ON backup_set_items (version_id);
