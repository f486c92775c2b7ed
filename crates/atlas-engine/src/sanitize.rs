//! Failure messages end up in run records, audit entries and notifications: before that they
//! lose anything that looks like a credential and are bounded in length.

use std::sync::OnceLock;

use regex::Regex;

const MAX_CHARS: usize = 500;

fn patterns() -> &'static [(Regex, &'static str)] {
    static PATTERNS: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            // key=value / key: value for credential-like keys
            (r#"(?i)\b(client_secret|secret|password|passwd|pwd|token|access_token|refresh_token|api[_-]?key|authorization|assertion)\b(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)"#, "$1$2[redacted]"),
            // bearer tokens
            (r"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]+=*", "Bearer [redacted]"),
            // user:password@ in URLs
            (r"(?i)\b([a-z][a-z0-9+.\-]*://[^:/@\s]+):[^@\s]+@", "$1:[redacted]@"),
            // JWT-shaped blobs
            (r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+", "[redacted-jwt]"),
        ]
        .into_iter()
        .map(|(p, r)| (Regex::new(p).expect("valid pattern"), r))
        .collect()
    })
}

/// Redacts credential-looking parts of `message` and caps it at 500 characters.
pub fn sanitize_message(message: &str) -> String {
    let mut text = message.trim().to_owned();
    for (pattern, replacement) in patterns() {
        text = pattern.replace_all(&text, *replacement).into_owned();
    }
    if text.chars().count() > MAX_CHARS {
        text = text.chars().take(MAX_CHARS - 1).collect::<String>() + "…";
    }
    if text.is_empty() {
        "No details were given.".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_redacted() {
        let cases = [
            (
                "token request failed: client_secret=abc123XYZ&scope=x",
                "abc123XYZ",
            ),
            (
                "header Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig",
                "eyJhbGciOi",
            ),
            ("cannot reach postgres://atlas:hunter2@db/atlas", "hunter2"),
            (r#"{"password": "p@ss w0rd"}"#, "p@ss"),
        ];
        for (input, secret) in cases {
            let out = sanitize_message(input);
            assert!(!out.contains(secret), "{input} -> {out}");
            assert!(out.contains("[redacted"), "{input} -> {out}");
        }
    }

    #[test]
    fn ordinary_messages_pass_and_long_ones_are_capped() {
        assert_eq!(sanitize_message("Graph returned 503"), "Graph returned 503");
        assert_eq!(sanitize_message(&"x".repeat(2000)).chars().count(), 500);
        assert_eq!(sanitize_message("  "), "No details were given.");
    }
}
