//! Team mode on PostgreSQL: the database itself enforces who sees what. Each operator connects
//! as their own PostgreSQL role (their identity, `session_user`), a member of the group role
//! [`MEMBER_ROLE`]; row-level security shows them only the workspaces they belong to and the
//! tenants they are entitled to, and refuses writes their capabilities do not allow on the
//! riskiest tables (memberships, tenants' connection data, restores). Headless workers connect
//! as members of [`WORKER_ROLE`], which may claim any workspace's work.
//!
//! [`init`] writes all of it (group roles, grants, the capability table the policies read,
//! helper functions, policies) and is idempotent; the schema's owner runs it after every
//! upgrade (`atlas team init`). Solo mode (SQLite) has none of this.

mod policies;
mod scram;

use atlas_domain::{Capability, Role, Timestamp};
use sqlx::{PgPool, Row};

use crate::{connect::Pool, Store, StoreError};

pub use scram::generate_password;

/// The group role every operator's login role belongs to.
pub const MEMBER_ROLE: &str = "tenantatlas_member";
/// The group role of headless workers' login roles.
pub const WORKER_ROLE: &str = "tenantatlas_worker";
/// The version of the access rules [`init`] writes; raised when they change.
pub const SETUP_VERSION: i64 = 2;

/// What `team_setup` records about the last [`init`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSetup {
    pub version: i64,
    pub initialised_at: Timestamp,
    pub initialised_by: String,
}

/// What [`init`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitReport {
    /// Tables now under row-level security.
    pub tables: Vec<String>,
    /// `false` when the database was already set up at this version (nothing new to do, but
    /// the rules were written again all the same).
    pub first_time: bool,
    pub initialised_by: String,
}

/// How a new member signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    /// A new login role with this password (sent to the server as a SCRAM verifier only).
    NewPassword(String),
    /// An existing role (password, certificate or any other method the server is set up for)
    /// that is made a member.
    Existing,
}

/// Whether this connection's role is a member or worker (`Member`, `Worker`), or manages the
/// database (`Admin`: owner of the schema or superuser; row-level security does not apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Admin,
    Worker,
    Member,
    /// A role with none of the above: it will see nothing.
    Unknown,
}

impl Store {
    fn pg(&self) -> Option<&PgPool> {
        match &self.pool {
            Pool::Postgres(pool) => Some(pool),
            Pool::Sqlite(_) => None,
        }
    }

    /// The PostgreSQL role this store connected as; `None` on SQLite.
    pub async fn session_user(&self) -> Result<Option<String>, StoreError> {
        let Some(pool) = self.pg() else {
            return Ok(None);
        };
        Ok(Some(
            sqlx::query_scalar("SELECT session_user::text")
                .fetch_one(pool)
                .await?,
        ))
    }
}

fn team_only(store: &Store) -> Result<&PgPool, StoreError> {
    store.pg().ok_or_else(|| {
        StoreError::InvalidConfig(
            "team mode needs a PostgreSQL database; this one is the embedded SQLite database"
                .into(),
        )
    })
}

/// The recorded setup, `None` when `team init` never ran on this database.
pub async fn setup(store: &Store) -> Result<Option<TeamSetup>, StoreError> {
    let pool = team_only(store)?;
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('team_setup') IS NOT NULL")
        .fetch_one(pool)
        .await?;
    if !exists {
        return Ok(None);
    }
    let row = sqlx::query("SELECT version, initialised_at, initialised_by FROM team_setup")
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| TeamSetup {
        version: r.get(0),
        initialised_at: Timestamp::from_unix_millis(r.get(1)).unwrap_or_else(Timestamp::now),
        initialised_by: r.get(2),
    }))
}

/// How this connection's role stands (see [`Standing`]).
pub async fn standing(store: &Store) -> Result<Standing, StoreError> {
    let pool = team_only(store)?;
    let row = sqlx::query(
        "SELECT r.rolsuper OR pg_has_role(session_user, \
                (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() \
                 AND tablename = 'operation_runs'), 'MEMBER'), \
            EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) \
                AND pg_has_role(session_user, $1, 'MEMBER'), \
            EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2) \
                AND pg_has_role(session_user, $2, 'MEMBER') \
         FROM pg_roles r WHERE r.rolname = session_user",
    )
    .bind(WORKER_ROLE)
    .bind(MEMBER_ROLE)
    .fetch_one(pool)
    .await?;
    Ok(match (row.get(0), row.get(1), row.get(2)) {
        (true, _, _) => Standing::Admin,
        (_, true, _) => Standing::Worker,
        (_, _, true) => Standing::Member,
        _ => Standing::Unknown,
    })
}

