import { vi } from "vitest";

/**
 * jsdom lays nothing out: from here on, every element a ResizeObserver watches reports itself
 * `width` px wide (undone after the test; vitest unstubs globals).
 */
export function observedWidth(width: number): void {
  class FixedWidthObserver {
    readonly callback: ResizeObserverCallback;
    constructor(callback: ResizeObserverCallback) {
      this.callback = callback;
    }
    observe(target: Element) {
      const size = { inlineSize: width, blockSize: 600 };
      const entry = {
        target,
        borderBoxSize: [size],
        contentBoxSize: [size],
        devicePixelContentBoxSize: [size],
        contentRect: { x: 0, y: 0, top: 0, left: 0, bottom: 600, right: width, width, height: 600 },
      } as unknown as ResizeObserverEntry;
      this.callback([entry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal("ResizeObserver", FixedWidthObserver);
}
