//! Small helpers shared by the repositories.

use atlas_domain::Timestamp;

use crate::StoreError;

/// Runs `$body` with `$c` bound to the engine-specific connection. The body is compiled once
/// per engine, so one SQL string and one row type serve both.
macro_rules! on_db {
    ($db:expr, |$c:ident| $body:expr) => {
        match $crate::Db::ex($db) {
            $crate::exec::Ex::Sqlite($c) => $body,
            $crate::exec::Ex::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_db;

pub(crate) fn ts(ms: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_unix_millis(ms).ok_or_else(|| StoreError::invalid_data(format!("time {ms}")))
}

pub(crate) fn opt_ts(ms: Option<i64>) -> Result<Option<Timestamp>, StoreError> {
    ms.map(ts).transpose()
}

pub(crate) fn parse<T>(text: &str) -> Result<T, StoreError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| StoreError::invalid_data(e))
}

pub(crate) fn opt_parse<T>(text: Option<&str>) -> Result<Option<T>, StoreError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.map(parse).transpose()
}

/// `$first, $first+1, …` for `count` bind parameters.
pub(crate) fn params(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most bind parameters one multi-row statement of ours binds. Far below SQLite's limit
/// (32,766) and PostgreSQL's (65,535) on purpose: SQLite looks a numbered `$n` up by name among
/// all of a statement's parameters, when parsing and again when sqlx binds, so a statement's
/// cost grows with the square of its parameters — 6,000 of them made caching one tenant's
/// settings definitions cost more CPU than storing its 2,000 policies. Beyond a few hundred
/// parameters, bigger statements save nothing measurable.
const MAX_PARAMS: usize = 500;

/// Rows per multi-row statement when each row binds `width` parameters.
pub(crate) fn rows_per_statement(width: usize) -> usize {
    (MAX_PARAMS / width).max(1)
}

/// `(row), (row), …` for a multi-row `VALUES`: `row(first)` renders one row whose own
/// parameters start at `first`; rows are numbered consecutively from `first`.
pub(crate) fn values_rows(
    rows: usize,
    first: usize,
    width: usize,
    row: impl Fn(usize) -> String,
) -> String {
    (0..rows)
        .map(|r| format!("({})", row(first + r * width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The form of a name that search and name order use on both engines: Unicode lower case
/// (SQLite's `lower()` only folds ASCII).
pub(crate) fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// A `LIKE … ESCAPE '\'` pattern matching `needle` anywhere, with `%`, `_` and `\` in it taken
/// literally.
pub(crate) fn contains_pattern(needle: &str) -> String {
    let mut out = String::with_capacity(needle.len() + 2);
    out.push('%');
    for ch in needle.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// A search or filter text that narrows: trimmed, and `None` when blank.
pub(crate) fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Keeps the last of several entries with the same key, in first-seen order. One multi-row
/// upsert must not touch a row twice (PostgreSQL refuses), and the last observation wins.
pub(crate) fn last_per_key<'a, T, K>(items: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<&'a T>
where
    K: std::hash::Hash + Eq,
{
    let mut index = std::collections::HashMap::with_capacity(items.len());
    let mut out: Vec<&T> = Vec::with_capacity(items.len());
    for item in items {
        match index.entry(key(item)) {
            std::collections::hash_map::Entry::Occupied(slot) => out[*slot.get()] = item,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(out.len());
                out.push(item);
            }
        }
    }
    out
}

/// Paging input both engines accept: negative values (PostgreSQL refuses them) become 0. A
/// large limit is honoured, never silently cut.
pub(crate) fn page_bounds(offset: i64, limit: i64) -> (i64, i64) {
    (offset.max(0), limit.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn statements_stay_below_both_parameter_limits() {
        for width in [1, 6, 7, 9, 600, 40_000] {
            let rows = rows_per_statement(width);
            assert!(rows >= 1);
            assert!(rows * width <= MAX_PARAMS || rows == 1);
        }
        assert_eq!(
            values_rows(2, 3, 2, |n| format!("$1, ${n}, ${}", n + 1)),
            "($1, $3, $4), ($1, $5, $6)"
        );
    }

    #[test]
    fn the_last_duplicate_wins_in_first_seen_order() {
        let items = [("a", 1), ("b", 2), ("a", 3)];
        let kept: Vec<_> = last_per_key(&items, |i| i.0).into_iter().copied().collect();
        assert_eq!(kept, [("a", 3), ("b", 2)]);
    }

    #[test]
    fn folding_is_unicode_aware() {
        assert_eq!(fold("ÜBERWACHUNG Édge"), "überwachung édge");
    }
}
