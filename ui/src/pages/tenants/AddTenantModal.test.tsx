import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { dayjs } from "../../components/dates";
import { fakeCommands } from "../../test/fakeCommands";
import { permissionGuide, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { TenantsPage } from "../TenantsPage";
import {
  type CredentialDraft,
  credentialInput,
  emptyCredential,
  validateAddTenant,
  validateCredential,
} from "./tenantForm";

function emptyCredentialWith(secret: string): CredentialDraft {
  return { ...emptyCredential, secret };
}

async function openForm(commands = fakeCommands()) {
  const result = renderApp(<TenantsPage />, { commands, workspace: workspaceSummary(), route: "/tenants" });
  await userEvent.click(await screen.findByTestId("add-tenant"));
  const dialog = await screen.findByRole("dialog", { name: "Add tenant" });
  return { ...result, dialog: within(dialog) };
}

const CLIENT_ID = "9f8e7d6c-1234-4abc-8def-00000000c1d1";

describe("Add tenant", () => {
  it("checks the required fields before anything is sent", async () => {
    const { commands, dialog } = await openForm();
    await userEvent.click(dialog.getByRole("button", { name: "Add tenant" }));

    expect(dialog.getByText("Enter a name for the tenant.")).toBeInTheDocument();
    expect(dialog.getByText(/Enter the directory \(tenant\) id or a verified domain/)).toBeInTheDocument();
    expect(dialog.getByText("Enter the application (client) id of the app registration.")).toBeInTheDocument();
    expect(dialog.getByText("Paste the client secret's value (not its id).")).toBeInTheDocument();
    expect(commands.addTenant).not.toHaveBeenCalled();
    // The first field that needs attention gets the focus.
    expect(dialog.getByRole("textbox", { name: /Display name/ })).toHaveFocus();
  });

  it("asks for a GUID as the client id and both PEM parts of a certificate", () => {
    const errors = validateAddTenant({
      displayName: "Contoso",
      directory: "contoso.onmicrosoft.com",
      clientId: "not-a-guid",
      credential: {
        kind: "certificate",
        secret: "",
        secretEndsOn: null,
        certificatePem: "-----BEGIN CERTIFICATE-----",
        privateKeyPem: " ",
      },
    });
    expect(errors).toEqual({
      clientId: "The application (client) id is a GUID such as 00000000-0000-0000-0000-000000000000.",
      privateKeyPem: "Paste or load the certificate's private key (PEM).",
    });
  });

  it("keeps the secret in a password field and shows the backend's error at the top of the form", async () => {
    const addTenant = vi.fn(async () => {
      throw {
        code: "invalid_input",
        message: "No Microsoft Entra tenant uses the domain contoso.example. Check the spelling.",
      };
    });
    const { dialog } = await openForm(fakeCommands({ addTenant }));
    await userEvent.type(dialog.getByRole("textbox", { name: /Display name/ }), "Contoso");
    await userEvent.type(dialog.getByRole("textbox", { name: /Directory/ }), "contoso.example");
    await userEvent.type(dialog.getByRole("textbox", { name: /Application \(client\) ID/ }), CLIENT_ID);
    const secret = dialog.getByLabelText(/Client secret value/);
    expect(secret).toHaveAttribute("type", "password");
    await userEvent.type(secret, "abc~secret");
    await userEvent.click(dialog.getByRole("button", { name: "Add tenant" }));

    const error = await dialog.findByTestId("add-tenant-error");
    expect(error).toHaveTextContent("The tenant was not added");
    expect(error).toHaveTextContent("No Microsoft Entra tenant uses the domain contoso.example. Check the spelling.");
    expect(error).not.toHaveTextContent("abc~secret");
    // Nothing is lost: the operator fixes the field and tries again.
    expect(dialog.getByRole("textbox", { name: /Directory/ })).toHaveValue("contoso.example");
    expect(screen.getByRole("dialog", { name: "Add tenant" })).toBeInTheDocument();
  });

  it("adds the tenant, says so and opens it", async () => {
    const { commands, dialog } = await openForm();
    await userEvent.type(dialog.getByRole("textbox", { name: /Display name/ }), "  Contoso Ltd ");
    await userEvent.type(dialog.getByRole("textbox", { name: /Directory/ }), "contoso.onmicrosoft.com");
    await userEvent.type(dialog.getByRole("textbox", { name: /Application \(client\) ID/ }), CLIENT_ID);
    await userEvent.type(dialog.getByLabelText(/Client secret value/), "abc~secret");
    await userEvent.click(dialog.getByRole("button", { name: "Add tenant" }));

    expect(commands.addTenant).toHaveBeenCalledWith({
      workspace_id: "w1",
      display_name: "Contoso Ltd",
      directory: "contoso.onmicrosoft.com",
      client_id: CLIENT_ID,
      credential: { kind: "client_secret", secret: "abc~secret" },
    });
    expect(await screen.findByText("Tenant added")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/tenants/t-new"));
    expect(screen.queryByRole("dialog", { name: "Add tenant" })).not.toBeInTheDocument();
  });

  it("sends the secret's end date when one is given, as the end of that day", async () => {
    const { commands, dialog } = await openForm();
    await userEvent.type(dialog.getByRole("textbox", { name: /Display name/ }), "Contoso Ltd");
    await userEvent.type(dialog.getByRole("textbox", { name: /Directory/ }), "contoso.onmicrosoft.com");
    await userEvent.type(dialog.getByRole("textbox", { name: /Application \(client\) ID/ }), CLIENT_ID);
    await userEvent.type(dialog.getByLabelText(/Client secret value/), "abc~secret");
    const endsOn = dialog.getByRole("textbox", { name: /Secret ends on/ });
    const date = dayjs().add(90, "day").format("YYYY-MM-DD");
    await userEvent.type(endsOn, date);
    await userEvent.tab();
    expect(endsOn).toHaveValue(date);
    await userEvent.click(dialog.getByRole("button", { name: "Add tenant" }));

    expect(commands.addTenant).toHaveBeenCalledWith(
      expect.objectContaining({
        credential: { kind: "client_secret", secret: "abc~secret", expires_at: `${date}T23:59:59.000Z` },
      }),
    );
  });

  it("refuses a secret end date that has passed, and needs none for a certificate", () => {
    const secret = { ...emptyCredentialWith("abc~secret"), secretEndsOn: "2026-11-21" };
    expect(validateCredential(secret, "2026-11-22")).toEqual({
      secretEndsOn:
        "That date has passed: a secret that has ended no longer signs in. Create a new secret and enter its end date.",
    });
    expect(validateCredential({ ...secret, secretEndsOn: "2026-11-22" }, "2026-11-22")).toEqual({});
    expect(credentialInput({ ...secret, kind: "certificate", certificatePem: "C", privateKeyPem: "K" })).toEqual({
      kind: "certificate",
      certificate_pem: "C",
      private_key_pem: "K",
    });
  });

  it("sends a certificate and its key, the key masked and loadable from a file", async () => {
    const { commands, dialog } = await openForm();
    await userEvent.type(dialog.getByRole("textbox", { name: /Display name/ }), "Fabrikam");
    await userEvent.type(dialog.getByRole("textbox", { name: /Directory/ }), "5e6f7a8b-2222-4d5e-9f0a-abcdefabcdef");
    await userEvent.type(dialog.getByRole("textbox", { name: /Application \(client\) ID/ }), CLIENT_ID);
    await userEvent.click(dialog.getByText("Certificate"));
    expect(dialog.queryByLabelText(/Client secret value/)).not.toBeInTheDocument();
    // A certificate's end date is read from the certificate itself.
    expect(dialog.queryByRole("textbox", { name: /Secret ends on/ })).not.toBeInTheDocument();

    await userEvent.type(dialog.getByRole("textbox", { name: /Certificate \(PEM\)/ }), "-----BEGIN CERTIFICATE-----");
    const key = dialog.getByRole("textbox", { name: /Private key \(PEM\)/ });
    expect(key.className).toMatch(/masked/);
    const [, keyFile] = Array.from(document.querySelectorAll<HTMLInputElement>('input[type="file"]'));
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
    await userEvent.upload(keyFile as HTMLInputElement, new File([pem], "key.pem", { type: "application/x-pem-file" }));
    expect(await dialog.findByText(`${pem.length} characters`)).toBeInTheDocument();

    await userEvent.click(dialog.getByRole("button", { name: "Add tenant" }));
    expect(commands.addTenant).toHaveBeenCalledWith(
      expect.objectContaining({
        credential: { kind: "certificate", certificate_pem: "-----BEGIN CERTIFICATE-----", private_key_pem: pem },
      }),
    );
  });

  describe("what the app registration needs", () => {
    it("is folded until asked for, then lists the Graph application permissions by feature", async () => {
      const { dialog } = await openForm();
      const toggle = dialog.getByRole("button", { name: "What the app registration needs" });
      expect(toggle).toHaveAttribute("aria-expanded", "false");
      const panel = () => document.getElementById(toggle.getAttribute("aria-controls") ?? "") as HTMLElement;
      expect(panel()).not.toBeVisible();
      await userEvent.click(toggle);
      await waitFor(() => expect(panel()).toBeVisible());
      expect(toggle).toHaveAttribute("aria-expanded", "true");

      const guide = within(dialog.getByTestId("permission-guide"));
      const groups = await guide.findAllByTestId("permission-group");
      expect(dialog.getByTestId("permission-guide")).toHaveTextContent(
        "add these Microsoft Graph permissions of type Application (not Delegated)",
      );
      expect(groups).toHaveLength(5);
      // Features reading the same configuration share one list of five permissions.
      expect(within(groups[0] as HTMLElement).getAllByText(/\.Read\./)).toHaveLength(5);
      expect(groups[0]).toHaveTextContent("Inventory sync: lists Intune policies");
      expect(groups[0]).toHaveTextContent("Baselines and drift: reads configuration");
      expect(groups[2]).toHaveTextContent("RoleManagement.Read.Directory");
      expect(groups[2]).toHaveTextContent("Directory roles: reads who holds which Entra and Intune admin role");
      // Reading the credential's end is a nice-to-have, and says so.
      expect(groups[3]).toHaveTextContent("Application.Read.All");
      expect(groups[3]).toHaveTextContent(
        "Credential expiry (optional): reads when the app registration's secret or certificate ends, to warn 30 days ahead",
      );
      // So is restoring: it writes, which a customer may not allow.
      expect(groups[4]).toHaveTextContent("Policy.ReadWrite.ConditionalAccess");
      expect(groups[4]).toHaveTextContent(
        "Restore (optional): writes restored policies and their assignments, only after a preview and your confirmation",
      );
    });

    it("copies every permission at once, one per line", async () => {
      const user = userEvent.setup();
      renderApp(<TenantsPage />, { workspace: workspaceSummary(), route: "/tenants" });
      await user.click(await screen.findByTestId("add-tenant"));
      const dialog = within(await screen.findByRole("dialog", { name: "Add tenant" }));
      await user.click(dialog.getByRole("button", { name: "What the app registration needs" }));
      await user.click(await dialog.findByRole("button", { name: "Copy all" }));
      expect(await navigator.clipboard.readText()).toBe(permissionGuide().permissions.join("\n"));
      expect(dialog.getByRole("button", { name: "Copied" })).toBeInTheDocument();
    });

    it("says admin consent is needed, and gives the link once the directory and client id are typed", async () => {
      const { dialog } = await openForm();
      await userEvent.click(dialog.getByRole("button", { name: "What the app registration needs" }));
      const consent = within(dialog.getByTestId("admin-consent"));
      expect(consent.getByText(/an admin of the customer's directory/)).toBeInTheDocument();
      expect(consent.getByTestId("admin-consent-hint")).toBeInTheDocument();
      expect(consent.queryByTestId("admin-consent-url")).not.toBeInTheDocument();

      await userEvent.type(dialog.getByRole("textbox", { name: /Directory/ }), "contoso.onmicrosoft.com");
      expect(consent.queryByTestId("admin-consent-url")).not.toBeInTheDocument();
      await userEvent.type(dialog.getByRole("textbox", { name: /Application \(client\) ID/ }), CLIENT_ID);
      expect(consent.getByTestId("admin-consent-url")).toHaveTextContent(
        `https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=${CLIENT_ID}`,
      );
      expect(consent.getByRole("button", { name: "Copy the admin consent link" })).toBeInTheDocument();
    });

    it("says when the permission list could not be read, and reads it again on Retry", async () => {
      let fail = true;
      const permissionGuideCommand = vi.fn(async () => {
        if (fail) throw { code: "internal", message: "The guide could not be built." };
        return permissionGuide();
      });
      const { dialog } = await openForm(fakeCommands({ permissionGuide: permissionGuideCommand }));
      await userEvent.click(dialog.getByRole("button", { name: "What the app registration needs" }));
      expect(await dialog.findByText("The guide could not be built.")).toBeInTheDocument();
      fail = false;
      await userEvent.click(dialog.getByRole("button", { name: "Retry" }));
      expect(await dialog.findAllByTestId("permission-group")).toHaveLength(5);
    });
  });

  it("forgets everything typed when closed", async () => {
    const { dialog } = await openForm();
    await userEvent.type(dialog.getByLabelText(/Client secret value/), "abc~secret");
    await userEvent.click(dialog.getByRole("button", { name: "Cancel" }));
    await userEvent.click(screen.getByTestId("add-tenant"));
    const reopened = within(await screen.findByRole("dialog", { name: "Add tenant" }));
    expect(reopened.getByLabelText(/Client secret value/)).toHaveValue("");
  });
});
