-- The Graph application permissions a tenant's last connection check found granted (the
-- token's roles): the permission report is computed from them.
CREATE TABLE tenant_permissions (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    -- JSON array of permission names.
    granted     TEXT NOT NULL,
    checked_at  INTEGER NOT NULL
);
