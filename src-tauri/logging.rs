//! Logging through `tracing`: to stderr, and to a daily-rotated file in `<data folder>/logs`
//! (seven files kept). Without a usable data folder only stderr is used; the start-up error
//! itself explains why.

use std::path::Path;

use tracing_appender::{non_blocking::WorkerGuard, rolling};
use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

/// Installs the subscriber. Keep the returned guard alive: dropping it flushes the file.
pub fn init(data_dir: Option<&Path>) -> Option<WorkerGuard> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = fmt::layer().with_writer(std::io::stderr);
    let file = data_dir.and_then(|dir| {
        let logs = dir.join("logs");
        std::fs::create_dir_all(&logs).ok()?;
        rolling::Builder::new()
            .rotation(rolling::Rotation::DAILY)
            .filename_prefix("tenantatlas")
            .filename_suffix("log")
            .max_log_files(7)
            .build(logs)
            .ok()
    });
    match file {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file_layer = fmt::layer().with_ansi(false).with_writer(writer);
            tracing_subscriber::registry()
                .with(filter)
                .with(stderr)
                .with(file_layer)
                .init();
            Some(guard)
        }
        None => {
            tracing_subscriber::registry()
                .with(filter)
                .with(stderr)
                .init();
            None
        }
    }
}
