import "@testing-library/jest-dom/vitest";
import { notifications } from "@mantine/notifications";
import { act, cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { clearLiveRuns } from "../api/liveRuns";
import { clearProgressHistory } from "../runs/progress";

// findBy*/waitFor give up after 1 s by default; a busy CI machine can take longer to render.
configure({ asyncUtilTimeout: 5_000 });

// jsdom lacks these browser APIs; Mantine needs them for colour scheme, layout and combobox.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: vi.fn((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;

Element.prototype.scrollIntoView = () => {};

// Autosizing textareas re-measure when web fonts load; jsdom has no font loading.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: vi.fn(), removeEventListener: vi.fn(), ready: Promise.resolve() },
  });
}

afterEach(() => {
  // Toasts live in a module-level store: one test's must not show up in the next.
  act(() => {
    notifications.clean();
    notifications.cleanQueue();
  });
  cleanup();
  window.localStorage.clear();
  clearProgressHistory();
  clearLiveRuns();
});
