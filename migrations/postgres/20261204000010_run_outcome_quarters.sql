-- Completed runs counted per tenant, quarter of an hour (completed_at / 900,000 ms) and outcome,
-- so the overview's runs per day and failed runs per tenant read a few thousand counters instead
-- of every run of the last 30 days. Quarters, because every time zone's midnight falls on one.
-- Kept by a trigger on the run table itself: every way a run can complete (the engine, the
-- reconciler, a run stored already completed) is counted, once.
CREATE TABLE run_outcome_quarters (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    quarter       BIGINT NOT NULL,
    outcome       TEXT NOT NULL,
    runs          BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, quarter, tenant_id, outcome)
);

INSERT INTO run_outcome_quarters (workspace_id, tenant_id, quarter, outcome, runs)
SELECT workspace_id, tenant_id, completed_at / 900000, outcome, COUNT(*) FROM operation_runs
WHERE status = 'completed' AND tenant_id IS NOT NULL AND completed_at IS NOT NULL
GROUP BY workspace_id, tenant_id, completed_at / 900000, outcome;

CREATE FUNCTION count_completed_run() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'completed' AND NEW.tenant_id IS NOT NULL AND NEW.completed_at IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.status <> 'completed') THEN
        INSERT INTO run_outcome_quarters (workspace_id, tenant_id, quarter, outcome, runs)
        VALUES (NEW.workspace_id, NEW.tenant_id, NEW.completed_at / 900000, NEW.outcome, 1)
        ON CONFLICT (workspace_id, quarter, tenant_id, outcome)
        DO UPDATE SET runs = run_outcome_quarters.runs + 1;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER operation_runs_count_completed
AFTER INSERT OR UPDATE OF status ON operation_runs
FOR EACH ROW EXECUTE FUNCTION count_completed_run();
