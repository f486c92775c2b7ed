import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { StartRunResponse } from "../../bindings/types";
import { fakeCommands, noPermissionReport } from "../../test/fakeCommands";
import { demoTenants, run, startResponse, tenant, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "./TenantPage";

function renderTenant(commands = fakeCommands(), tenantId = "t-contoso", workspace = workspaceSummary()) {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route: `/tenants/${tenantId}` },
  );
}

/** A run that stays queued until the test says otherwise. */
function pendingRun() {
  return vi.fn(async ({ run_id }: { run_id: string }) => run({ id: run_id }));
}

describe("TenantPage", () => {
  it("shows the tenant's identity, status, simulation and connection", async () => {
    const checked = tenant({
      id: "t-contoso",
      display_name: "Contoso Pharma",
      directory_tenant_id: "3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11",
      primary_domain: "contoso-pharma.onmicrosoft.com",
      connection_check: {
        state: "failed",
        checked_at: new Date(Date.now() - 5 * 60_000).toISOString(),
        reason_code: "provider.bad_secret",
      },
    });
    renderTenant(fakeCommands({ getTenant: vi.fn(async () => checked) }));

    expect(await screen.findByTestId("tenant-name")).toHaveTextContent("Contoso Pharma");
    expect(screen.getByText("contoso-pharma.onmicrosoft.com")).toBeInTheDocument();
    expect(screen.getByText("3c1f0c55-5b8e-4f5a-9d1e-8a0f0c7e2b11")).toBeInTheDocument();
    expect(screen.getByTestId("simulated-badge")).toBeInTheDocument();
    const connection = screen.getByTestId("connection-summary");
    expect(connection).toHaveTextContent("Connection failed");
    expect(connection).toHaveTextContent("Checked5 min ago");
    expect(screen.getByTestId("connection-reason")).toHaveTextContent("Credential refused");
    expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual([
      "Inventory",
      "Changes",
      "Backups",
      "Drift",
      "Groups",
      "Directory roles",
      "RBAC report",
      "Details",
    ]);
  });

  it("explains a tenant that cannot be loaded", async () => {
    renderTenant(fakeCommands(), "t-gone");
    expect(await screen.findByTestId("error-state")).toHaveTextContent("Tenant t-gone was not found.");
  });

  describe("intent toasts", () => {
    const cases: [StartRunResponse["intent"], StartRunResponse, string, string][] = [
      [
        "queued",
        startResponse("queued", "Inventory sync of Contoso Pharma queued"),
        "Queued",
        "Inventory sync of Contoso Pharma queued",
      ],
      [
        "already_active",
        startResponse("already_active", "Inventory sync of Contoso Pharma is already running", { status: "running" }),
        "Already in progress",
        "Inventory sync of Contoso Pharma is already running",
      ],
      [
        "blocked",
        startResponse(
          "blocked",
          "Contoso Pharma has no app registration credential yet: add its client id and secret first.",
        ),
        "Not started",
        "Contoso Pharma has no app registration credential yet: add its client id and secret first.",
      ],
    ];

    it.each(cases)("%s: says what starting did, with View run", async (intent, response, title, message) => {
      const commands = fakeCommands({ startSync: vi.fn(async () => response), getRun: pendingRun() });
      renderTenant(commands);
      await userEvent.click(await screen.findByTestId("sync-inventory"));

      expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "inventory" });
      const toast = await screen.findByTestId("intent-toast");
      expect(toast).toHaveAttribute("data-intent", intent);
      expect(toast).toHaveTextContent(message);
      const notification = toast.closest(".mantine-Notification-root") as HTMLElement;
      expect(within(notification).getByText(title)).toBeInTheDocument();
      // Only an intent of "queued" is ever called queued.
      if (intent !== "queued") expect(within(notification).queryByText("Queued")).not.toBeInTheDocument();
      expect(within(toast).getByRole("link", { name: "View run" })).toHaveAttribute("href", "/runs/r-1");
    });

    it("tones a blocked start as a warning, not as progress", async () => {
      const response = startResponse("blocked", "Contoso Pharma is paused: reactivate it to sync.");
      renderTenant(fakeCommands({ startSync: vi.fn(async () => response) }));
      await userEvent.click(await screen.findByTestId("sync-inventory"));
      const notification = (await screen.findByTestId("intent-toast")).closest(".mantine-Notification-root");
      expect(notification?.getAttribute("style")).toContain("yellow");
    });
  });

  it("watches the run it started and reports how it ended in the same toast, refreshing the tenant's data", async () => {
    let status: "queued" | "running" | "completed" = "queued";
    const getRun = vi.fn(async ({ run_id }: { run_id: string }) =>
      status !== "completed"
        ? run({ id: run_id, status, outcome: "pending" })
        : run({
            id: run_id,
            status: "completed",
            outcome: "partially_succeeded",
            failure_summary: [
              {
                code: "graph.throttled",
                reason_code: "graph.throttled",
                message: "Compliance policy 'Ring 1': throttled",
              },
            ],
          }),
    );
    const commands = fakeCommands({ getRun, inventoryCounts: vi.fn(async () => []) });
    renderTenant(commands);
    await screen.findByTestId("inventory-empty");
    await userEvent.click(screen.getByTestId("sync-inventory"));
    await screen.findByTestId("intent-toast");
    await waitFor(() => expect(getRun).toHaveBeenCalled());
    const countsBefore = vi.mocked(commands.inventoryCounts).mock.calls.length;

    status = "running";
    expect(await screen.findByTestId("running-toast", {}, { timeout: 3_000 })).toHaveTextContent(
      "Inventory sync of Contoso Pharma",
    );
    status = "completed";
    const done = await screen.findByTestId("completion-toast", {}, { timeout: 3_000 });
    expect(done).toHaveAttribute("data-outcome", "partially_succeeded");
    expect(screen.getByText("Inventory sync of Contoso Pharma partially succeeded")).toBeInTheDocument();
    // Why, in the run headline's words: the reason and the type it concerns, never the entry's raw text.
    expect(within(done).getByTestId("run-headline")).toHaveTextContent("Throttled by Microsoft · Compliance policy");
    // One toast for the run, changed in place: never the intent beside the outcome.
    expect(document.querySelectorAll(".mantine-Notification-root")).toHaveLength(1);
    await waitFor(() => expect(vi.mocked(commands.inventoryCounts).mock.calls.length).toBeGreaterThan(countsBefore));
  });

  it("verifies the connection and reports the operator message in the result's colour", async () => {
    const verifyConnection = vi.fn(async () => ({
      tenant: {
        ...(demoTenants[0] as (typeof demoTenants)[number]),
        connection_check: {
          state: "failed" as const,
          checked_at: new Date().toISOString(),
          reason_code: "provider.consent_missing" as const,
        },
      },
      reachable: false,
      message: "Signed in, but Microsoft Graph refused to read Intune configuration.",
      permissions: noPermissionReport(),
    }));
    const { commands } = renderTenant(fakeCommands({ verifyConnection }));
    await userEvent.click(await screen.findByTestId("verify-connection"));

    expect(commands.verifyConnection).toHaveBeenCalledWith({ tenant_id: "t-contoso" });
    const message = await screen.findByText("Signed in, but Microsoft Graph refused to read Intune configuration.");
    const notification = message.closest(".mantine-Notification-root");
    expect(notification).toHaveTextContent("Connection failed");
    expect(notification?.getAttribute("style")).toContain("red");
    // The tenant shown is the one the check returned.
    expect(await screen.findByTestId("connection-reason")).toHaveTextContent("Admin consent missing");
  });

  it("does not offer syncs of a paused tenant and says why", async () => {
    const commands = fakeCommands();
    renderTenant(commands, "t-fabrikam");
    const button = await screen.findByTestId("sync-inventory");
    expect(button).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(button);
    expect(commands.startSync).not.toHaveBeenCalled();
  });

  it("archives only after a confirmation that names the tenant", async () => {
    const { commands } = renderTenant();
    await userEvent.click(await screen.findByRole("button", { name: "More tenant actions" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Archive…" }));

    const dialog = await screen.findByRole("dialog", { name: "Archive Contoso Pharma?" });
    expect(commands.setTenantStatus).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Archive Contoso Pharma" }));
    expect(commands.setTenantStatus).toHaveBeenCalledWith({ tenant_id: "t-contoso", status: "archived" });
    expect(await screen.findByText("Tenant archived")).toBeInTheDocument();
  });

  it("pauses and reactivates without a confirmation", async () => {
    const { commands } = renderTenant(fakeCommands(), "t-fabrikam");
    await userEvent.click(await screen.findByRole("button", { name: "More tenant actions" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Reactivate" }));
    expect(commands.setTenantStatus).toHaveBeenCalledWith({ tenant_id: "t-fabrikam", status: "active" });
  });

  it("renames a simulated tenant but never offers to change its connection", async () => {
    const { commands } = renderTenant();
    await userEvent.click(await screen.findByTestId("edit-tenant"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).queryByLabelText(/Application \(client\) ID/)).not.toBeInTheDocument();
    const name = within(dialog).getByRole("textbox", { name: /Display name/ });
    await userEvent.clear(name);
    await userEvent.type(name, "Contoso Pharma EU");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(commands.updateTenant).toHaveBeenCalledWith({ tenant_id: "t-contoso", display_name: "Contoso Pharma EU" });
  });

  it("replaces a real tenant's credential with a masked secret", async () => {
    const real = tenant({
      id: "t-real",
      display_name: "Real Co",
      simulated: false,
      connection: {
        client_id: "11111111-2222-3333-4444-555555555555",
        credential_kind: "client_secret",
        credential_ref: "tenant:t-real:1",
        credential_updated_at: null,
      },
    });
    const { commands } = renderTenant(
      fakeCommands({ getTenant: vi.fn(async () => real), updateTenant: vi.fn(async () => real) }),
      "t-real",
    );
    await userEvent.click(await screen.findByTestId("edit-tenant"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("switch", { name: /Replace the credential/ }));
    const secret = within(dialog).getByLabelText(/Client secret value/);
    expect(secret).toHaveAttribute("type", "password");
    await userEvent.type(secret, "s3cr3t~value");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(commands.updateTenant).toHaveBeenCalledWith({
      tenant_id: "t-real",
      credential: { kind: "client_secret", secret: "s3cr3t~value" },
    });
  });

  it("offers to keep a real tenant's credential on this workstation beside its connection, never a simulated one's", async () => {
    const real = tenant({
      id: "t-real",
      display_name: "Real Co",
      simulated: false,
      connection: {
        client_id: "11111111-2222-3333-4444-555555555555",
        credential_kind: "client_secret",
        credential_ref: "tenant:t-real:1",
        credential_updated_at: null,
      },
    });
    const first = renderTenant(fakeCommands({ getTenant: vi.fn(async () => real) }), "t-real");
    await userEvent.click(await screen.findByRole("tab", { name: "Details" }));
    const details = await screen.findByTestId("tenant-details");
    await userEvent.click(within(details).getByTestId("hold-credential"));
    expect(
      await screen.findByRole("dialog", { name: "Keep this tenant's credential on this workstation" }),
    ).toHaveTextContent("11111111-2222-3333-4444-555555555555");
    first.unmount();

    renderTenant();
    await userEvent.click(await screen.findByRole("tab", { name: "Details" }));
    expect(await screen.findByTestId("tenant-details")).toBeInTheDocument();
    expect(screen.queryByTestId("hold-credential")).not.toBeInTheDocument();
  });

  it("hides editing and syncing from a read-only member", async () => {
    renderTenant(
      fakeCommands(),
      "t-contoso",
      workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }),
    );
    await screen.findByTestId("tenant-name");
    expect(screen.queryByTestId("edit-tenant")).not.toBeInTheDocument();
    expect(screen.queryByTestId("sync-inventory")).not.toBeInTheDocument();
    expect(screen.queryByTestId("verify-connection")).not.toBeInTheDocument();
  });
});
