-- The Active and Failed tabs of the operations index page a workspace's active or failed runs
-- newest first. Active runs are about 1% of a busy workspace's runs and failed ones a few
-- percent, so walking the whole (workspace_id, created_at, id) index for them read up to every
-- run (136 ms for the Active tab's first page and 77 ms for its capped count over 1,000,000
-- runs). Partial indexes in the same order hold only those runs; their conditions are written
-- exactly as the index query writes its tab filters, which is how the planner matches them.
CREATE INDEX operation_runs_active_workspace_created_id
    ON operation_runs (workspace_id, created_at DESC, id DESC)
    WHERE status IN ('queued', 'running');
CREATE INDEX operation_runs_failed_workspace_created_id
    ON operation_runs (workspace_id, created_at DESC, id DESC)
    WHERE outcome = 'failed';
