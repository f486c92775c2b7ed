import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { RelativeTime } from "./RelativeTime";

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

  it("shows a malformed timestamp as received", () => {
    renderWithMantine(<RelativeTime value="not a time" />);
    expect(screen.getByText("not a time")).toBeInTheDocument();
  });
});