/// Prepares the database for team mode (see the module documentation). Run as the owner of
/// the schema with the right to create roles; anything else is refused before a change.
pub async fn init(store: &Store) -> Result<InitReport, StoreError> {
    let pool = team_only(store)?;
    let me: String = sqlx::query_scalar("SELECT session_user::text")
        .fetch_one(pool)
        .await?;
    if standing(store).await? != Standing::Admin {
        return Err(StoreError::InvalidConfig(format!(
            "team init must run as the owner of the TenantAtlas tables (or a superuser); \
             {me:?} is neither"
        )));
    }
    let may_create_roles: bool = sqlx::query_scalar(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user",
    )
    .fetch_one(pool)
    .await?;
    if !may_create_roles {
        return Err(StoreError::InvalidConfig(format!(
            "team init creates the roles {MEMBER_ROLE} and {WORKER_ROLE}, and {me:?} may not \
             create roles (it needs CREATEROLE)"
        )));
    }
    for role in [MEMBER_ROLE, WORKER_ROLE] {
        create_group_role(pool, role).await?;
    }
    let first_time = setup(store).await?.is_none();

    let mut tx = pool.begin().await?;
    let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
        .fetch_one(&mut *tx)
        .await?;
    for statement in bookkeeping(&schema) {
        sqlx::query(&statement).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM team_role_capabilities")
        .execute(&mut *tx)
        .await?;
    for role in Role::ALL {
        for capability in Capability::ALL.iter().filter(|c| role.grants(**c)) {
            sqlx::query("INSERT INTO team_role_capabilities (role, capability) VALUES ($1, $2)")
                .bind(role.code())
                .bind(capability.code())
                .execute(&mut *tx)
                .await?;
        }
    }

    let rows = sqlx::query(
        "SELECT c.table_name::text, array_agg(c.column_name::text ORDER BY c.ordinal_position) \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
           AND c.table_name NOT IN ('_sqlx_migrations', 'team_setup', 'team_role_capabilities') \
         GROUP BY c.table_name ORDER BY c.table_name",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut tables = Vec::with_capacity(rows.len());
    for row in rows {
        let table: String = row.get(0);
        let columns: Vec<String> = row.get(1);
        let scope = policies::scope(&table, &columns).ok_or_else(|| {
            StoreError::InvalidData(format!(
                "the table {table} has no team access rule; this version of TenantAtlas does \
                 not know it (was the database changed by another program?)"
            ))
        })?;
        let old: Vec<String> = sqlx::query_scalar(
            "SELECT policyname::text FROM pg_policies \
             WHERE schemaname = current_schema() AND tablename = $1",
        )
        .bind(&table)
        .fetch_all(&mut *tx)
        .await?;
        for policy in old {
            sqlx::query(&format!("DROP POLICY {} ON {table}", quote_ident(&policy)))
                .execute(&mut *tx)
                .await?;
        }
        let worker_grant = if policies::WORKER_READ_ONLY.contains(&table.as_str()) {
            "SELECT"
        } else {
            "SELECT, INSERT, UPDATE, DELETE"
        };
        let mut statements = vec![
            format!("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"),
            format!("GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {MEMBER_ROLE}"),
            format!("GRANT {worker_grant} ON {table} TO {WORKER_ROLE}"),
        ];
        statements.extend(policies::statements(&table, scope));
        for statement in statements {
            sqlx::query(&statement).execute(&mut *tx).await?;
        }
        tables.push(table);
    }
    sqlx::query(
        "INSERT INTO team_setup (id, version, initialised_at, initialised_by) \
         VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET version = excluded.version, \
         initialised_at = excluded.initialised_at, initialised_by = excluded.initialised_by",
    )
    .bind(SETUP_VERSION)
    .bind(Timestamp::now().unix_millis())
    .bind(&me)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(InitReport {
        tables,
        first_time,
        initialised_by: me,
    })
}

/// Creates a group role unless it exists. Roles belong to the whole server, so several
/// databases (or two `init`s at once) may race to create the same one; losing the race is fine.
async fn create_group_role(pool: &PgPool, role: &str) -> Result<(), StoreError> {
    let sql = format!(
        "DO $$ BEGIN \
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN \
             CREATE ROLE {role} NOLOGIN; \
           END IF; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; \
         END $$"
    );
    sqlx::query(&sql).execute(pool).await?;
    Ok(())
}

/// The tables and functions the policies rely on, (re)written on every `init`.
fn bookkeeping(schema: &str) -> Vec<String> {
    let schema = quote_ident(schema);
    // SECURITY DEFINER: they read memberships as the schema's owner (row-level security would
    // otherwise hide the very rows that decide visibility); `session_user` stays the operator.
    let definer = format!("STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp");
    let me = "SELECT id FROM users WHERE login = 'pg:' || session_user";
    let mut out = vec![
        "CREATE TABLE IF NOT EXISTS team_setup (\
            id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL, \
            initialised_at BIGINT NOT NULL, initialised_by TEXT NOT NULL)"
            .to_owned(),
        "CREATE TABLE IF NOT EXISTS team_role_capabilities (\
            role TEXT NOT NULL, capability TEXT NOT NULL, PRIMARY KEY (role, capability))"
            .to_owned(),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_user_id() RETURNS text LANGUAGE sql \
             {definer} AS $$ {me} $$"
        ),
        // PL/pgSQL keeps its plans for the session; a SQL function would be planned again in
        // every query that uses it.
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_workspace_ids() RETURNS text[] \
             LANGUAGE plpgsql {definer} AS $$ BEGIN RETURN ARRAY( \
               SELECT workspace_id FROM workspace_memberships WHERE user_id = ({me})); END $$"
        ),
        // The one workspace whose every tenant the operator sees, when there is exactly one
        // (most operators): a policy compares each row with it as a plain value, which costs
        // a third of matching against an array (the operations index's capped count reads
        // 10,001 rows). NULL otherwise, and the policy goes on to the arrays.
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_sole_full_workspace_id() RETURNS text \
             LANGUAGE plpgsql {definer} AS $$ DECLARE ids text[]; BEGIN ids := ARRAY( \
               SELECT workspace_id FROM workspace_memberships \
               WHERE user_id = ({me}) AND all_tenants); \
             IF cardinality(ids) = 1 THEN RETURN ids[1]; END IF; RETURN NULL; END $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_full_workspace_ids() RETURNS text[] \
             LANGUAGE plpgsql {definer} AS $$ BEGIN RETURN ARRAY( \
               SELECT workspace_id FROM workspace_memberships \
               WHERE user_id = ({me}) AND all_tenants); END $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_partial_workspace_ids() RETURNS text[] \
             LANGUAGE plpgsql {definer} AS $$ BEGIN RETURN ARRAY( \
               SELECT workspace_id FROM workspace_memberships \
               WHERE user_id = ({me}) AND NOT all_tenants); END $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_entitled_tenant_ids() RETURNS text[] \
             LANGUAGE plpgsql {definer} AS $$ BEGIN RETURN ARRAY( \
               SELECT tenant_id FROM tenant_entitlements WHERE user_id = ({me})); END $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_tenants() RETURNS SETOF text \
             LANGUAGE plpgsql {definer} AS $$ BEGIN RETURN QUERY \
               SELECT t.id FROM tenants t JOIN workspace_memberships m \
                 ON m.workspace_id = t.workspace_id AND m.user_id = ({me}) \
               WHERE m.all_tenants OR EXISTS (SELECT 1 FROM tenant_entitlements e \
                 WHERE e.user_id = m.user_id AND e.tenant_id = t.id); END $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_may(text, text) RETURNS boolean \
             LANGUAGE sql {definer} AS $$ \
               SELECT EXISTS (SELECT 1 FROM workspace_memberships m \
                 JOIN team_role_capabilities c ON c.role = m.role \
                 WHERE m.workspace_id = $1 AND m.user_id = ({me}) AND c.capability = $2) $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_unclaimed(text) RETURNS boolean \
             LANGUAGE sql {definer} AS $$ \
               SELECT NOT EXISTS (SELECT 1 FROM workspace_memberships WHERE workspace_id = $1) $$"
        ),
        // A tenant's connection (app registration and where its secret lives) changes only
        // with `tenant.manage`, whatever else an update may change.
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_guard_connection() RETURNS trigger \
             LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$ BEGIN \
               IF (NEW.client_id, NEW.credential_kind, NEW.credential_ref, NEW.workspace_id) \
                    IS DISTINCT FROM \
                  (OLD.client_id, OLD.credential_kind, OLD.credential_ref, OLD.workspace_id) \
                  AND pg_has_role(session_user, '{MEMBER_ROLE}', 'MEMBER') \
                  AND NOT tenantatlas_may(OLD.workspace_id, 'tenant.manage') THEN \
                 RAISE EXCEPTION 'permission denied: changing a tenant''s connection needs tenant.manage' \
                   USING ERRCODE = 'insufficient_privilege'; \
               END IF; \
               RETURN NEW; \
             END $$"
        ),
        "DROP TRIGGER IF EXISTS tenants_guard_connection ON tenants".to_owned(),
        "CREATE TRIGGER tenants_guard_connection BEFORE UPDATE ON tenants \
         FOR EACH ROW EXECUTE FUNCTION tenantatlas_guard_connection()"
            .to_owned(),
        // A member entitled to chosen tenants who adds a tenant is entitled to it: they see
        // what they added (only owners may write entitlements themselves).
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_entitle_creator() RETURNS trigger \
             LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$ BEGIN \
               INSERT INTO tenant_entitlements (workspace_id, user_id, tenant_id, created_at) \
                 SELECT m.workspace_id, m.user_id, NEW.id, NEW.created_at \
                 FROM workspace_memberships m \
                 WHERE m.workspace_id = NEW.workspace_id AND m.user_id = ({me}) \
                   AND NOT m.all_tenants \
               ON CONFLICT (user_id, tenant_id) DO NOTHING; \
               RETURN NEW; \
             END $$"
        ),
        "DROP TRIGGER IF EXISTS tenants_entitle_creator ON tenants".to_owned(),
        "CREATE TRIGGER tenants_entitle_creator AFTER INSERT ON tenants \
         FOR EACH ROW EXECUTE FUNCTION tenantatlas_entitle_creator()"
            .to_owned(),
        // Owners add people who are not members yet, whom the users policy hides: they may
        // look one up by exact sign-in name, nothing more.
        format!(
            "CREATE OR REPLACE FUNCTION tenantatlas_find_user(text) \
             RETURNS TABLE (id text, login text, display_name text) \
             LANGUAGE sql {definer} AS $$ \
               SELECT u.id, u.login, u.display_name FROM users u WHERE u.login = $1 \
                 AND EXISTS (SELECT 1 FROM workspace_memberships m \
                   JOIN team_role_capabilities c ON c.role = m.role \
                   WHERE m.user_id = ({me}) AND c.capability = 'workspace.manage') $$"
        ),
    ];
    for function in [
        "tenantatlas_user_id()",
        "tenantatlas_workspace_ids()",
        "tenantatlas_sole_full_workspace_id()",
        "tenantatlas_full_workspace_ids()",
        "tenantatlas_partial_workspace_ids()",
        "tenantatlas_entitled_tenant_ids()",
        "tenantatlas_tenants()",
        "tenantatlas_may(text, text)",
        "tenantatlas_unclaimed(text)",
        "tenantatlas_find_user(text)",
    ] {
        out.push(format!("REVOKE ALL ON FUNCTION {function} FROM PUBLIC"));
        out.push(format!(
            "GRANT EXECUTE ON FUNCTION {function} TO {MEMBER_ROLE}, {WORKER_ROLE}"
        ));
    }
    out.push(format!(
        "GRANT USAGE ON SCHEMA {schema} TO {MEMBER_ROLE}, {WORKER_ROLE}"
    ));
    for table in ["_sqlx_migrations", "team_setup", "team_role_capabilities"] {
        out.push(format!(
            "GRANT SELECT ON {table} TO {MEMBER_ROLE}, {WORKER_ROLE}"
        ));
    }
    out
}

