import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { Commands } from "../../../bindings/commands";
import type { LastSync, OperationRun, RunOutcome } from "../../../bindings/types";
import { fakeCommands, runIndex } from "../../../test/fakeCommands";
import { demoTenants, run, runDetail, runRow, workspaceSummary } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { TenantPage } from "../TenantPage";
import { unsuccessfulTitle } from "./NoInventory";

const ENDED = "2026-11-22T10:00:05.000Z";

function renderEmptyInventory(overrides: Partial<Commands>) {
  const commands = fakeCommands({ inventoryCounts: vi.fn(async () => []), ...overrides });
  renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route: "/tenants/t-contoso" },
  );
  return commands;
}

const lastSync = (outcome: RunOutcome, completed_at = ENDED): LastSync => ({
  tenant_id: "t-contoso",
  kind: "inventory",
  outcome,
  completed_at,
});

/** The inventory sync behind that last sync, as the operations index and the run page have it. */
const endedRun = (outcome: RunOutcome, overrides: Partial<OperationRun> = {}) =>
  run({
    id: "r-9",
    status: "completed",
    outcome,
    started_at: "2026-11-22T10:00:01.000Z",
    completed_at: ENDED,
    stale_at: null,
    failure_summary: [
      {
        code: "provider.bad_secret",
        reason_code: "provider.bad_secret",
        message: "AADSTS7000215: Invalid client secret provided.",
      },
    ],
    ...overrides,
  });

const badSecret = {
  code: "provider.bad_secret" as const,
  label: "Credential refused",
  explanation: "Microsoft Entra refused the app registration's client secret: it is wrong or has expired",
  actionability: "prerequisite_missing" as const,
  next_steps: "Create a new client secret for the app registration and enter it under Edit tenant.",
};

