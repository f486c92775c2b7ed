//! Where a workspace's signing key comes from: the front end knows (the OS keyring), the
//! handler only asks.

use atlas_domain::WorkspaceId;

use crate::PackSigningKey;

/// The workspace's signing key, created (its public half recorded in the store, its secret
/// half in the keyring) the first time a pack of the workspace is signed.
#[async_trait::async_trait]
pub trait PackKeys: Send + Sync + std::fmt::Debug {
    /// The key, or why it cannot be had (a locked or absent keyring), in words.
    async fn signing_key(&self, workspace: WorkspaceId) -> Result<PackSigningKey, String>;
}
