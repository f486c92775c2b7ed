//! A small real filesystem for tests of full and read-only disks: a tmpfs mounted on a folder,
//! unmounted when dropped. Mounting needs root, which the test command runs as; root writes
//! past any permission, so a full or read-only disk is how a folder refuses it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A tmpfs mounted on a folder for as long as this lives.
#[derive(Debug)]
pub struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs with `options` (`size=64k`, `ro,size=64k`) on `dir`.
    pub fn mount(dir: &Path, options: &str) -> Tmpfs {
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .status()
            .expect("mount runs");
        assert!(
            status.success(),
            "mounting a tmpfs needs root (the test command runs as root)"
        );
        Tmpfs(dir.to_owned())
    }

    /// Makes it read-only; false while a file on it is still open for writing ("busy").
    pub fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}
