import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow, ProgressBarStatus } from "@tauri-apps/api/window";
import { open, save } from "@tauri-apps/plugin-dialog";
import { type EventPayloads, RUN_EVENTS, type Transport } from "../bindings/commands";
import type { RunEventBatch } from "../bindings/types";
import { toApiError } from "./apiError";
import type { Platform, WindowProgress } from "./platform";

/** The generated commands over Tauri IPC; every rejection becomes an `ApiError`. */
export const tauriTransport: Transport = {
  async invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
    try {
      return await invoke<T>(command, args);
    } catch (reason) {
      throw toApiError(reason);
    }
  },
};

/**
 * Listens to `run-events`. `listen` registers asynchronously, so an unsubscribe that comes
 * first is remembered and carried out once registration completes. A failure to listen (no
 * shell, e.g. the UI opened in a plain browser) leaves the caller on polling.
 */
function subscribeRunEvents(handler: (batch: RunEventBatch) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<EventPayloads[typeof RUN_EVENTS]>(RUN_EVENTS, (event) => {
    if (!stopped) handler(event.payload);
  }).then(
    (stop) => {
      if (stopped) stop();
      else unlisten = stop;
    },
    (reason: unknown) => console.warn("Live run updates are unavailable; polling instead.", reason),
  );
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}

let lastProgress = "";
let progressRefused = false;

/**
 * The taskbar/dock progress. Needs the `core:window:allow-set-progress-bar` permission; when
 * it is refused (or the platform has no such bar) this warns once and then stays quiet.
 */
function setWindowProgress(progress: WindowProgress): void {
  const key = JSON.stringify(progress);
  if (key === lastProgress || progressRefused) return;
  lastProgress = key;
  const state =
    progress.status === "none"
      ? { status: ProgressBarStatus.None }
      : progress.status === "indeterminate"
        ? { status: ProgressBarStatus.Indeterminate }
        : {
            status: progress.status === "paused" ? ProgressBarStatus.Paused : ProgressBarStatus.Normal,
            progress: Math.max(0, Math.min(100, Math.round(progress.percent))),
          };
  try {
    getCurrentWindow()
      .setProgressBar(state)
      .catch((reason: unknown) => {
        progressRefused = true;
        console.warn("The window's progress bar cannot be set.", reason);
      });
  } catch (reason) {
    progressRefused = true;
    console.warn("The window's progress bar cannot be set.", reason);
  }
}

/** For tests of this module: forget what was last sent and whether it was refused. */
export function resetWindowProgressForTests() {
  lastProgress = "";
  progressRefused = false;
}

/** The dialogs' file type filter for a name's extension ("zip" → "ZIP files"); none without one. */
export function extensionFilter(name: string): { name: string; extensions: string[] }[] {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1];
  return extension === undefined ? [] : [{ name: `${extension.toUpperCase()} files`, extensions: [extension] }];
}

/**
 * The system's save dialog (the dialog plugin's `dialog:allow-save` permission), opened at the
 * suggested name; the path chosen, or null when cancelled. A refusal becomes an `ApiError`.
 */
async function chooseSaveFile(suggestedName: string): Promise<string | null> {
  try {
    return await save({ defaultPath: suggestedName, filters: extensionFilter(suggestedName) });
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The system's open dialog for one ZIP file (`dialog:allow-open`); null when cancelled. */
async function chooseOpenFile(): Promise<string | null> {
  try {
    return await open({ multiple: false, directory: false, filters: extensionFilter("pack.zip") });
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The system's folder dialog (also `dialog:allow-open`); null when cancelled. */
async function chooseFolder(): Promise<string | null> {
  try {
    return await open({ directory: true, multiple: false });
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriPlatform: Platform = {
  subscribeRunEvents,
  setWindowProgress,
  chooseSaveFile,
  chooseOpenFile,
  chooseFolder,
};
