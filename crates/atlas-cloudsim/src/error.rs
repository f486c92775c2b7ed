//! The crate's one error type: what can go wrong when starting, controlling or stopping the
//! simulator.
//! Protocol errors are answers to clients (`http::errors`), not Rust errors.

use std::net::SocketAddr;
use std::path::PathBuf;

use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("the simulator configuration is invalid: {0}")]
    InvalidConfig(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the simulator's server stopped with an error: {0}")]
    Serve(std::io::Error),
    #[error("the simulator cannot make its certificates: {0}")]
    Certificates(String),
    #[error("the simulator has no tenant {0}")]
    UnknownTenant(Uuid),
    #[error("the simulator cannot write {path}: {source}")]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
}
