//! A worker process for the engine's multi-process tests (process kill, exactly once). It is
//! `atlas worker` with the test-only scripted handlers registered — the handlers never ship,
//! which is why this is an example and not a product binary.
//!
//! Usage: test_worker <database-url> <name> <policy.toml>; the name `auto` stands for this
//! process's identity, as the product names its workers.

#[path = "../tests/support/handlers.rs"]
mod handlers;

use std::sync::Arc;

use atlas_domain::OperationType;
use atlas_engine::{Engine, EngineConfig, HandlerRegistry, ProcessIdentity, SystemClock};
use atlas_store::{Store, StoreConfig};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, name, policy] = args.as_slice() else {
        eprintln!("usage: test_worker <database-url> <name> <policy.toml>");
        std::process::exit(2);
    };
    let config = EngineConfig::from_file(policy.as_ref()).expect("policy file");
    let store = Store::open(StoreConfig::from_url(url).expect("url"))
        .await
        .expect("store");
    let mut registry = HandlerRegistry::new();
    registry.register(handlers::Scripted(OperationType::InventorySync));
    let name = match name.as_str() {
        "auto" => ProcessIdentity::current().worker_prefix(),
        other => other.to_owned(),
    };
    let engine = Engine::start(store, registry, config, Arc::new(SystemClock), &name)
        .await
        .expect("engine starts");
    println!("ready");
    let mut term =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).unwrap();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    engine.shutdown().await;
}
