import { describe, expect, it } from "vitest";
import { pageComponent, preloadPages } from "./pages";

const LAZY = Symbol.for("react.lazy");

describe("pages", () => {
  it("renders a preloaded page's own component, so its first visit does not suspend", async () => {
    const before = pageComponent("Operations") as unknown as { $$typeof?: symbol };
    expect(before.$$typeof).toBe(LAZY);

    await preloadPages();

    const after = pageComponent("Operations");
    expect((after as unknown as { $$typeof?: symbol }).$$typeof).toBeUndefined();
    expect(after.name).toBe("OperationsPage");
  });
});
