-- An operator may cancel a running run. The request is stored on the run, where the worker
-- holding its lease reads it at its next heartbeat (and at once when it runs in the same
-- process); the run then ends failed with `run.cancelled`. Who asked is kept for the audit.
ALTER TABLE operation_runs ADD COLUMN cancel_requested_at BIGINT;
ALTER TABLE operation_runs ADD COLUMN cancel_requested_by TEXT;
