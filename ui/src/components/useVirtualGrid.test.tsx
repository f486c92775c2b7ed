import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useVirtualGrid } from "./useVirtualGrid";

const ROW_HEIGHT = 40;

function Rows({ renders }: { renders: number[] }) {
  const grid = useVirtualGrid({ total: 1_000, rowHeight: ROW_HEIGHT, overscan: 2, resetKey: "list" });
  renders.push(grid.virtualRows.length);
  return (
    <table>
      <tbody ref={grid.bodyRef} />
    </table>
  );
}

describe("useVirtualGrid", () => {
  it("renders a window's worth of rows on its first render, before anything was measured", () => {
    const renders: number[] = [];
    render(<Rows renders={renders} />);
    expect(renders[0]).toBeGreaterThanOrEqual(Math.floor(window.innerHeight / ROW_HEIGHT));
  });
});
