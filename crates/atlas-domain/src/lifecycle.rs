//! Lifecycle policies, engine timing settings, the timing-invariant validator and the derived
//! freshness of a run (SPEC §3.4–3.5). Pure: times come in as arguments.

use std::{collections::BTreeMap, time::Duration};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{codes::code_enum, OperationRun, OperationType, RunOutcome, RunStatus, Timestamp};

/// How long each kind of run may take and when it stops being believable as active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecyclePolicy {
    /// A queued run never started within this is likely stale.
    #[serde(with = "secs")]
    pub queued_stale_after: Duration,
    /// A running run without credible progress (heartbeat) for this long is likely stale.
    #[serde(with = "secs")]
    pub running_stale_after: Duration,
    /// What a healthy run is expected to need at most; shown as the expected duration.
    #[serde(with = "secs")]
    pub expected_max_runtime: Duration,
    /// Execution is stopped after this and the run fails.
    #[serde(with = "secs")]
    pub timeout: Duration,
    /// Handler failures are bridged straight to failed truth (every type, in this product).
    pub direct_bridge: bool,
    /// The scheduled reconciler covers this type.
    pub reconciled: bool,
}

impl LifecyclePolicy {
    const fn seconds(queued: u64, running: u64, expected: u64, timeout: u64) -> Self {
        Self {
            queued_stale_after: Duration::from_secs(queued),
            running_stale_after: Duration::from_secs(running),
            expected_max_runtime: Duration::from_secs(expected),
            timeout: Duration::from_secs(timeout),
            direct_bridge: true,
            reconciled: true,
        }
    }

    /// The starting values of SPEC §3.4.
    pub const fn default_for(operation: OperationType) -> Self {
        use OperationType as T;
        match operation {
            T::BaselineCapture | T::BaselineCompare => Self::seconds(600, 1800, 300, 300),
            T::InventorySync => Self::seconds(300, 1200, 240, 240),
            T::PolicySync | T::PolicySyncOne => Self::seconds(300, 900, 180, 180),
            T::EntraGroupSync | T::DirectoryRoleDefinitionsSync => {
                Self::seconds(300, 900, 240, 240)
            }
            T::BackupScheduleRun => Self::seconds(300, 1200, 300, 300),
            T::RestoreExecute => Self::seconds(300, 1500, 420, 420),
            T::ReviewPackGenerate | T::EvidenceSnapshotGenerate => {
                Self::seconds(300, 900, 240, 240)
            }
            T::ReviewCompose => Self::seconds(300, 900, 240, 240),
        }
    }
}

/// Timing of the worker pool that every policy must fit inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineTiming {
    /// How long a claim holds without renewal: the redelivery window. Heartbeats renew it.
    #[serde(with = "secs")]
    pub lease: Duration,
    /// How often a working run renews its lease.
    #[serde(with = "secs")]
    pub heartbeat_interval: Duration,
    /// Head-room kept between a run's timeout and the lease.
    #[serde(with = "secs")]
    pub safety_margin: Duration,
}

impl Default for EngineTiming {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(600),
            heartbeat_interval: Duration::from_secs(15),
            safety_margin: Duration::from_secs(30),
        }
    }
}

/// A heartbeat interval must fit this many times into the lease.
pub const MIN_HEARTBEATS_PER_LEASE: u32 = 3;

/// A running run whose heartbeats stopped for this many intervals is likely stale: its worker
/// renews every interval whatever the handler does, so silence this long means the process
/// died or lost the database. The lease stays the upper bound.
pub const SILENT_HEARTBEATS: u32 = 3;

impl EngineTiming {
    /// How long a running run may go without a heartbeat before it is likely stale.
    pub fn silence_limit(&self) -> Duration {
        self.heartbeat_interval * SILENT_HEARTBEATS
    }
}

/// The per-type policies in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyTable {
    policies: BTreeMap<OperationType, LifecyclePolicy>,
}

