import { describe, expect, it } from "vitest";
import { cronInWords, normalizeCron, presetOf, SCHEDULE_PRESETS } from "./cronWords";

describe("cron expressions in words", () => {
  it("reads the presets as their names say", () => {
    expect(SCHEDULE_PRESETS.map((preset) => cronInWords(preset.cron))).toEqual([
      "Every day at 03:00",
      "Weekdays at 06:00",
      "Every 6 hours (00:00, 06:00, 12:00 and 18:00)",
      "Every Sunday at 02:00",
    ]);
  });

  it("reads other simple expressions", () => {
    expect(cronInWords(" 30  7 * * * ")).toBe("Every day at 07:30");
    expect(cronInWords("0 3,15 * * *")).toBe("Every day at 03:00 and 15:00");
    expect(cronInWords("15 * * * *")).toBe("Every hour at :15");
    expect(cronInWords("0 * * * *")).toBe("Every hour, on the hour");
    expect(cronInWords("*/30 * * * *")).toBe("Every 30 minutes");
    expect(cronInWords("0 */2 * * *")).toBe("Every 2 hours at :00");
    expect(cronInWords("0 22 * * 1,3,5")).toBe("Every Monday, Wednesday and Friday at 22:00");
    expect(cronInWords("0 22 * * sun,sat")).toBe("Weekends at 22:00");
    expect(cronInWords("0 6 * * 7")).toBe("Every Sunday at 06:00");
    expect(cronInWords("0 6 * * MON-FRI")).toBe("Weekdays at 06:00");
    expect(cronInWords("0 6 * * 1-4")).toBe("Monday to Thursday at 06:00");
    expect(cronInWords("0 */12 * * 1-5")).toBe("Weekdays, every 12 hours (00:00 and 12:00)");
    expect(cronInWords("0 4 1 * *")).toBe("On day 1 of every month at 04:00");
  });

  it("leaves the expression to speak for itself when it is not simple", () => {
    for (const cron of [
      "",
      "0 3 * *",
      "0 3 * 1 *",
      "0 3 1 * 1",
      "0 */5 * * *",
      "5-10 3 * * *",
      "0 3 * * 9",
      "x y z a b",
    ]) {
      expect(cronInWords(cron)).toBeNull();
    }
  });

  it("knows a preset however it is spaced", () => {
    expect(normalizeCron("  0   3 * *  * ")).toBe("0 3 * * *");
    expect(presetOf("0  3 * * *")?.label).toBe("Every day at 03:00");
    expect(presetOf("0 4 * * *")).toBeUndefined();
  });
});
