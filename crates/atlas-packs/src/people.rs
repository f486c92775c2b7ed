//! Personal data in a pack without `include_pii`: every person (a user holding a directory
//! role, an operator who started a run or acknowledged a finding) becomes "Person N", the same
//! N for the same person throughout one pack, and any text that mentions a known name or an
//! e-mail address is rewritten the same way. Groups, applications and policies keep their names.

use std::collections::HashMap;

/// Stable per-pack pseudonyms, or the names as they are when personal data is included.
#[derive(Debug, Default)]
pub struct People {
    include_pii: bool,
    /// A person's keys (lower-cased name, login, e-mail, id) → their number.
    numbers: HashMap<String, usize>,
    /// Every name and address seen, longest first when scrubbing text.
    known: Vec<(String, usize)>,
    count: usize,
}

impl People {
    pub fn new(include_pii: bool) -> Self {
        Self {
            include_pii,
            ..Self::default()
        }
    }

    /// How a person is named in the pack. `keys` identify them (id, login, e-mail); `name` is
    /// what the data says their name is.
    pub fn person(&mut self, keys: &[&str], name: &str) -> String {
        if self.include_pii {
            return name.to_owned();
        }
        let number = self.number_of(keys.iter().copied().chain([name]));
        format!("Person {number}")
    }

    fn number_of<'a>(&mut self, keys: impl Iterator<Item = &'a str>) -> usize {
        let keys: Vec<String> = keys
            .map(|k| k.trim().to_lowercase())
            .filter(|k| !k.is_empty())
            .collect();
        let number = match keys.iter().find_map(|k| self.numbers.get(k)) {
            Some(n) => *n,
            None => {
                self.count += 1;
                self.count
            }
        };
        for key in keys {
            if !self.numbers.contains_key(&key) {
                self.numbers.insert(key.clone(), number);
                if key.chars().count() >= 3 {
                    self.known.push((key, number));
                }
            }
        }
        self.known
            .sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));
        number
    }

    /// Free text (a failure message, a report's detail) with every known name and every e-mail
    /// address replaced by its pseudonym.
    pub fn scrub(&mut self, text: &str) -> String {
        if self.include_pii {
            return text.to_owned();
        }
        let mut out = self.replace_emails(text);
        for (key, number) in &self.known {
            out = replace_ignoring_case(&out, key, &format!("Person {number}"));
        }
        out
    }

    fn replace_emails(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
            if looks_like_email(trimmed) {
                let number = self.number_of(std::iter::once(trimmed));
                out.push_str(&word.replacen(trimmed, &format!("Person {number}"), 1));
            } else {
                out.push_str(word);
            }
        }
        out
    }
}

fn looks_like_email(word: &str) -> bool {
    match word.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty() && domain.contains('.') && !domain.starts_with('.')
        }
        None => false,
    }
}

fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    let lower = text.to_lowercase();
    if lower.len() != text.len() || !lower.contains(needle) {
        // Lower-casing changed byte lengths (rare scripts): match exactly instead.
        return text.replace(needle, with);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = lower[rest..].find(needle) {
        let start = rest + found;
        out.push_str(&text[rest..start]);
        out.push_str(with);
        rest = start + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

#[cfg(test)]
mod tests {
    use super::People;

    #[test]
    fn the_same_person_gets_the_same_pseudonym_by_any_of_their_keys() {
        let mut people = People::new(false);
        let ann = people.person(&["u-1", "ann@contoso.com"], "Ann Example");
        let bob = people.person(&["u-2"], "Bob Example");
        assert_eq!(ann, "Person 1");
        assert_eq!(bob, "Person 2");
        assert_eq!(people.person(&["ANN@contoso.com"], "A. Example"), ann);
        assert_eq!(
            people.scrub("Sign-in of ann example failed; ask carol@fabrikam.com or Bob Example."),
            "Sign-in of Person 1 failed; ask Person 3 or Person 2."
        );
    }

    #[test]
    fn with_personal_data_everything_stays() {
        let mut people = People::new(true);
        assert_eq!(people.person(&["u-1"], "Ann Example"), "Ann Example");
        assert_eq!(people.scrub("mail ann@contoso.com"), "mail ann@contoso.com");
    }
}