impl Default for PolicyTable {
    fn default() -> Self {
        let policies = OperationType::ALL
            .iter()
            .map(|t| (*t, LifecyclePolicy::default_for(*t)))
            .collect();
        Self { policies }
    }
}

impl PolicyTable {
    pub fn get(&self, operation: OperationType) -> Option<&LifecyclePolicy> {
        self.policies.get(&operation)
    }

    pub fn set(&mut self, operation: OperationType, policy: LifecyclePolicy) {
        self.policies.insert(operation, policy);
    }

    pub fn iter(&self) -> impl Iterator<Item = (OperationType, &LifecyclePolicy)> {
        self.policies.iter().map(|(t, p)| (*t, p))
    }
}

/// One broken timing rule, naming the type and the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub operation: Option<OperationType>,
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.operation {
            Some(op) => write!(f, "{op}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Checks every rule of SPEC §3.5's timing invariant and that the handler set and the policy
/// table agree. Returns every violation, not just the first.
pub fn validate(
    table: &PolicyTable,
    timing: &EngineTiming,
    handled: &[OperationType],
) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut push = |operation, message: String| out.push(Violation { operation, message });
    let s = |d: Duration| format!("{}s", d.as_secs_f64());

    if timing.lease.is_zero() {
        push(None, "the lease must be longer than 0s".into());
    }
    if timing.heartbeat_interval.is_zero() {
        push(None, "the heartbeat interval must be longer than 0s".into());
    } else if timing.heartbeat_interval * MIN_HEARTBEATS_PER_LEASE > timing.lease {
        push(
            None,
            format!(
                "the heartbeat interval ({}) must fit at least {MIN_HEARTBEATS_PER_LEASE} times into \
                 the lease ({})",
                s(timing.heartbeat_interval),
                s(timing.lease)
            ),
        );
    }
    let window = timing.lease.saturating_sub(timing.safety_margin);
    for (op, p) in table.iter() {
        for (name, value) in [
            ("queued_stale_after", p.queued_stale_after),
            ("running_stale_after", p.running_stale_after),
            ("expected_max_runtime", p.expected_max_runtime),
            ("timeout", p.timeout),
        ] {
            if value.is_zero() {
                push(Some(op), format!("{name} must be longer than 0s"));
            }
        }
        if p.timeout > window {
            push(
                Some(op),
                format!(
                    "timeout ({}) must stay below the lease ({}) minus the safety margin ({})",
                    s(p.timeout),
                    s(timing.lease),
                    s(timing.safety_margin)
                ),
            );
        }
        if p.expected_max_runtime > window {
            push(
                Some(op),
                format!(
                    "expected_max_runtime ({}) must stay below the lease ({}) minus the safety \
                     margin ({})",
                    s(p.expected_max_runtime),
                    s(timing.lease),
                    s(timing.safety_margin)
                ),
            );
        }
        if p.expected_max_runtime > p.timeout {
            push(
                Some(op),
                format!(
                    "expected_max_runtime ({}) must not exceed the timeout ({})",
                    s(p.expected_max_runtime),
                    s(p.timeout)
                ),
            );
        }
        if p.running_stale_after < timing.silence_limit() {
            push(
                Some(op),
                format!(
                    "running_stale_after ({}) must allow at least {SILENT_HEARTBEATS} missed \
                     heartbeats ({} each): a healthy run is only judged by its heartbeats",
                    s(p.running_stale_after),
                    s(timing.heartbeat_interval)
                ),
            );
        }
    }
    for op in handled {
        if table.get(*op).is_none() {
            push(Some(*op), "has a handler but no lifecycle policy".into());
        }
    }
    out
}

code_enum! {
    /// Whether an active run is still believable (derived, never stored).
    pub enum Freshness as "freshness" {
        /// Queued or running with credible recent evidence of life.
        FreshActive => "fresh_active",
        /// Queued too long without starting, or running without credible progress.
        LikelyStale => "likely_stale",
        /// Completed as failed by the reconciler.
        ReconciledFailed => "reconciled_failed",
        /// Completed through its normal path.
        TerminalNormal => "terminal_normal",
        /// Not enough evidence to judge (inconsistent timestamps, type without policy).
        Unknown => "unknown",
    }
}

/// When `freshness` judged a run stale, the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StaleEvidence {
    /// `created_at` for queued runs, the last heartbeat (or start) for running runs.
    pub reference_time: Timestamp,
    pub threshold_seconds: u64,
    pub lease_expires_at: Option<Timestamp>,
    pub lease_owner: Option<String>,
    /// `lease_expired`, `heartbeats_stopped`, `no_progress` or `process_ended` (running),
    /// `never_started` (queued).
    pub rule: String,
}

