-- Tenants and inventory (issue 5), PostgreSQL. Mirrors migrations/sqlite.
-- Times are integer milliseconds since the Unix epoch (UTC); ids are UUID text; JSON is JSONB.
-- *_folded columns hold the display name lower-cased by the application (Unicode-aware, which
-- SQLite's lower() is not), so search and name order are identical on both engines; they
-- and inventory_items.object_type (a sort key) compare by code point ("C"), as SQLite does,
-- whatever the database's locale.

-- The last connection check. A stable reason code, never a provider message (those can echo
-- credential material).
ALTER TABLE tenants ADD COLUMN connection_state TEXT NOT NULL DEFAULT 'unverified'
    CHECK (connection_state IN ('unverified', 'connected', 'failed'));
ALTER TABLE tenants ADD COLUMN connection_checked_at BIGINT;
ALTER TABLE tenants ADD COLUMN connection_reason_code TEXT;

-- "Last sync per kind" on the tenants list: the newest completed run per tenant and type.
CREATE INDEX operation_runs_tenant_type_completed
    ON operation_runs (tenant_id, type, completed_at DESC) WHERE status = 'completed';

-- The last observed truth of a tenant's configuration objects.
CREATE TABLE inventory_items (
    id                   TEXT PRIMARY KEY,
    workspace_id         TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id            TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    object_type          TEXT COLLATE "C" NOT NULL,
    external_id          TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    display_name_folded  TEXT COLLATE "C" NOT NULL,
    platform             TEXT,
    content_hash         TEXT NOT NULL,
    first_seen_at        BIGINT NOT NULL,
    last_seen_at         BIGINT NOT NULL,
    removed_at           BIGINT,
    last_run_id          TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    UNIQUE (tenant_id, object_type, external_id)
);
-- The unique key also serves type filters, type order and removal marking.
CREATE INDEX inventory_items_tenant_name ON inventory_items (tenant_id, display_name_folded);
CREATE INDEX inventory_items_tenant_seen ON inventory_items (tenant_id, last_seen_at);

-- Immutable captures of a policy's content; a new number only when the content hash changed.
CREATE TABLE policy_versions (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id       TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    object_type     TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    version_number  INTEGER NOT NULL CHECK (version_number >= 1),
    content_hash    TEXT NOT NULL,
    content         JSONB NOT NULL,
    captured_at     BIGINT NOT NULL,
    run_id          TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('backup', 'baseline_evidence', 'restore_preimage')),
    UNIQUE (tenant_id, object_type, external_id, version_number)
);

-- Entra groups, for showing assignment targets by name and mapping groups on restore.
CREATE TABLE directory_groups (
    tenant_id            TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    group_id             TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    display_name_folded  TEXT COLLATE "C" NOT NULL,
    description          TEXT,
    mail                 TEXT,
    security_enabled     BOOLEAN NOT NULL,
    mail_enabled         BOOLEAN NOT NULL,
    group_types          JSONB NOT NULL DEFAULT '[]',
    membership_rule      TEXT,
    last_seen_at         BIGINT NOT NULL,
    removed_at           BIGINT,
    PRIMARY KEY (tenant_id, group_id)
);
CREATE INDEX directory_groups_tenant_name ON directory_groups (tenant_id, display_name_folded);

-- Directory roles as last observed; each sync replaces a tenant's rows. Assignments may name a
-- definition that was not read, so there is no foreign key between them.
CREATE TABLE directory_role_definitions (
    tenant_id           TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    role_definition_id  TEXT NOT NULL,
    display_name        TEXT NOT NULL,
    description         TEXT,
    is_built_in         BOOLEAN NOT NULL,
    is_enabled          BOOLEAN NOT NULL,
    template_id         TEXT,
    permissions         JSONB NOT NULL DEFAULT '[]',
    synced_at           BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, role_definition_id)
);

CREATE TABLE directory_role_assignments (
    tenant_id               TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    assignment_id           TEXT NOT NULL,
    role_definition_id      TEXT NOT NULL,
    principal_id            TEXT NOT NULL,
    principal_display_name  TEXT,
    principal_type          TEXT CHECK (principal_type IN ('user', 'group', 'servicePrincipal')),
    directory_scope_id      TEXT NOT NULL,
    synced_at               BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, assignment_id)
);

-- Typed report payloads per tenant (report_type is open-ended: no CHECK).
CREATE TABLE stored_reports (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    report_type   TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    run_id        TEXT REFERENCES operation_runs(id) ON DELETE SET NULL,
    payload       JSONB NOT NULL
);
CREATE INDEX stored_reports_tenant_type_created
    ON stored_reports (tenant_id, report_type, created_at DESC);
CREATE INDEX stored_reports_tenant_created ON stored_reports (tenant_id, created_at DESC);
