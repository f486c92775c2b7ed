//! Seeded randomness: every generated value comes from a ChaCha stream derived from the seed and
//! a path of labels, so one object's content does not depend on how many came before it.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub(crate) type SimRng = ChaCha8Rng;

/// A stream for `(seed, labels…)`.
pub(crate) fn stream(seed: u64, labels: &[&str]) -> SimRng {
    let mut hash = Sha256::new();
    hash.update(seed.to_le_bytes());
    for label in labels {
        hash.update((label.len() as u64).to_le_bytes());
        hash.update(label.as_bytes());
    }
    SimRng::from_seed(hash.finalize().into())
}

pub(crate) fn guid(rng: &mut SimRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.gen()).into_uuid()
}

pub(crate) fn pick<'a, T>(rng: &mut SimRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_depend_on_seed_and_labels_only() {
        let a: u64 = stream(7, &["tenant", "0"]).gen();
        assert_eq!(a, stream(7, &["tenant", "0"]).gen::<u64>());
        assert_ne!(a, stream(8, &["tenant", "0"]).gen::<u64>());
        assert_ne!(a, stream(7, &["tenant", "1"]).gen::<u64>());
        assert_ne!(
            stream(7, &["ab", "c"]).gen::<u64>(),
            stream(7, &["a", "bc"]).gen::<u64>()
        );
    }
}
