import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Commands } from "../../bindings/commands";
import type { Tenant, WorkspaceSummary } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { tenant, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { HoldCredentialButton, heldConnection } from "./HoldCredentialModal";

const TITLE = "Keep this tenant's credential on this workstation";

function realTenant(kind: "client_secret" | "certificate" = "client_secret"): Tenant {
  return tenant({
    id: "t-real",
    display_name: "Real Co",
    simulated: false,
    connection: {
      client_id: "11111111-2222-3333-4444-555555555555",
      credential_kind: kind,
      credential_ref: "tenant:t-real:1",
      credential_updated_at: "2026-11-21T09:05:00.000Z",
    },
  });
}

function renderButton(
  shown: Tenant,
  overrides: Partial<Commands> = {},
  workspace: WorkspaceSummary = workspaceSummary(),
) {
  return renderApp(
    <>
      <HoldCredentialButton tenant={shown} />
      <span data-testid="beside" />
    </>,
    { commands: fakeCommands(overrides), workspace },
  );
}

async function openModal() {
  await userEvent.click(await screen.findByTestId("hold-credential"));
  return within(await screen.findByRole("dialog", { name: TITLE }));
}

describe("Keep credential on this workstation", () => {
  it("sends the secret of the connection's kind and shows the backend's refusal", async () => {
    const holdCredential = vi.fn(async () => {
      throw {
        code: "invalid_input",
        message: "The credential was not kept: Entra refused the client secret (AADSTS7000215).",
      };
    });
    const { commands } = renderButton(realTenant(), { holdCredential });
    const dialog = await openModal();
    // The kind is the connection's, and nothing is recorded here: neither a choice nor an end date.
    expect(dialog.queryByRole("radiogroup")).not.toBeInTheDocument();
    expect(dialog.queryByTestId("secret-ends-on")).not.toBeInTheDocument();
    const secret = dialog.getByLabelText(/Client secret value/);
    expect(secret).toHaveAttribute("type", "password");
    await userEvent.type(secret, "not-the-secret");
    await userEvent.click(dialog.getByRole("button", { name: "Keep credential" }));

    expect(commands.holdCredential).toHaveBeenCalledWith({
      tenant_id: "t-real",
      credential: { kind: "client_secret", secret: "not-the-secret" },
    });
    expect(await dialog.findByTestId("hold-credential-error")).toHaveTextContent(
      "The credential was not kept: Entra refused the client secret (AADSTS7000215).",
    );
    // Still open to try again; closing drops what was typed.
    await userEvent.click(dialog.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const again = await openModal();
    expect(again.getByLabelText(/Client secret value/)).toHaveValue("");
    expect(again.queryByTestId("hold-credential-error")).not.toBeInTheDocument();
  });

  it("asks for the secret before anything is sent", async () => {
    const { commands } = renderButton(realTenant());
    const dialog = await openModal();
    await userEvent.click(dialog.getByRole("button", { name: "Keep credential" }));

    expect(dialog.getByText("Paste the client secret's value (not its id).")).toBeInTheDocument();
    expect(dialog.getByLabelText(/Client secret value/)).toHaveFocus();
    expect(commands.holdCredential).not.toHaveBeenCalled();
  });

  it("asks for a certificate tenant's PEM pair and reports the backend's message once kept", async () => {
    const holdCredential = vi.fn(async () => ({
      message:
        "Connected: Real Co issued a token and its Intune configuration can be read. This workstation now runs its syncs too.",
    }));
    const { commands, queryClient } = renderButton(realTenant("certificate"), { holdCredential });
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const dialog = await openModal();
    expect(dialog.queryByLabelText(/Client secret value/)).not.toBeInTheDocument();
    await userEvent.type(dialog.getByRole("textbox", { name: /Certificate \(PEM\)/ }), "-----BEGIN CERTIFICATE-----");
    await userEvent.type(dialog.getByRole("textbox", { name: /Private key \(PEM\)/ }), "-----BEGIN PRIVATE KEY-----");
    await userEvent.click(dialog.getByRole("button", { name: "Keep credential" }));

    expect(commands.holdCredential).toHaveBeenCalledWith({
      tenant_id: "t-real",
      credential: {
        kind: "certificate",
        certificate_pem: "-----BEGIN CERTIFICATE-----",
        private_key_pem: "-----BEGIN PRIVATE KEY-----",
      },
    });
    const message = await screen.findByText(/This workstation now runs its syncs too\./);
    expect(message.closest(".mantine-Notification-root")).toHaveTextContent("Credential kept on this workstation");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["tenants", "t-real"], exact: true });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["runs"] });
  });

  it("is not offered for a simulated tenant, nor one without a stored credential", async () => {
    const simulated = { ...realTenant(), simulated: true };
    const unstored = tenant({
      id: "t-new",
      display_name: "New Co",
      simulated: false,
      connection: {
        client_id: "11111111-2222-3333-4444-555555555555",
        credential_kind: "client_secret",
        credential_ref: null,
        credential_updated_at: null,
      },
    });
    expect(heldConnection(simulated)).toBeNull();
    expect(heldConnection(unstored)).toBeNull();
    expect(heldConnection(tenant({ id: "t-none", display_name: "None", simulated: false }))).toBeNull();
    expect(heldConnection(realTenant())).toEqual(realTenant().connection);

    renderButton(simulated);
    await screen.findByTestId("beside");
    expect(screen.queryByTestId("hold-credential")).not.toBeInTheDocument();
  });

  it("is not offered to a member who may not sync the tenant", async () => {
    renderButton(
      realTenant(),
      {},
      workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "operations.view"] }),
    );
    await screen.findByTestId("beside");
    expect(screen.queryByTestId("hold-credential")).not.toBeInTheDocument();
  });
});
