-- stale_at: the moment an active run turns likely stale if nothing else happens (computed by
-- the run service from the lifecycle policy on every write). The reconciler and the
-- likely-stale counts read one small range of one partial index instead of every active run.
ALTER TABLE operation_runs ADD COLUMN stale_at BIGINT;
-- Runs written before this column existed become candidates at once; the freshness rule still
-- decides whether they really are stale.
UPDATE operation_runs SET stale_at = created_at WHERE status IN ('queued', 'running');
CREATE INDEX operation_runs_stale_at
    ON operation_runs (stale_at) WHERE status IN ('queued', 'running');
