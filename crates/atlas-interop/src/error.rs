use std::path::PathBuf;

/// Why an export could not be written; each names the file or folder concerned.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// The destination is not empty and was not written by a TenantAtlas export: nothing in it
    /// is replaced.
    #[error(
        "{0} is not empty and is not a TenantAtlas export folder; choose an empty folder or one \
         a previous export wrote"
    )]
    ForeignFolder(PathBuf),
    /// The chosen folder is neither tool's backup; nothing was read.
    #[error(
        "{0} is neither an IntuneCD backup (folders such as 'Settings Catalog' or 'Device \
         Configurations') nor an IntuneManagement export (folders such as 'SettingsCatalog' or \
         'DeviceConfiguration', or a MigrationTable.json); choose the folder the tool wrote"
    )]
    NotABackup(PathBuf),
    #[error("{path} cannot be read: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path} cannot be written: {reason}")]
    Unwritable { path: PathBuf, reason: String },
}

impl InteropError {
    pub(crate) fn unreadable(path: impl Into<PathBuf>, reason: impl ToString) -> Self {
        Self::Unreadable {
            path: path.into(),
            reason: reason.to_string(),
        }
    }

    pub(crate) fn unwritable(path: impl Into<PathBuf>, reason: impl ToString) -> Self {
        Self::Unwritable {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}
