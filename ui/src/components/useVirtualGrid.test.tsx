import { readFileSync } from "node:fs";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT, useVirtualGrid } from "./useVirtualGrid";

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

/** A table as the app's long tables use the grid: the row height is the default one. */
function Table() {
  const grid = useVirtualGrid({ total: 1_000, overscan: 2, resetKey: "list" });
  return (
    <table style={grid.tableStyle} data-testid="table">
      <tbody ref={grid.bodyRef}>
        <tr style={{ height: grid.paddingTop }} />
        {grid.virtualRows.map((row) => (
          <tr key={row.key} data-testid="row" />
        ))}
        <tr style={{ height: grid.paddingBottom }} data-testid="bottom" />
      </tbody>
    </table>
  );
}

/** A stylesheet's text (the test run stubs CSS modules' contents, so it is read as a file). */
const stylesheet = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

/** The declarations of one rule of a stylesheet, by its exact selector. */
function rule(css: string, selector: string): string {
  const start = css.indexOf(`\n${selector} {`);
  if (start < 0) throw new Error(`no rule ${selector}`);
  return css.slice(start, css.indexOf("}", start));
}

describe("useVirtualGrid", () => {
  it("renders a window's worth of rows on its first render, before anything was measured", () => {
    const renders: number[] = [];
    render(<Rows renders={renders} />);
    expect(renders[0]).toBeGreaterThanOrEqual(Math.floor(window.innerHeight / ROW_HEIGHT));
  });

  it("gives the table its rows' CSS height from the row height it lays them out with", () => {
    const { getByTestId, getAllByTestId } = render(<Table />);
    expect(TABLE_ROW_HEIGHT).toBeGreaterThanOrEqual(32);
    expect(TABLE_ROW_HEIGHT).toBeLessThanOrEqual(36);
    expect(getByTestId("table").style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(`${TABLE_ROW_HEIGHT}px`);
    // The rows rendered and the space left for the others add up to every row at that height.
    const rendered = getAllByTestId("row").length;
    const bottom = Number.parseFloat(getByTestId("bottom").style.height || "0");
    expect(rendered * TABLE_ROW_HEIGHT + bottom).toBe(1_000 * TABLE_ROW_HEIGHT);
  });

  it.each([
    ["Operations", "../pages/operations/RunsTable.module.css"],
    ["Tenants", "../pages/tenants/TenantsTable.module.css"],
    ["Inventory", "../pages/tenant/inventory/InventoryTable.module.css"],
    ["Overview", "../pages/overview/OverviewTable.module.css"],
    ["Findings", "../pages/findings/FindingsTable.module.css"],
  ])("keeps the %s table's rows exactly as tall as the grid lays them out", (_, path) => {
    const css = stylesheet(path);
    const row = rule(css, ".row");
    const cells = rule(css, ".row td");
    expect(row).toContain(`height: var(${ROW_HEIGHT_VAR});`);
    expect(cells).toContain(`height: var(${ROW_HEIGHT_VAR});`);
    // No padding or wrapping can make a row taller than that.
    expect(cells).toContain("padding-block: 0;");
    expect(cells).toContain("white-space: nowrap;");
    expect(cells).toContain("overflow: hidden;");
    // No other rule for the rows sets a height of its own.
    const rowRules = [...css.matchAll(/^\.row[^{]*\{[^}]*\}/gm)].map(([text]) => text);
    expect(rowRules.length).toBeGreaterThanOrEqual(2);
    for (const text of rowRules) expect(text).not.toMatch(/height:\s*\d/);
  });
});
