//! The cloud's run-time controls, shared by the HTTP layers, the `/_sim` admin API and the
//! `RunningSimulator` methods: injected faults, token expiry, and the clock and seed they use.
//! It lives in `Cloud` so every holder of the cloud reaches it; `http::router` installs the
//! configuration's seed, faults and clock before the server accepts requests.

use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use atlas_domain::Timestamp;

use crate::clock::{Clock, SystemClock};
use crate::faults::{FaultState, Faults, Plan, RequestFacts};
use crate::revocation::Revocation;

#[derive(Debug)]
pub(crate) struct Control {
    faults: Mutex<FaultState>,
    revocation: Mutex<Revocation>,
    clock: RwLock<Arc<dyn Clock>>,
    seed: RwLock<u64>,
}

impl Default for Control {
    fn default() -> Self {
        Self {
            faults: Mutex::new(FaultState::new(0, Faults::default())),
            revocation: Mutex::new(Revocation::default()),
            clock: RwLock::new(Arc::new(SystemClock)),
            seed: RwLock::new(0),
        }
    }
}

fn signature(token: &str) -> &str {
    token.rsplit('.').next().unwrap_or(token)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Control {
    pub fn configure(&self, seed: u64, faults: Faults, clock: Arc<dyn Clock>) {
        *lock(&self.faults) = FaultState::new(seed, faults);
        *self.clock.write().unwrap_or_else(|p| p.into_inner()) = clock;
        *self.seed.write().unwrap_or_else(|p| p.into_inner()) = seed;
    }

    pub fn now(&self) -> Timestamp {
        self.clock.read().unwrap_or_else(|p| p.into_inner()).now()
    }

    pub fn seed(&self) -> u64 {
        *self.seed.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn faults(&self) -> Faults {
        lock(&self.faults).faults().clone()
    }

    pub fn set_faults(&self, faults: Faults) {
        lock(&self.faults).set(faults);
    }

    pub fn storm(&self, now: Timestamp) -> Option<u64> {
        lock(&self.faults).storm(now)
    }

    pub fn plan(&self, facts: RequestFacts<'_>) -> Plan {
        lock(&self.faults).plan(facts)
    }

    /// Remembers a token the token endpoint issued, so an expiry can revoke it.
    pub fn token_issued(&self, token: &str, expires_at: i64) {
        lock(&self.revocation).issued(signature(token), expires_at);
    }

    /// Whether a token (valid signature and lifetime) is still accepted.
    pub fn token_accepted(&self, token: &str) -> bool {
        lock(&self.revocation).admit(signature(token))
    }

    /// Every token issued until now is refused from now on.
    pub fn expire_tokens(&self) {
        let now = self.now().unix_millis().div_euclid(1000);
        lock(&self.revocation).expire_all(now);
    }
}