/// A member's or worker's login role: created with a password, or an existing role joined to
/// the group. Names are checked (lower-case letters, digits, `_`; not a reserved prefix).
pub async fn add_login_role(
    store: &Store,
    name: &str,
    login: &Login,
    worker: bool,
) -> Result<(), StoreError> {
    let pool = team_only(store)?;
    check_role_name(name)?;
    let group = if worker { WORKER_ROLE } else { MEMBER_ROLE };
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(name)
            .fetch_one(pool)
            .await?;
    match (login, exists) {
        (Login::NewPassword(_), true) => {
            return Err(StoreError::Conflict(format!(
                "the PostgreSQL role {name:?} (use the existing role instead of a new password)"
            )))
        }
        (Login::Existing, false) => {
            return Err(StoreError::NotFound(format!(
                "the PostgreSQL role {name:?}"
            )))
        }
        (Login::NewPassword(password), false) => {
            let verifier = scram::verifier(password)
                .map_err(|e| StoreError::InvalidData(format!("no random salt: {e}")))?;
            // DDL takes no bind parameters; the name is checked above and the verifier is
            // base64 and `$`, `:` only.
            sqlx::query(&format!(
                "CREATE ROLE {name} LOGIN PASSWORD '{verifier}' IN ROLE {group}"
            ))
            .execute(pool)
            .await?;
        }
        (Login::Existing, true) => {
            sqlx::query(&format!("GRANT {group} TO {name}"))
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

/// Takes the role out of the member group and, when `drop` (a role this product created),
/// drops it. Its records stay (they are history); it simply can no longer see anything.
pub async fn remove_login_role(store: &Store, name: &str, drop: bool) -> Result<(), StoreError> {
    let pool = team_only(store)?;
    check_role_name(name)?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(name)
            .fetch_one(pool)
            .await?;
    if !exists {
        return Ok(());
    }
    let statement = if drop {
        format!("DROP ROLE {name}")
    } else {
        format!("REVOKE {MEMBER_ROLE} FROM {name}")
    };
    sqlx::query(&statement).execute(pool).await?;
    Ok(())
}

/// Whether a role was made by [`add_login_role`] with a password: it logs in and belongs to
/// nothing but the member group.
pub async fn is_own_login_role(store: &Store, name: &str) -> Result<bool, StoreError> {
    let pool = team_only(store)?;
    let only_member: Option<bool> = sqlx::query_scalar(
        "SELECT r.rolcanlogin AND NOT r.rolsuper AND NOT r.rolcreaterole AND \
            (SELECT array_agg(g.rolname::text) FROM pg_auth_members a \
             JOIN pg_roles g ON g.oid = a.roleid WHERE a.member = r.oid) = ARRAY[$2] \
         FROM pg_roles r WHERE r.rolname = $1",
    )
    .bind(name)
    .bind(MEMBER_ROLE)
    .fetch_optional(pool)
    .await?;
    Ok(only_member.unwrap_or(false))
}

/// A PostgreSQL role name this product will create or change: `[a-z_][a-z0-9_]{0,62}`, not one
/// of its group roles and not PostgreSQL's own `pg_` prefix.
pub fn check_role_name(name: &str) -> Result<(), StoreError> {
    let valid = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with("pg_")
        && !name.starts_with("tenantatlas_");
    if valid {
        Ok(())
    } else {
        Err(StoreError::InvalidConfig(format!(
            "{name:?} is not a usable role name: use lower-case letters, digits and _ \
             (at most 63, not starting with a digit, pg_ or tenantatlas_)"
        )))
    }
}

/// `"name"` with inner quotes doubled, for identifiers read from the catalog.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_checked_before_they_reach_sql() {
        for good in ["alice", "bob_2", "_svc"] {
            assert!(check_role_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Alice",
            "2bob",
            "a-b",
            "x; DROP TABLE users",
            "pg_monitor",
            "tenantatlas_member",
            &"a".repeat(64),
        ] {
            assert!(check_role_name(bad).is_err(), "{bad}");
        }
    }
}
