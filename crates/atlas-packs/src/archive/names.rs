//! Which names a pack may hold: plain relative paths of printable characters, so that unpacking
//! one can never write outside the folder it is unpacked into.

/// Why `name` is not a safe file name inside a pack, if it is not.
pub(crate) fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > 255 {
        return Some("an empty or over-long name");
    }
    if name.starts_with('/') || name.contains('\\') || name.contains(':') {
        return Some("an absolute path or one with a drive or backslash");
    }
    if name
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Some("a path that climbs out of the pack or has empty parts");
    }
    if name.chars().any(char::is_control) {
        return Some("control characters in the name");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::unsafe_name;

    #[test]
    fn only_plain_relative_paths_pass() {
        for ok in ["summary.html", "data/findings.csv", "review/review.json"] {
            assert_eq!(unsafe_name(ok), None, "{ok}");
        }
        for bad in [
            "",
            "../x",
            "data/../../x",
            "/etc/passwd",
            "C:/x",
            "a\\b",
            "a//b",
            "./a",
            "a/",
            "a\nb",
        ] {
            assert!(unsafe_name(bad).is_some(), "{bad:?}");
        }
    }
}
