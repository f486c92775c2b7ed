//! `manifest.json`: what the pack is and every file it holds, with size and SHA-256. The
//! signature covers its exact bytes, so it is written once and never re-serialised.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The format this product writes and reads.
pub const FORMAT: &str = "tenantatlas-review-pack/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    #[serde(flatten)]
    pub pack: PackFacts,
    pub signing_key: KeyFacts,
    /// Every file of the pack except the manifest, `SHA256SUMS` and the signature.
    pub files: Vec<ManifestFile>,
}

/// What a pack is about, as its generator stated it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackFacts {
    pub pack_id: String,
    /// "TenantAtlas 0.1.0".
    pub generator: String,
    /// RFC 3339, UTC.
    pub generated_at: String,
    pub workspace: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub fingerprint: String,
    pub previous_fingerprint: Option<String>,
    pub include_pii: bool,
    pub include_operations: bool,
    /// When the data behind each part was last synced or produced (RFC 3339), or null: never.
    pub data_freshness: BTreeMap<String, Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFacts {
    pub algorithm: String,
    /// The pack's copy of the public key file (`signing-key.pem`).
    pub public_key_file: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}
