//! The files a running simulator writes for its clients: the CA certificate to trust over
//! HTTPS, and the app registration's certificate and (simulated) private key. They live in a
//! temporary folder removed when the simulator is dropped, except a CA path the caller chose.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::error::SimError;

#[derive(Debug)]
pub(crate) struct SimulatorFiles {
    /// Holds the folder (and so the files in it) for as long as the simulator lives.
    _dir: TempDir,
    pub ca_pem_path: Option<PathBuf>,
    pub app_certificate_path: PathBuf,
    pub app_private_key_path: PathBuf,
}

impl SimulatorFiles {
    pub fn write(
        app_certificate_pem: &str,
        app_private_key_pem: &str,
        ca_pem: Option<&str>,
        ca_pem_path: Option<&Path>,
    ) -> Result<Self, SimError> {
        let dir = tempfile::Builder::new()
            .prefix("atlas-cloudsim-")
            .tempdir()
            .map_err(|source| SimError::WriteFile {
                path: std::env::temp_dir(),
                source,
            })?;
        let app_certificate_path = dir.path().join("app-certificate.pem");
        write(&app_certificate_path, app_certificate_pem, false)?;
        let app_private_key_path = dir.path().join("app-private-key.pem");
        write(&app_private_key_path, app_private_key_pem, true)?;
        let ca_pem_path = match ca_pem {
            Some(pem) => {
                let path = ca_pem_path
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.path().join("ca.pem"));
                write(&path, pem, false)?;
                Some(path)
            }
            None => None,
        };
        Ok(Self {
            _dir: dir,
            ca_pem_path,
            app_certificate_path,
            app_private_key_path,
        })
    }
}

/// Writes `contents`; a private key is readable by its owner only.
fn write(path: &Path, contents: &str, private: bool) -> Result<(), SimError> {
    let failed = |source| SimError::WriteFile {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).map_err(failed)?;
    std::io::Write::write_all(&mut file, contents.as_bytes()).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_live_as_long_as_the_handle_and_a_chosen_ca_path_is_kept() {
        let chosen = tempfile::tempdir().unwrap();
        let ca_path = chosen.path().join("sim-ca.pem");
        let files = SimulatorFiles::write("CERT", "KEY", Some("CA"), Some(&ca_path)).unwrap();
        assert_eq!(files.ca_pem_path.as_deref(), Some(ca_path.as_path()));
        assert_eq!(std::fs::read_to_string(&ca_path).unwrap(), "CA");
        assert_eq!(
            std::fs::read_to_string(&files.app_private_key_path).unwrap(),
            "KEY"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&files.app_private_key_path)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the key is private");
        }
        let certificate = files.app_certificate_path.clone();
        drop(files);
        assert!(!certificate.exists());
        assert!(
            ca_path.exists(),
            "a path the caller chose outlives the simulator"
        );

        let plain = SimulatorFiles::write("CERT", "KEY", None, None).unwrap();
        assert!(plain.ca_pem_path.is_none());
    }
}
