-- Credential affinity (team mode): the running engines, and the tenants whose credential each
-- can read from its machine's keyring. Work that needs a tenant's Graph is claimed only by an
-- engine listed with that tenant; a run no living engine holds is shown waiting for one.
CREATE TABLE engines (
    id              TEXT PRIMARY KEY NOT NULL,
    host            TEXT NOT NULL,
    started_at      BIGINT NOT NULL,
    heartbeat_at    BIGINT NOT NULL,
    credentials_at  BIGINT NOT NULL
);

CREATE TABLE engine_credentials (
    engine_id  TEXT NOT NULL REFERENCES engines(id) ON DELETE CASCADE,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    PRIMARY KEY (engine_id, tenant_id)
);
CREATE INDEX engine_credentials_tenant ON engine_credentials (tenant_id);
