-- Runs started together by one action ("Sync all"), tallied as they end, so the operator gets
-- one summary notification instead of one per run.
CREATE TABLE run_batches (
    id                   TEXT PRIMARY KEY NOT NULL,
    workspace_id         TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    user_id              TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type                 TEXT NOT NULL,
    label                TEXT NOT NULL,
    -- NULL until every run of the batch is started.
    total                BIGINT,
    done                 BIGINT NOT NULL DEFAULT 0,
    succeeded            BIGINT NOT NULL DEFAULT 0,
    partially_succeeded  BIGINT NOT NULL DEFAULT 0,
    failed               BIGINT NOT NULL DEFAULT 0,
    created_at           BIGINT NOT NULL,
    notified_at          BIGINT
);

ALTER TABLE user_notifications ADD COLUMN batch_id TEXT REFERENCES run_batches(id) ON DELETE SET NULL;
