//! The files of a chosen folder, listed without ever leaving it: symbolic links are reported,
//! never followed (so neither a loop nor a link to elsewhere is read), and files too large to
//! be an Intune object are reported instead of read.

use std::path::{Path, PathBuf};

use super::Skipped;
use crate::InteropError;

/// Larger than any Intune object file (the largest real ones, ADMX-backed templates with every
/// definition expanded, stay in single-digit megabytes).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Folders deeper than this are not a backup's layout (IntuneCD nests three levels).
const MAX_DEPTH: usize = 8;

/// One regular file inside the folder.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// `/`-separated, relative to the chosen folder.
    pub relative: String,
}

/// Every regular file under `root` (version-control folders left out), sorted by relative
/// path, and what was not read with the reason.
pub fn files(root: &Path) -> Result<(Vec<Found>, Vec<Skipped>), InteropError> {
    let meta = std::fs::metadata(root).map_err(|e| InteropError::unreadable(root, e))?;
    if !meta.is_dir() {
        return Err(InteropError::unreadable(root, "it is not a folder"));
    }
    let (mut found, mut skipped) = (Vec::new(), Vec::new());
    visit(root, root, 0, &mut found, &mut skipped)?;
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((found, skipped))
}

fn visit(
    root: &Path,
    dir: &Path,
    depth: usize,
    found: &mut Vec<Found>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), InteropError> {
    let entries = std::fs::read_dir(dir).map_err(|e| InteropError::unreadable(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| InteropError::unreadable(dir, e))?;
        let path = entry.path();
        let relative = relative(root, &path);
        // `file_type` does not follow links: a link is seen as a link.
        let kind = entry
            .file_type()
            .map_err(|e| InteropError::unreadable(&path, e))?;
        if kind.is_symlink() {
            skipped.push(Skipped::new(
                relative,
                "a symbolic link: not followed, so nothing outside the chosen folder is read",
            ));
        } else if kind.is_dir() {
            let name = entry.file_name();
            if name == ".git" || name == ".svn" {
                continue;
            }
            if depth + 1 >= MAX_DEPTH {
                skipped.push(Skipped::new(
                    relative,
                    format!("nested deeper than {MAX_DEPTH} folders; not a backup's layout"),
                ));
                continue;
            }
            visit(root, &path, depth + 1, found, skipped)?;
        } else if kind.is_file() {
            let size = entry
                .metadata()
                .map_err(|e| InteropError::unreadable(&path, e))?
                .len();
            if size > MAX_FILE_BYTES {
                skipped.push(Skipped::new(
                    relative,
                    format!(
                        "{} is larger than any Intune object ({} MB at most); not read",
                        human_size(size),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                ));
            } else {
                found.push(Found { path, relative });
            }
        } else {
            skipped.push(Skipped::new(relative, "not a regular file"));
        }
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn human_size(bytes: u64) -> String {
    const GB: u64 = 1024 * 1024 * 1024;
    if bytes >= GB {
        format!("{:.1} GB", bytes as f64 / GB as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_reported_not_followed_and_huge_files_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("backup");
        std::fs::create_dir_all(root.join("Filters/.git")).unwrap();
        std::fs::write(root.join("Filters/a.json"), "{}").unwrap();
        std::fs::write(root.join("Filters/.git/HEAD"), "ref").unwrap();
        std::os::unix::fs::symlink(&root, root.join("Filters/loop")).unwrap();
        std::fs::write(dir.path().join("outside.json"), "{}").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.json"), root.join("out.json")).unwrap();
        let big = std::fs::File::create(root.join("big.json")).unwrap();
        big.set_len(1024 * 1024 * 1024).unwrap();

        let (found, skipped) = files(&root).unwrap();
        let names: Vec<_> = found.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(names, ["Filters/a.json"]);
        let reasons: Vec<_> = skipped
            .iter()
            .map(|s| (s.path.as_str(), s.reason.split(':').next().unwrap()))
            .collect();
        assert_eq!(
            reasons,
            [
                ("Filters/loop", "a symbolic link"),
                (
                    "big.json",
                    "1.0 GB is larger than any Intune object (32 MB at most); not read"
                ),
                ("out.json", "a symbolic link"),
            ]
        );
        assert!(
            files(&root.join("big.json")).is_err(),
            "a file is no folder"
        );
    }
}
