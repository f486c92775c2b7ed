//! Capture, compare and findings through the command surface with the engine running, on both
//! engines: the intent each start reports (a refused compare is a blocked run that writes no
//! finding), triage with its audit trail, and not-found versus forbidden for every command.

use std::time::Duration;

use atlas_api::{
    types::{
        AcknowledgeFindingsRequest, AssignBaselineRequest, BaselineProfileRequest,
        CreateBaselineProfileRequest, ExecuteRestoreRequest, FindingRequest, GetRunRequest,
        ListAuditRequest, ListFindingsRequest, ListGroupsRequest, PreviewRestoreRequest,
        RemediateFindingsRequest, RestoreRequest, SetBaselineStatusRequest, SnapshotRequest,
        StartCompareRequest, StartIntent, StartSyncRequest, SyncKind, TenantRequest,
        WorkspaceRequest,
    },
    Actor, Api, ApiError, ErrorCode, Runtime, RuntimeOptions,
};
use atlas_domain::{
    AuditFilter, BaselineProfile, BaselineStatus, CaptureMode, FindingFilter, FindingKind,
    FindingStatus, GroupOverride, GroupTarget, ItemOutcomeKind, OperationRun, ReasonCode,
    RestoreAction, RestoreSource, RestoreStatus, Role, RunOutcome, RunStatus, Tenant, Timestamp,
    WorkspaceId,
};
use atlas_store::testing;

struct Env {
    runtime: Runtime,
    workspace: WorkspaceId,
    tenants: Vec<Tenant>,
    _dir: tempfile::TempDir,
}

async fn env(database_url: Option<String>) -> Env {
    let dir = tempfile::tempdir().unwrap();
    let runtime = Runtime::open(RuntimeOptions {
        data_dir: Some(dir.path().join("data")),
        database_url,
        user_name: Some("ann".into()),
        run_engine: true,
        demo_baseline_in_background: true,
        ..Default::default()
    })
    .await
    .unwrap();
    let demo = runtime
        .api
        .create_demo_workspace(&runtime.actor)
        .await
        .unwrap();
    Env {
        workspace: demo.workspace.workspace.id,
        tenants: demo.tenants,
        runtime,
        _dir: dir,
    }
}

macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::env(None).await).await } )+ }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(super::env(Some(atlas_testkit::fresh_postgres_url())).await).await
            } )+ }
    };
}

both_backends!(
    the_demo_shows_drift_without_setup_and_findings_are_triaged,
    strangers_find_nothing_and_readers_triage_nothing,
    drift_is_remediated_from_the_baseline_after_a_preview,
);

impl Env {
    fn api(&self) -> &Api {
        &self.runtime.api
    }

    fn ann(&self) -> &Actor {
        &self.runtime.actor
    }

