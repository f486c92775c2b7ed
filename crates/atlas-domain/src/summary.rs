//! The catalog of `summary_counts` keys. Counters are numeric only and their keys come from here.

use std::{collections::BTreeMap, str::FromStr};

use crate::{codes::code_enum, DomainError};

code_enum! {
    /// What a run counts (`summary_counts` keys): one closed set, so handlers cannot invent a
    /// counter the UI and CLI have no words for.
    pub enum SummaryKey as "summary_key" {
        Total => "total",
        Processed => "processed",
        Succeeded => "succeeded",
        Failed => "failed",
        Skipped => "skipped",
        Created => "created",
        Updated => "updated",
        Deleted => "deleted",
        Items => "items",
        Findings => "findings",
    }
}

// The stored keys, for readers of `summary_counts` (a map keyed by text in the database).
pub const TOTAL: &str = SummaryKey::Total.code();
pub const PROCESSED: &str = SummaryKey::Processed.code();
pub const SUCCEEDED: &str = SummaryKey::Succeeded.code();
pub const FAILED: &str = SummaryKey::Failed.code();
pub const SKIPPED: &str = SummaryKey::Skipped.code();
pub const CREATED: &str = SummaryKey::Created.code();
pub const UPDATED: &str = SummaryKey::Updated.code();
pub const DELETED: &str = SummaryKey::Deleted.code();
pub const ITEMS: &str = SummaryKey::Items.code();
pub const FINDINGS: &str = SummaryKey::Findings.code();

/// Counters as stored: `summary_counts` from typed keys.
pub fn counts(pairs: &[(SummaryKey, i64)]) -> BTreeMap<String, i64> {
    pairs
        .iter()
        .map(|(key, value)| (key.code().to_owned(), *value))
        .collect()
}

/// Refuses unknown keys and negative values.
pub fn validate(counts: &BTreeMap<String, i64>) -> Result<(), DomainError> {
    for (key, value) in counts {
        if SummaryKey::from_str(key).is_err() {
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