/// What the freshness rule reads of a run: enough to judge it without loading the whole row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Liveness {
    pub status: RunStatus,
    pub outcome: RunOutcome,
    pub created_at: Timestamp,
    pub started_at: Option<Timestamp>,
    pub heartbeat_at: Option<Timestamp>,
    pub lease_expires_at: Option<Timestamp>,
    pub lease_owner: Option<String>,
    pub reconciled_at: Option<Timestamp>,
}

impl OperationRun {
    pub fn liveness(&self) -> Liveness {
        Liveness {
            status: self.status,
            outcome: self.outcome,
            created_at: self.created_at,
            started_at: self.started_at,
            heartbeat_at: self.heartbeat_at,
            lease_expires_at: self.lease_expires_at,
            lease_owner: self.lease_owner.clone(),
            reconciled_at: self.reconciled_at,
        }
    }
}

/// The moment [`freshness_of`] would start calling this run likely stale if nothing else
/// happened to it: `created_at + queued_stale_after` for a queued run; for a running run the
/// earliest of its lease expiry, its last sign of life plus the heartbeat silence limit, and
/// its last sign of life plus `running_stale_after`. `None` for completed runs and types without
/// reconciliation. Stored with the run so the reconciler finds candidates with one index range
/// scan.
pub fn stale_after(
    run: &Liveness,
    policy: Option<&LifecyclePolicy>,
    timing: &EngineTiming,
) -> Option<Timestamp> {
    let policy = policy.filter(|p| p.reconciled)?;
    let plus = |t: Timestamp, d: Duration| {
        Timestamp::from_unix_millis(t.unix_millis().saturating_add(d.as_millis() as i64))
    };
    match run.status {
        RunStatus::Queued => plus(run.created_at, policy.queued_stale_after),
        RunStatus::Running => {
            let last_sign = run
                .heartbeat_at
                .or(run.started_at)
                .unwrap_or(run.created_at);
            let silent = policy.running_stale_after.min(timing.silence_limit());
            let by_progress = plus(last_sign, silent)?;
            Some(
                run.lease_expires_at
                    .map_or(by_progress, |lease| lease.min(by_progress)),
            )
        }
        RunStatus::Completed => None,
    }
}

/// [`freshness_of`] for a whole run.
pub fn freshness(
    run: &OperationRun,
    policy: Option<&LifecyclePolicy>,
    timing: &EngineTiming,
    now: Timestamp,
) -> (Freshness, Option<StaleEvidence>) {
    freshness_of(&run.liveness(), policy, timing, now)
}

