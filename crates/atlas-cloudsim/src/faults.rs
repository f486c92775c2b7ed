//! Injected faults: what a client must survive against the real service (latency, 5xx answers,
//! 429 storms, cut bodies, broken page links, one object that fails or is slow, writes to one
//! object refused). `Faults` is the
//! setting (set at start in `SimulatorConfig`, changed at run time through `/_sim/faults` or
//! `RunningSimulator::set_faults`); `FaultState` decides per request, drawing from a ChaCha stream
//! seeded by the simulator seed, so a run with the same requests in the same order meets the
//! same faults.

use std::time::Duration;

use atlas_domain::Timestamp;
use axum::http::StatusCode;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::generate::rng::{stream, SimRng};

/// Fault settings; the default injects nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Extra delay before every Graph request is answered (the parts of a batch wait in parallel).
    pub latency_ms: u64,
    /// Share (0..=1) of Graph requests answered 500, 502, 503 or 504 instead of running (503s
    /// carry `Retry-After`).
    pub server_error_rate: f64,
    /// While set, every Graph request is answered 429 with `Retry-After`.
    pub throttle_storm: Option<ThrottleStorm>,
    /// Share (0..=1) of 200 answers whose body is cut short (not valid JSON).
    pub malformed_json_rate: f64,
    /// Every `@odata.nextLink` carries a skip token the server refuses (400 when followed).
    pub broken_next_link: bool,
    /// Every page after the first (a request with `$skiptoken`) is cut in the middle of its body.
    pub truncated_page: bool,
    /// Objects whose read by id and navigation reads take `slow_ms` longer.
    pub slow_objects: Vec<String>,
    pub slow_ms: u64,
    /// Objects whose read by id and navigation reads answer 500.
    pub fail_objects: Vec<String>,
    /// Objects whose writes (PATCH, PUT, DELETE, actions such as `assign`) answer 400, as
    /// Intune does for a body it will not take.
    pub refuse_writes: Vec<String>,
}

/// A 429 storm: ends after `requests` refusals or at `until`, whichever comes first (neither:
/// until cleared).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThrottleStorm {
    /// Requests still to be refused.
    pub requests: Option<u64>,
    pub until: Option<Timestamp>,
    /// `Retry-After` sent; by default the seconds left until `until`, else 1.
    pub retry_after_seconds: Option<u64>,
}

impl Faults {
    /// Names the first setting out of range.
    pub fn validate(&self) -> Result<(), String> {
        for (name, rate) in [
            ("server_error_rate", self.server_error_rate),
            ("malformed_json_rate", self.malformed_json_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be between 0 and 1, not {rate}"));
            }
        }
        Ok(())
    }
}

/// An injected 5xx answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServerError {
    pub status: StatusCode,
    pub retry_after: Option<u64>,
}

/// What happens to one admitted Graph request.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Plan {
    /// Answer this instead of running the request.
    pub error: Option<ServerError>,
    pub delay: Duration,
    /// Cut a 200 body to this fraction of its length.
    pub cut: Option<f64>,
    pub break_next_link: bool,
}

/// What the fault decisions need to know about a request.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RequestFacts<'a> {
    /// The object a read by id or navigation read is about.
    pub object_read: Option<&'a str>,
    /// A page after the first (the request carries a skip token).
    pub later_page: bool,
}

#[derive(Debug)]
pub(crate) struct FaultState {
    faults: Faults,
    rng: SimRng,
}

