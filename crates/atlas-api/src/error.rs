use atlas_domain::DomainError;
use atlas_store::StoreError;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// Stable error codes the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The record does not exist, or the actor may not know that it exists.
    NotFound,
    /// The actor can see the record but lacks the capability for this action.
    Forbidden,
    /// The request is malformed or breaks a rule; nothing was changed.
    InvalidInput,
    /// The change collides with an existing record; nothing was changed.
    Conflict,
    /// The database is busy; trying again shortly usually works.
    Busy,
    /// The database cannot be reached or opened.
    StorageUnavailable,
    /// A service the command needs (the system keyring, Microsoft Entra) cannot be used right
    /// now; nothing was changed.
    Unavailable,
    /// Something unexpected went wrong; details are in the log.
    Internal,
}

/// An error as it crosses the command boundary: `{code, message}`. The message is written for
/// the operator and never contains secrets.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize, TS)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} was not found"))
    }

    pub fn forbidden(action: &str) -> Self {
        Self::new(
            ErrorCode::Forbidden,
            format!("You do not have permission to {action}."),
        )
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        let code = match &err {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Busy => ErrorCode::Busy,
            StoreError::InvalidConfig(_)
            | StoreError::Unavailable { .. }
            | StoreError::Corrupt { .. }
            | StoreError::SchemaTooNew { .. }
            | StoreError::DiskFull
            | StoreError::ReadOnly => ErrorCode::StorageUnavailable,
            StoreError::InvalidData(_)
            | StoreError::Database(_)
            | StoreError::SqliteRead(_)
            | StoreError::Migration(_) => {
                tracing::error!(error = %err, "store failure");
                ErrorCode::Internal
            }
        };
        Self::new(code, err.to_string())
    }
}

impl From<crate::secrets::SecretError> for ApiError {
    fn from(err: crate::secrets::SecretError) -> Self {
        Self::new(ErrorCode::Unavailable, err.to_string())
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        Self::invalid(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message() {
        let json = serde_json::to_value(ApiError::not_found("Workspace")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "Workspace was not found"})
        );
    }
}
