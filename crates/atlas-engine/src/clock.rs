//! Where the engine gets the time. Production uses the system clock; tests use
//! [`ManualClock`] and move time explicitly.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use atlas_domain::Timestamp;

pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    fn now(&self) -> Timestamp;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<Timestamp>>);

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *now = add(*now, by);
    }

    pub fn set(&self, to: Timestamp) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// `t + d`, saturating at the end of representable time.
pub(crate) fn add(t: Timestamp, d: Duration) -> Timestamp {
    let ms = t
        .unix_millis()
        .saturating_add(d.as_millis().min(i64::MAX as u128) as i64);
    Timestamp::from_unix_millis(ms).unwrap_or(t)
}

pub(crate) fn sub(t: Timestamp, d: Duration) -> Timestamp {
    let ms = t
        .unix_millis()
        .saturating_sub(d.as_millis().min(i64::MAX as u128) as i64);
    Timestamp::from_unix_millis(ms).unwrap_or(t)
}
