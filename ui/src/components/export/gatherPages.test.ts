import { describe, expect, it, vi } from "vitest";
import { type GatheredPage, gatherPages } from "./gatherPages";

/** A list of `count` rows ("r0", "r1", …); `counted` is how far its total is known (null: not at all). */
function list(count: number, { counted = true }: { counted?: boolean } = {}) {
  return vi.fn(
    async (offset: number, limit: number): Promise<GatheredPage<string>> => ({
      items: Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) => `r${offset + i}`),
      total: counted ? count : null,
    }),
  );
}

const keyOf = (row: string) => row;

describe("gatherPages", () => {
  it("reads every page of the filter, the largest page at a time, and reports its progress", async () => {
    const fetchPage = list(1_200);
    const onProgress = vi.fn();
    const { rows, truncated } = await gatherPages({ fetchPage, keyOf, onProgress });
    expect(rows).toHaveLength(1_200);
    expect(rows[1_199]).toBe("r1199");
    expect(truncated).toBe(false);
    expect(fetchPage.mock.calls).toEqual([
      [0, 500],
      [500, 500],
      [1_000, 500],
    ]);
    expect(onProgress.mock.calls).toEqual([
      [500, 1_200],
      [1_000, 1_200],
      [1_200, 1_200],
    ]);
  });

  it("stops at the cap and says the filter matches more when the total says so", async () => {
    const fetchPage = list(1_000);
    const { rows, truncated } = await gatherPages({ fetchPage, keyOf, cap: 700 });
    expect(rows).toHaveLength(700);
    expect(truncated).toBe(true);
    expect(fetchPage.mock.calls).toEqual([
      [0, 500],
      [500, 200],
    ]);
  });

  it("asks for one row past the cap when the backend stopped counting", async () => {
    const more = list(701, { counted: false });
    expect(await gatherPages({ fetchPage: more, keyOf, cap: 700 })).toMatchObject({ truncated: true });
    expect(more.mock.calls.at(-1)).toEqual([700, 1]);

    const exact = list(700, { counted: false });
    const { rows, truncated } = await gatherPages({ fetchPage: exact, keyOf, cap: 700 });
    expect(rows).toHaveLength(700);
    expect(truncated).toBe(false);
  });

  it("keeps a row once when the list moved while it was read", async () => {
    // A new row arrived at the top after the first page: the second page starts with the first page's last row.
    const pages: GatheredPage<string>[] = [
      { items: ["a", "b"], total: 4 },
      { items: ["b", "c"], total: 5 },
      { items: ["d"], total: 5 },
    ];
    const fetchPage = vi.fn(async () => pages.shift() ?? { items: [], total: 5 });
    const { rows } = await gatherPages({ fetchPage, keyOf, pageSize: 2 });
    expect(rows).toEqual(["a", "b", "c", "d"]);
  });

  it("passes a failed read on", async () => {
    const fetchPage = vi.fn(async () => {
      throw { code: "unavailable", message: "The database is away." };
    });
    await expect(gatherPages({ fetchPage, keyOf })).rejects.toEqual({
      code: "unavailable",
      message: "The database is away.",
    });
  });
});
