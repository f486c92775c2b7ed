//! `entra_group_sync` and `directory_role_definitions.sync`: the tenant's directory data as
//! last observed. Groups are cached for showing assignment targets by name (and for restore's
//! group mapping); role definitions and assignments replace the cached ones and produce the
//! stored RBAC hardening report.

use std::collections::HashSet;
use std::sync::Arc;

use atlas_domain::{
    summary::SummaryKey, DirectoryRoleAssignment, DirectoryRoleDefinition, NoInputs, OperationType,
    PrincipalType, RbacHardeningReport, ReportId, ReportType, RunResult, StoredReport, TypesRead,
};
use atlas_graph::{Depth, ObjectType};
use atlas_store::{directory_roles, groups, reports};
use serde_json::Value;

use crate::scope::{self, completeness, counts, read_failures, store_error};
use crate::tenant_graph::TenantGraph;
use atlas_engine::{Handler, HandlerError, HandlerOutcome, RunContext};

fn catalog(key: &str) -> &'static ObjectType {
    ObjectType::find(key).expect("directory types are in the catalog")
}

fn text(value: &Value, field: &str) -> Option<String> {
    value.get(field).and_then(Value::as_str).map(str::to_owned)
}

#[derive(Debug)]
pub struct GroupSyncHandler {
    graph: Arc<dyn TenantGraph>,
}

impl GroupSyncHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

#[async_trait::async_trait]
impl Handler for GroupSyncHandler {
    type Input = NoInputs;

    fn operation(&self) -> OperationType {
        OperationType::EntraGroupSync
    }

    async fn execute(&self, ctx: RunContext, _: NoInputs) -> Result<HandlerOutcome, HandlerError> {
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        let started = ctx.clock.now();
        ctx.progress.set(SummaryKey::Total, 1);
        let session = &scope.session;
        let read = session
            .client
            .read_type(&session.credentials, catalog("group"), Depth::Listing)
            .await;
        let seen: Vec<groups::SeenGroup> = read
            .objects
            .iter()
            .map(|o| groups::SeenGroup {
                group_id: o.id.clone(),
                display_name: o.display_name.clone(),
                description: text(&o.content, "description"),
                mail: text(&o.content, "mail"),
                security_enabled: o.content["securityEnabled"].as_bool().unwrap_or(false),
                mail_enabled: o.content["mailEnabled"].as_bool().unwrap_or(false),
                group_types: o.content["groupTypes"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                membership_rule: text(&o.content, "membershipRule"),
            })
            .collect();
        let mut tx = ctx.store.begin().await.map_err(store_error)?;
        groups::upsert_seen(&mut tx, scope.tenant.id, &seen, started)
            .await
            .map_err(store_error)?;
        let removed = if read.complete() {
            groups::mark_removed(&mut tx, scope.tenant.id, started, ctx.clock.now())
                .await
                .map_err(store_error)?
        } else {
            0
        };
        tx.commit().await.map_err(store_error)?;
        ctx.progress.set(SummaryKey::Processed, 1);
        Ok(scope::outcome(
            read_failures(&read),
            !seen.is_empty() || read.complete(),
            counts(&[
                (SummaryKey::Total, 1),
                (SummaryKey::Processed, 1),
                (SummaryKey::Items, seen.len()),
                (
                    SummaryKey::Deleted,
                    usize::try_from(removed).unwrap_or(usize::MAX),
                ),
                (SummaryKey::Failed, read.failures.len()),
            ]),
            RunResult::GroupSync {
                types: TypesRead::from([("group".to_owned(), completeness(&read))]),
            },
        ))
    }
}

#[derive(Debug)]
pub struct RoleSyncHandler {
    graph: Arc<dyn TenantGraph>,
}

impl RoleSyncHandler {
    pub fn new(graph: Arc<dyn TenantGraph>) -> Self {
        Self { graph }
    }
}

fn definition(content: &Value, id: &str) -> DirectoryRoleDefinition {
    DirectoryRoleDefinition {
        role_definition_id: id.to_owned(),
        display_name: text(content, "displayName").unwrap_or_else(|| id.to_owned()),
        description: text(content, "description"),
        is_built_in: content["isBuiltIn"].as_bool().unwrap_or(false),
        is_enabled: content["isEnabled"].as_bool().unwrap_or(true),
        template_id: text(content, "templateId"),
        permissions: content
            .get("rolePermissions")
            .cloned()
            .unwrap_or(Value::Array(vec![])),
    }
}

/// Assignments name principals by id only; a principal that is a cached group is known to be
/// a group, others stay of unknown kind.
fn assignment(content: &Value, id: &str, group_ids: &HashSet<String>) -> DirectoryRoleAssignment {
    let principal_id = text(content, "principalId").unwrap_or_default();
    let expanded = content.get("principal");
    let principal_type = expanded
        .and_then(|p| text(p, "@odata.type"))
        .and_then(|t| match t.as_str() {
            "#microsoft.graph.user" => Some(PrincipalType::User),
            "#microsoft.graph.group" => Some(PrincipalType::Group),
            "#microsoft.graph.servicePrincipal" => Some(PrincipalType::ServicePrincipal),
            _ => None,
        })
        .or_else(|| {
            group_ids
                .contains(&principal_id)
                .then_some(PrincipalType::Group)
        });
    DirectoryRoleAssignment {
        assignment_id: id.to_owned(),
        role_definition_id: text(content, "roleDefinitionId").unwrap_or_default(),
        principal_display_name: expanded.and_then(|p| text(p, "displayName")),
        principal_type,
        directory_scope_id: text(content, "directoryScopeId").unwrap_or_else(|| "/".into()),
        principal_id,
    }
}

#[async_trait::async_trait]
impl Handler for RoleSyncHandler {
    type Input = NoInputs;

