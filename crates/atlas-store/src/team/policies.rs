//! The access rules `team init` writes: which rows a member's PostgreSQL role may see and
//! change, derived from the workspace and tenant a row belongs to. Every table of the schema
//! must have a rule here; one without is refused, so a new table cannot slip in unguarded.

/// How a table's rows belong to a workspace and tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// A `workspace_id` column (and maybe a nullable or required `tenant_id`).
    Workspace { tenant: bool },
    /// Only a `tenant_id` column (per-tenant caches).
    Tenant,
    /// Rows of a parent table, through a column naming the parent's id.
    Child {
        column: &'static str,
        parent: &'static str,
    },
    /// A rule of its own below.
    Special,
}

/// Tables whose rows belong to a parent row rather than carrying a workspace of their own.
const CHILDREN: &[(&str, &str, &str)] = &[
    (
        "baseline_snapshot_items",
        "snapshot_id",
        "baseline_snapshots",
    ),
    ("finding_events", "finding_id", "findings"),
    ("backup_set_items", "set_id", "backup_sets"),
    ("restore_versions", "restore_id", "restores"),
];

/// Tables with rules of their own (identity, memberships, connection data, restores, the
/// inbox, the audit log).
const SPECIAL: &[&str] = &[
    "workspaces",
    "users",
    "workspace_memberships",
    "tenant_entitlements",
    "tenants",
    "operation_runs",
    "restores",
    "user_notifications",
    "audit_log",
    "engines",
];

/// The rule for `table`, from its name and columns; `None` when no rule applies.
pub(super) fn scope(table: &str, columns: &[String]) -> Option<Scope> {
    if SPECIAL.contains(&table) {
        return Some(Scope::Special);
    }
    if let Some((_, column, parent)) = CHILDREN.iter().find(|(name, _, _)| *name == table) {
        return Some(Scope::Child { column, parent });
    }
    let has = |name: &str| columns.iter().any(|c| c == name);
    match (has("workspace_id"), has("tenant_id")) {
        (true, tenant) => Some(Scope::Workspace { tenant }),
        (false, true) => Some(Scope::Tenant),
        (false, false) => None,
    }
}

const MEMBER: &str = super::MEMBER_ROLE;
const WORKER: &str = super::WORKER_ROLE;

// Each helper runs once per query (a scalar subquery is an init plan) and returns an array;
// rows are then checked against a handful of ids. A member who sees every tenant of exactly
// one workspace (the common case) costs one plain comparison per row.
const IN_WORKSPACE: &str = "workspace_id = ANY ((SELECT tenantatlas_workspace_ids())::text[])";
const TENANT_VISIBLE: &str = "tenant_id IN (SELECT tenantatlas_tenants())";

/// A row of `workspace_id` and `tenant` (a column, or NULL for none) the member may see. The
/// first test is the common case as one plain comparison (NULL when it does not apply, so the
/// arrays decide).
fn workspace_and_tenant(tenant: &str) -> String {
    format!(
        "(workspace_id = (SELECT tenantatlas_sole_full_workspace_id()) \
         OR workspace_id = ANY ((SELECT tenantatlas_full_workspace_ids())::text[]) \
         OR (workspace_id = ANY ((SELECT tenantatlas_partial_workspace_ids())::text[]) \
             AND ({tenant} IS NULL OR {tenant} = ANY ((SELECT tenantatlas_entitled_tenant_ids())::text[]))))"
    )
}

/// `CREATE POLICY` statements for `table` (its old policies are dropped first by the caller).
pub(super) fn statements(table: &str, scope: Scope) -> Vec<String> {
    let all = |using: &str| {
        vec![format!(
            "CREATE POLICY tenantatlas_member_rows ON {table} FOR ALL TO {MEMBER} \
             USING ({using}) WITH CHECK ({using})"
        )]
    };
    let mut out = match scope {
        Scope::Workspace { tenant: false } => all(IN_WORKSPACE),
        Scope::Workspace { tenant: true } => all(&format!(
            "{IN_WORKSPACE} AND (tenant_id IS NULL OR {TENANT_VISIBLE})"
        )),
        Scope::Tenant => all(TENANT_VISIBLE),
        Scope::Child { column, parent } => all(&format!("{column} IN (SELECT id FROM {parent})")),
        Scope::Special => special(table),
    };
    out.push(worker_policy(table));
    out
}

/// The headless worker's service role claims and runs any workspace's work; it never manages
/// members (it is granted no writes on those tables at all).
fn worker_policy(table: &str) -> String {
    format!(
        "CREATE POLICY tenantatlas_worker_rows ON {table} FOR ALL TO {WORKER} \
         USING (true) WITH CHECK (true)"
    )
}

