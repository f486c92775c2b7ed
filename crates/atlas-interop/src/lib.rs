//! Configuration in and out of TenantAtlas in other shapes than its own database: a backup set
//! or a tenant's latest versions as a deterministic, git-friendly folder
//! ([`backup_folder`]), as a document for people ([`documentation`]), and other tools'
//! backups read back in ([`import`]). Pure file work over versions the caller read; no database, no network.

pub mod backup_folder;
pub mod documentation;
mod error;
pub mod import;
mod names;

pub use error::InteropError;
