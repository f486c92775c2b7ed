//! Small text helpers: array access on JSON, and names made readable.

use serde_json::Value;

/// The items of `value[field]` when it is an array.
pub(super) fn array<'a>(value: &'a Value, field: &str) -> impl Iterator<Item = &'a Value> {
    each(value.get(field).unwrap_or(&Value::Null))
}

/// The items of an array; nothing for anything else.
pub(super) fn each(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

/// "allow_archive_scanning" -> "Allow archive scanning".
pub(super) fn humanize_words(snake: &str) -> String {
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    capitalize(&words.join(" "))
}

/// "passwordMinimumLength" -> "Password minimum length"; acronyms keep their case
/// ("firewallBlockStatefulFTP" -> "Firewall block stateful FTP").
pub(super) fn humanize_camel(camel: &str) -> String {
    let chars: Vec<char> = camel.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let starts_word = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if (starts_word || c == '_' || c == ' ') && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' && c != ' ' {
            word.push(c);
        }
    }
    words.push(word);
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| !w.is_empty())
        .map(|w| if is_acronym(&w) { w } else { w.to_lowercase() })
        .collect();
    capitalize(&words.join(" "))
}

pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

pub(super) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