fn per_command(table: &str, select: &str, insert: &str, update: &str, delete: &str) -> Vec<String> {
    vec![
        format!("CREATE POLICY tenantatlas_member_select ON {table} FOR SELECT TO {MEMBER} USING ({select})"),
        format!("CREATE POLICY tenantatlas_member_insert ON {table} FOR INSERT TO {MEMBER} WITH CHECK ({insert})"),
        format!(
            "CREATE POLICY tenantatlas_member_update ON {table} FOR UPDATE TO {MEMBER} \
             USING ({update}) WITH CHECK ({update})"
        ),
        format!("CREATE POLICY tenantatlas_member_delete ON {table} FOR DELETE TO {MEMBER} USING ({delete})"),
    ]
}

fn special(table: &str) -> Vec<String> {
    const SELF: &str = "login = 'pg:' || session_user";
    let manage = "tenantatlas_may(workspace_id, 'workspace.manage')";
    match table {
        // Anyone may found a workspace (and becomes its owner, below); only its owners change
        // or delete it.
        "workspaces" => per_command(
            table,
            "id = ANY ((SELECT tenantatlas_workspace_ids())::text[])",
            "true",
            "tenantatlas_may(id, 'workspace.manage')",
            "tenantatlas_may(id, 'workspace.manage')",
        ),
        // Yourself, and the people you share a workspace with; you register only yourself.
        "users" => per_command(
            table,
            &format!(
                "{SELF} OR id IN (SELECT user_id FROM workspace_memberships \
                 WHERE {IN_WORKSPACE})"
            ),
            SELF,
            SELF,
            "false",
        ),
        // Memberships change only by the workspace's owners, except the first one: whoever
        // founded a workspace no one holds yet becomes its owner.
        "workspace_memberships" => per_command(
            table,
            IN_WORKSPACE,
            &format!(
                "{manage} OR (tenantatlas_unclaimed(workspace_id) \
                 AND user_id = tenantatlas_user_id() AND role = 'owner')"
            ),
            manage,
            manage,
        ),
        "tenant_entitlements" => per_command(table, IN_WORKSPACE, manage, manage, manage),
        // Connection data changes only with `tenant.manage` (the update guard trigger checks
        // the connection columns themselves; other columns follow the row's visibility).
        "tenants" => per_command(
            table,
            &workspace_and_tenant("id"),
            "tenantatlas_may(workspace_id, 'tenant.manage')",
            &workspace_and_tenant("id"),
            "tenantatlas_may(workspace_id, 'tenant.manage')",
        ),
        // Restores are planned and executed only with `tenant.restore.execute`, and so are the
        // runs that do it: an engine without it never claims one.
        "operation_runs" => {
            let visible = workspace_and_tenant("tenant_id");
            let writable = format!(
                "{visible} AND (type <> 'restore.execute' \
                 OR tenantatlas_may(workspace_id, 'tenant.restore.execute'))"
            );
            per_command(table, &visible, &writable, &writable, &writable)
        }
        "restores" => {
            let visible = workspace_and_tenant("tenant_id");
            let writable =
                format!("{visible} AND tenantatlas_may(workspace_id, 'tenant.restore.execute')");
            per_command(table, &visible, &writable, &writable, &writable)
        }
        // Each operator's own inbox.
        "user_notifications" => {
            let own = format!(
                "user_id = tenantatlas_user_id() AND (workspace_id IS NULL OR {IN_WORKSPACE})"
            );
            let visible = format!("(workspace_id IS NULL OR {IN_WORKSPACE})");
            // Run endings are written to the initiator's inbox by whichever engine ran it.
            per_command(table, &own, &visible, &own, &own)
        }
        // Workspace entries by visibility; entries outside any workspace only your own.
        "audit_log" => {
            let visible = format!(
                "(workspace_id IS NULL AND actor_user_id = tenantatlas_user_id()) OR {}",
                workspace_and_tenant("tenant_id")
            );
            // The audit log is append-only for members.
            per_command(table, &visible, &visible, "false", "false")
        }
        // Which engines run (host names and times only): every member's engine registers and
        // every member's app asks whether a tenant is served.
        "engines" => per_command(table, "true", "true", "true", "true"),
        other => unreachable!("{other} is listed as special without a rule"),
    }
}

/// Tables the worker may read but never write: who belongs where is decided by owners.
pub(super) const WORKER_READ_ONLY: &[&str] =
    &["workspace_memberships", "tenant_entitlements", "workspaces"];

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_table_is_ruled_by_its_columns_or_by_name() {
        assert_eq!(
            scope("findings", &cols(&["id", "workspace_id", "tenant_id"])),
            Some(Scope::Workspace { tenant: true })
        );
        assert_eq!(
            scope("setting_definitions", &cols(&["tenant_id"])),
            Some(Scope::Tenant)
        );
        assert!(matches!(
            scope("finding_events", &cols(&["finding_id"])),
            Some(Scope::Child {
                parent: "findings",
                ..
            })
        ));
        assert_eq!(scope("something_new", &cols(&["id", "name"])), None);
    }

    #[test]
    fn every_special_table_has_its_rule() {
        for table in SPECIAL {
            assert!(statements(table, Scope::Special).len() >= 2, "{table}");
        }
    }
}
