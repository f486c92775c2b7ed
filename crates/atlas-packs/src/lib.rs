//! Review packs (SPEC §8.3): the self-verifying ZIP a customer takes from the meeting — its
//! manifest, checksums and Ed25519 signature, how it is written as a stream, and how any copy
//! of it is verified, on any machine, without a database.

pub mod archive;
mod signing;

pub use signing::{PackPublicKey, PackSigningKey};

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
