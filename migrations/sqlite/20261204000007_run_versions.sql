-- What a run had committed when it ended without its handler's own count (a crash, a timeout):
-- the run service counts its versions in the run's terminal transaction.
CREATE INDEX policy_versions_run ON policy_versions (run_id) WHERE run_id IS NOT NULL;
