//! The TenantAtlas desktop shell: builds the runtime (data folder, store, API), registers the
//! commands as thin wrappers, and hosts the UI. Everything that matters lives in the library
//! crates; this file wires them to a window.

// Release builds on Windows get no console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod events;
mod logging;
mod state;
mod updates;

use atlas_api::RuntimeOptions;
use commands::handler;
use tauri::Manager;

/// The same allocator as the `atlas` command line, which runs the same jobs: mimalloc (glibc's
/// malloc spent a tenth of a review pack's CPU on its many small strings).
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let options = RuntimeOptions {
        run_engine: true,
        demo_baseline_in_background: true,
        build_commit: Some(env!("TENANTATLAS_COMMIT").to_owned()),
        ..RuntimeOptions::from_env()
    };
    let _log_guard = logging::init(options.resolved_data_dir().ok().as_deref());
    let shell = state::Shell::start(options);

    let app = tauri::Builder::default()
        // Must be first: a second launch focuses the running window instead of opening a
        // second app on the same database.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        // "Save as…" for review packs and "Verify a pack file…": the system's file dialogs.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(|app| {
            if let Ok(runtime) = app.state::<state::Shell>().runtime() {
                events::forward(app.handle().clone(), runtime);
                let updater = updates::PluginUpdater::new(app.handle().clone());
                runtime.api.attach_updater(std::sync::Arc::new(updater));
            }
            Ok(())
        })
        .manage(shell)
        .invoke_handler(atlas_api::for_each_command!(handler))
        .build(tauri::generate_context!());

    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Let in-flight runs finish (or be recorded as interrupted) before exiting.
                let shell = app.state::<state::Shell>();
                tauri::async_runtime::block_on(shell.shutdown());
            }
        }),
        Err(err) => {
            tracing::error!(error = %err, "the desktop shell failed to start");
            eprintln!("error: TenantAtlas cannot start its window: {err}");
            std::process::exit(1);
        }
    }
}
