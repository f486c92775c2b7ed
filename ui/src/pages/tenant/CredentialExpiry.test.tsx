import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { CredentialExpiry, Tenant } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { tenant, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "./TenantPage";

const DAY = 86_400_000;

/** A real tenant whose client secret ends `days` from now (negative: ended that long ago). */
function realTenant(days: number | null, source: CredentialExpiry["source"] = "app_registration"): Tenant {
  return tenant({
    id: "t-real",
    display_name: "Real Co",
    simulated: false,
    connection: {
      client_id: "11111111-2222-3333-4444-555555555555",
      credential_kind: "client_secret",
      credential_ref: "tenant:t-real:1",
      credential_updated_at: null,
      ...(days === null
        ? {}
        : { credential_expiry: { expires_at: new Date(Date.now() + days * DAY - 60_000).toISOString(), source } }),
    },
  });
}

const dateIn = (days: number) => new Date(Date.now() + days * DAY - 60_000).toISOString().slice(0, 10);

function renderTenant(real: Tenant, workspace = workspaceSummary()) {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    {
      commands: fakeCommands({ getTenant: vi.fn(async () => real), updateTenant: vi.fn(async () => real) }),
      workspace,
      route: "/tenants/t-real",
    },
  );
}

describe("Credential expiry on the tenant page", () => {
  it("says quietly when the secret ends and how that is known, while it is far off", async () => {
    renderTenant(realTenant(86));
    const line = await screen.findByTestId("credential-expiry");
    expect(line).toHaveTextContent(`Client secret ends ${dateIn(86)} (in 86 days) — from the app registration`);
    expect(line).toHaveAttribute("data-state", "ok");
    expect(screen.queryByTestId("credential-expiry-alert")).not.toBeInTheDocument();

    // The Details tab says the same in the connection's record.
    await userEvent.click(screen.getByRole("tab", { name: "Details" }));
    expect(await screen.findByTestId("credential-end")).toHaveTextContent(
      `${dateIn(86)} (in 86 days) — from the app registration`,
    );
  });

  it("warns in yellow within 30 days, with the next step and the way to update the connection", async () => {
    const { commands } = renderTenant(realTenant(12, "entered"));
    expect(await screen.findByTestId("credential-expiry")).toHaveAttribute("data-state", "expires_soon");
    const alert = screen.getByTestId("credential-expiry-alert");
    expect(alert).toHaveAttribute("data-state", "expires_soon");
    expect(alert).toHaveTextContent("Client secret ends in 12 days");
    expect(alert).toHaveTextContent(
      "Next step: Create a new client secret in the app registration (Certificates & secrets), then update this tenant's connection with it",
    );

    await userEvent.click(within(alert).getByRole("button", { name: "Update the connection…" }));
    const dialog = within(await screen.findByRole("dialog", { name: "Edit Real Co" }));
    // The credential is to be replaced: its fields are open, the new secret's end date among them.
    expect(dialog.getByRole("switch", { name: /Replace the credential/ })).toBeChecked();
    await userEvent.type(dialog.getByLabelText(/Client secret value/), "n3w~secret");
    const endsOn = dialog.getByRole("textbox", { name: /Secret ends on/ });
    await userEvent.type(endsOn, dateIn(365));
    await userEvent.tab();
    await userEvent.click(dialog.getByRole("button", { name: "Save" }));
    expect(commands.updateTenant).toHaveBeenCalledWith({
      tenant_id: "t-real",
      credential: { kind: "client_secret", secret: "n3w~secret", expires_at: `${dateIn(365)}T23:59:59.000Z` },
    });
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Edit Real Co" })).not.toBeInTheDocument());
  });

  it("turns red once the secret has ended, and offers no change to a member who may not manage tenants", async () => {
    renderTenant(realTenant(-3), workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view"] }));
    const line = await screen.findByTestId("credential-expiry");
    expect(line).toHaveAttribute("data-state", "expired");
    expect(line).toHaveTextContent(`Client secret ended ${dateIn(-3)} (3 days ago)`);
    const alert = screen.getByTestId("credential-expiry-alert");
    expect(alert).toHaveTextContent("Client secret has ended");
    expect(alert).toHaveTextContent("TenantAtlas can no longer sign in to it");
    expect(within(alert).queryByRole("button")).not.toBeInTheDocument();
  });

  it("says nothing in the header when the end is not known, and how it can be known in the details", async () => {
    renderTenant(realTenant(null));
    await screen.findByTestId("tenant-name");
    expect(screen.queryByTestId("credential-expiry")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("tab", { name: "Details" }));
    expect(await screen.findByTestId("credential-end")).toHaveTextContent(
      "Not known. Enter the secret's end date when you replace it, or grant Application.Read.All",
    );
  });
});