/// The one freshness rule, used by the reconciler, the aggregates and the UI:
/// - completed: reconciled (has `reconciled_at`) or normal;
/// - queued: likely stale once older than `queued_stale_after` without starting;
/// - running: likely stale as soon as its lease has expired (a dead worker stops renewing it),
///   when its heartbeats stopped for [`SILENT_HEARTBEATS`] intervals, or when its last
///   heartbeat (or start) is older than `running_stale_after`.
pub fn freshness_of(
    run: &Liveness,
    policy: Option<&LifecyclePolicy>,
    timing: &EngineTiming,
    now: Timestamp,
) -> (Freshness, Option<StaleEvidence>) {
    if run.status == RunStatus::Completed {
        let reconciled = run.reconciled_at.is_some() && run.outcome == RunOutcome::Failed;
        let state = if reconciled {
            Freshness::ReconciledFailed
        } else {
            Freshness::TerminalNormal
        };
        return (state, None);
    }
    let Some(policy) = policy else {
        return (Freshness::Unknown, None);
    };
    let elapsed = |since: Timestamp| {
        Duration::from_millis(now.unix_millis().saturating_sub(since.unix_millis()).max(0) as u64)
    };
    let evidence = |reference_time, threshold: Duration, rule: &str| StaleEvidence {
        reference_time,
        threshold_seconds: threshold.as_secs(),
        lease_expires_at: run.lease_expires_at,
        lease_owner: run.lease_owner.clone(),
        rule: rule.into(),
    };
    match run.status {
        RunStatus::Queued => {
            if elapsed(run.created_at) > policy.queued_stale_after {
                let ev = evidence(run.created_at, policy.queued_stale_after, "never_started");
                (Freshness::LikelyStale, Some(ev))
            } else {
                (Freshness::FreshActive, None)
            }
        }
        RunStatus::Running => {
            let Some(last_sign) = run.heartbeat_at.or(run.started_at) else {
                return (Freshness::Unknown, None);
            };
            if let Some(expires) = run.lease_expires_at {
                if now > expires {
                    let ev = evidence(last_sign, policy.running_stale_after, "lease_expired");
                    return (Freshness::LikelyStale, Some(ev));
                }
            }
            let silence = timing.silence_limit();
            if silence < policy.running_stale_after && elapsed(last_sign) > silence {
                let ev = evidence(last_sign, silence, "heartbeats_stopped");
                return (Freshness::LikelyStale, Some(ev));
            }
            if elapsed(last_sign) > policy.running_stale_after {
                let ev = evidence(last_sign, policy.running_stale_after, "no_progress");
                (Freshness::LikelyStale, Some(ev))
            } else {
                (Freshness::FreshActive, None)
            }
        }
        RunStatus::Completed => unreachable!("handled above"),
    }
}

/// Durations as whole seconds in files and JSON.
mod secs {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WorkspaceId;

