import type { RunEventBatch } from "../bindings/types";

/**
 * What the taskbar/dock shows for the window: nothing, a percentage, "busy" without one, or a
 * percentage marked as needing attention (likely stale work).
 */
export type WindowProgress =
  | { status: "none" }
  | { status: "indeterminate" }
  | { status: "normal" | "paused"; percent: number };

/** The desktop shell's services beyond commands. Tauri in the app, a fake in tests. */
export interface Platform {
  /**
   * Calls `handler` with every batch of live run changes the shell sends (`run-events`, every
   * 250 ms while something changes). Returns the function that stops listening.
   */
  subscribeRunEvents(handler: (batch: RunEventBatch) => void): () => void;
  /** Mirrors the aggregate progress of active work on the window's taskbar/dock entry. */
  setWindowProgress(progress: WindowProgress): void;
  /**
   * Asks the operator where to save a file, in the system's save dialog, starting with
   * `suggestedName` (its extension filters the dialog). Answers the absolute path chosen, or null
   * when the dialog was cancelled; rejects with an `ApiError` when no dialog can be shown.
   */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
  /**
   * Asks the operator for one review pack (a ZIP file) in the system's open dialog. Answers its
   * absolute path, or null when the dialog was cancelled; rejects with an `ApiError` when no dialog
   * can be shown.
   */
  chooseOpenFile(): Promise<string | null>;
  /**
   * Asks the operator for one folder in the system's folder dialog. Answers its absolute path, or
   * null when the dialog was cancelled; rejects with an `ApiError` when no dialog can be shown.
   */
  chooseFolder(): Promise<string | null>;
}
