import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { StatusBadge } from "./StatusBadge";

describe("StatusBadge", () => {
  it("shows the vocabulary label and tone", () => {
    renderWithMantine(<StatusBadge domain="tenant_status" code="paused" />);
    const badge = screen.getByText("Paused").closest("[data-tone]");
    expect(badge).toHaveAttribute("data-tone", "warning");
    expect(badge?.querySelector("svg")).not.toBeNull();
  });

  it("uses the label of other domains too", () => {
    renderWithMantine(<StatusBadge domain="run_outcome" code="partially_succeeded" />);
    expect(screen.getByText("Partially succeeded")).toBeInTheDocument();
  });
});
