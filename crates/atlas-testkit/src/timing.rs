//! Timing for the benchmarks (never for tests: tests stay deterministic).

use std::{
    future::Future,
    time::{Duration, Instant},
};

/// The median of `rounds` timings of `f`, after as many untimed warm-up calls (steady state:
/// connections open, statements prepared, plans cached).
pub async fn median<F, Fut>(rounds: usize, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    for _ in 0..rounds {
        f().await;
    }
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        f().await;
        times.push(started.elapsed());
    }
    times.sort();
    times[rounds / 2]
}
