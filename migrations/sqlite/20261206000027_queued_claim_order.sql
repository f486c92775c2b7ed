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
