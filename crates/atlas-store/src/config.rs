use std::{fmt, path::PathBuf};

use crate::StoreError;

/// Which engine holds the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        })
    }
}

/// Where the database is.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreConfig {
    /// An embedded database file (created when missing).
    Sqlite { path: PathBuf },
    /// A shared PostgreSQL database, `postgres://user:password@host:port/database`.
    Postgres { url: String },
}

impl StoreConfig {
    /// Parses a connection URL: `postgres://…`/`postgresql://…`, or `sqlite://<path>`.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            if let Some(missing) = postgres_url_gap(url) {
                return Err(StoreError::InvalidConfig(format!(
                    "the database URL {:?} names no {missing}: expected \
                     postgres://user@host:port/database",
                    redact_url(url)
                )));
            }
            return Ok(StoreConfig::Postgres {
                url: url.to_owned(),
            });
        }
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if !path.is_empty() {
                return Ok(StoreConfig::Sqlite {
                    path: PathBuf::from(path),
                });
            }
        }
        Err(StoreError::InvalidConfig(format!(
            "unsupported database URL {:?}: expected postgres://user@host:port/database or \
             sqlite://<path>",
            redact_url(url)
        )))
    }

    pub fn backend(&self) -> Backend {
        match self {
            StoreConfig::Sqlite { .. } => Backend::Sqlite,
            StoreConfig::Postgres { .. } => Backend::Postgres,
        }
    }

    /// A description safe for logs and error messages.
    pub fn redacted(&self) -> String {
        match self {
            StoreConfig::Sqlite { path } => path.display().to_string(),
            StoreConfig::Postgres { url } => redact_url(url),
        }
    }
}

/// What a PostgreSQL URL leaves out that a connection needs: the server (a host, or a
/// `host=` socket folder in the query) or the database name. Ports and users have defaults.
fn postgres_url_gap(url: &str) -> Option<&'static str> {
    let (_, rest) = url.split_once("://")?;
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default();
    let in_query = |key: &str| {
        query.split('&').any(|pair| {
            pair.split_once('=')
                .is_some_and(|(k, v)| k == key && !v.is_empty())
        })
    };
    if host.is_empty() && !in_query("host") {
        return Some("host (the server to connect to)");
    }
    if path.is_empty() && !in_query("dbname") {
        return Some("database");
    }
    None
}

// The URL may carry a password: never print it.
impl fmt::Debug for StoreConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoreConfig({:?}: {})", self.backend(), self.redacted())
    }
}

/// Replaces the password of `scheme://user:password@host` with `***`, and drops query strings
/// (they may hold `password=`).
pub(crate) fn redact_url(url: &str) -> String {
    let without_query = url.split('?').next().unwrap_or(url);
    let Some((scheme, rest)) = without_query.split_once("://") else {
        return without_query.to_owned();
    };
    match rest.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            let masked = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_owned()
            };
            format!("{scheme}://{masked}@{host}")
        }
        None => without_query.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_without_host_or_database_says_what_is_missing() {
        for (url, missing) in [
            ("postgres://", "host"),
            ("postgres://ann:secret@/atlas", "host"),
            ("postgresql://db.example:5432", "database"),
            ("postgres://ann@db.example/", "database"),
        ] {
            let err = StoreConfig::from_url(url).unwrap_err().to_string();
            assert!(err.contains(&format!("names no {missing}")), "{url}: {err}");
            assert!(!err.contains("secret"), "{err}");
        }
        for ok in [
            "postgres://ann@db.example/atlas",
            "postgres:///atlas?host=/var/run/postgresql",
            "postgresql://db.example:5433/atlas?sslmode=require",
        ] {
            assert!(StoreConfig::from_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn passwords_never_appear_in_descriptions() {
        let config =
            StoreConfig::from_url("postgres://atlas:s3cr3t@db:5432/atlas?password=x").unwrap();
        let shown = format!("{} {:?}", config.redacted(), config);
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("password=x"),
            "{shown}"
        );
        assert!(shown.contains("atlas:***@db:5432/atlas"), "{shown}");
    }

    #[test]
    fn sqlite_and_postgres_urls_are_recognised() {
        assert_eq!(
            StoreConfig::from_url("sqlite:///tmp/a.db")
                .unwrap()
                .backend(),
            Backend::Sqlite
        );
        assert_eq!(
            StoreConfig::from_url("postgresql://h/db")
                .unwrap()
                .backend(),
            Backend::Postgres
        );
    }

    #[test]
    fn unknown_schemes_are_refused_without_echoing_secrets() {
        let err = StoreConfig::from_url("mysql://root:hunter2@h/db")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unsupported database URL") && !err.contains("hunter2"),
            "{err}"
        );
    }
}
