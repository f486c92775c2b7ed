-- Foundation schema (PostgreSQL). Times are integer milliseconds since the Unix epoch (UTC),
-- like SQLite, so both dialects share one representation. Mirrors migrations/sqlite.

CREATE TABLE workspaces (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE workspace_memberships (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'operator', 'readonly')),
    all_tenants   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_memberships_user ON workspace_memberships (user_id);

-- Provider connection metadata only: the secret itself lives in the OS keyring and
-- credential_ref names the keyring entry. There is deliberately no column for a secret.
CREATE TABLE tenants (
    id                     TEXT PRIMARY KEY,
    workspace_id           TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    display_name           TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    directory_tenant_id    TEXT NOT NULL,
    primary_domain         TEXT,
    status                 TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
    simulated              BOOLEAN NOT NULL DEFAULT FALSE,
    client_id              TEXT,
    credential_kind        TEXT CHECK (credential_kind IN ('client_secret', 'certificate')),
    credential_ref         TEXT,
    credential_updated_at  BIGINT,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL,
    UNIQUE (workspace_id, directory_tenant_id)
);

CREATE TABLE tenant_entitlements (
    workspace_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, tenant_id),
    FOREIGN KEY (workspace_id, user_id)
        REFERENCES workspace_memberships(workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE operation_runs (
    id                     TEXT PRIMARY KEY,
    workspace_id           TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id              TEXT REFERENCES tenants(id) ON DELETE CASCADE,
    initiator_user_id      TEXT REFERENCES users(id) ON DELETE SET NULL,
    type                   TEXT NOT NULL,
    status                 TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed')),
    outcome                TEXT NOT NULL CHECK (outcome IN ('pending', 'succeeded', 'partially_succeeded', 'blocked', 'failed')),
    run_identity_hash      TEXT NOT NULL,
    summary_counts         JSONB NOT NULL DEFAULT '{}',
    failure_summary        JSONB NOT NULL DEFAULT '[]',
    context                JSONB NOT NULL DEFAULT '{}',
    created_at             BIGINT NOT NULL,
    started_at             BIGINT,
    completed_at           BIGINT,
    attempt                INTEGER NOT NULL DEFAULT 0,
    lease_owner            TEXT,
    lease_expires_at       BIGINT,
    heartbeat_at           BIGINT,
    reconciled_at          BIGINT,
    reconciliation_reason  TEXT,
    reconciliation_source  TEXT,
    -- pending exactly while active; a completion time exactly when completed
    CHECK ((status IN ('queued', 'running')) = (outcome = 'pending')),
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
-- Dedupe safety net: one active run per identity.
CREATE UNIQUE INDEX operation_runs_active_identity
    ON operation_runs (run_identity_hash) WHERE status IN ('queued', 'running');
CREATE INDEX operation_runs_workspace_created ON operation_runs (workspace_id, created_at DESC);
CREATE INDEX operation_runs_tenant_created ON operation_runs (tenant_id, created_at DESC);
CREATE INDEX operation_runs_status_type ON operation_runs (status, type);
CREATE INDEX operation_runs_queued ON operation_runs (created_at) WHERE status = 'queued';
CREATE INDEX operation_runs_running_lease ON operation_runs (lease_expires_at) WHERE status = 'running';
CREATE INDEX operation_runs_reconciled ON operation_runs (reconciled_at) WHERE reconciled_at IS NOT NULL;

CREATE TABLE audit_log (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id      TEXT REFERENCES tenants(id) ON DELETE SET NULL,
    actor_kind     TEXT NOT NULL CHECK (actor_kind IN ('user', 'system')),
    actor_user_id  TEXT REFERENCES users(id) ON DELETE SET NULL,
    action         TEXT NOT NULL,
    target_type    TEXT NOT NULL,
    target_id      TEXT,
    summary        TEXT NOT NULL,
    metadata       JSONB NOT NULL DEFAULT '{}',
    created_at     BIGINT NOT NULL,
    CHECK ((actor_kind = 'user') = (actor_user_id IS NOT NULL))
);
CREATE INDEX audit_log_workspace_created ON audit_log (workspace_id, created_at DESC);
CREATE INDEX audit_log_tenant_created ON audit_log (tenant_id, created_at DESC);

CREATE TABLE user_notifications (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    workspace_id  TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
    run_id        TEXT REFERENCES operation_runs(id) ON DELETE CASCADE,
    tone          TEXT NOT NULL CHECK (tone IN ('success', 'warning', 'danger', 'info', 'neutral')),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    read_at       BIGINT
);
CREATE INDEX user_notifications_user_created ON user_notifications (user_id, created_at DESC);
