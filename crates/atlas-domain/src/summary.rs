//! The catalog of `summary_counts` keys. Counters are numeric only and their keys come from here.

use std::collections::BTreeMap;

use crate::DomainError;

pub const TOTAL: &str = "total";
pub const PROCESSED: &str = "processed";
pub const SUCCEEDED: &str = "succeeded";
pub const FAILED: &str = "failed";
pub const SKIPPED: &str = "skipped";
pub const CREATED: &str = "created";
pub const UPDATED: &str = "updated";
pub const DELETED: &str = "deleted";
pub const ITEMS: &str = "items";
pub const FINDINGS: &str = "findings";

/// Every allowed key.
pub const KEYS: &[&str] = &[
    TOTAL, PROCESSED, SUCCEEDED, FAILED, SKIPPED, CREATED, UPDATED, DELETED, ITEMS, FINDINGS,
];

/// Refuses unknown keys and negative values.
pub fn validate(counts: &BTreeMap<String, i64>) -> Result<(), DomainError> {
    for (key, value) in counts {
        if !KEYS.contains(&key.as_str()) {
            return Err(DomainError::UnknownValue {
                domain: "summary count key",
                value: key.clone(),
            });
        }
        if *value < 0 {
            return Err(DomainError::UnknownValue {
                domain: "summary count value",
                value: format!("{key}={value}"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_pass_and_others_are_named() {
        let ok = BTreeMap::from([(TOTAL.to_owned(), 3), (PROCESSED.to_owned(), 1)]);
        assert!(validate(&ok).is_ok());
        let bad = BTreeMap::from([("bytes".to_owned(), 3)]);
        assert!(validate(&bad).unwrap_err().to_string().contains("bytes"));
        let negative = BTreeMap::from([(FAILED.to_owned(), -1)]);
        assert!(validate(&negative).is_err());
    }
}
