//! Review packs (SPEC §8.3): the self-verifying ZIP a customer takes from the meeting — its
//! manifest, checksums and Ed25519 signature, how it is written as a stream, and how any copy
//! of it is verified, on any machine, without a database — and the `tenant.review_pack.generate`
//! handler, the request that dedupes by content, and the prune.

pub mod archive;
mod compose;
mod evidence;
mod files;
mod generate;
mod keys;
mod people;
pub mod prune;
mod request;
mod signing;
mod sources;
mod summary;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use atlas_engine::HandlerRegistry;

pub use compose::{ComposeHandler, ComposeInputs};
pub use evidence::{content_of, EvidenceHandler};
pub use generate::{hash_file, pack_file, GenerateInputs, GeneratePackHandler};
pub use keys::PackKeys;
pub use request::{request_pack, PackRequest};
pub use signing::{PackPublicKey, PackSigningKey};
pub use sources::PackSources;

/// Registers the evidence snapshot and pack handlers: packs are written into `packs_dir`, signed with the keys
/// `keys` hands out, and name `generator` (product and version) in their manifest.
pub fn register(
    registry: &mut HandlerRegistry,
    keys: Arc<dyn PackKeys>,
    packs_dir: PathBuf,
    generator: String,
) {
    registry
        .register(EvidenceHandler)
        .register(ComposeHandler)
        .register(GeneratePackHandler::new(keys, packs_dir, generator));
}

/// What went wrong writing, reading or verifying a pack.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("the pack could not be written: {0}")]
    Write(std::io::Error),
    #[error("the file could not be read: {0}")]
    Read(std::io::Error),
    #[error("this is not a review pack: {0}")]
    NotAPack(&'static str),
    #[error("the ZIP file is damaged or truncated: its directory cannot be read")]
    Damaged,
    #[error("'{0}' cannot be a file name in a pack: {1}")]
    BadName(String, &'static str),
    #[error("not a usable public key: {0}")]
    BadPublicKey(&'static str),
    #[error("the signing key: {0}")]
    Signing(String),
}
