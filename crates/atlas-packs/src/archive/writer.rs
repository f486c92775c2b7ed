//! Writes a pack as a stream: each file is hashed as it is produced and compressed into the ZIP
//! on a second thread (`compressor`), never held whole in memory. `finish` adds the manifest, `SHA256SUMS`, the
//! signature and the public key, then flushes and fsyncs the file.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use atlas_domain::Timestamp;
use chrono::{Datelike, Timelike};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::compressor::Compressor;
use super::manifest::{KeyFacts, Manifest, ManifestFile, PackFacts, FORMAT};
use super::names::unsafe_name;
use super::verify::checksums;
use super::{CHECKSUMS, FORMAT_FILES, MANIFEST, PUBLIC_KEY, SIGNATURE};
use crate::signing::{encode_hex, PackSigningKey};
use crate::PackError;

/// Deflate level: the same trade as `zip -6`, the default of the tools customers know.
const LEVEL: i64 = 6;

/// A pack being written. Dropped before `finish`, it leaves an incomplete file behind that the
/// caller removes (it was never renamed into place).
pub struct PackWriter {
    zip: Compressor,
    files: Vec<ManifestFile>,
}

/// What was written: the manifest as signed.
#[derive(Debug)]
pub struct WrittenPack {
    pub manifest: Manifest,
}

impl PackWriter {
    /// Starts a pack at `path`, which must not exist yet. Entries carry `generated_at` as their
    /// time, so two packs of the same content differ only where their facts do.
    pub fn create(path: &Path, generated_at: Timestamp) -> Result<Self, PackError> {
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(PackError::Write)?;
        let at = generated_at.as_datetime();
        let time = zip::DateTime::from_date_and_time(
            at.year().clamp(1980, 2107) as u16,
            at.month() as u8,
            at.day() as u8,
            at.hour() as u8,
            at.minute() as u8,
            at.second() as u8,
        )
        .unwrap_or_default();
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(LEVEL))
            .last_modified_time(time)
            .large_file(false);
        Ok(Self {
            zip: Compressor::spawn(file, options)?,
            files: Vec::new(),
        })
    }

    /// Adds the file `name` (a plain relative path) whose bytes `produce` writes.
    pub fn add(
        &mut self,
        name: &str,
        produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), PackError> {
        if let Some(why) = unsafe_name(name) {
            return Err(PackError::BadName(name.to_owned(), why));
        }
        if FORMAT_FILES.contains(&name)
            || name == PUBLIC_KEY
            || self.files.iter().any(|f| f.path == name)
        {
            return Err(PackError::BadName(name.to_owned(), "a name already taken"));
        }
        let (size, sha256) = self.entry(name, produce)?;
        self.files.push(ManifestFile {
            path: name.to_owned(),
            size,
            sha256,
        });
        Ok(())
    }

    fn entry(
        &mut self,
        name: &str,
        produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(u64, String), PackError> {
        self.zip.start(name)?;
        let mut hashing = Hashing {
            inner: &mut self.zip,
            hasher: Sha256::new(),
            size: 0,
        };
        produce(&mut hashing).map_err(PackError::Write)?;
        let Hashing { hasher, size, .. } = hashing;
        Ok((size, encode_hex(&hasher.finalize())))
    }

    /// Adds the manifest (from `pack` and the files added), `SHA256SUMS`, the public key and
    /// the manifest's signature, then writes the ZIP's directory and fsyncs the file.
    pub fn finish(
        mut self,
        pack: PackFacts,
        key: &PackSigningKey,
    ) -> Result<WrittenPack, PackError> {
        let public = key.public();
        let pem = public.to_pem();
        let (pem_size, pem_hash) = self.entry(PUBLIC_KEY, |w| w.write_all(pem.as_bytes()))?;
        self.files.push(ManifestFile {
            path: PUBLIC_KEY.to_owned(),
            size: pem_size,
            sha256: pem_hash,
        });
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            pack,
            signing_key: KeyFacts {
                algorithm: "Ed25519".to_owned(),
                public_key_file: PUBLIC_KEY.to_owned(),
                fingerprint: public.fingerprint(),
            },
            files: self.files.clone(),
        };
        let mut bytes =
            serde_json::to_vec_pretty(&manifest).map_err(|e| PackError::Write(e.into()))?;
        bytes.push(b'\n');
        let (_, manifest_hash) = self.entry(MANIFEST, |w| w.write_all(&bytes))?;
        let sums = checksums(&manifest_hash, &manifest);
        self.entry(CHECKSUMS, |w| w.write_all(sums.as_bytes()))?;
        let signature = key.sign(&bytes);
        self.entry(SIGNATURE, |w| w.write_all(&signature))?;
        self.zip.finish()?;
        Ok(WrittenPack { manifest })
    }
}

impl std::fmt::Debug for PackWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackWriter")
            .field("files", &self.files.len())
            .finish_non_exhaustive()
    }
}

/// Counts and hashes what passes through on its way into the ZIP entry.
struct Hashing<'a, W: Write> {
    inner: &'a mut W,
    hasher: Sha256,
    size: u64,
}

impl<W: Write> Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
