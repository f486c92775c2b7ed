-- Claiming takes the oldest queued run by (created_at, id). With created_at alone in the queued
-- index, and (status, type) matching the claim's filter exactly, a planner without fresh
-- statistics (right after many runs were queued) chose (status, type) and sorted every queued
-- run on every claim: draining a queue of 10,000 cost each claim a scan and a sort of the rest.
-- The queued index now holds the claim's order, so the claim reads its first entries and stops;
-- (status, type) is dropped: every query on active runs has a partial index of its own
-- (stale_at, running leases, a workspace's active runs), the others filter by tenant first, and
-- each run's two updates no longer maintain it.
DROP INDEX operation_runs_status_type;
DROP INDEX operation_runs_queued;
CREATE INDEX operation_runs_queued ON operation_runs (created_at, id) WHERE status = 'queued';

-- PostgreSQL plans the claim from statistics that lag behind a queue filling up (auto-analyze
-- waits for a tenth of the table to change): believing a handful of runs queued, it read every
-- queued row through a bitmap and sorted them, on every claim. The pick lives in a function
-- that plans it without sorts or bitmaps, so it always walks the queued index in claim order
-- and stops at the first claimable run it can lock. Row-level security applies (the caller's
-- rights); `holder` is the engine whose credentials a Graph run needs, NULL for none.
CREATE FUNCTION tenantatlas_next_queued(claimable text[], needing_credential text[], holder text)
RETURNS text LANGUAGE plpgsql
SET enable_sort = off SET enable_bitmapscan = off
AS $$
DECLARE
    picked text;
BEGIN
    SELECT r.id INTO picked FROM operation_runs r
    WHERE r.status = 'queued' AND r.type = ANY (claimable)
      AND (holder IS NULL OR r.tenant_id IS NULL OR NOT (r.type = ANY (needing_credential))
           OR EXISTS (SELECT 1 FROM engine_credentials ec
                      WHERE ec.engine_id = holder AND ec.tenant_id = r.tenant_id)
           OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = r.tenant_id AND t.simulated))
    ORDER BY r.created_at, r.id
    LIMIT 1
    FOR UPDATE OF r SKIP LOCKED;
    RETURN picked;
END $$;
