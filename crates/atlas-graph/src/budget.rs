//! A per-tenant request budget shaped like Intune's limits: at most N requests in any sliding
//! window. The client waits for room before sending, so it stays under throttling instead of
//! bouncing off it.

use std::{
    collections::{HashMap, VecDeque},
    sync::Arc,
    time::Duration,
};

use tokio::{
    sync::Mutex,
    time::{sleep_until, Instant},
};

#[derive(Debug)]
pub struct Budget {
    limit: usize,
    window: Duration,
    tenants: Mutex<HashMap<String, Arc<Mutex<VecDeque<Instant>>>>>,
}

impl Budget {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit: limit.max(1) as usize,
            window,
            tenants: Mutex::default(),
        }
    }

    /// Waits until the tenant may send one more request, then records it.
    pub async fn acquire(&self, tenant: &str) {
        let log = {
            let mut tenants = self.tenants.lock().await;
            tenants.entry(tenant.to_owned()).or_default().clone()
        };
        // Holding the tenant's lock while waiting keeps its requests in arrival order.
        let mut sent = log.lock().await;
        loop {
            let now = Instant::now();
            while sent
                .front()
                .is_some_and(|t| now.duration_since(*t) >= self.window)
            {
                sent.pop_front();
            }
            if sent.len() < self.limit {
                sent.push_back(now);
                return;
            }
            let oldest = *sent.front().expect("full means non-empty");
            sleep_until(oldest + self.window).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_in_any_window() {
        let budget = Budget::new(5, Duration::from_secs(20));
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..12 {
            budget.acquire("t1").await;
            times.push(start.elapsed());
        }
        for (i, t) in times.iter().enumerate() {
            let in_window = times
                .iter()
                .filter(|u| **u >= *t && **u < *t + Duration::from_secs(20))
                .count();
            assert!(
                in_window <= 5,
                "request {i} starts a window with {in_window}"
            );
        }
        assert_eq!(times[4], Duration::ZERO);
        assert_eq!(times[5], Duration::from_secs(20));
        assert_eq!(times[10], Duration::from_secs(40));
    }

    #[tokio::test(start_paused = true)]
    async fn tenants_have_separate_budgets() {
        let budget = Budget::new(2, Duration::from_secs(20));
        let start = Instant::now();
        for tenant in ["a", "a", "b", "b"] {
            budget.acquire(tenant).await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
