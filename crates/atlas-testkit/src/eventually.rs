//! Waiting for a condition that becomes true on its own time: one polling helper with a hard
//! deadline and a message that says what was awaited, instead of a hand-rolled loop per test.
//!
//! Prefer waiting on an event (a run event stream, a child process's exit) where the code under
//! test offers one; poll only what can only be observed from outside (another process's
//! database writes, a web page).

use std::{future::Future, time::Duration};

/// The first pause between probes; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(20);
/// The longest pause between probes.
const MAX_BACKOFF: Duration = Duration::from_millis(200);

/// Polls `probe` until it returns `Some`, and returns that value.
///
/// Between probes it sleeps 20 ms, doubling up to 200 ms. The deadline is hard: a probe still
/// running when `timeout` has passed is abandoned. On timeout it panics with
/// "timed out after {timeout:?} waiting for {what}".
pub async fn eventually<T, F, Fut>(timeout: Duration, what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    match poll_until(timeout, probe).await {
        Some(value) => value,
        None => timed_out(timeout, what),
    }
}

/// [`eventually`] that returns `None` on timeout instead of panicking, for a test that wants to
/// say more when it fails (show what it saw last, take a screenshot first).
pub async fn poll_until<T, F, Fut>(timeout: Duration, mut probe: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    let mut backoff = FIRST_BACKOFF;
    loop {
        match tokio::time::timeout_at(deadline, probe()).await {
            Ok(Some(value)) => return Some(value),
            Ok(None) => {}
            Err(_) => return None,
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            return None;
        }
        tokio::time::sleep(backoff.min(deadline - now)).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// [`eventually`] for synchronous tests: polls `probe` on the current thread, sleeping between
/// probes with the same backoff. A probe is not interrupted, so it should not block for long.
pub fn eventually_blocking<T, F>(timeout: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Option<T>,
{
    let deadline = std::time::Instant::now() + timeout;
    let mut backoff = FIRST_BACKOFF;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        let now = std::time::Instant::now();
        if now >= deadline {
            timed_out(timeout, what);
        }
        std::thread::sleep(backoff.min(deadline - now));
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

#[track_caller]
fn timed_out(timeout: Duration, what: &str) -> ! {
    panic!("timed out after {timeout:?} waiting for {what}")
}

#[cfg(test)]
mod tests {
    use std::{
        sync::atomic::{AtomicUsize, Ordering},
        time::Instant,
    };

    use super::*;

    #[tokio::test]
    async fn returns_the_value_once_the_probe_yields_it() {
        let probes = AtomicUsize::new(0);
        let value = eventually(Duration::from_secs(5), "the third probe", || async {
            let n = probes.fetch_add(1, Ordering::SeqCst) + 1;
            (n == 3).then_some(n * 10)
        })
        .await;
        assert_eq!(value, 30);
        assert_eq!(probes.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn returns_at_once_when_the_first_probe_succeeds() {
        let started = Instant::now();
        let value = eventually(Duration::from_secs(5), "nothing", || async {
            Some("ready")
        })
        .await;
        assert_eq!(value, "ready");
        assert!(started.elapsed() < FIRST_BACKOFF, "{:?}", started.elapsed());
    }

    #[tokio::test]
    #[should_panic(expected = "timed out after 100ms waiting for the impossible")]
    async fn times_out_with_what_it_waited_for() {
        eventually(Duration::from_millis(100), "the impossible", || async {
            None::<()>
        })
        .await;
    }

    #[tokio::test]
    async fn the_deadline_holds_against_a_probe_that_hangs() {
        let started = Instant::now();
        let waited = tokio::spawn(eventually(
            Duration::from_millis(100),
            "a probe that never answers",
            std::future::pending::<Option<()>>,
        ))
        .await
        .unwrap_err();
        let message = *waited.into_panic().downcast::<String>().unwrap();
        assert_eq!(
            message,
            "timed out after 100ms waiting for a probe that never answers"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    #[tokio::test]
    async fn backs_off_between_probes() {
        // 20 + 40 + 80 + 160 + 200 ms of pauses: six probes in about half a second, not 25
        // (a fixed 20 ms pause) — the backoff grows and is capped.
        let probes = AtomicUsize::new(0);
        let started = Instant::now();
        eventually(Duration::from_secs(10), "the sixth probe", || async {
            (probes.fetch_add(1, Ordering::SeqCst) + 1 == 6).then_some(())
        })
        .await;
        let elapsed = started.elapsed();
        assert!(
            elapsed >= Duration::from_millis(500),
            "paused {elapsed:?} in all"
        );
    }

    #[tokio::test]
    async fn poll_until_returns_none_on_timeout_and_the_value_otherwise() {
        let never = poll_until(Duration::from_millis(50), || async { None::<u8> }).await;
        assert_eq!(never, None);
        let hangs = poll_until(
            Duration::from_millis(50),
            std::future::pending::<Option<u8>>,
        );
        assert_eq!(hangs.await, None);
        let probes = AtomicUsize::new(0);
        let second = poll_until(Duration::from_secs(5), || async {
            (probes.fetch_add(1, Ordering::SeqCst) == 1).then_some(2)
        })
        .await;
        assert_eq!(second, Some(2));
    }

    #[test]
    fn the_blocking_variant_returns_the_value() {
        let mut probes = 0;
        let value = eventually_blocking(Duration::from_secs(5), "the second probe", || {
            probes += 1;
            (probes == 2).then_some("two")
        });
        assert_eq!((value, probes), ("two", 2));
    }

    #[test]
    #[should_panic(expected = "timed out after 50ms waiting for a flag that is never set")]
    fn the_blocking_variant_times_out_with_what_it_waited_for() {
        eventually_blocking(
            Duration::from_millis(50),
            "a flag that is never set",
            || None::<()>,
        );
    }
}
