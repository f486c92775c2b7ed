//! "Copy diagnostics" for support tickets: what the About view shows, plus the end of the
//! newest log with secrets and personal data removed. What leaves the machine is exactly the
//! text the operator sees before copying it.

use std::{
    fs,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    sync::LazyLock,
};

use regex::Regex;

/// How many log lines a diagnostics report carries.
pub const LOG_LINES: usize = 200;

/// The newest `tenantatlas.*.log` in `logs`, if any.
fn newest_log(logs: &Path) -> Option<PathBuf> {
    fs::read_dir(logs)
        .ok()?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("tenantatlas") && name.ends_with(".log")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .map(|e| e.path())
}

/// The last `LOG_LINES` lines of the newest log, redacted; `None` when there is no log.
pub fn log_tail(logs: &Path, redactor: &Redactor) -> Option<(PathBuf, Vec<String>)> {
    let path = newest_log(logs)?;
    let file = fs::File::open(&path).ok()?;
    let mut tail = std::collections::VecDeque::with_capacity(LOG_LINES);
    for line in BufReader::new(file).lines() {
        // A line that is not UTF-8 is left out rather than failing the whole report.
        let Ok(line) = line else { continue };
        if tail.len() == LOG_LINES {
            tail.pop_front();
        }
        tail.push_back(line);
    }
    let lines = tail.iter().map(|l| redactor.redact(l)).collect();
    Some((path, lines))
}

/// Removes what a support ticket must not carry: credentials and tokens, passwords in
/// connection strings, e-mail addresses and user principal names, the operator's own names,
/// and home folder paths.
#[derive(Debug, Default)]
pub struct Redactor {
    /// The operator's login and display name, replaced wherever they appear.
    names: Vec<String>,
}

static JWT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*").unwrap()
});
static BEARER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+").unwrap());
static SECRET_ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(client_secret|secret|password|passwd|pwd|access_token|refresh_token|id_token|token|authorization|private_key|api_key)(["']?\s*[=:]\s*["']?)[^\s"',;&}]+"#,
    )
    .unwrap()
});
static URL_PASSWORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(://[^/\s:@]+):[^@\s/]+@").unwrap());
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").unwrap());
static HOME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/(home|Users)/[^/\s]+").unwrap());

impl Redactor {
    pub fn new(names: impl IntoIterator<Item = String>) -> Self {
        let mut names: Vec<String> = names
            .into_iter()
            .map(|n| n.trim().to_owned())
            // Very short names would blank out ordinary words.
            .filter(|n| n.chars().count() >= 3)
            .collect();
        // Longest first, so "Ann Lee" goes before "Ann".
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names.dedup();
        Self { names }
    }

    pub fn redact(&self, text: &str) -> String {
        let text = JWT.replace_all(text, "<token>");
        let text = BEARER.replace_all(&text, "Bearer <token>");
        let text = URL_PASSWORD.replace_all(&text, "$1:<removed>@");
        let text = SECRET_ASSIGNMENT.replace_all(&text, "$1$2<removed>");
        let text = EMAIL.replace_all(&text, "<email>");
        let mut text = HOME.replace_all(&text, "~").into_owned();
        for name in &self.names {
            text = text.replace(name.as_str(), "<user>");
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_personal_data_are_removed_and_the_rest_kept() {
        let redactor = Redactor::new(["ann.lee".to_owned(), "Ann Lee".to_owned(), "x".to_owned()]);
        for (line, gone, kept) in [
            (
                "token request failed client_secret=Sup3r~Secret! tenant=contoso",
                "Sup3r~Secret!",
                "tenant=contoso",
            ),
            (
                r#"{"password": "hunter2", "run": 42}"#,
                "hunter2",
                r#""run": 42"#,
            ),
            (
                "connecting to postgres://alice:s3cret@db.example.com/atlas",
                "s3cret",
                "postgres://alice:<removed>@db.example.com/atlas",
            ),
            (
                "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
                "eyJhbGciOiJSUzI1NiJ9",
                "Authorization",
            ),
            (
                "assignment for adele.vance@contoso.onmicrosoft.com skipped",
                "adele.vance",
                "assignment for <email> skipped",
            ),
            (
                "run started by Ann Lee (ann.lee) in /home/ann/.local/share/TenantAtlas",
                "Ann Lee",
                "run started by <user> (<user>) in ~/.local/share/TenantAtlas",
            ),
        ] {
            let out = redactor.redact(line);
            assert!(!out.contains(gone), "{line} → {out}");
            assert!(out.contains(kept), "{line} → {out}");
        }
        // A one-letter name does not blank out every x.
        assert!(redactor.redact("index").contains("index"));
    }

    #[test]
    fn the_tail_is_the_last_lines_of_the_newest_log_redacted() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("tenantatlas.2026-12-01.log");
        fs::write(&old, "old line\n").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let newest = dir.path().join("tenantatlas.2026-12-02.log");
        let body: String = (0..250)
            .map(|i| format!("line {i} password=p{i}\n"))
            .collect();
        fs::write(&newest, body).unwrap();
        fs::write(dir.path().join("other.txt"), "not a log").unwrap();
        let (path, lines) = log_tail(dir.path(), &Redactor::default()).unwrap();
        assert_eq!(path, newest);
        assert_eq!(lines.len(), LOG_LINES);
        assert_eq!(lines[0], "line 50 password=<removed>");
        assert_eq!(lines[LOG_LINES - 1], "line 249 password=<removed>");
        assert!(log_tail(&dir.path().join("missing"), &Redactor::default()).is_none());
    }
}
