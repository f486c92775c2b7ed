//! A worker process for the pack crash test: the engine with the pack handlers, as `atlas
//! worker` runs them, signing with a key given in the environment instead of the keyring (the
//! test kills this process with SIGKILL mid-write; the keyring is not what it tests). An example,
//! not a product binary: the key-from-the-environment never ships.
//!
//! Usage: `PACK_WORKER_KEY=<64 hex> pack_worker <database-url> <packs-dir>`. It prints `ready`
//! once its engine runs, and stops on SIGTERM or Ctrl-C.

use std::sync::Arc;

use atlas_domain::WorkspaceId;
use atlas_engine::{Engine, EngineConfig, HandlerRegistry, ProcessIdentity, SystemClock};
use atlas_packs::{PackKeys, PackSigningKey};
use atlas_store::{Store, StoreConfig};

#[derive(Debug)]
struct KeyFromEnvironment(String);

#[async_trait::async_trait]
impl PackKeys for KeyFromEnvironment {
    async fn signing_key(&self, _workspace: WorkspaceId) -> Result<PackSigningKey, String> {
        PackSigningKey::from_hex(&self.0).map_err(|e| e.to_string())
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, packs_dir] = args.as_slice() else {
        eprintln!("usage: PACK_WORKER_KEY=<64 hex> pack_worker <database-url> <packs-dir>");
        std::process::exit(2);
    };
    let key = std::env::var("PACK_WORKER_KEY").expect("PACK_WORKER_KEY holds the signing key");
    let store = Store::open(StoreConfig::from_url(url).expect("a database URL"))
        .await
        .expect("the store opens");
    let mut registry = HandlerRegistry::new();
    atlas_packs::register(
        &mut registry,
        Arc::new(KeyFromEnvironment(key)),
        packs_dir.into(),
        "TenantAtlas pack_worker".into(),
    );
    let config = EngineConfig {
        poll_interval: std::time::Duration::from_millis(50),
        ..EngineConfig::default()
    };
    let name = ProcessIdentity::current().worker_prefix();
    let engine = Engine::start(store, registry, config, Arc::new(SystemClock), &name)
        .await
        .expect("the engine starts");
    println!("ready");
    let mut term =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).unwrap();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    engine.shutdown().await;
}
