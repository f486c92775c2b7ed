//! The review pack file: a ZIP whose `manifest.json` lists every other file with its size and
//! SHA-256, `SHA256SUMS` in the coreutils format (so `sha256sum -c` checks an unpacked pack),
//! `manifest.json.sig`, a detached Ed25519 signature of the manifest's exact bytes, and the
//! public key as `signing-key.pem` (so `openssl pkeyutl -verify` checks it too).

mod compressor;
mod manifest;
mod names;
mod verify;
mod writer;

pub use manifest::{KeyFacts, Manifest, ManifestFile, PackFacts, FORMAT};
pub use verify::{verify, FileProblem, SignatureVerdict, Verdict};
pub use writer::{FinishedPart, PackPart, PackWriter, WrittenPack};

pub const MANIFEST: &str = "manifest.json";
pub const CHECKSUMS: &str = "SHA256SUMS";
pub const SIGNATURE: &str = "manifest.json.sig";
pub const PUBLIC_KEY: &str = "signing-key.pem";

/// Files the pack format itself adds, which the manifest does not list.
const FORMAT_FILES: [&str; 3] = [MANIFEST, CHECKSUMS, SIGNATURE];
