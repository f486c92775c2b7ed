//! Text an operator enters (names, descriptions): trimmed, bounded, and required or not.

use crate::DomainError;

/// `value` trimmed; refused when longer than `max` characters, or empty when `required`.
pub fn entered(
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, DomainError> {
    let trimmed = value.trim();
    if required && trimmed.is_empty() {
        return Err(DomainError::Empty { field });
    }
    let len = trimmed.chars().count();
    if len > max {
        return Err(DomainError::TooLong { field, len, max });
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entered_text_is_trimmed_required_and_bounded() {
        assert_eq!(entered("name", "  Contoso ", 10, true).unwrap(), "Contoso");
        assert_eq!(entered("note", "   ", 10, false).unwrap(), "");
        assert!(matches!(
            entered("name", "  ", 10, true),
            Err(DomainError::Empty { field: "name" })
        ));
        // Characters, not bytes: ten umlauts fit in ten.
        assert!(entered("name", &"ä".repeat(10), 10, true).is_ok());
        assert!(matches!(
            entered("name", &"ä".repeat(11), 10, true),
            Err(DomainError::TooLong {
                len: 11,
                max: 10,
                ..
            })
        ));
    }
}
