//! Writes a pack as a stream: each file is hashed as it is produced and compressed into the ZIP
//! on a second thread (`compressor`), never held whole in memory. A [`PackPart`] is a second
//! such stream into a ZIP of its own beside the pack, for files produced on another thread at
//! the same time; its compressed entries are then copied into the pack as they are. `finish`
//! adds the manifest, `SHA256SUMS`, the signature and the public key, then flushes and fsyncs
//! the file.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// A pack being written. Dropped before `finish`, it leaves an incomplete file behind (and
/// perhaps a part's) that the caller removes (it was never renamed into place).
pub struct PackWriter {
    entries: Entries,
    options: SimpleFileOptions,
    part_path: PathBuf,
}

/// What was written: the manifest as signed.
#[derive(Debug)]
pub struct WrittenPack {
    pub manifest: Manifest,
}

/// Files written beside the pack at the same time, into a ZIP of their own.
pub struct PackPart {
    entries: Entries,
    path: PathBuf,
}

/// A part whose ZIP is complete, ready to be merged into its pack.
#[derive(Debug)]
pub struct FinishedPart {
    files: Vec<ManifestFile>,
    path: PathBuf,
}

impl PackWriter {
    /// Starts a pack at `path`, which must not exist yet; a part, if one is made, is written
    /// at `part_path`. Entries carry `generated_at` as their time, so two packs of the same
    /// content differ only where their facts do.
    pub fn create(
        path: &Path,
        part_path: &Path,
        generated_at: Timestamp,
    ) -> Result<Self, PackError> {
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
            entries: Entries::create(path, options)?,
            options,
            part_path: part_path.to_owned(),
        })
    }

    /// Adds the file `name` (a plain relative path) whose bytes `produce` writes.
    pub fn add(
        &mut self,
        name: &str,
        produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), PackError> {
        self.entries.add(name, produce)
    }

    /// Starts the pack's part: files added to it compress on a thread of their own.
    pub fn part(&self) -> Result<PackPart, PackError> {
        Ok(PackPart {
            entries: Entries::create(&self.part_path, self.options)?,
            path: self.part_path.clone(),
        })
    }

    /// Copies the finished part's files into the pack (after the files added so far); its
    /// file is removed once copied.
    pub fn merge(&mut self, part: FinishedPart) -> Result<(), PackError> {
        if let Some(taken) = part.files.iter().find(|f| self.entries.has(&f.path)) {
            return Err(PackError::BadName(
                taken.path.clone(),
                "a name already taken",
            ));
        }
        self.entries.zip.merge(part.path)?;
        self.entries.files.extend(part.files);
        Ok(())
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
        let entries = &mut self.entries;
        let (pem_size, pem_hash) = entries.entry(PUBLIC_KEY, |w| w.write_all(pem.as_bytes()))?;
        entries.files.push(ManifestFile {
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
            files: entries.files.clone(),
        };
        let mut bytes =
            serde_json::to_vec_pretty(&manifest).map_err(|e| PackError::Write(e.into()))?;
        bytes.push(b'\n');
        let (_, manifest_hash) = entries.entry(MANIFEST, |w| w.write_all(&bytes))?;
        let sums = checksums(&manifest_hash, &manifest);
        entries.entry(CHECKSUMS, |w| w.write_all(sums.as_bytes()))?;
        let signature = key.sign(&bytes);
        entries.entry(SIGNATURE, |w| w.write_all(&signature))?;
        self.entries.zip.finish(true)?;
        Ok(WrittenPack { manifest })
    }
}

impl std::fmt::Debug for PackWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackWriter")
            .field("files", &self.entries.files.len())
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PackPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackPart")
            .field("files", &self.entries.files.len())
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl PackPart {
    /// Adds the file `name` to the part, as [`PackWriter::add`] does to the pack.
    pub fn add(
        &mut self,
        name: &str,
        produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), PackError> {
        self.entries.add(name, produce)
    }

    /// Completes the part's ZIP (not fsynced: it is copied into the pack, which is, and
    /// removed).
    pub fn finish(self) -> Result<FinishedPart, PackError> {
        self.entries.zip.finish(false)?;
        Ok(FinishedPart {
            files: self.entries.files,
            path: self.path,
        })
    }
}

/// Files streamed into one ZIP, each hashed on its way in.
struct Entries {
    zip: Compressor,
    files: Vec<ManifestFile>,
}

impl Entries {
    /// Starts a ZIP at `path`, which must not exist yet.
    fn create(path: &Path, options: SimpleFileOptions) -> Result<Self, PackError> {
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(PackError::Write)?;
        Ok(Self {
            zip: Compressor::spawn(file, options)?,
            files: Vec::new(),
        })
    }

    fn has(&self, name: &str) -> bool {
        self.files.iter().any(|f| f.path == name)
    }

    fn add(
        &mut self,
        name: &str,
        produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), PackError> {
        if let Some(why) = unsafe_name(name) {
            return Err(PackError::BadName(name.to_owned(), why));
        }
        if FORMAT_FILES.contains(&name) || name == PUBLIC_KEY || self.has(name) {
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
