//! The updater against update servers on this machine: a signed newer version is offered and
//! installed; a tampered file, one signed by another key, one cut short, a server that is
//! down and a manifest that is not one are refused, and the installed program stays as it was.

use std::{
    collections::HashMap,
    io::Cursor,
    path::PathBuf,
    sync::{Arc, Mutex},
};

use atlas_api::updates::{UpdateFailure, UpdateSource};
use base64::{engine::general_purpose::STANDARD, Engine};
use tauri::{test::MockRuntime, Url};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

use super::PluginUpdater;

// Programs as the AppImage installer checks them: ELF, and longer than an ELF header.
const INSTALLED: &[u8] =
    b"\x7fELF TenantAtlas 0.1.0, the version installed before any update arrives";
const NEW: &[u8] =
    b"\x7fELF TenantAtlas 0.2.0, the signed update with faster syncs for every tenant";

struct Key(minisign::KeyPair);

impl Key {
    fn new() -> Self {
        Self(minisign::KeyPair::generate_unencrypted_keypair().unwrap())
    }

    /// The public key as tauri.conf.json carries it.
    fn public(&self) -> String {
        STANDARD.encode(self.0.pk.to_box().unwrap().to_string())
    }

    /// A signature as the Tauri bundler writes it (the `.sig` file, base64).
    fn sign(&self, bytes: &[u8], version: &str) -> String {
        let comment = format!("timestamp:1764950400\tfile:TenantAtlas.AppImage\tversion:{version}");
        let signature = minisign::sign(
            Some(&self.0.pk),
            &self.0.sk,
            Cursor::new(bytes),
            Some(&comment),
            None,
        )
        .unwrap();
        STANDARD.encode(signature.to_string())
    }
}

/// What one path answers: a body, and optionally a larger declared length (a download the
/// connection cuts short).
#[derive(Clone)]
struct Answer {
    body: Vec<u8>,
    declared_len: Option<usize>,
}

/// A one-route-table HTTP/1.1 server on a free local port.
struct Server {
    base: Url,
    routes: Arc<Mutex<HashMap<String, Answer>>>,
}

