import { useSyncExternalStore } from "react";

/** What pauses polling (SPEC §3.6): a hidden window, an open modal. */
export type PollGate = { hidden: boolean; modalOpen: boolean };

/**
 * A modal is any element marked `aria-modal="true"`: Mantine's Modal and Drawer set it, while
 * popovers, menus and tooltips (role="dialog" without aria-modal) do not pause anything. Read
 * from the DOM rather than from a context so every modal counts, including ones this code
 * base adds later, with no provider to remember.
 */
export function isModalOpen(doc: Document = document): boolean {
  return doc.querySelector('[aria-modal="true"]') !== null;
}

let current: PollGate = { hidden: false, modalOpen: false };
const listeners = new Set<() => void>();
let stop: (() => void) | null = null;

function read(): PollGate {
  const next = { hidden: document.visibilityState === "hidden", modalOpen: isModalOpen() };
  if (next.hidden !== current.hidden || next.modalOpen !== current.modalOpen) current = next;
  return current;
}

function notify() {
  const before = current;
  if (read() !== before) for (const listener of [...listeners]) listener();
}

// One observer for the whole app, started by the first subscriber and stopped by the last.
function start(): () => void {
  document.addEventListener("visibilitychange", notify);
  const observer = new MutationObserver(notify);
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-modal"],
  });
  return () => {
    document.removeEventListener("visibilitychange", notify);
    observer.disconnect();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (stop === null) stop = start();
  read();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stop !== null) {
      stop();
      stop = null;
    }
  };
}

/** Whether the window is hidden or a modal is open, kept current. */
export function usePollGate(): PollGate {
  return useSyncExternalStore(subscribe, read, () => current);
}
