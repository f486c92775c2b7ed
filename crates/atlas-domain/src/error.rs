use thiserror::Error;

/// A rule of the domain was broken by the input or the requested change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("{field} is not a valid GUID: {value:?}")]
    InvalidGuid { field: &'static str, value: String },
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("unknown {domain} value {value:?}")]
    UnknownValue { domain: &'static str, value: String },
    #[error("unknown inventory type {value:?}: not an object type this version knows")]
    UnknownInventoryType { value: String },
    #[error("unknown inventory category {value:?}")]
    UnknownInventoryCategory { value: String },
    #[error("a run cannot move from {from} to {to}")]
    InvalidRunTransition {
        from: &'static str,
        to: &'static str,
    },
    #[error("The {field} is not usable: {reason}.")]
    Invalid { field: &'static str, reason: String },
}

impl DomainError {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            reason: reason.into(),
        }
    }
}
