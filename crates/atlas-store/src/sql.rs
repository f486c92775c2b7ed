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
