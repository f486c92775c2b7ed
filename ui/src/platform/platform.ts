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
}