    /// The default timing: heartbeats every 15 s, so 45 s of silence is stale.
    const TIMING: EngineTiming = EngineTiming {
        lease: Duration::from_secs(600),
        heartbeat_interval: Duration::from_secs(15),
        safety_margin: Duration::from_secs(30),
    };

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_millis(1_800_000_000_000 + secs * 1000).unwrap()
    }

    fn run(status: RunStatus) -> OperationRun {
        OperationRun {
            outcome: if status.is_active() {
                RunOutcome::Pending
            } else {
                RunOutcome::Succeeded
            },
            status,
            ..OperationRun::queued(
                WorkspaceId::new(),
                None,
                None,
                OperationType::InventorySync,
                "x".into(),
                serde_json::json!({}),
                at(0),
            )
        }
    }

    #[test]
    fn the_default_table_passes_the_validator() {
        let violations = validate(
            &PolicyTable::default(),
            &EngineTiming::default(),
            OperationType::ALL,
        );
        assert!(violations.is_empty(), "{violations:?}");
    }

    #[test]
    fn a_timeout_inside_the_safety_margin_is_named() {
        let mut table = PolicyTable::default();
        let mut p = LifecyclePolicy::default_for(OperationType::RestoreExecute);
        p.timeout = Duration::from_secs(590);
        table.set(OperationType::RestoreExecute, p);
        let v = validate(&table, &EngineTiming::default(), &[]);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].operation, Some(OperationType::RestoreExecute));
        assert!(
            v[0].to_string()
                .contains("timeout (590s) must stay below the lease (600s)"),
            "{}",
            v[0]
        );
    }

    #[test]
    fn an_expected_runtime_beyond_the_window_is_named() {
        let mut table = PolicyTable::default();
        let mut p = LifecyclePolicy::default_for(OperationType::InventorySync);
        p.expected_max_runtime = Duration::from_secs(700);
        table.set(OperationType::InventorySync, p);
        let v = validate(&table, &EngineTiming::default(), &[]);
        assert!(
            v.iter()
                .any(|v| v.message.starts_with("expected_max_runtime (700s)")),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|v| v.message.contains("must not exceed the timeout")),
            "{v:?}"
        );
    }

    #[test]
    fn a_heartbeat_too_close_to_the_lease_is_named() {
        let timing = EngineTiming {
            heartbeat_interval: Duration::from_secs(300),
            ..Default::default()
        };
        let v = validate(&PolicyTable::default(), &timing, &[]);
        assert!(
            v.iter()
                .any(|v| v.operation.is_none() && v.message.contains("heartbeat interval (300s)")),
            "{v:?}"
        );
    }

    #[test]
    fn zero_values_are_named() {
        let mut table = PolicyTable::default();
        let mut p = LifecyclePolicy::default_for(OperationType::PolicySync);
        p.queued_stale_after = Duration::ZERO;
        table.set(OperationType::PolicySync, p);
        let timing = EngineTiming {
            lease: Duration::ZERO,
            ..Default::default()
        };
        let v = validate(&table, &timing, &[]);
        assert!(
            v.iter()
                .any(|v| v.message == "the lease must be longer than 0s"),
            "{v:?}"
        );
        assert!(
            v.iter()
                .any(|v| v.to_string() == "policy.sync: queued_stale_after must be longer than 0s"),
            "{v:?}"
        );
    }

    #[test]
    fn queued_runs_go_stale_after_their_threshold() {
        let policy = LifecyclePolicy::default_for(OperationType::InventorySync);
        let r = run(RunStatus::Queued);
        assert_eq!(
            freshness(&r, Some(&policy), &TIMING, at(300)).0,
            Freshness::FreshActive
        );
        let (state, ev) = freshness(&r, Some(&policy), &TIMING, at(301));
        assert_eq!(state, Freshness::LikelyStale);
        assert_eq!(ev.unwrap().rule, "never_started");
    }

    #[test]
    fn heartbeats_keep_a_long_run_fresh() {
        let policy = LifecyclePolicy::default_for(OperationType::InventorySync);
        let mut r = run(RunStatus::Running);
        r.started_at = Some(at(0));
        r.heartbeat_at = Some(at(5000));
        r.lease_expires_at = Some(at(5600));
        assert_eq!(
            freshness(&r, Some(&policy), &TIMING, at(5044)).0,
            Freshness::FreshActive
        );
    }

    #[test]
    fn three_missed_heartbeats_are_stale_long_before_the_lease() {
        let policy = LifecyclePolicy::default_for(OperationType::PolicySync);
        let mut r = run(RunStatus::Running);
        r.started_at = Some(at(0));
        r.heartbeat_at = Some(at(10));
        r.lease_expires_at = Some(at(610));
        assert_eq!(
            freshness(&r, Some(&policy), &TIMING, at(55)).0,
            Freshness::FreshActive,
            "exactly three intervals of silence is still fresh"
        );
        let (state, ev) = freshness(&r, Some(&policy), &TIMING, at(56));
        assert_eq!(state, Freshness::LikelyStale);
        let ev = ev.unwrap();
        assert_eq!(
            (ev.rule.as_str(), ev.threshold_seconds),
            ("heartbeats_stopped", 45)
        );
        assert_eq!(
            stale_after(&r.liveness(), Some(&policy), &TIMING),
            Some(at(55))
        );
    }

    #[test]
    fn with_default_settings_a_dead_run_is_stale_within_a_minute() {
        let timing = EngineTiming::default();
        for operation in OperationType::ALL {
            let policy = LifecyclePolicy::default_for(*operation);
            let mut r = run(RunStatus::Running);
            r.started_at = Some(at(0));
            r.heartbeat_at = Some(at(0));
            r.lease_expires_at = Some(at(600));
            let stale = stale_after(&r.liveness(), Some(&policy), &timing).unwrap();
            assert!(stale <= at(60), "{operation}: {stale:?}");
        }
    }

    #[test]
    fn an_expired_lease_is_stale_long_before_the_age_rule() {
        let policy = LifecyclePolicy::default_for(OperationType::InventorySync);
        let mut r = run(RunStatus::Running);
        r.started_at = Some(at(0));
        r.heartbeat_at = Some(at(10));
        r.lease_expires_at = Some(at(70));
        r.lease_owner = Some("w1".into());
        let (state, ev) = freshness(&r, Some(&policy), &TIMING, at(71));
        assert_eq!(state, Freshness::LikelyStale);
        let ev = ev.unwrap();
        assert_eq!(
            (ev.rule.as_str(), ev.lease_owner.as_deref()),
            ("lease_expired", Some("w1"))
        );
    }

    #[test]
    fn no_heartbeat_for_the_running_threshold_is_stale() {
        // With heartbeats rarer than a third of running_stale_after, the age rule decides.
        let timing = EngineTiming {
            lease: Duration::from_secs(3600),
            heartbeat_interval: Duration::from_secs(600),
            safety_margin: Duration::from_secs(30),
        };
        let policy = LifecyclePolicy::default_for(OperationType::InventorySync);
        let mut r = run(RunStatus::Running);
        r.started_at = Some(at(0));
        assert_eq!(
            freshness(&r, Some(&policy), &timing, at(1200)).0,
            Freshness::FreshActive
        );
        let (state, ev) = freshness(&r, Some(&policy), &timing, at(1201));
        assert_eq!(state, Freshness::LikelyStale);
        assert_eq!(ev.unwrap().rule, "no_progress");
    }

    #[test]
    fn completed_runs_are_terminal_normal_or_reconciled() {
        let mut r = run(RunStatus::Completed);
        assert_eq!(
            freshness(&r, None, &TIMING, at(0)).0,
            Freshness::TerminalNormal
        );
        r.outcome = RunOutcome::Failed;
        r.reconciled_at = Some(at(1));
        assert_eq!(
            freshness(&r, None, &TIMING, at(0)).0,
            Freshness::ReconciledFailed
        );
    }

    #[test]
    fn stale_after_is_exactly_where_freshness_flips() {
        let policy = LifecyclePolicy::default_for(OperationType::InventorySync);
        let queued = run(RunStatus::Queued);
        let at_q = stale_after(&queued.liveness(), Some(&policy), &TIMING).unwrap();
        assert_eq!(
            freshness(&queued, Some(&policy), &TIMING, at_q).0,
            Freshness::FreshActive
        );
        let just_after = Timestamp::from_unix_millis(at_q.unix_millis() + 1).unwrap();
        assert_eq!(
            freshness(&queued, Some(&policy), &TIMING, just_after).0,
            Freshness::LikelyStale
        );

        let mut running = run(RunStatus::Running);
        running.started_at = Some(at(0));
        running.heartbeat_at = Some(at(100));
        running.lease_expires_at = Some(at(130));
        assert_eq!(
            stale_after(&running.liveness(), Some(&policy), &TIMING),
            Some(at(130)),
            "lease first"
        );
        running.lease_expires_at = Some(at(5000));
        assert_eq!(
            stale_after(&running.liveness(), Some(&policy), &TIMING),
            Some(at(145)),
            "heartbeat silence first"
        );
        assert_eq!(
            stale_after(
                &run(RunStatus::Completed).liveness(),
                Some(&policy),
                &TIMING
            ),
            None
        );
    }

    #[test]
    fn missing_evidence_is_unknown_not_stale() {
        let policy = LifecyclePolicy::default_for(OperationType::InventorySync);
        assert_eq!(
            freshness(&run(RunStatus::Running), Some(&policy), &TIMING, at(9999)).0,
            Freshness::Unknown
        );
        assert_eq!(
            freshness(&run(RunStatus::Queued), None, &TIMING, at(9999)).0,
            Freshness::Unknown
        );
    }
}
