//! Live run updates for the window: the API's subscription for the local operator (coalesced,
//! filtered to what they may see) is emitted as `run-events`, and a run the operator started
//! that completes raises one native OS notification — with the same words as the in-app inbox
//! entry the engine wrote.

use atlas_api::{events::RUN_EVENTS, Actor, Api, Runtime};
use atlas_domain::{RunEventKind, RunId};
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

pub fn forward(app: AppHandle, runtime: &Runtime) {
    let api = runtime.api.clone();
    let actor = runtime.actor.clone();
    let mut subscription = api.subscribe(&actor);
    tauri::async_runtime::spawn(async move {
        while let Some(batch) = subscription.next_visible().await {
            let finished: Vec<RunId> = batch
                .events
                .iter()
                .filter(|e| {
                    e.kind == RunEventKind::Completed
                        && e.run.initiator_user_id == Some(actor.user_id())
                })
                .map(|e| e.run.id)
                .collect();
            if let Err(error) = app.emit(RUN_EVENTS, batch) {
                tracing::warn!(%error, "run events could not reach the window");
            }
            for run in finished {
                notify(&app, &api, &actor, run).await;
            }
        }
    });
}

/// The OS notification for a finished run: the inbox entry's title and body.
async fn notify(app: &AppHandle, api: &Api, actor: &Actor, run: RunId) {
    let all = atlas_api::types::NotificationsRequest { workspace_id: None };
    let entry = match api.list_notifications(actor, all).await {
        Ok(inbox) => inbox.items.into_iter().find(|n| n.run_id == Some(run)),
        Err(error) => {
            tracing::warn!(%error, "the inbox could not be read for a desktop notification");
            None
        }
    };
    let Some(entry) = entry else {
        return;
    };
    if let Err(error) = app
        .notification()
        .builder()
        .title(&entry.title)
        .body(&entry.body)
        .show()
    {
        tracing::warn!(%error, "the desktop notification could not be shown");
    }
}