    /// The demo's own baseline profile.
    async fn demo_profile(&self) -> BaselineProfile {
        self.api()
            .list_baseline_profiles(
                self.ann(),
                WorkspaceRequest {
                    workspace_id: self.workspace,
                },
            )
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.profile.name == "Managed workplace standard")
            .expect("the demo workspace has a baseline")
            .profile
    }

    /// Waits for the demo's background capture and compares, and returns the findings.
    async fn demo_findings(&self) -> atlas_api::types::FindingsPage {
        let profile = self.demo_profile().await;
        let assigned: Vec<_> = self
            .tenants
            .iter()
            .filter(|t| Some(t.id) != profile.source_tenant_id)
            .cloned()
            .collect();
        atlas_testkit::eventually(
            Duration::from_secs(240),
            "the demo baseline is captured and every assigned tenant compared",
            || async {
                for t in &assigned {
                    let view = self
                        .api()
                        .get_tenant_baseline(self.ann(), TenantRequest { tenant_id: t.id })
                        .await
                        .unwrap();
                    view.last_compare.as_ref()?;
                }
                Some(self.findings(self.ann()).await.unwrap())
            },
        )
        .await
    }

    /// A tenant assigned to the demo baseline (not its reference).
    async fn assigned(&self) -> Tenant {
        let profile = self.demo_profile().await;
        self.tenants
            .iter()
            .find(|t| Some(t.id) != profile.source_tenant_id)
            .unwrap()
            .clone()
    }

    /// Waits until the run is completed (the engine runs in this process).
    async fn wait(&self, run: &OperationRun) -> OperationRun {
        atlas_testkit::eventually(Duration::from_secs(120), "the run completes", || async {
            let now = self
                .api()
                .get_run(self.ann(), GetRunRequest { run_id: run.id })
                .await
                .unwrap();
            (now.status == RunStatus::Completed).then_some(now)
        })
        .await
    }

    async fn findings(&self, actor: &Actor) -> Result<atlas_api::types::FindingsPage, ApiError> {
        self.api()
            .list_findings(
                actor,
                ListFindingsRequest {
                    workspace_id: self.workspace,
                    filter: FindingFilter {
                        limit: 500,
                        ..FindingFilter::default()
                    },
                },
            )
            .await
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ErrorCode {
    result.unwrap_err().code
}

fn compare_of(tenant: &Tenant) -> StartCompareRequest {
    StartCompareRequest {
        tenant_id: tenant.id,
        snapshot_id: None,
    }
}

async fn the_demo_shows_drift_without_setup_and_findings_are_triaged(env: Env) {
    let (api, ann) = (env.api(), env.ann());
    let page = env.demo_findings().await;
    let kinds: std::collections::BTreeSet<_> =
        page.page.items.iter().map(|f| f.kind.code()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["drifted", "missing", "unexpected"],
        "the demo fleet drifted in every way"
    );
    assert_eq!(
        page.severity_counts.values().sum::<i64>(),
        page.page.total,
        "the counts cover every finding"
    );
    let target = env.assigned().await;

    let first = page.page.items[0].clone();
    let detail = api
        .get_finding(
            ann,
            FindingRequest {
                finding_id: first.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(detail.profile_name, "Managed workplace standard");
    assert_eq!(detail.history[0].event.action.code(), "opened");

    // A blank note is refused and changes nothing.
    let blank = AcknowledgeFindingsRequest {
        finding_ids: vec![first.id],
        note: "   ".into(),
    };
    assert_eq!(
        code(api.acknowledge_findings(ann, blank).await),
        ErrorCode::InvalidInput
    );
    let acked = api
        .acknowledge_findings(
            ann,
            AcknowledgeFindingsRequest {
                finding_ids: vec![first.id],
                note: " Agreed with the customer ".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(acked.acknowledged, [first.id]);
    let twice = api
        .acknowledge_findings(
            ann,
            AcknowledgeFindingsRequest {
                finding_ids: vec![first.id],
                note: "again".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        twice.skipped.len(),
        1,
        "an acknowledged finding is skipped, with why"
    );
    let detail = api
        .get_finding(
            ann,
            FindingRequest {
                finding_id: first.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(detail.finding.summary.status, FindingStatus::Acknowledged);
    assert_eq!(
        detail.finding.summary.ack_note.as_deref(),
        Some("Agreed with the customer")
    );
    // The operator's name: the local user, or in team mode the database role.
    let me = &env.runtime.actor.user.display_name;
    assert!(me == "ann" || me == "postgres", "{me}");
    assert_eq!(detail.acknowledged_by_name.as_deref(), Some(me.as_str()));

    // Compared again with nothing changed: the acknowledgement holds.
    let finding_tenant = env
        .tenants
        .iter()
        .find(|t| t.id == first.tenant_id)
        .unwrap()
        .clone();
    let again = api
        .start_baseline_compare(ann, compare_of(&finding_tenant))
        .await
        .unwrap();
    env.wait(&again.run).await;
    let detail = api
        .get_finding(
            ann,
            FindingRequest {
                finding_id: first.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(detail.finding.summary.status, FindingStatus::Acknowledged);

    let reopened = api
        .reopen_finding(
            ann,
            FindingRequest {
                finding_id: first.id,
            },
        )
        .await
        .unwrap();
    assert_eq!(reopened.finding.summary.status, FindingStatus::Open);
    assert_eq!(
        code(
            api.reopen_finding(
                ann,
                FindingRequest {
                    finding_id: first.id
                }
            )
            .await
        ),
        ErrorCode::InvalidInput,
        "only an acknowledged finding reopens"
    );
    let audit = api
        .list_audit(
            ann,
            ListAuditRequest {
                workspace_id: env.workspace,
                filter: AuditFilter {
                    action: Some("finding".into()),
                    limit: 50,
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    let mut actions: Vec<_> = audit.items.into_iter().map(|r| r.entry.action).collect();
    actions.reverse();
    assert_eq!(actions, ["finding.acknowledged", "finding.reopened"]);

    // A tenant moved to a new profile: its compare is refused until that profile captured
    // (a blocked run, no finding), and a capture started twice runs once.
    api.unassign_baseline(
        ann,
        TenantRequest {
            tenant_id: target.id,
        },
    )
    .await
    .unwrap();
    let refused = api
        .start_baseline_compare(ann, compare_of(&target))
        .await
        .unwrap();
    assert_eq!(refused.intent, StartIntent::Blocked);
    let refused = env.wait(&refused.run).await;
    assert_eq!(
        refused.failure_summary[0].reason_code,
        ReasonCode::CompareNoAssignment
    );

    let profile = api
        .create_baseline_profile(
            ann,
            CreateBaselineProfileRequest {
                workspace_id: env.workspace,
                name: "Standard".into(),
                description: None,
                capture_mode: CaptureMode::FullContent,
                scope: Some(vec!["compliance_policy".into()]),
                source_tenant_id: env.demo_profile().await.source_tenant_id,
            },
        )
        .await
        .unwrap();
    api.assign_baseline(
        ann,
        AssignBaselineRequest {
            profile_id: profile.id,
            tenant_id: target.id,
        },
    )
    .await
    .unwrap();
    api.set_baseline_profile_status(
        ann,
        SetBaselineStatusRequest {
            profile_id: profile.id,
            status: BaselineStatus::Active,
        },
    )
    .await
    .unwrap();
    let before = env.findings(ann).await.unwrap().page.total;
    let early = api
        .start_baseline_compare(ann, compare_of(&target))
        .await
        .unwrap();
    assert_eq!(early.intent, StartIntent::Blocked);
    // A worker may have claimed it first; its handler blocks it for the same reason.
    let early = env.wait(&early.run).await;
    assert_eq!(early.outcome, RunOutcome::Blocked);
    assert_eq!(
        early.failure_summary[0].reason_code,
        ReasonCode::CompareNoConsumableSnapshot
    );
    assert_eq!(
        env.findings(ann).await.unwrap().page.total,
        before,
        "no finding written"
    );

    let by_id = BaselineProfileRequest {
        profile_id: profile.id,
    };
    let capture = api
        .start_baseline_capture(ann, by_id.clone())
        .await
        .unwrap();
    assert_eq!(capture.intent, StartIntent::Queued);
    let again = api
        .start_baseline_capture(ann, by_id.clone())
        .await
        .unwrap();
    assert!(
        again.intent == StartIntent::AlreadyActive || again.run.id != capture.run.id,
        "deduped while active"
    );
    let captured = env.wait(&capture.run).await;
    assert_eq!(
        captured.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        captured.failure_summary
    );
    let detail = api.get_baseline_profile(ann, by_id.clone()).await.unwrap();
    let current = detail
        .readiness
        .current
        .clone()
        .expect("a current snapshot");
    assert_eq!(detail.readiness.blocked_by, None);
    let snapshot = api
        .get_baseline_snapshot(
            ann,
            SnapshotRequest {
                snapshot_id: current.id,
            },
        )
        .await
        .unwrap();
    assert!(snapshot.current && !snapshot.superseded);
    assert!(!snapshot.items.is_empty());
    let all = api.compare_all_assigned(ann, by_id).await.unwrap();
    assert_eq!(all.started.len(), 1, "{all:?}");
    let compared = env.wait(&all.started[0].start.run).await;
    assert_eq!(
        compared.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        compared.failure_summary
    );
}

async fn strangers_find_nothing_and_readers_triage_nothing(env: Env) {
    let (api, ann) = (env.api(), env.ann());
    let finding = env.demo_findings().await.page.items[0].clone();
    let profile = env.demo_profile().await;
    let by_id = BaselineProfileRequest {
        profile_id: profile.id,
    };

    let snapshot = api
        .get_baseline_profile(ann, by_id.clone())
        .await
        .unwrap()
        .readiness
        .current
        .unwrap();

    let now = Timestamp::now();
    let eve = Actor {
        user: testing::user(api.store(), "eve", now).await,
    };
    let rita = Actor {
        user: testing::user(api.store(), "rita", now).await,
    };
    testing::member(
        api.store(),
        env.workspace,
        rita.user_id(),
        Role::Readonly,
        None,
        now,
    )
    .await;
    let by_finding = FindingRequest {
        finding_id: finding.id,
    };
    let ack = || AcknowledgeFindingsRequest {
        finding_ids: vec![finding.id],
        note: "mine".into(),
    };
    let target = TenantRequest {
        tenant_id: finding.tenant_id,
    };
    let compared = env
        .tenants
        .iter()
        .find(|t| t.id == finding.tenant_id)
        .unwrap()
        .clone();

    // Eve is no member: every command reads as "not found".
    assert_eq!(code(env.findings(&eve).await), ErrorCode::NotFound);
    assert_eq!(
        code(api.get_finding(&eve, by_finding.clone()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(api.acknowledge_findings(&eve, ack()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(api.reopen_finding(&eve, by_finding.clone()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(api.start_baseline_capture(&eve, by_id.clone()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            api.start_baseline_compare(&eve, compare_of(&compared))
                .await
        ),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(api.compare_all_assigned(&eve, by_id.clone()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            api.get_baseline_snapshot(
                &eve,
                SnapshotRequest {
                    snapshot_id: snapshot.id
                }
            )
            .await
        ),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(api.get_tenant_baseline(&eve, target.clone()).await),
        ErrorCode::NotFound
    );

    // Rita reads everything and changes nothing.
    assert_eq!(
        env.findings(&rita).await.unwrap().page.total,
        env.findings(ann).await.unwrap().page.total
    );
    api.get_finding(&rita, by_finding.clone()).await.unwrap();
    api.get_baseline_snapshot(
        &rita,
        SnapshotRequest {
            snapshot_id: snapshot.id,
        },
    )
    .await
    .unwrap();
    api.get_tenant_baseline(&rita, target.clone())
        .await
        .unwrap();
    assert_eq!(
        code(api.acknowledge_findings(&rita, ack()).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(api.reopen_finding(&rita, by_finding).await),
        ErrorCode::Forbidden
    );
    let remediate = || RemediateFindingsRequest {
        tenant_id: finding.tenant_id,
        finding_ids: vec![finding.id],
    };
    assert_eq!(
        code(api.remediate_findings(&eve, remediate()).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(api.remediate_findings(&rita, remediate()).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(api.start_baseline_capture(&rita, by_id.clone()).await),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(
            api.start_baseline_compare(&rita, compare_of(&compared))
                .await
        ),
        ErrorCode::Forbidden
    );

    // A member entitled to another tenant only does not see this tenant's findings.
    let other = env
        .tenants
        .iter()
        .find(|t| t.id != finding.tenant_id)
        .unwrap()
        .id;
    let una = Actor {
        user: testing::user(api.store(), "una", now).await,
    };
    testing::member(
        api.store(),
        env.workspace,
        una.user_id(),
        Role::Manager,
        Some(&[other]),
        now,
    )
    .await;
    let seen = env.findings(&una).await.unwrap();
    assert!(seen.page.items.iter().all(|f| f.tenant_id == other));
    assert_eq!(
        code(
            api.get_finding(
                &una,
                FindingRequest {
                    finding_id: finding.id
                }
            )
            .await
        ),
        ErrorCode::NotFound
    );

    // A snapshot id that is not the workspace's is not found for a compare.
    let unknown = StartCompareRequest {
        tenant_id: finding.tenant_id,
        snapshot_id: Some(atlas_domain::BaselineSnapshotId::new()),
    };
    assert_eq!(
        code(api.start_baseline_compare(ann, unknown).await),
        ErrorCode::NotFound
    );
}

/// Remediating drift: the missing and drifted findings of one tenant are previewed as a
/// restore of the baseline's content (a create and an update, nothing written yet), executed
/// after the confirmation, and the next compare resolves them. An unexpected object is
/// refused, and findings of two tenants are not one remediation.
async fn drift_is_remediated_from_the_baseline_after_a_preview(env: Env) {
    let (api, ann) = (env.api(), env.ann());
    let page = env.demo_findings().await;
    let open_of = |kind: FindingKind| {
        page.page
            .items
            .iter()
            .find(|f| f.kind == kind && f.status == FindingStatus::Open)
            .cloned()
    };
    let missing = open_of(FindingKind::Missing).expect("a missing finding");
    let tenant = env
        .tenants
        .iter()
        .find(|t| t.id == missing.tenant_id)
        .unwrap()
        .clone();
    let drifted = page
        .page
        .items
        .iter()
        .find(|f| {
            f.kind == FindingKind::Drifted
                && f.status == FindingStatus::Open
                && f.tenant_id == tenant.id
        })
        .cloned()
        .expect("a drifted finding on the same tenant");
    let unexpected = page
        .page
        .items
        .iter()
        .find(|f| f.kind == FindingKind::Unexpected && f.tenant_id == tenant.id)
        .cloned()
        .expect("an unexpected finding on the same tenant");

    // The tenant's current state is synced, so nothing conflicts as "changed since sync", and
    // both tenants' groups are cached, so assignments map by name.
    let source = env.demo_profile().await.source_tenant_id.unwrap();
    for (tenant_id, kind) in [
        (tenant.id, SyncKind::Policies),
        (tenant.id, SyncKind::Groups),
        (source, SyncKind::Groups),
    ] {
        let sync = api
            .start_sync(ann, StartSyncRequest { tenant_id, kind })
            .await
            .unwrap();
        assert_eq!(env.wait(&sync.run).await.outcome, RunOutcome::Succeeded);
    }

    let refused = api
        .remediate_findings(
            ann,
            RemediateFindingsRequest {
                tenant_id: tenant.id,
                finding_ids: vec![missing.id, unexpected.id],
            },
        )
        .await;
    assert_eq!(
        code(refused),
        ErrorCode::InvalidInput,
        "unexpected objects are not the baseline's"
    );
    let other = page
        .page
        .items
        .iter()
        .find(|f| f.tenant_id != tenant.id)
        .expect("findings on another tenant");
    let mixed = api
        .remediate_findings(
            ann,
            RemediateFindingsRequest {
                tenant_id: tenant.id,
                finding_ids: vec![missing.id, other.id],
            },
        )
        .await;
    assert_eq!(
        code(mixed),
        ErrorCode::NotFound,
        "another tenant's finding is not this one's"
    );

    let started = api
        .remediate_findings(
            ann,
            RemediateFindingsRequest {
                tenant_id: tenant.id,
                finding_ids: vec![missing.id, drifted.id],
            },
        )
        .await
        .unwrap();
    assert!(matches!(
        started.restore.source,
        RestoreSource::Baseline { ref subject_keys, .. } if subject_keys.len() == 2
    ));
    let preview = env.wait(&started.start.run).await;
    assert_eq!(
        preview.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        preview.failure_summary
    );
    let first = api
        .get_restore(
            ann,
            RestoreRequest {
                restore_id: started.restore.id,
            },
        )
        .await
        .unwrap()
        .restore;
    let unmapped = &first.plan.as_ref().expect("a plan").groups;
    assert!(
        unmapped
            .iter()
            .all(|g| g.target == GroupTarget::Unresolved && g.source_name.is_some()),
        "the generated tenants name their groups differently: {unmapped:?}"
    );

    // The operator maps the baseline's groups onto one of the tenant's and previews again,
    // as the restore page does.
    let target_group = api
        .list_groups(
            ann,
            ListGroupsRequest {
                tenant_id: tenant.id,
                search: None,
                offset: 0,
                limit: 1,
            },
        )
        .await
        .unwrap()
        .items
        .remove(0)
        .group_id;
    let overrides = unmapped
        .iter()
        .map(|g| {
            (
                g.source_group_id.clone(),
                GroupOverride::To {
                    group_id: target_group.clone(),
                },
            )
        })
        .collect();
    let started = api
        .preview_restore(
            ann,
            PreviewRestoreRequest {
                tenant_id: tenant.id,
                source: first.source.clone(),
                group_overrides: Some(overrides),
            },
        )
        .await
        .unwrap();
    let preview = env.wait(&started.start.run).await;
    assert_eq!(preview.outcome, RunOutcome::Succeeded);
    let by_id = RestoreRequest {
        restore_id: started.restore.id,
    };
    let view = api.get_restore(ann, by_id).await.unwrap();
    assert_eq!(view.restore.status, RestoreStatus::Previewed);
    let plan = view.restore.plan.expect("a plan");
    let action_of = |name: &str| {
        plan.items
            .iter()
            .find(|i| i.display_name == name)
            .map(|i| (i.action, i.conflicts.clone()))
    };
    assert_eq!(
        action_of(&missing.display_name).map(|a| a.0),
        Some(RestoreAction::Create),
        "{plan:?}"
    );
    assert_eq!(
        action_of(&drifted.display_name).map(|a| a.0),
        Some(RestoreAction::Update),
        "{plan:?}"
    );

    let executed = api
        .execute_restore(
            ann,
            ExecuteRestoreRequest {
                restore_id: started.restore.id,
                confirm_tenant: tenant.display_name.clone(),
                confirm_changes: plan.counts.changes(),
                secrets: None,
            },
        )
        .await
        .unwrap();
    let run = env.wait(&executed.run).await;
    assert_eq!(
        run.outcome,
        RunOutcome::Succeeded,
        "{:?}",
        run.failure_summary
    );
    let done = api.get_restore(ann, by_id).await.unwrap().restore;
    let outcomes: Vec<_> = done
        .outcomes
        .unwrap()
        .into_iter()
        .map(|o| o.outcome)
        .collect();
    assert_eq!(outcomes.len(), 2);
    assert!(
        outcomes.contains(&ItemOutcomeKind::Created)
            && outcomes.contains(&ItemOutcomeKind::Updated)
    );

    // The next compare no longer sees either difference.
    let compare = api
        .start_baseline_compare(ann, compare_of(&tenant))
        .await
        .unwrap();
    assert_eq!(env.wait(&compare.run).await.outcome, RunOutcome::Succeeded);
    for finding in [&missing, &drifted] {
        let now = api
            .get_finding(
                ann,
                FindingRequest {
                    finding_id: finding.id,
                },
            )
            .await
            .unwrap();
        assert_eq!(
            now.finding.summary.status,
            FindingStatus::Resolved,
            "{} is remediated",
            finding.display_name
        );
    }
}
