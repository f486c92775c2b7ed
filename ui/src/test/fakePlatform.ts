import { act } from "@testing-library/react";
import { vi } from "vitest";
import type { OperationRun, RunEvent, RunEventBatch, RunEventKind } from "../bindings/types";
import type { Platform, WindowProgress } from "../platform";

export type FakePlatform = Platform & {
  /** Delivers a batch to every subscriber, as the shell would, inside act(). */
  emit(batch: RunEventBatch): void;
  /** Shorthand: one batch of events, not lagged, with no other changes. */
  emitRuns(...events: [RunEventKind, OperationRun][]): void;
  /** How many subscribers are listening now. */
  listeners(): number;
  setWindowProgress: ReturnType<typeof vi.fn<(progress: WindowProgress) => void>>;
  chooseSaveFile: ReturnType<typeof vi.fn<(suggestedName: string) => Promise<string | null>>>;
  chooseOpenFile: ReturnType<typeof vi.fn<() => Promise<string | null>>>;
  chooseFolder: ReturnType<typeof vi.fn<() => Promise<string | null>>>;
  /**
   * What the save, open and folder dialogs answer from now on: a path, or null as if the operator
   * cancelled. All answer null until a test says otherwise.
   */
  answerDialogs(answers: { save?: string | null; open?: string | null; folder?: string | null }): void;
};

/** A controllable desktop shell: tests push run events, answer the file dialogs and read the window progress calls. */
export function fakePlatform(): FakePlatform {
  const handlers = new Set<(batch: RunEventBatch) => void>();
  const dialogs: { save: string | null; open: string | null; folder: string | null } = {
    save: null,
    open: null,
    folder: null,
  };
  const platform: FakePlatform = {
    subscribeRunEvents: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    setWindowProgress: vi.fn<(progress: WindowProgress) => void>(),
    chooseSaveFile: vi.fn<(suggestedName: string) => Promise<string | null>>(async () => dialogs.save),
    chooseOpenFile: vi.fn<() => Promise<string | null>>(async () => dialogs.open),
    chooseFolder: vi.fn<() => Promise<string | null>>(async () => dialogs.folder),
    answerDialogs: (answers) => Object.assign(dialogs, answers),
    emit: (batch) =>
      act(() => {
        for (const handler of [...handlers]) handler(batch);
      }),
    emitRuns: (...events) =>
      platform.emit({ events: events.map(([kind, run]): RunEvent => ({ kind, run })), lagged: false, changes: [] }),
    listeners: () => handlers.size,
  };
  return platform;
}
