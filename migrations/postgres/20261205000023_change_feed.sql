-- The change feed between processes (team mode): every write to a table other workstations
-- show is announced on the channel `tenantatlas_changes` when its transaction commits, so a
-- listener re-reads what changed instead of polling. Payloads stay small (ids only, far below
-- NOTIFY's 8000-byte limit); `v` is the payload format, so an older listener can ignore a
-- newer one and re-read everything instead.

-- Runs: one announcement per changed row, with the run's id (the listener re-reads the run).
CREATE FUNCTION tenantatlas_announce_run() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_run operation_runs%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN changed_run := OLD; ELSE changed_run := NEW; END IF;
    PERFORM pg_notify('tenantatlas_changes', json_build_object('v', 1, 'k', 'run',
        'id', changed_run.id, 'w', changed_run.workspace_id, 't', changed_run.tenant_id)::text);
    RETURN NULL;
END $$;

CREATE TRIGGER operation_runs_announce AFTER INSERT OR UPDATE OR DELETE ON operation_runs
    FOR EACH ROW EXECUTE FUNCTION tenantatlas_announce_run();

-- Everything else: one announcement per statement and (workspace, tenant) it touched, read
-- from the statement's transition table. Arguments: kind, workspace column, tenant column
-- ('' when the table has none).
CREATE FUNCTION tenantatlas_announce_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    scope record;
    tenant_column text := COALESCE(NULLIF(TG_ARGV[2], ''), 'NULL::text');
BEGIN
    FOR scope IN EXECUTE format('SELECT DISTINCT %I AS w, %s AS t FROM changed',
                                TG_ARGV[1], tenant_column)
    LOOP
        PERFORM pg_notify('tenantatlas_changes', json_build_object(
            'v', 1, 'k', TG_ARGV[0], 'w', scope.w, 't', scope.t)::text);
    END LOOP;
    RETURN NULL;
END $$;

-- One trigger per table and statement kind: a transition table belongs to one event.
DO $$
DECLARE
    spec text[];
    specs text[][] := ARRAY[
        ARRAY['workspaces', 'workspace', 'id', ''],
        ARRAY['workspace_memberships', 'member', 'workspace_id', ''],
        ARRAY['tenant_entitlements', 'member', 'workspace_id', 'tenant_id'],
        ARRAY['tenants', 'tenant', 'workspace_id', 'id'],
        ARRAY['findings', 'finding', 'workspace_id', 'tenant_id'],
        ARRAY['review_packs', 'pack', 'workspace_id', 'tenant_id']
    ];
BEGIN
    FOREACH spec SLICE 1 IN ARRAY specs LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
            'FOR EACH STATEMENT EXECUTE FUNCTION tenantatlas_announce_rows(%L, %L, %L)',
            spec[1] || '_announce_insert', spec[1], spec[2], spec[3], spec[4]);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
            'FOR EACH STATEMENT EXECUTE FUNCTION tenantatlas_announce_rows(%L, %L, %L)',
            spec[1] || '_announce_update', spec[1], spec[2], spec[3], spec[4]);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
            'FOR EACH STATEMENT EXECUTE FUNCTION tenantatlas_announce_rows(%L, %L, %L)',
            spec[1] || '_announce_delete', spec[1], spec[2], spec[3], spec[4]);
    END LOOP;
END $$;
