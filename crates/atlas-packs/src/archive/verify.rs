//! Checks a pack file against itself: every file the manifest lists is present with its size
//! and SHA-256, nothing else is in it, `SHA256SUMS` agrees with the manifest, and the manifest's
//! signature holds — for the key the verifier trusts, when one is given. It reads at most what
//! the manifest declares of each file (a ZIP that claims huge sizes is never inflated) and never
//! writes anything.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::manifest::{Manifest, ManifestFile, FORMAT};
use super::names::unsafe_name;
use super::{CHECKSUMS, FORMAT_FILES, MANIFEST, PUBLIC_KEY, SIGNATURE};
use crate::signing::{encode_hex, PackPublicKey};
use crate::PackError;

/// The largest manifest read: a pack of a million files stays far below it.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;
/// The largest `SHA256SUMS`, public key and signature read.
const MAX_SMALL_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub struct Verdict {
    /// The manifest, when it could be read (even if the pack fails otherwise).
    pub manifest: Option<Manifest>,
    /// Every file that fails, named, with what is wrong.
    pub problems: Vec<FileProblem>,
    pub signature: SignatureVerdict,
    /// Files whose size and SHA-256 matched.
    pub files_checked: usize,
}

impl Verdict {
    /// Whether the pack is exactly what was signed: no file problem and a valid signature (by
    /// the trusted key, when one was given).
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
            && matches!(
                self.signature,
                SignatureVerdict::Trusted { .. } | SignatureVerdict::ValidForPackKey { .. }
            )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: String,
    pub problem: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureVerdict {
    /// Valid, made by the key the verifier trusts.
    Trusted { fingerprint: String },
    /// Valid for the key the pack carries; no key was given to compare it with, so compare its
    /// fingerprint with the one the MSP published.
    ValidForPackKey { fingerprint: String },
    /// Valid, but made by another key than the trusted one.
    OtherKey { trusted: String, found: String },
    /// The signature does not match the manifest's bytes.
    Invalid,
    /// The signature or the key could not be checked, and why.
    Unchecked(String),
}

/// Verifies the pack at `path`. An error means the file is not a pack at all (unreadable, not
/// a ZIP, damaged beyond reading, no manifest); anything else is a verdict.
pub fn verify(path: &Path, trusted: Option<&PackPublicKey>) -> Result<Verdict, PackError> {
    let file = File::open(path).map_err(PackError::Read)?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(|e| not_a_zip(path, e))?;
    let mut problems = Vec::new();

    let mut names: Vec<String> = Vec::with_capacity(zip.len());
    let mut seen = HashSet::new();
    for index in 0..zip.len() {
        let name = zip
            .name_for_index(index)
            .and_then(Result::ok)
            .map(|name| name.into_owned())
            .unwrap_or_default();
        if let Some(why) = unsafe_name(&name) {
            problems.push(problem(&name, format!("an unsafe name ({why})")));
        } else if !seen.insert(name.clone()) {
            problems.push(problem(&name, "appears more than once"));
        }
        names.push(name);
    }

    let manifest_bytes = match read_bounded(&mut zip, MANIFEST, MAX_MANIFEST_BYTES) {
        Read_::Bytes(bytes) => bytes,
        Read_::Missing => return Err(PackError::NotAPack("it has no manifest.json")),
        Read_::TooLarge => {
            return Err(PackError::NotAPack(
                "its manifest.json is larger than any pack's",
            ))
        }
        Read_::Damaged(why) => {
            problems.push(problem(MANIFEST, format!("cannot be read: {why}")));
            return Ok(unreadable(problems));
        }
    };
    let manifest: Manifest = match serde_json::from_slice(&manifest_bytes) {
        Ok(manifest) => manifest,
        Err(_) => {
            problems.push(problem(MANIFEST, "is not a valid pack manifest"));
            return Ok(unreadable(problems));
        }
    };
    if manifest.format != FORMAT {
        problems.push(problem(
            MANIFEST,
            format!(
                "has format '{}', this version reads '{FORMAT}'",
                manifest.format
            ),
        ));
    }

    let mut files_checked = 0;
    let mut listed = HashSet::new();
    // Names first (cheap, in order), then the listed files' contents, hashed in parallel.
    let checks: Vec<Result<&ManifestFile, FileProblem>> = manifest
        .files
        .iter()
        .map(|entry| {
            if let Some(why) = unsafe_name(&entry.path) {
                Err(problem(
                    &entry.path,
                    format!("listed with an unsafe name ({why})"),
                ))
            } else if !listed.insert(entry.path.as_str())
                || FORMAT_FILES.contains(&entry.path.as_str())
            {
                Err(problem(
                    &entry.path,
                    "listed twice or in the format's own place",
                ))
            } else {
                Ok(entry)
            }
        })
        .collect();
    let to_hash: Vec<&ManifestFile> = checks
        .iter()
        .filter_map(|c| c.as_ref().ok())
        .copied()
        .collect();
    let mut hashes = hash_all(path, &mut zip, &to_hash).into_iter();
    for check in checks {
        let entry = match check {
            Ok(entry) => entry,
            Err(refused) => {
                problems.push(refused);
                continue;
            }
        };
        let hashed = hashes.next().unwrap_or(Hash_::Missing);
        match hashed {
            Hash_::Missing => problems.push(problem(
                &entry.path,
                "is listed in the manifest but missing",
            )),
            Hash_::Damaged(why) => {
                problems.push(problem(&entry.path, format!("cannot be read: {why}")))
            }
            Hash_::Done { size, .. } if size != entry.size => problems.push(problem(
                &entry.path,
                if size > entry.size {
                    format!("is larger than the {} bytes the manifest lists", entry.size)
                } else {
                    format!("has {size} bytes, the manifest lists {}", entry.size)
                },
            )),
            Hash_::Done { sha256, .. } if sha256 != entry.sha256 => problems.push(problem(
                &entry.path,
                "has changed: its SHA-256 differs from the manifest's",
            )),
            Hash_::Done { .. } => files_checked += 1,
        }
    }
    for name in &names {
        if unsafe_name(name).is_none()
            && !listed.contains(name.as_str())
            && !FORMAT_FILES.contains(&name.as_str())
        {
            problems.push(problem(
                name,
                "is not listed in the manifest (added after signing)",
            ));
        }
    }

    let expected_sums = checksums(&encode_hex(&Sha256::digest(&manifest_bytes)), &manifest);
    // Whether SHA256SUMS records another SHA-256 for the manifest than the manifest has: with a
    // signature that does not hold, that names the manifest as what changed after signing.
    let mut manifest_hash_differs = false;
    match read_bounded(&mut zip, CHECKSUMS, MAX_SMALL_FILE_BYTES) {
        Read_::Bytes(sums) if sums == expected_sums.as_bytes() => {}
        Read_::Bytes(sums) => {
            let (recorded_manifest, recorded_files) = first_line(&sums);
            let (expected_manifest, expected_files) = first_line(expected_sums.as_bytes());
            manifest_hash_differs = recorded_manifest != expected_manifest;
            if recorded_files != expected_files
                || !recorded_manifest.ends_with(format!("  {MANIFEST}\n").as_bytes())
            {
                problems.push(problem(CHECKSUMS, "does not agree with the manifest"));
            }
        }
        Read_::Missing => problems.push(problem(CHECKSUMS, "is missing")),
        Read_::TooLarge => problems.push(problem(CHECKSUMS, "is larger than the manifest allows")),
        Read_::Damaged(why) => problems.push(problem(CHECKSUMS, format!("cannot be read: {why}"))),
    }

    let signature = check_signature(&mut zip, &manifest, &manifest_bytes, trusted, &mut problems);
    match &signature {
        SignatureVerdict::Invalid if manifest_hash_differs => problems.push(problem(
            MANIFEST,
            "has changed after signing: the signature does not hold for it, and SHA256SUMS \
             records another SHA-256 for it",
        )),
        SignatureVerdict::Invalid => problems.push(problem(
            SIGNATURE,
            "does not sign manifest.json: the signature was replaced, or the manifest and \
             SHA256SUMS were both rewritten after signing",
        )),
        _ if manifest_hash_differs => problems.push(problem(
            CHECKSUMS,
            "records another SHA-256 for manifest.json than it has",
        )),
        _ => {}
    }
    Ok(Verdict {
        manifest: Some(manifest),
        problems,
        signature,
        files_checked,
    })
}

/// `SHA256SUMS` as the writer makes it: the manifest first, then its files in order.
pub(crate) fn checksums(manifest_sha256: &str, manifest: &Manifest) -> String {
    let mut sums = format!("{manifest_sha256}  {MANIFEST}\n");
    for file in &manifest.files {
        sums.push_str(&format!("{}  {}\n", file.sha256, file.path));
    }
    sums
}

fn check_signature(
    zip: &mut ZipArchive<BufReader<File>>,
    manifest: &Manifest,
    manifest_bytes: &[u8],
    trusted: Option<&PackPublicKey>,
    problems: &mut Vec<FileProblem>,
) -> SignatureVerdict {
    let key = match read_bounded(zip, PUBLIC_KEY, MAX_SMALL_FILE_BYTES) {
        Read_::Bytes(pem) => match std::str::from_utf8(&pem).ok().map(PackPublicKey::parse) {
            Some(Ok(key)) => key,
            _ => return SignatureVerdict::Unchecked(format!("{PUBLIC_KEY} is not a public key")),
        },
        // Listed in the manifest: its absence is already named there.
        _ => return SignatureVerdict::Unchecked(format!("{PUBLIC_KEY} is missing or unreadable")),
    };
    if key.fingerprint() != manifest.signing_key.fingerprint {
        problems.push(problem(PUBLIC_KEY, "is not the key the manifest names"));
    }
    let signature = match read_bounded(zip, SIGNATURE, 64) {
        Read_::Bytes(bytes) => bytes,
        Read_::Missing => {
            problems.push(problem(SIGNATURE, "is missing"));
            return SignatureVerdict::Unchecked(format!("{SIGNATURE} is missing"));
        }
        _ => return SignatureVerdict::Invalid,
    };
    // The key that counts: the trusted one when given (a pack re-signed with another key fails
    // here), else the pack's own.
    let checking = trusted.unwrap_or(&key);
    if !checking.verifies(manifest_bytes, &signature) {
        return match trusted {
            Some(trusted) if key.verifies(manifest_bytes, &signature) => {
                SignatureVerdict::OtherKey {
                    trusted: trusted.fingerprint(),
                    found: key.fingerprint(),
                }
            }
            _ => SignatureVerdict::Invalid,
        };
    }
    match trusted {
        Some(trusted) => SignatureVerdict::Trusted {
            fingerprint: trusted.fingerprint(),
        },
        None => SignatureVerdict::ValidForPackKey {
            fingerprint: key.fingerprint(),
        },
    }
}

/// The first line of `text` (with its newline) and the rest.
fn first_line(text: &[u8]) -> (&[u8], &[u8]) {
    match text.iter().position(|&b| b == b'\n') {
        Some(end) => text.split_at(end + 1),
        None => (text, &[]),
    }
}

fn unreadable(problems: Vec<FileProblem>) -> Verdict {
    Verdict {
        manifest: None,
        problems,
        signature: SignatureVerdict::Unchecked("the manifest could not be read".into()),
        files_checked: 0,
    }
}

fn problem(path: &str, what: impl Into<String>) -> FileProblem {
    FileProblem {
        path: path.to_owned(),
        problem: what.into(),
    }
}

fn not_a_zip(path: &Path, error: zip::result::ZipError) -> PackError {
    let mut head = [0u8; 4];
    let starts_like_zip = File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|()| &head == b"PK\x03\x04")
        .unwrap_or(false);
    match error {
        zip::result::ZipError::Io(io) if !starts_like_zip => PackError::Read(io),
        _ if starts_like_zip => PackError::Damaged,
        _ => PackError::NotAPack("it is not a ZIP file"),
    }
}