    fn operation(&self) -> OperationType {
        OperationType::DirectoryRoleDefinitionsSync
    }

    async fn execute(&self, ctx: RunContext, _: NoInputs) -> Result<HandlerOutcome, HandlerError> {
        let scope = match scope::open(&ctx, self.graph.as_ref()).await? {
            Ok(scope) => scope,
            Err(blocked) => return Ok(blocked),
        };
        ctx.progress.set(SummaryKey::Total, 2);
        let session = &scope.session;
        let types = [
            catalog("directory_role_definition"),
            catalog("directory_role_assignment"),
        ];
        let reads = session
            .client
            .read_types(&session.credentials, &types, Depth::Listing)
            .await;
        let (defs_read, assignments_read) = (&reads[0], &reads[1]);
        let failures: Vec<_> = reads.iter().flat_map(read_failures).collect();
        let types = TypesRead::from([
            (
                "directory_role_definition".to_owned(),
                completeness(defs_read),
            ),
            (
                "directory_role_assignment".to_owned(),
                completeness(assignments_read),
            ),
        ]);
        // A half-read role picture would make the hardening report lie: keep the last one.
        if !defs_read.complete() || !assignments_read.complete() {
            let mut outcome = HandlerOutcome::failed(failures);
            outcome.counts = counts(&[(SummaryKey::Total, 2), (SummaryKey::Processed, 2)]);
            outcome.result = Some(RunResult::RoleSync {
                types,
                report_id: None,
            });
            return Ok(outcome);
        }
        let principal_ids: Vec<String> = assignments_read
            .objects
            .iter()
            .filter_map(|o| text(&o.content, "principalId"))
            .collect();
        let mut conn = ctx.store.conn().await.map_err(store_error)?;
        let group_ids: HashSet<String> = groups::names(&mut conn, scope.tenant.id, &principal_ids)
            .await
            .map_err(store_error)?
            .into_keys()
            .collect();
        drop(conn);
        let definitions: Vec<_> = defs_read
            .objects
            .iter()
            .map(|o| definition(&o.content, &o.id))
            .collect();
        let assignments: Vec<_> = assignments_read
            .objects
            .iter()
            .map(|o| assignment(&o.content, &o.id, &group_ids))
            .collect();
        let report = RbacHardeningReport::compute(&definitions, &assignments);
        let now = ctx.clock.now();
        let stored = StoredReport {
            id: ReportId::new(),
            workspace_id: scope.tenant.workspace_id,
            tenant_id: scope.tenant.id,
            report_type: ReportType::RbacHardening,
            created_at: now,
            run_id: Some(ctx.run.id),
            payload: serde_json::to_value(&report)
                .map_err(|e| HandlerError::new("report", e.to_string()))?,
        };
        let mut tx = ctx.store.begin().await.map_err(store_error)?;
        directory_roles::replace_all(&mut tx, scope.tenant.id, &definitions, &assignments, now)
            .await
            .map_err(store_error)?;
        reports::insert(&mut tx, &stored)
            .await
            .map_err(store_error)?;
        tx.commit().await.map_err(store_error)?;
        ctx.progress.set(SummaryKey::Processed, 2);
        let mut outcome = HandlerOutcome::succeeded();
        outcome.counts = counts(&[
            (SummaryKey::Total, 2),
            (SummaryKey::Processed, 2),
            (SummaryKey::Items, definitions.len() + assignments.len()),
            (SummaryKey::Findings, report.findings.len()),
        ]);
        outcome.result = Some(RunResult::RoleSync {
            types,
            report_id: Some(stored.id),
        });
        Ok(outcome)
    }
}
