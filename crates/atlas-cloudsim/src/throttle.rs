//! Intune's per-app-per-tenant throttling: a sliding 20 s window holding at most 1,000 requests,
//! of which at most 100 writes. Time is passed in, so the window is testable without sleeping.

use std::collections::VecDeque;

use atlas_domain::Timestamp;

const WINDOW_MILLIS: i64 = 20_000;

#[derive(Debug)]
pub(crate) struct Throttle {
    max_total: usize,
    max_writes: usize,
    /// Admission times (ms) of every request still inside the window, oldest first.
    all: VecDeque<i64>,
    writes: VecDeque<i64>,
}

impl Throttle {
    pub(crate) fn intune() -> Self {
        Self::with_limits(1_000, 100)
    }

    pub(crate) fn with_limits(max_total: usize, max_writes: usize) -> Self {
        Self {
            max_total,
            max_writes,
            all: VecDeque::new(),
            writes: VecDeque::new(),
        }
    }

    /// Admits the request and counts it, or refuses it with the whole seconds until the window
    /// has room again (the `Retry-After` value). Refused requests are not counted.
    pub(crate) fn admit(&mut self, now: Timestamp, is_write: bool) -> Result<(), u64> {
        let now = now.unix_millis();
        for log in [&mut self.all, &mut self.writes] {
            while log.front().is_some_and(|&t| t <= now - WINDOW_MILLIS) {
                log.pop_front();
            }
        }
        let mut wait = 0;
        if self.all.len() >= self.max_total {
            wait = wait.max(room_in(&self.all, now));
        }
        if is_write && self.writes.len() >= self.max_writes {
            wait = wait.max(room_in(&self.writes, now));
        }
        if wait > 0 {
            return Err(wait);
        }
        self.all.push_back(now);
        if is_write {
            self.writes.push_back(now);
        }
        Ok(())
    }
}

/// Seconds (rounded up, at least 1) until the oldest entry leaves the window.
fn room_in(log: &VecDeque<i64>, now: i64) -> u64 {
    let oldest = log.front().copied().unwrap_or(now);
    let millis = (oldest + WINDOW_MILLIS - now).max(1);
    u64::try_from((millis + 999) / 1000).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_unix_millis(ms).unwrap()
    }

    #[test]
    fn the_window_refuses_past_the_limit_and_slides() {
        let mut t = Throttle::with_limits(3, 1);
        assert!(t.admit(at(0), false).is_ok());
        assert!(t.admit(at(5_000), false).is_ok());
        assert!(t.admit(at(10_000), false).is_ok());
        // Full: the oldest leaves at 20 s, 9.5 s from now.
        assert_eq!(t.admit(at(10_500), false), Err(10));
        assert!(t.admit(at(20_000), false).is_ok(), "the first one has left");
        assert_eq!(t.admit(at(20_001), false), Err(5));
    }

    #[test]
    fn writes_have_their_own_smaller_limit_and_count_as_requests() {
        let mut t = Throttle::with_limits(3, 1);
        assert!(t.admit(at(0), true).is_ok());
        assert_eq!(t.admit(at(1_000), true), Err(19));
        assert!(t.admit(at(1_000), false).is_ok());
        assert!(t.admit(at(1_000), false).is_ok());
        assert_eq!(t.admit(at(1_000), false), Err(19));
        assert!(t.admit(at(20_000), true).is_ok());
    }
}