impl FaultState {
    pub fn new(seed: u64, faults: Faults) -> Self {
        Self {
            faults,
            rng: stream(seed, &["faults"]),
        }
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    pub fn set(&mut self, faults: Faults) {
        self.faults = faults;
    }

    /// `Some(retry_after)` when a storm refuses this request (and counts it against the storm).
    pub fn storm(&mut self, now: Timestamp) -> Option<u64> {
        let storm = self.faults.throttle_storm.as_mut()?;
        let over_in_time = storm.until.is_some_and(|until| now >= until);
        if over_in_time || storm.requests == Some(0) {
            self.faults.throttle_storm = None;
            return None;
        }
        if let Some(left) = &mut storm.requests {
            *left -= 1;
        }
        let until_secs = storm.until.map(|until| {
            let millis = (until.unix_millis() - now.unix_millis()).max(1);
            u64::try_from((millis + 999) / 1000).unwrap_or(1)
        });
        Some(storm.retry_after_seconds.or(until_secs).unwrap_or(1).max(1))
    }

    /// Decides the faults of one admitted request. Draws only for the rates that are set, so
    /// turning one fault on does not shift the draws of another.
    pub fn plan(&mut self, facts: RequestFacts<'_>) -> Plan {
        let f = &self.faults;
        let mut plan = Plan {
            delay: Duration::from_millis(f.latency_ms),
            break_next_link: f.broken_next_link,
            ..Plan::default()
        };
        if let Some(object) = facts.object_read {
            if f.fail_objects.iter().any(|o| o == object) {
                plan.error = Some(ServerError {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    retry_after: None,
                });
            }
            if f.slow_objects.iter().any(|o| o == object) {
                plan.delay += Duration::from_millis(f.slow_ms);
            }
        }
        if f.server_error_rate > 0.0 && self.rng.gen_bool(f.server_error_rate) {
            let status = [
                StatusCode::INTERNAL_SERVER_ERROR,
                StatusCode::BAD_GATEWAY,
                StatusCode::SERVICE_UNAVAILABLE,
                StatusCode::GATEWAY_TIMEOUT,
            ][self.rng.gen_range(0..4)];
            let retry_after = (status == StatusCode::SERVICE_UNAVAILABLE).then_some(1);
            plan.error = plan.error.or(Some(ServerError {
                status,
                retry_after,
            }));
        }
        if f.malformed_json_rate > 0.0 && self.rng.gen_bool(f.malformed_json_rate) {
            plan.cut = Some(self.rng.gen_range(0.05..0.95));
        }
        if f.truncated_page && facts.later_page {
            plan.cut = Some(0.5);
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_unix_millis(ms).unwrap()
    }

    #[test]
    fn rates_out_of_range_are_refused() {
        assert!(Faults::default().validate().is_ok());
        for bad in [-0.1, 1.5, f64::NAN] {
            let f = Faults {
                server_error_rate: bad,
                ..Faults::default()
            };
            assert!(f.validate().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let faults = Faults {
            server_error_rate: 0.3,
            malformed_json_rate: 0.2,
            ..Faults::default()
        };
        let run = |seed| {
            let mut state = FaultState::new(seed, faults.clone());
            (0..200)
                .map(|_| state.plan(RequestFacts::default()))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let errors = run(7).iter().filter(|p| p.error.is_some()).count();
        assert!((30..90).contains(&errors), "{errors} of 200");
        assert!(run(7)
            .iter()
            .filter_map(|p| p.error)
            .all(|e| (e.status == StatusCode::SERVICE_UNAVAILABLE) == e.retry_after.is_some()));
    }

    #[test]
    fn a_storm_ends_after_its_requests_or_at_its_time() {
        let mut state = FaultState::new(
            1,
            Faults {
                throttle_storm: Some(ThrottleStorm {
                    requests: Some(2),
                    ..ThrottleStorm::default()
                }),
                ..Faults::default()
            },
        );
        assert_eq!(state.storm(at(0)), Some(1));
        assert_eq!(state.storm(at(0)), Some(1));
        assert_eq!(state.storm(at(0)), None);
        assert_eq!(state.faults().throttle_storm, None);

        state.set(Faults {
            throttle_storm: Some(ThrottleStorm {
                until: Some(at(10_000)),
                ..ThrottleStorm::default()
            }),
            ..Faults::default()
        });
        assert_eq!(state.storm(at(2_500)), Some(8), "seconds left, rounded up");
        assert_eq!(state.storm(at(10_000)), None);
    }

    #[test]
    fn object_faults_and_page_faults_follow_the_request() {
        let mut state = FaultState::new(
            1,
            Faults {
                fail_objects: vec!["bad".into()],
                slow_objects: vec!["slow".into()],
                slow_ms: 300,
                latency_ms: 5,
                truncated_page: true,
                ..Faults::default()
            },
        );
        let plan = |state: &mut FaultState, object, later_page| {
            state.plan(RequestFacts {
                object_read: object,
                later_page,
            })
        };
        assert_eq!(
            plan(&mut state, Some("bad"), false).error.map(|e| e.status),
            Some(StatusCode::INTERNAL_SERVER_ERROR)
        );
        assert_eq!(
            plan(&mut state, Some("slow"), false).delay,
            Duration::from_millis(305)
        );
        let first = plan(&mut state, None, false);
        assert_eq!((first.error, first.cut), (None, None));
        assert_eq!(plan(&mut state, None, true).cut, Some(0.5));
    }
}
