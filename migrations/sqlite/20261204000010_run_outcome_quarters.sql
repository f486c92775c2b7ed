-- Completed runs counted per tenant, quarter of an hour (completed_at / 900,000 ms) and outcome,
-- so the overview's runs per day and failed runs per tenant read a few thousand counters instead
-- of every run of the last 30 days. Quarters, because every time zone's midnight falls on one.
-- Kept by triggers on the run table itself: every way a run can complete (the engine, the
-- reconciler, a run stored already completed) is counted, once.
CREATE TABLE run_outcome_quarters (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    quarter       INTEGER NOT NULL,
    outcome       TEXT NOT NULL,
    runs          INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, quarter, tenant_id, outcome)
) WITHOUT ROWID;

INSERT INTO run_outcome_quarters (workspace_id, tenant_id, quarter, outcome, runs)
SELECT workspace_id, tenant_id, completed_at / 900000, outcome, COUNT(*) FROM operation_runs
WHERE status = 'completed' AND tenant_id IS NOT NULL AND completed_at IS NOT NULL
GROUP BY workspace_id, tenant_id, completed_at / 900000, outcome;

CREATE TRIGGER operation_runs_count_inserted_completed
AFTER INSERT ON operation_runs
WHEN NEW.status = 'completed' AND NEW.tenant_id IS NOT NULL AND NEW.completed_at IS NOT NULL
BEGIN
    INSERT INTO run_outcome_quarters (workspace_id, tenant_id, quarter, outcome, runs)
    VALUES (NEW.workspace_id, NEW.tenant_id, NEW.completed_at / 900000, NEW.outcome, 1)
    ON CONFLICT (workspace_id, quarter, tenant_id, outcome) DO UPDATE SET runs = runs + 1;
END;

CREATE TRIGGER operation_runs_count_completed
AFTER UPDATE OF status ON operation_runs
WHEN NEW.status = 'completed' AND OLD.status <> 'completed'
     AND NEW.tenant_id IS NOT NULL AND NEW.completed_at IS NOT NULL
BEGIN
    INSERT INTO run_outcome_quarters (workspace_id, tenant_id, quarter, outcome, runs)
    VALUES (NEW.workspace_id, NEW.tenant_id, NEW.completed_at / 900000, NEW.outcome, 1)
    ON CONFLICT (workspace_id, quarter, tenant_id, outcome) DO UPDATE SET runs = runs + 1;
END;
