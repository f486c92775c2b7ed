import { act } from "@testing-library/react";
import { vi } from "vitest";
import type { OperationRun, RunEvent, RunEventBatch, RunEventKind } from "../bindings/types";
import type { Platform, WindowProgress } from "../platform";

export type FakePlatform = Platform & {
  /** Delivers a batch to every subscriber, as the shell would, inside act(). */
  emit(batch: RunEventBatch): void;
  /** Shorthand: one batch of events, not lagged. */
  emitRuns(...events: [RunEventKind, OperationRun][]): void;
  /** How many subscribers are listening now. */
  listeners(): number;
  setWindowProgress: ReturnType<typeof vi.fn<(progress: WindowProgress) => void>>;
};

/** A controllable desktop shell: tests push run events and read the window progress calls. */
export function fakePlatform(): FakePlatform {
  const handlers = new Set<(batch: RunEventBatch) => void>();
  const platform: FakePlatform = {
    subscribeRunEvents: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    setWindowProgress: vi.fn<(progress: WindowProgress) => void>(),
    emit: (batch) =>
      act(() => {
        for (const handler of [...handlers]) handler(batch);
      }),
    emitRuns: (...events) =>
      platform.emit({ events: events.map(([kind, run]): RunEvent => ({ kind, run })), lagged: false }),
    listeners: () => handlers.size,
  };
  return platform;
}
