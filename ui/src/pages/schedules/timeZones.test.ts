import { describe, expect, it } from "vitest";
import { operatorTimeZone, timeZoneGroups, timeZoneNames, utcOffsetLabel } from "./timeZones";

describe("time zones", () => {
  it("defaults to the operator's own zone", () => {
    expect(operatorTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it("lists the runtime's zones with UTC and the ones asked for, once each", () => {
    const names = timeZoneNames(["Europe/Berlin", "Etc/GMT+5"], () => ["Europe/Berlin", "Asia/Tokyo"]);
    expect(names).toEqual(["Asia/Tokyo", "Etc/GMT+5", "Europe/Berlin", "UTC"]);
    expect(timeZoneNames()).toContain("America/New_York");
  });

  it("falls back to a list of its own where the runtime cannot list zones", () => {
    const names = timeZoneNames([], () => {
      throw new RangeError("unsupported");
    });
    expect(names).toContain("Europe/Berlin");
    expect(names).toContain("UTC");
  });

  it("groups zones by region, labelled for searching with their offset now", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    expect(utcOffsetLabel("Europe/Berlin", winter)).toBe("GMT+1");
    expect(utcOffsetLabel("Not/A_Zone", winter)).toBe("");
    expect(timeZoneGroups(["America/New_York", "Europe/Berlin", "UTC"], winter)).toEqual([
      { group: "America", items: [{ value: "America/New_York", label: "America/New York (GMT-5)" }] },
      { group: "Europe", items: [{ value: "Europe/Berlin", label: "Europe/Berlin (GMT+1)" }] },
      // ICU writes UTC's offset as "GMT" or "GMT+0", depending on its version.
      { group: "Other", items: [{ value: "UTC", label: expect.stringMatching(/^UTC \(GMT(\+0)?\)$/) }] },
    ]);
  });
});
