//! Tauri commands: thin wrappers that pass the local operator and the request to `atlas-api`,
//! one per entry of `atlas_api::for_each_command!` — the same list the UI's generated
//! `ui/src/bindings/commands.ts` comes from, so names, arguments and types always agree.

use atlas_api::ApiError;
use tauri::State;

use crate::state::Shell;

/// One `#[tauri::command]` per command: the API method of the same name, as the local operator.
macro_rules! command_wrappers {
    ($($(#[doc = $doc:literal])* $name:ident($($request:ty)?) -> $response:ty;)*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(
                shell: State<'_, Shell>,
                $(request: $request,)?
            ) -> Result<$response, ApiError> {
                let rt = shell.runtime()?;
                rt.api.$name(&rt.actor $(, command_wrappers!(@arg request $request))?).await
            }
        )*
    };
    (@arg $value:ident $ty:ty) => { $value };
}

atlas_api::for_each_command!(command_wrappers);

/// The invoke handler registering every wrapper above.
macro_rules! handler {
    ($($(#[doc = $doc:literal])* $name:ident($($request:ty)?) -> $response:ty;)*) => {
        tauri::generate_handler![$(crate::commands::$name),*]
    };
}

pub(crate) use handler;
