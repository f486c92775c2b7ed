//! A per-tenant request budget shaped like Intune's limits: at most N requests, of which at most
//! W writes, in any sliding window, and at most K requests in flight. The client waits for room
//! before sending, so it stays under throttling instead of bouncing off it.

use std::{
    collections::{HashMap, VecDeque},
    sync::Arc,
    time::Duration,
};

use tokio::{
    sync::{Mutex, OwnedSemaphorePermit, Semaphore},
    time::{sleep_until, Instant},
};

/// What a request costs against the tenant's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    Read,
    /// POST, PATCH, PUT, DELETE: counts as a request and as a write.
    Write,
}

#[derive(Debug)]
pub struct Budget {
    limit: usize,
    write_limit: usize,
    window: Duration,
    in_flight: usize,
    tenants: Mutex<HashMap<String, Arc<TenantBudget>>>,
}

#[derive(Debug)]
struct TenantBudget {
    log: Mutex<Log>,
    in_flight: Arc<Semaphore>,
}

/// Send times still inside the window, oldest first.
#[derive(Debug, Default)]
struct Log {
    all: VecDeque<Instant>,
    writes: VecDeque<Instant>,
}

impl Budget {
    pub fn new(limit: u32, write_limit: u32, window: Duration, in_flight: usize) -> Self {
        Self {
            limit: limit.max(1) as usize,
            write_limit: write_limit.max(1) as usize,
            window,
            in_flight: in_flight.max(1),
            tenants: Mutex::default(),
        }
    }

    async fn tenant(&self, tenant: &str) -> Arc<TenantBudget> {
        let mut tenants = self.tenants.lock().await;
        tenants
            .entry(tenant.to_owned())
            .or_insert_with(|| {
                Arc::new(TenantBudget {
                    log: Mutex::default(),
                    in_flight: Arc::new(Semaphore::new(self.in_flight)),
                })
            })
            .clone()
    }

    /// Waits until the tenant may have one more request in flight; the permit is released
    /// when dropped (after the answer arrived).
    pub async fn slot(&self, tenant: &str) -> OwnedSemaphorePermit {
        let tenant = self.tenant(tenant).await;
        tenant
            .in_flight
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }

    /// Waits until the tenant may send `n` more requests of this cost, then records them.
    pub async fn acquire(&self, tenant: &str, cost: Cost, n: usize) {
        let tenant = self.tenant(tenant).await;
        // Holding the tenant's lock while waiting keeps its requests in arrival order.
        let mut guard = tenant.log.lock().await;
        let log = &mut *guard;
        for _ in 0..n {
            loop {
                let now = Instant::now();
                for sent in [&mut log.all, &mut log.writes] {
                    while sent
                        .front()
                        .is_some_and(|t| now.duration_since(*t) >= self.window)
                    {
                        sent.pop_front();
                    }
                }
                let mut wait_until = None;
                if log.all.len() >= self.limit {
                    wait_until = log.all.front().map(|t| *t + self.window);
                }
                if cost == Cost::Write && log.writes.len() >= self.write_limit {
                    let writes_room = log.writes.front().map(|t| *t + self.window);
                    wait_until = wait_until.max(writes_room);
                }
                match wait_until {
                    Some(at) => sleep_until(at).await,
                    None => {
                        log.all.push_back(now);
                        if cost == Cost::Write {
                            log.writes.push_back(now);
                        }
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max_in_any_window(times: &[Duration], window: Duration) -> usize {
        times
            .iter()
            .map(|t| {
                times
                    .iter()
                    .filter(|u| **u >= *t && **u < *t + window)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_in_any_window() {
        let budget = Budget::new(5, 5, Duration::from_secs(20), 4);
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..12 {
            budget.acquire("t1", Cost::Read, 1).await;
            times.push(start.elapsed());
        }
        assert!(max_in_any_window(&times, Duration::from_secs(20)) <= 5);
        assert_eq!(times[4], Duration::ZERO);
        assert_eq!(times[5], Duration::from_secs(20));
        assert_eq!(times[10], Duration::from_secs(40));
    }

    #[tokio::test(start_paused = true)]
    async fn writes_have_their_own_smaller_limit_and_count_as_requests() {
        let budget = Budget::new(10, 2, Duration::from_secs(20), 4);
        let start = Instant::now();
        budget.acquire("t", Cost::Write, 2).await;
        budget.acquire("t", Cost::Read, 3).await;
        assert_eq!(start.elapsed(), Duration::ZERO, "reads still have room");
        budget.acquire("t", Cost::Write, 1).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(20),
            "the third write waits"
        );
        budget.acquire("t", Cost::Read, 5).await;
        budget.acquire("t", Cost::Read, 1).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(20),
            "writes took 3 of the 10 requests; reads within the window are counted"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn tenants_have_separate_budgets() {
        let budget = Budget::new(2, 1, Duration::from_secs(20), 1);
        let start = Instant::now();
        for tenant in ["a", "a", "b", "b"] {
            budget.acquire(tenant, Cost::Read, 1).await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        let _a = budget.slot("a").await;
        let _b = budget.slot("b").await;
        let again = tokio::time::timeout(Duration::from_secs(1), budget.slot("a")).await;
        assert!(again.is_err(), "one request in flight per tenant here");
    }
}
