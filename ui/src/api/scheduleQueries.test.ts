import { describe, expect, it } from "vitest";
import { scheduleView } from "../test/fixtures";
import { withSchedule } from "./scheduleQueries";

describe("the cached schedules", () => {
  it("take a changed schedule in its place and a new one at the end", () => {
    const first = scheduleView({ id: "s-1" });
    const second = scheduleView({ id: "s-2", cron: "0 6 * * 1-5" });
    const paused = scheduleView({ id: "s-1", enabled: false });
    expect(withSchedule([first, second], paused)).toEqual([paused, second]);
    expect(withSchedule([first], second)).toEqual([first, second]);
  });
});
