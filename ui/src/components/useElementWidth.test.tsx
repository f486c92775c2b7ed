import { act, render } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useElementWidth } from "./useElementWidth";

/** A ResizeObserver the test drives: `resize(width, height)` reports a new border box. */
function controllableResizeObserver() {
  let report: ResizeObserverCallback = () => undefined;
  class Observer {
    constructor(callback: ResizeObserverCallback) {
      report = callback;
    }
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal("ResizeObserver", Observer);
  return (width: number, height: number) =>
    act(() =>
      report(
        [{ borderBoxSize: [{ inlineSize: width, blockSize: height }], contentRect: { width, height } } as never],
        {} as ResizeObserver,
      ),
    );
}

function Measured({ widths }: { widths: number[] }) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  widths.push(width);
  return <div ref={ref} />;
}

describe("useElementWidth", () => {
  it("knows the width once the element attaches and renders again only when the width changes", () => {
    const resize = controllableResizeObserver();
    // Rounded down: a table fitted to it must not overflow by the half pixel rounding up would add.
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue({ width: 900.7 } as DOMRect);
    const widths: number[] = [];
    render(<Measured widths={widths} />);
    expect(widths).toEqual([0, 900]);

    resize(900, 400); // only taller: rows arrived
    expect(widths).toEqual([0, 900]);

    resize(1_200, 400);
    expect(widths).toEqual([0, 900, 1_200]);
  });
});
