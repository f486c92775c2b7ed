-- Work the product starts by itself: a cron expression in an IANA zone per tenant (or for
-- every active tenant of a workspace). The engine's scheduler claims a due schedule by moving
-- its next_run_at with a compare-and-set, so however many processes run, each slot starts once.
CREATE TABLE schedules (
    id            TEXT PRIMARY KEY NOT NULL,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id     TEXT REFERENCES tenants(id) ON DELETE CASCADE,
    type          TEXT NOT NULL,
    inputs        TEXT NOT NULL,
    cron          TEXT NOT NULL,
    time_zone     TEXT NOT NULL,
    enabled       INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    next_run_at   INTEGER,
    last_run_at   INTEGER,
    created_by    TEXT NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX schedules_workspace ON schedules (workspace_id, created_at);
-- The scheduler's one question: which enabled schedules are due.
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;
