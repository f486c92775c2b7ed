//! File names that work on every system a team shares a repository from, and stay the same
//! for the same object across exports.

use sha2::{Digest, Sha256};

/// Characters no file name may hold on Windows, macOS or Linux.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
/// Names Windows reserves whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];
/// Characters of the display name kept in a file name (the id suffix keeps it unique).
const MAX_NAME_CHARS: usize = 80;

/// `<display name> (<8 hex of the object id's SHA-256>).json`: readable, unique within its type
/// folder, and the same in every export of the object (a rename changes the name part only).
pub(crate) fn object_file(display_name: &str, external_id: &str) -> String {
    let digest = Sha256::digest(external_id.as_bytes());
    let short: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{} ({short}).json", safe_name(display_name))
}

fn safe_name(display_name: &str) -> String {
    let replaced: String = display_name
        .chars()
        .map(|c| match c {
            c if c.is_control() || FORBIDDEN.contains(&c) => '_',
            c => c,
        })
        .take(MAX_NAME_CHARS)
        .collect();
    // Windows drops trailing dots and spaces; a leading dot hides the file elsewhere.
    let trimmed = replaced
        .trim()
        .trim_end_matches('.')
        .trim_start_matches('.');
    let upper = trimmed.to_ascii_uppercase();
    match trimmed {
        "" => "unnamed".to_owned(),
        _ if RESERVED.contains(&upper.as_str()) => format!("_{trimmed}"),
        _ => trimmed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_everywhere_and_stable_per_object() {
        let a = object_file("Windows 11: Baseline / Pilot?", "abc");
        assert_eq!(a, object_file("Windows 11: Baseline / Pilot?", "abc"));
        assert!(a.starts_with("Windows 11_ Baseline _ Pilot_ ("), "{a}");
        assert!(a.ends_with(").json"));
        assert_ne!(a, object_file("Windows 11: Baseline / Pilot?", "abd"));
        assert!(object_file("", "x").starts_with("unnamed ("));
        assert!(object_file(" ..hidden. ", "x").starts_with("hidden ("));
        assert!(object_file("con", "x").starts_with("_con ("));
        assert!(object_file("tab\there", "x").starts_with("tab_here ("));
        let long = "é".repeat(200);
        assert_eq!(
            object_file(&long, "x").chars().count(),
            MAX_NAME_CHARS + " (12345678).json".len()
        );
    }
}
