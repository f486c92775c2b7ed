import { describe, expect, it } from "vitest";
import {
  applyFilter,
  deleteFilter,
  filterQuery,
  restoreFilter,
  type SavedFilter,
  saveFilter,
  storedFilters,
} from "./savedFilters";

const NAMES = ["type", "status", "q"];

describe("filterQuery", () => {
  it("keeps only the page's filter parameters, in their order, every value of each", () => {
    const params = new URLSearchParams("finding=f-1&q=edge&type=a&type=b&status=open");
    expect(filterQuery(params, NAMES)).toBe("type=a&type=b&status=open&q=edge");
    expect(filterQuery(new URLSearchParams("finding=f-1"), NAMES)).toBe("");
  });
});

describe("applyFilter", () => {
  it("replaces the filter parameters and keeps the rest of the address", () => {
    const params = new URLSearchParams("tab=inventory&type=a&q=old");
    expect(applyFilter(params, NAMES, "status=failed&q=new").toString()).toBe("tab=inventory&status=failed&q=new");
    // What is not one of the page's filters is not carried in by a saved filter.
    expect(applyFilter(params, NAMES, "tab=drift&type=b").toString()).toBe("tab=inventory&type=b");
    expect(params.toString()).toBe("tab=inventory&type=a&q=old");
  });
});

describe("saved filter lists", () => {
  const list: SavedFilter[] = [
    { name: "Failed", query: "status=failed" },
    { name: "Contoso", query: "q=contoso" },
  ];

  it("adds a new name at the end and replaces one saved under the same name, whatever its case", () => {
    expect(saveFilter(list, " Mine ", "type=a")).toEqual([...list, { name: "Mine", query: "type=a" }]);
    expect(saveFilter(list, "failed", "status=blocked")).toEqual([
      { name: "failed", query: "status=blocked" },
      { name: "Contoso", query: "q=contoso" },
    ]);
  });

  it("deletes one and puts it back where it stood, unless its name was saved again meanwhile", () => {
    const { filters, deleted } = deleteFilter(list, "FAILED");
    expect(filters).toEqual([{ name: "Contoso", query: "q=contoso" }]);
    expect(deleted).toEqual({ filter: list[0], index: 0 });
    if (deleted === null) throw new Error("deleted");
    expect(restoreFilter(filters, deleted)).toEqual(list);
    const again = saveFilter(filters, "Failed", "status=failed&q=x");
    expect(restoreFilter(again, deleted)).toEqual(again);
    expect(deleteFilter(list, "gone")).toEqual({ filters: list, deleted: null });
  });

  it("keeps only well-formed entries of what was stored", () => {
    expect(storedFilters([...list, { name: "", query: "q=x" }, { name: "No query" }, "junk", null])).toEqual(list);
    expect(storedFilters({ name: "Failed" })).toEqual([]);
  });
});
