import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { compactRelativeLabel, RelativeTime, relativeLabel } from "./RelativeTime";

describe("RelativeTime", () => {
  it("shows the distance from now and the exact time on hover", async () => {
    const value = new Date(Date.now() - 3 * 60_000).toISOString();
    renderWithMantine(<RelativeTime value={value} />);

    const time = screen.getByText("3 minutes ago");
    expect(time.tagName).toBe("TIME");
    expect(time).toHaveAttribute("datetime", value);
    await userEvent.hover(time);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(value);
  });

  it("says just now for the last minute and stays short after", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(relativeLabel(new Date("2026-11-22T09:59:30Z"), now)).toBe("just now");
    expect(relativeLabel(new Date("2026-11-22T07:00:00Z"), now)).toBe("3 hours ago");
  });

  it("counts in whole units, never in words", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(relativeLabel(new Date("2026-11-22T09:59:00Z"), now)).toBe("1 minute ago");
    expect(relativeLabel(new Date("2026-11-22T09:15:00Z"), now)).toBe("45 minutes ago");
    expect(relativeLabel(new Date("2026-11-22T09:00:00Z"), now)).toBe("1 hour ago");
    expect(relativeLabel(new Date("2026-11-21T12:00:00Z"), now)).toBe("22 hours ago");
    expect(relativeLabel(new Date("2026-11-21T10:00:00Z"), now)).toBe("1 day ago");
    expect(relativeLabel(new Date("2026-11-01T10:00:00Z"), now)).toBe("21 days ago");
    expect(relativeLabel(new Date("2026-09-22T10:00:00Z"), now)).toBe("2 months ago");
    expect(relativeLabel(new Date("2024-11-22T10:00:00Z"), now)).toBe("2 years ago");
    expect(relativeLabel(new Date("2026-11-22T10:05:00Z"), now)).toBe("in 5 minutes");
    expect(relativeLabel(new Date("2026-11-23T10:00:00Z"), now)).toBe("in 1 day");
  });

  it("shows a malformed timestamp as received", () => {
    renderWithMantine(<RelativeTime value="not a time" />);
    expect(screen.getByText("not a time")).toBeInTheDocument();
  });
});

describe("compactRelativeLabel", () => {
  it("uses short units for narrow columns", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(compactRelativeLabel(new Date("2026-11-22T09:59:30Z"), now)).toBe("just now");
    expect(compactRelativeLabel(new Date("2026-11-22T09:57:00Z"), now)).toBe("3 min ago");
    expect(compactRelativeLabel(new Date("2026-11-22T07:00:00Z"), now)).toBe("3 h ago");
    expect(compactRelativeLabel(new Date("2026-11-17T10:00:00Z"), now)).toBe("5 d ago");
    expect(compactRelativeLabel(new Date("2026-11-22T10:05:00Z"), now)).toBe("in 5 min");
  });
});
