//! Generated creation and modification times: fixed ranges, never "now", so data is reproducible.

use atlas_domain::Timestamp;
use rand::Rng;

use super::rng::SimRng;

/// 2022-01-01T00:00:00Z.
const EARLIEST: i64 = 1_640_995_200_000;
const DAY: i64 = 86_400_000;

/// A creation time between 2022 and mid-2024 and a modification up to a year later.
pub(crate) fn created_and_modified(rng: &mut SimRng) -> (Timestamp, Timestamp) {
    let created = EARLIEST + rng.gen_range(0..900 * DAY);
    let modified = created + rng.gen_range(0..365 * DAY);
    (at(created), at(modified))
}

pub(crate) fn rfc3339(t: Timestamp) -> String {
    t.to_rfc3339()
}

fn at(ms: i64) -> Timestamp {
    Timestamp::from_unix_millis(ms).expect("generated times are within range")
}
