//! Per-tenant counters of what the simulator answered, so tests and benchmarks can prove what a
//! client provoked (for example: zero 429s under real throttling).

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Counts for one tenant (or all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Graph requests admitted by throttling (batch parts each count; the batch call does not).
    pub requests: u64,
    /// Admitted writes (every method but GET).
    pub writes: u64,
    /// 429s answered because the tenant's throttling window was full.
    pub throttled: u64,
    /// 429s answered by an injected storm.
    pub storm_throttled: u64,
    /// Injected 5xx answers (random server errors and failing objects).
    pub server_errors: u64,
    /// Injected cut bodies (malformed JSON and truncated pages).
    pub malformed: u64,
    /// `$batch` calls that passed authentication.
    pub batches: u64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.requests += other.requests;
        self.writes += other.writes;
        self.throttled += other.throttled;
        self.storm_throttled += other.storm_throttled;
        self.server_errors += other.server_errors;
        self.malformed += other.malformed;
        self.batches += other.batches;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantStats {
    pub tenant_id: Uuid,
    pub display_name: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// `GET /_sim/stats`: `{"tenants":[{tenant_id, display_name, requests, …}], "total":{…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimStats {
    pub tenants: Vec<TenantStats>,
    pub total: Counts,
}

impl SimStats {
    pub fn new(tenants: Vec<TenantStats>) -> Self {
        let mut total = Counts::default();
        for t in &tenants {
            total.add(&t.counts);
        }
        Self { tenants, total }
    }

    pub fn tenant(&self, tenant_id: Uuid) -> Option<&Counts> {
        self.tenants
            .iter()
            .find(|t| t.tenant_id == tenant_id)
            .map(|t| &t.counts)
    }
}

/// The live counters of one tenant.
#[derive(Debug, Default)]
pub(crate) struct TenantCounters {
    pub requests: AtomicU64,
    pub writes: AtomicU64,
    pub throttled: AtomicU64,
    pub storm_throttled: AtomicU64,
    pub server_errors: AtomicU64,
    pub malformed: AtomicU64,
    pub batches: AtomicU64,
}

impl TenantCounters {
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn all(&self) -> [&AtomicU64; 7] {
        [
            &self.requests,
            &self.writes,
            &self.throttled,
            &self.storm_throttled,
            &self.server_errors,
            &self.malformed,
            &self.batches,
        ]
    }

    pub fn snapshot(&self) -> Counts {
        let [requests, writes, throttled, storm_throttled, server_errors, malformed, batches] =
            self.all().map(|c| c.load(Ordering::Relaxed));
        Counts {
            requests,
            writes,
            throttled,
            storm_throttled,
            server_errors,
            malformed,
            batches,
        }
    }

    pub fn reset(&self) {
        for counter in self.all() {
            counter.store(0, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_snapshot_reset_and_total() {
        let c = TenantCounters::default();
        TenantCounters::bump(&c.requests);
        TenantCounters::bump(&c.requests);
        TenantCounters::bump(&c.storm_throttled);
        let counts = c.snapshot();
        assert_eq!((counts.requests, counts.storm_throttled), (2, 1));
        let stats = SimStats::new(vec![
            TenantStats {
                tenant_id: Uuid::from_u128(1),
                display_name: "A".into(),
                counts,
            },
            TenantStats {
                tenant_id: Uuid::from_u128(2),
                display_name: "B".into(),
                counts,
            },
        ]);
        assert_eq!(stats.total.requests, 4);
        assert_eq!(stats.tenant(Uuid::from_u128(2)), Some(&counts));
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["tenants"][0]["requests"], 2, "counts are flattened");
        c.reset();
        assert_eq!(c.snapshot(), Counts::default());
    }
}