describe("Inventory tab without objects", () => {
  it("after a failed sync says the sync failed, why, and what to do, never that the inventory is empty", async () => {
    const failed = endedRun("failed");
    const commands = renderEmptyInventory({
      listLastSyncs: vi.fn(async () => [lastSync("failed")]),
      listRuns: vi.fn(runIndex([runRow(failed)])),
      runDetail: vi.fn(async () => runDetail(failed, { reason: badSecret })),
    });
    const state = await screen.findByTestId("inventory-sync-unsuccessful");
    expect(state).toHaveTextContent("The last inventory sync failed, so no inventory is stored yet");
    await waitFor(() =>
      expect(within(state).getByTestId("inventory-last-sync-reason")).toHaveTextContent(
        /: Credential refused\. Microsoft Entra refused the app registration's client secret: it is wrong or has expired\. Create a new client secret for the app registration and enter it under Edit tenant\.$/,
      ),
    );
    expect(state).not.toHaveTextContent("empty");
    expect(state).not.toHaveTextContent("found no configuration objects");
    expect(state).not.toHaveTextContent("provider.bad_secret");
    expect(screen.queryByTestId("inventory-empty")).not.toBeInTheDocument();

    // The run behind the last sync: the tenant's newest completed inventory sync.
    expect(commands.listRuns).toHaveBeenCalledWith({
      workspace_id: "w1",
      filter: expect.objectContaining({
        tab: "all",
        types: ["inventory_sync"],
        statuses: ["completed"],
        tenants: ["t-contoso"],
        direction: "desc",
        offset: 0,
        limit: 1,
      }),
    });
    expect(commands.runDetail).toHaveBeenCalledWith({ run_id: "r-9" });

    expect(within(state).getByRole("link", { name: "View the run" })).toHaveAttribute("href", "/runs/r-9");
    await userEvent.click(within(state).getByRole("button", { name: "Sync inventory again" }));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "inventory" });
  });

  it("after a blocked sync says it was blocked", async () => {
    const blocked = endedRun("blocked");
    renderEmptyInventory({
      listLastSyncs: vi.fn(async () => [lastSync("blocked")]),
      listRuns: vi.fn(runIndex([runRow(blocked)])),
      runDetail: vi.fn(async () => runDetail(blocked, { reason: badSecret })),
    });
    const state = await screen.findByTestId("inventory-sync-unsuccessful");
    expect(state).toHaveTextContent("The last inventory sync was blocked, so no inventory is stored yet");
    expect(await within(state).findByText(/Create a new client secret/)).toBeInTheDocument();
  });

  it("falls back to the failed connection check when the run cannot be found", async () => {
    const tenants = demoTenants.map((tenant) =>
      tenant.id === "t-contoso"
        ? {
            ...tenant,
            connection_check: {
              state: "failed" as const,
              checked_at: ENDED,
              reason_code: "provider.bad_secret" as const,
            },
          }
        : tenant,
    );
    renderEmptyInventory({
      getTenant: vi.fn(async ({ tenant_id }) => {
        const found = tenants.find((t) => t.id === tenant_id) ?? tenants[0];
        if (found === undefined) throw new Error("The fake has no tenants");
        return found;
      }),
      listLastSyncs: vi.fn(async () => [lastSync("failed")]),
      listRuns: vi.fn(runIndex([])),
    });
    const state = await screen.findByTestId("inventory-sync-unsuccessful");
    expect(state).toHaveTextContent("The last inventory sync failed, so no inventory is stored yet");
    expect(state).toHaveTextContent("The last connection check of Contoso Pharma failed too: Credential refused.");
    expect(within(state).queryByRole("link", { name: "View the run" })).not.toBeInTheDocument();
    expect(within(state).getByRole("button", { name: "Sync inventory again" })).toBeInTheDocument();
  });

  it("does not explain the last sync with a different run", async () => {
    const newer = endedRun("succeeded", { id: "r-10", completed_at: "2026-11-22T11:00:00.000Z" });
    const commands = renderEmptyInventory({
      listLastSyncs: vi.fn(async () => [lastSync("failed")]),
      listRuns: vi.fn(runIndex([runRow(newer)])),
    });
    const state = await screen.findByTestId("inventory-sync-unsuccessful");
    expect(state).toHaveTextContent("The last inventory sync failed, so no inventory is stored yet");
    expect(within(state).queryByRole("link", { name: "View the run" })).not.toBeInTheDocument();
    expect(commands.runDetail).not.toHaveBeenCalled();
  });

  it("says the inventory is empty only after a sync that succeeded and found nothing", async () => {
    renderEmptyInventory({ listLastSyncs: vi.fn(async () => [lastSync("succeeded")]) });
    const empty = await screen.findByTestId("inventory-empty");
    expect(empty).toHaveTextContent("The inventory is empty");
    expect(empty).toHaveTextContent("found no configuration objects in Contoso Pharma");
    expect(screen.queryByTestId("inventory-sync-unsuccessful")).not.toBeInTheDocument();
  });

  it("names every unsuccessful ending without calling the inventory empty", () => {
    expect(unsuccessfulTitle("failed")).toBe("The last inventory sync failed, so no inventory is stored yet");
    expect(unsuccessfulTitle("blocked")).toBe("The last inventory sync was blocked, so no inventory is stored yet");
    expect(unsuccessfulTitle("partially_succeeded")).toBe(
      "The last inventory sync could not read everything, and no inventory is stored yet",
    );
  });

  it("offers no sync to a member who may not sync, and still says the sync failed", async () => {
    const failed = endedRun("failed");
    const commands = fakeCommands({
      inventoryCounts: vi.fn(async () => []),
      listLastSyncs: vi.fn(async () => [lastSync("failed")]),
      listRuns: vi.fn(runIndex([runRow(failed)])),
      runDetail: vi.fn(async () => runDetail(failed, { reason: badSecret })),
    });
    renderApp(
      <Routes>
        <Route path="/tenants/:tenantId" element={<TenantPage />} />
      </Routes>,
      {
        commands,
        workspace: workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "operations.view"] }),
        route: "/tenants/t-contoso",
      },
    );
    const state = await screen.findByTestId("inventory-sync-unsuccessful");
    expect(state).toHaveTextContent("The last inventory sync failed");
    expect(await within(state).findByRole("link", { name: "View the run" })).toBeInTheDocument();
    expect(within(state).queryByRole("button", { name: "Sync inventory again" })).not.toBeInTheDocument();
  });
});
