import { describe, expect, it } from "vitest";
import { tenant } from "../../test/fixtures";
import { planStatus, planSync, statusSummary, targetStatus } from "./bulkPlan";

const active = tenant({ id: "t-a", display_name: "Active Co" });
const paused = tenant({ id: "t-p", display_name: "Paused Co", status: "paused" });
const archived = tenant({ id: "t-x", display_name: "Archived Co", status: "archived" });
const all = [active, paused, archived];

const names = (plan: ReturnType<typeof planSync>) => ({
  eligible: plan.eligible.map((t) => t.display_name),
  leftOut: plan.leftOut.map((left) => left.reason),
});

describe("bulk plans", () => {
  it("syncs active tenants only, saying why the others are left out", () => {
    expect(names(planSync(all))).toEqual({
      eligible: ["Active Co"],
      leftOut: [
        "Paused Co is paused: resume it to sync.",
        "Archived Co is archived: archived tenants cannot be synced.",
      ],
    });
  });

  it("pauses active tenants and resumes paused ones, never touching archived ones", () => {
    expect(names(planStatus(all, "pause"))).toEqual({
      eligible: ["Active Co"],
      leftOut: ["Paused Co is already paused.", "Archived Co is archived: it is not synced anyway."],
    });
    expect(names(planStatus(all, "resume"))).toEqual({
      eligible: ["Paused Co"],
      leftOut: ["Active Co is already active.", "Archived Co is archived: reactivate it from its own page."],
    });
    expect([targetStatus("pause"), targetStatus("resume")]).toEqual(["paused", "active"]);
  });

  it("sums up a status change, naming refusals only when there were any", () => {
    expect(statusSummary("pause", 3, 0)).toBe("3 tenants paused");
    expect(statusSummary("resume", 1, 2)).toBe("1 tenant resumed, 2 refused");
  });
});
