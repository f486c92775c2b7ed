-- Restores (SPEC §7): a source (backup set or chosen versions), a target tenant and the
-- operator's group choices; planned read-only by a preview run, then executed once by another.
CREATE TABLE restores (
    id                 TEXT PRIMARY KEY NOT NULL,
    workspace_id       TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id          TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    source             TEXT NOT NULL,
    source_tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_overrides    TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('planning', 'previewed', 'preview_failed',
                           'outdated', 'executing', 'executed', 'execute_failed')),
    preview_run_id     TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    execute_run_id     TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    target_state_hash  TEXT,
    plan               TEXT,
    created_by         TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    previewed_at       INTEGER,
    executed_at        INTEGER,
    CHECK ((status = 'planning' OR status = 'preview_failed') OR plan IS NOT NULL)
);
CREATE INDEX restores_tenant ON restores (tenant_id, created_at);

-- The versions a restore reads (its source) and writes before overwriting (pre-images):
-- retention never deletes them while the restore exists.
CREATE TABLE restore_versions (
    restore_id   TEXT NOT NULL REFERENCES restores(id) ON DELETE CASCADE,
    version_id   TEXT NOT NULL REFERENCES policy_versions(id) ON DELETE RESTRICT,
    role         TEXT NOT NULL CHECK (role IN ('source', 'pre_image')),
    PRIMARY KEY (restore_id, version_id, role)
);
CREATE INDEX restore_versions_version ON restore_versions (version_id);
