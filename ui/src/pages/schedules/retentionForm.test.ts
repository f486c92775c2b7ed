import { describe, expect, it } from "vitest";
import { readRetention, retentionDraft, sameRetention } from "./retentionForm";

describe("a backup schedule's retention as typed", () => {
  it("starts from the schedule's retention, the default for a new one, or nothing for one that keeps every backup", () => {
    expect(retentionDraft(null, true)).toEqual({ keepLast: "14", keepDays: "" });
    expect(retentionDraft(null, false)).toEqual({ keepLast: "", keepDays: "" });
    expect(retentionDraft({ keep_last: 7, keep_days: 30 }, false)).toEqual({ keepLast: "7", keepDays: "30" });
  });

  it("reads whole numbers, the days only when given", () => {
    expect(readRetention({ keepLast: " 7 ", keepDays: "" }, { required: true })).toEqual({
      retention: { keep_last: 7 },
      errors: {},
    });
    expect(readRetention({ keepLast: "7", keepDays: "30" }, { required: true }).retention).toEqual({
      keep_last: 7,
      keep_days: 30,
    });
  });

  it("refuses what the backend refuses, on the field it is about", () => {
    const keep = (keepLast: string, keepDays = "") => readRetention({ keepLast, keepDays }, { required: true }).errors;
    expect(keep("0").keepLast).toBe("Keep at least 1 backup: keeping 0 would delete every backup.");
    expect(keep("").keepLast).toBe("Enter how many backups to keep: 1 or more.");
    expect(keep("2.5").keepLast).toBe("Enter a whole number of backups: 1 or more.");
    expect(keep("10001").keepLast).toBe("Keep at most 10,000 backups by count.");
    expect(keep("7", "0").keepDays).toBe("Enter a whole number of days, 1 or more, or leave it empty.");
    expect(keep("7", "3651").keepDays).toBe("Keep backups by age for at most 3,650 days.");
    expect(readRetention({ keepLast: "0", keepDays: "" }, { required: true }).retention).toBeNull();
  });

  it("lets a schedule that keeps every backup stay so, but not keep by age alone", () => {
    expect(readRetention({ keepLast: "", keepDays: "" }, { required: false })).toEqual({ retention: null, errors: {} });
    expect(readRetention({ keepLast: "", keepDays: "30" }, { required: false }).errors.keepLast).toBe(
      "Enter how many of the newest backups to keep as well: 1 or more.",
    );
  });

  it("tells retentions that keep the same backups", () => {
    expect(sameRetention({ keep_last: 7 }, { keep_last: 7 })).toBe(true);
    expect(sameRetention({ keep_last: 7 }, { keep_last: 7, keep_days: 30 })).toBe(false);
    expect(sameRetention(null, null)).toBe(true);
    expect(sameRetention({ keep_last: 7 }, null)).toBe(false);
  });
});
