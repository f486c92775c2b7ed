-- Review packs (SPEC §8.3): one row per pack, its file in the data folder's exports named by
-- its id. Content dedupe: at most one active (queued, generating or ready) pack per tenant and
-- fingerprint; failed and expired packs give their fingerprint up.
CREATE TABLE review_packs (
    id                    TEXT PRIMARY KEY NOT NULL,
    workspace_id          TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id             TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    run_id                TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    initiated_by          TEXT REFERENCES users(id) ON DELETE SET NULL,
    status                TEXT NOT NULL
        CHECK (status IN ('queued', 'generating', 'ready', 'failed', 'expired')),
    fingerprint           TEXT NOT NULL,
    previous_fingerprint  TEXT,
    options               TEXT NOT NULL,
    summary               TEXT NOT NULL,
    file_size             INTEGER,
    file_sha256           TEXT,
    generated_at          INTEGER,
    expires_at            INTEGER,
    file_deleted_at       INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    -- Ready means written and verified: never without its file's size and hash.
    CHECK (status NOT IN ('ready', 'expired')
           OR (file_size IS NOT NULL AND file_sha256 IS NOT NULL AND generated_at IS NOT NULL
               AND expires_at IS NOT NULL))
);
CREATE UNIQUE INDEX review_packs_active_fingerprint ON review_packs (workspace_id, tenant_id, fingerprint)
    WHERE status IN ('queued', 'generating', 'ready');
CREATE INDEX review_packs_tenant ON review_packs (tenant_id, created_at);
CREATE INDEX review_packs_workspace ON review_packs (workspace_id, created_at, id);
-- The daily prune's two questions: which ready packs expired, which expired files are due.
CREATE INDEX review_packs_expiry ON review_packs (status, expires_at);
CREATE INDEX review_packs_run ON review_packs (run_id);

-- A workspace's review pack settings (a workspace without a row uses the product defaults).
CREATE TABLE workspace_pack_settings (
    workspace_id          TEXT PRIMARY KEY NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    include_pii           INTEGER NOT NULL CHECK (include_pii IN (0, 1)),
    include_operations    INTEGER NOT NULL CHECK (include_operations IN (0, 1)),
    retention_days        INTEGER NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
    grace_days            INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 3650),
    updated_by            TEXT REFERENCES users(id) ON DELETE SET NULL,
    updated_at            INTEGER NOT NULL
);

-- The public half of each workspace's pack signing key (the secret half is in the OS keyring
-- of the machine that made it, under keyring_entry).
CREATE TABLE pack_signing_keys (
    workspace_id          TEXT PRIMARY KEY NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    public_key_pem        TEXT NOT NULL,
    fingerprint           TEXT NOT NULL,
    keyring_entry         TEXT NOT NULL,
    created_at            INTEGER NOT NULL
);
