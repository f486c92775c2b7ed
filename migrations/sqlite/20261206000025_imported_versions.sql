-- Versions imported from other tools' backups (SPEC §6.7): purpose `import`, and where each came
-- from (tool, file path, file hash); an imported backup set records the folder, the tool and
-- every file it could not import. SQLite cannot change a CHECK in place: policy_versions is
-- rebuilt the documented way (migrations run with foreign keys off, see `connect.rs`): a copy
-- with every row is renamed over the original, so the tables that reference it keep their rows.
CREATE TABLE policy_versions_next (
    id              TEXT PRIMARY KEY NOT NULL,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id       TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    object_type     TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    version_number  INTEGER NOT NULL CHECK (version_number >= 1),
    content_hash    TEXT NOT NULL,
    content         TEXT NOT NULL,
    captured_at     INTEGER NOT NULL,
    run_id          TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    purpose         TEXT NOT NULL
        CHECK (purpose IN ('backup', 'baseline_evidence', 'restore_preimage', 'import')),
    provenance      TEXT,
    UNIQUE (tenant_id, object_type, external_id, version_number)
);
INSERT INTO policy_versions_next (id, workspace_id, tenant_id, object_type, external_id,
    display_name, version_number, content_hash, content, captured_at, run_id, purpose)
SELECT id, workspace_id, tenant_id, object_type, external_id, display_name, version_number,
    content_hash, content, captured_at, run_id, purpose FROM policy_versions;
DROP TABLE policy_versions;
ALTER TABLE policy_versions_next RENAME TO policy_versions;
CREATE INDEX policy_versions_run ON policy_versions (run_id) WHERE run_id IS NOT NULL;
ALTER TABLE backup_sets ADD COLUMN origin TEXT;
-- A baseline snapshot made from an imported backup records the §6.7 rule that decided it.
ALTER TABLE baseline_snapshots ADD COLUMN proof_rule TEXT;