enum Read_ {
    Bytes(Vec<u8>),
    Missing,
    TooLarge,
    Damaged(String),
}

fn read_bounded(zip: &mut ZipArchive<BufReader<File>>, name: &str, limit: u64) -> Read_ {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Read_::Missing,
        Err(e) => return Read_::Damaged(e.to_string()),
    };
    let mut bytes = Vec::new();
    match entry.take(limit + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > limit => Read_::TooLarge,
        Ok(_) => Read_::Bytes(bytes),
        Err(e) => Read_::Damaged(e.to_string()),
    }
}

enum Hash_ {
    Done { size: u64, sha256: String },
    Missing,
    Damaged(String),
}

/// Below this many declared bytes a second reader is not worth opening.
const PARALLEL_FROM_BYTES: u64 = 4 * 1024 * 1024;

/// Hashes `files` (in their order) from `zip`, half of the bytes on a second thread with its
/// own reader of the file when there is enough to share.
fn hash_all(
    path: &Path,
    zip: &mut ZipArchive<BufReader<File>>,
    files: &[&ManifestFile],
) -> Vec<Hash_> {
    let total: u64 = files.iter().map(|f| f.size).sum();
    let second_reader = (total >= PARALLEL_FROM_BYTES && files.len() > 1)
        .then(|| File::open(path).ok())
        .flatten()
        .and_then(|file| ZipArchive::new(BufReader::new(file)).ok());
    let Some(mut second) = second_reader else {
        return files
            .iter()
            .map(|f| hash_bounded(zip, &f.path, f.size))
            .collect();
    };
    // Largest first, each to the side with fewer bytes so far.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].size));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut my_bytes, mut their_bytes) = (0u64, 0u64);
    for i in order {
        if my_bytes <= their_bytes {
            my_bytes += files[i].size;
            mine.push(i);
        } else {
            their_bytes += files[i].size;
            theirs.push(i);
        }
    }
    let mut results: Vec<Option<Hash_>> = files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| {
            theirs
                .iter()
                .map(|&i| (i, hash_bounded(&mut second, &files[i].path, files[i].size)))
                .collect::<Vec<_>>()
        });
        for &i in &mine {
            results[i] = Some(hash_bounded(zip, &files[i].path, files[i].size));
        }
        match helper.join() {
            Ok(done) => done
                .into_iter()
                .for_each(|(i, hash)| results[i] = Some(hash)),
            Err(_) => theirs.iter().for_each(|&i| {
                results[i] = Some(Hash_::Damaged("the checking thread failed".into()));
            }),
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or(Hash_::Missing))
        .collect()
}

/// Hashes at most one byte more than `declared`: enough to tell that a file is larger.
fn hash_bounded(zip: &mut ZipArchive<BufReader<File>>, name: &str, declared: u64) -> Hash_ {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Hash_::Missing,
        Err(e) => return Hash_::Damaged(e.to_string()),
    };
    let mut limited = entry.take(declared.saturating_add(1));
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        match limited.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                size += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Hash_::Damaged(e.to_string()),
        }
    }
    Hash_::Done {
        size,
        sha256: encode_hex(&hasher.finalize()),
    }
}