impl Server {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
        let routes: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let table = routes.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let table = table.clone();
                tokio::spawn(async move {
                    let mut request = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let line = String::from_utf8_lossy(&request);
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let answer = table.lock().unwrap().get(&path).cloned();
                    let response = match answer {
                        Some(a) => {
                            let len = a.declared_len.unwrap_or(a.body.len());
                            let mut r = format!(
                                "HTTP/1.1 200 OK\r\ncontent-length: {len}\r\nconnection: close\r\n\r\n"
                            )
                            .into_bytes();
                            r.extend_from_slice(&a.body);
                            r
                        }
                        None => b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                            .to_vec(),
                    };
                    let _ = socket.write_all(&response).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { base, routes }
    }

    fn serve(&self, path: &str, body: &[u8]) {
        self.serve_cut(path, body, None);
    }

    fn serve_cut(&self, path: &str, body: &[u8], declared_len: Option<usize>) {
        self.routes.lock().unwrap().insert(
            path.to_owned(),
            Answer {
                body: body.to_vec(),
                declared_len,
            },
        );
    }

    fn url(&self, path: &str) -> Url {
        self.base.join(path).unwrap()
    }

    /// A manifest offering `version` at /app.AppImage with `signature`.
    fn publish(&self, version: &str, signature: &str) -> Url {
        let manifest = serde_json::json!({
            "version": version,
            "notes": "Faster syncs.",
            "pub_date": "2026-12-01T10:00:00Z",
            "platforms": {
                "linux-x86_64": { "url": self.url("app.AppImage"), "signature": signature },
            },
        });
        self.serve("/latest.json", manifest.to_string().as_bytes());
        self.url("latest.json")
    }
}

/// The app at 0.1.0 with `key` built in, its updater replacing a file of the test's own.
struct Installed {
    updater: PluginUpdater<MockRuntime>,
    program: PathBuf,
    _app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl Installed {
    fn new(key: &Key) -> Self {
        let mut context = tauri::test::mock_context(tauri::test::noop_assets());
        context.config_mut().plugins.0.insert(
            "updater".into(),
            serde_json::json!({ "pubkey": key.public() }),
        );
        context.package_info_mut().version = "0.1.0".parse().unwrap();
        let app = tauri::test::mock_builder()
            .plugin(tauri_plugin_updater::Builder::new().build())
            .build(context)
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("TenantAtlas.AppImage");
        std::fs::write(&program, INSTALLED).unwrap();
        let updater = PluginUpdater {
            app: app.handle().clone(),
            installed_at: Some(program.clone()),
        };
        Self {
            updater,
            program,
            _app: app,
            _dir: dir,
        }
    }

    fn program(&self) -> Vec<u8> {
        std::fs::read(&self.program).unwrap()
    }
}

/// The app at 0.1.0 with its release key, and an update server on this machine.
async fn installed_and_server() -> (Key, Installed, Server) {
    let key = Key::new();
    let app = Installed::new(&key);
    (key, app, Server::start().await)
}

#[tokio::test]
async fn a_signed_newer_version_is_offered_with_its_notes_and_installed() {
    let (key, app, server) = installed_and_server().await;
    server.serve("/app.AppImage", NEW);
    let manifest = server.publish("0.2.0", &key.sign(NEW, "0.2.0"));

    let offer = app
        .updater
        .check(&manifest)
        .await
        .unwrap()
        .expect("0.2.0 is offered");
    assert_eq!(offer.version, "0.2.0");
    assert_eq!(offer.current_version, "0.1.0");
    assert_eq!(offer.notes.as_deref(), Some("Faster syncs."));
    assert_eq!(offer.published_at.as_deref(), Some("2026-12-01T10:00:00Z"));
    assert_eq!(app.program(), INSTALLED, "checking changes nothing");

    app.updater.install(&manifest, "0.2.0").await.unwrap();
    assert_eq!(app.program(), NEW);
}

#[tokio::test]
async fn a_tampered_update_is_refused_and_the_installed_version_kept() {
    let (key, app, server) = installed_and_server().await;
    let signature = key.sign(NEW, "0.2.0");
    let mut tampered = NEW.to_vec();
    tampered.extend_from_slice(b" and a backdoor");
    server.serve("/app.AppImage", &tampered);
    let manifest = server.publish("0.2.0", &signature);

    let refused = app.updater.install(&manifest, "0.2.0").await.unwrap_err();
    assert_eq!(refused, UpdateFailure::SignatureMismatch);
    assert_eq!(app.program(), INSTALLED);
}

#[tokio::test]
async fn an_update_signed_by_another_key_is_refused() {
    let (_key, app, server) = installed_and_server().await;
    server.serve("/app.AppImage", NEW);
    let manifest = server.publish("0.2.0", &Key::new().sign(NEW, "0.2.0"));

    let refused = app.updater.install(&manifest, "0.2.0").await.unwrap_err();
    assert_eq!(refused, UpdateFailure::SignedByAnotherKey);
    assert_eq!(app.program(), INSTALLED);
}

#[tokio::test]
async fn a_download_cut_short_is_refused() {
    let (key, app, server) = installed_and_server().await;
    // The server announces the whole file and closes the connection halfway.
    server.serve_cut("/app.AppImage", &NEW[..NEW.len() / 2], Some(NEW.len()));
    let manifest = server.publish("0.2.0", &key.sign(NEW, "0.2.0"));
    let refused = app.updater.install(&manifest, "0.2.0").await.unwrap_err();
    assert!(
        matches!(
            refused,
            UpdateFailure::Unreachable(_) | UpdateFailure::SignatureMismatch
        ),
        "{refused:?}"
    );
    assert_eq!(app.program(), INSTALLED);

    // Served as if complete, the half file fails its signature.
    server.serve("/app.AppImage", &NEW[..NEW.len() / 2]);
    let refused = app.updater.install(&manifest, "0.2.0").await.unwrap_err();
    assert_eq!(refused, UpdateFailure::SignatureMismatch);
    assert_eq!(app.program(), INSTALLED);
}

#[tokio::test]
async fn a_server_that_is_down_changes_nothing() {
    let key = Key::new();
    let app = Installed::new(&key);
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let manifest = Url::parse(&format!(
        "http://{}/latest.json",
        closed.local_addr().unwrap()
    ))
    .unwrap();
    drop(closed);
    for failure in [
        app.updater.check(&manifest).await.unwrap_err(),
        app.updater.install(&manifest, "0.2.0").await.unwrap_err(),
    ] {
        let UpdateFailure::Unreachable(reason) = failure else {
            panic!("{failure:?}");
        };
        assert!(reason.to_lowercase().contains("refused"), "{reason}");
    }
    assert_eq!(app.program(), INSTALLED);
}

#[tokio::test]
async fn the_running_version_and_a_changed_offer_install_nothing() {
    let (key, app, server) = installed_and_server().await;
    server.serve("/app.AppImage", NEW);
    let manifest = server.publish("0.1.0", &key.sign(NEW, "0.1.0"));
    assert_eq!(app.updater.check(&manifest).await.unwrap(), None);
    assert_eq!(
        app.updater.install(&manifest, "0.2.0").await.unwrap_err(),
        UpdateFailure::OfferChanged { offered: None }
    );

    let manifest = server.publish("0.3.0", &key.sign(NEW, "0.3.0"));
    assert_eq!(
        app.updater.install(&manifest, "0.2.0").await.unwrap_err(),
        UpdateFailure::OfferChanged {
            offered: Some("0.3.0".into())
        }
    );
    assert_eq!(app.program(), INSTALLED);
}

#[tokio::test]
async fn an_answer_that_is_no_manifest_is_named() {
    let (_key, app, server) = installed_and_server().await;
    server.serve("/latest.json", b"<html>Moved</html>");
    let failure = app
        .updater
        .check(&server.url("latest.json"))
        .await
        .unwrap_err();
    assert!(
        matches!(failure, UpdateFailure::BadManifest(_)),
        "{failure:?}"
    );
    server.serve("/latest.json", br#"{"notes": "no version"}"#);
    let failure = app
        .updater
        .check(&server.url("latest.json"))
        .await
        .unwrap_err();
    assert!(
        matches!(failure, UpdateFailure::BadManifest(_)),
        "{failure:?}"
    );
    let failure = app
        .updater
        .check(&server.url("missing.json"))
        .await
        .unwrap_err();
    assert!(
        matches!(failure, UpdateFailure::BadManifest(_)),
        "{failure:?}"
    );
}
