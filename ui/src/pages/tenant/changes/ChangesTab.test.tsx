import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { ChangedObject, ChangeFeedEntry, RunChanges, TenantChangesRequest } from "../../../bindings/types";
import { fakeCommands } from "../../../test/fakeCommands";
import { run, workspaceSummary } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { TenantPage } from "../TenantPage";

function object(name: string, overrides: Partial<ChangedObject> = {}): ChangedObject {
  return {
    object_type: "settings_catalog",
    display_name: name,
    item_id: `item-${name}`,
    version_id: `v-${name}-2`,
    previous_version_id: null,
    ...overrides,
  };
}

function entry(id: string, completedAt: string, changes: Partial<RunChanges>): ChangeFeedEntry {
  return {
    run: run({
      id,
      type: "policy.sync",
      tenant_id: "t-contoso",
      status: "completed",
      outcome: "succeeded",
      completed_at: completedAt,
    }),
    changes: { added: [], changed: [], removed: [], added_count: 0, changed_count: 0, removed_count: 0, ...changes },
  };
}

const NEWEST = entry("r-new", new Date(Date.now() - 2 * 3_600_000).toISOString(), {
  added: [object("BitLocker")],
  changed: [object("Defender", { previous_version_id: "v-Defender-1" }), object("Firewall")],
  removed: [object("Old Wi-Fi", { item_id: null, version_id: null })],
  added_count: 3,
  changed_count: 12,
  removed_count: 1,
});
const OLDER = entry("r-old", "2026-11-20T10:00:00.000Z", { changed: [object("Edge")], changed_count: 1 });

function renderChanges(commands = fakeCommands()) {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: "/tenants/t-contoso?tab=changes" },
  );
}

describe("Changes tab", () => {
  it("lists each sync that changed the tenant with its counts, run and named objects", async () => {
    const { commands } = renderChanges(
      fakeCommands({ tenantChanges: vi.fn(async () => ({ entries: [NEWEST], next_before: null })) }),
    );
    const feed = await screen.findByTestId("changes-tab");
    expect(commands.tenantChanges).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const [first] = within(feed).getAllByTestId("change-entry");
    const card = within(first as HTMLElement);
    expect(card.getByTestId("change-sentence")).toHaveTextContent("3 added, 12 changed, 1 removed");
    expect(card.getByText("2 h ago")).toBeInTheDocument();
    expect(card.getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-new");

    // A changed object with both versions opens on what changed; others on the object.
    expect(card.getByRole("link", { name: "Defender" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-Defender?tab=versions&compare=v-Defender-1%2Cv-Defender-2",
    );
    expect(card.getByRole("link", { name: "Firewall" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-Firewall",
    );
    expect(card.getByRole("link", { name: "BitLocker" })).toHaveAttribute(
      "href",
      "/tenants/t-contoso/objects/item-BitLocker",
    );
    // Gone from the inventory: named, not linked.
    expect(card.getByTestId("change-removed")).toHaveTextContent("Old Wi-Fi");
    expect(card.queryByRole("link", { name: "Old Wi-Fi" })).not.toBeInTheDocument();

    // More changed than named: the rest are on the run's page.
    expect(card.getByTestId("change-changed")).toHaveTextContent("ChangedDefender, Firewall and 10 more");
    expect(card.getByTestId("change-added")).toHaveTextContent("AddedBitLocker and 2 more");
    expect(card.getByRole("link", { name: "10 more" })).toHaveAttribute("href", "/runs/r-new");
    expect(screen.queryByRole("button", { name: "Load older changes" })).not.toBeInTheDocument();
  });

  it("loads older changes from where the last page ended", async () => {
    const tenantChanges = vi.fn(async ({ before }: TenantChangesRequest) =>
      before === undefined
        ? { entries: [NEWEST], next_before: "2026-11-21T00:00:00.000Z" }
        : { entries: [OLDER], next_before: null },
    );
    renderChanges(fakeCommands({ tenantChanges }));
    await userEvent.click(await screen.findByRole("button", { name: "Load older changes" }));
    expect(tenantChanges).toHaveBeenLastCalledWith({ tenant_id: "t-contoso", before: "2026-11-21T00:00:00.000Z" });
    expect(await screen.findByTestId("changes-end")).toBeInTheDocument();
    expect(screen.getAllByTestId("change-entry")).toHaveLength(2);
    expect(screen.getAllByTestId("change-sentence").map((sentence) => sentence.textContent)).toEqual([
      "3 added, 12 changed, 1 removed",
      "1 changed",
    ]);
    expect(screen.queryByRole("button", { name: "Load older changes" })).not.toBeInTheDocument();
  });

  it("says what to do before any change was recorded", async () => {
    const { commands } = renderChanges();
    const empty = await screen.findByTestId("changes-empty");
    expect(empty).toHaveTextContent("No changes recorded yet");
    expect(empty).toHaveTextContent("Run Sync policies to capture versions.");
    await userEvent.click(within(empty).getByRole("button", { name: "Sync policies" }));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "policies" });
  });

  it("shows a failed load with Retry", async () => {
    const tenantChanges = vi
      .fn()
      .mockRejectedValueOnce({ code: "unavailable", message: "The database is not reachable." })
      .mockResolvedValueOnce({ entries: [OLDER], next_before: null });
    renderChanges(fakeCommands({ tenantChanges }));
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveTextContent("The database is not reachable.");
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("change-entry")).toHaveTextContent("1 changed");
  });
});
