import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { RelativeTime, relativeLabel } from "./RelativeTime";

describe("RelativeTime", () => {
  it("shows the distance from now in the short wording and the exact time on hover", async () => {
    const value = new Date(Date.now() - 3 * 60_000).toISOString();
    renderWithMantine(<RelativeTime value={value} />);

    const time = screen.getByText("3 min ago");
    expect(time.tagName).toBe("TIME");
    expect(time).toHaveAttribute("datetime", value);
    expect(screen.queryByText(/minutes/)).not.toBeInTheDocument();
    await userEvent.hover(time);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(value);
  });

  it("shows a malformed timestamp as received", () => {
    renderWithMantine(<RelativeTime value="not a time" />);
    expect(screen.getByText("not a time")).toBeInTheDocument();
  });
});

describe("relativeLabel", () => {
  it("says just now for the last minute", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(relativeLabel(new Date("2026-11-22T09:59:30Z"), now)).toBe("just now");
    expect(relativeLabel(new Date("2026-11-22T10:00:30Z"), now)).toBe("just now");
  });

  it("counts in whole short units, one wording for every place a relative time shows", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(relativeLabel(new Date("2026-11-22T09:59:00Z"), now)).toBe("1 min ago");
    expect(relativeLabel(new Date("2026-11-22T09:57:00Z"), now)).toBe("3 min ago");
    expect(relativeLabel(new Date("2026-11-22T09:15:00Z"), now)).toBe("45 min ago");
    expect(relativeLabel(new Date("2026-11-22T09:00:00Z"), now)).toBe("1 h ago");
    expect(relativeLabel(new Date("2026-11-22T07:00:00Z"), now)).toBe("3 h ago");
    expect(relativeLabel(new Date("2026-11-21T12:00:00Z"), now)).toBe("22 h ago");
    expect(relativeLabel(new Date("2026-11-21T10:00:00Z"), now)).toBe("1 d ago");
    expect(relativeLabel(new Date("2026-11-17T10:00:00Z"), now)).toBe("5 d ago");
    expect(relativeLabel(new Date("2026-09-22T10:00:00Z"), now)).toBe("2 mo ago");
    expect(relativeLabel(new Date("2024-11-22T10:00:00Z"), now)).toBe("2 y ago");
    expect(relativeLabel(new Date("2026-11-22T10:05:00Z"), now)).toBe("in 5 min");
    expect(relativeLabel(new Date("2026-11-23T10:00:00Z"), now)).toBe("in 1 d");
  });
});
