import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithMantine } from "../test/render";
import { StatusBadge } from "./StatusBadge";

function badge(label: string) {
  return screen.getByText(label).closest("[data-tone]");
}

describe("StatusBadge", () => {
  it("shows the vocabulary label and tone", () => {
    renderWithMantine(<StatusBadge domain="tenant_status" code="paused" />);
    const paused = badge("Paused");
    expect(paused).toHaveAttribute("data-tone", "warning");
    expect(paused?.querySelector("svg")).not.toBeNull();
  });

  it("uses the label of other domains too", () => {
    renderWithMantine(<StatusBadge domain="run_outcome" code="partially_succeeded" />);
    expect(screen.getByText("Partially succeeded")).toBeInTheDocument();
  });

  it.each([
    ["freshness", "likely_stale", "Likely stale", "warning"],
    ["freshness", "reconciled_failed", "Reconciled failed", "danger"],
    ["freshness", "fresh_active", "Active", "info"],
    ["freshness", "terminal_normal", "Ended normally", "neutral"],
    ["run_status", "queued", "Queued", "info"],
    ["run_status", "running", "Running", "info"],
    ["run_status", "completed", "Completed", "neutral"],
    ["run_outcome", "succeeded", "Succeeded", "success"],
    ["run_outcome", "failed", "Failed", "danger"],
    ["run_outcome", "blocked", "Blocked", "warning"],
    ["run_outcome", "pending", "Pending", "neutral"],
  ] as const)("%s %s reads “%s” in the %s tone", (domain, code, label, tone) => {
    // Widened on purpose: the table mixes domains, which the component's generic cannot follow.
    const Badge = StatusBadge as (props: { domain: string; code: string }) => ReturnType<typeof StatusBadge>;
    renderWithMantine(<Badge domain={domain} code={code} />);
    expect(badge(label)).toHaveAttribute("data-tone", tone);
  });
});
