import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { PermissionReport } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { permissionGuide, permissionReport, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { TenantPage } from "./TenantPage";

function renderTenant(report: PermissionReport) {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId" element={<TenantPage />} />
    </Routes>,
    {
      commands: fakeCommands({ permissionReport: vi.fn(async () => report) }),
      workspace: workspaceSummary(),
      route: "/tenants/t-contoso?tab=details",
    },
  );
}

const features = () =>
  screen.getAllByTestId("permission-feature").map((row) => [row.getAttribute("data-feature"), row.dataset.works]);

describe("Permissions of a tenant", () => {
  it("names credential expiry as optional when only its permission is missing", async () => {
    const everythingElse = permissionGuide().permissions.filter((permission) => permission !== "Application.Read.All");
    renderTenant(permissionReport(everythingElse));
    expect(await screen.findByTestId("permissions-verdict")).toHaveTextContent(
      "Every sync feature has the permissions it needs; Credential expiry (optional) is not granted.",
    );
    expect(features()).toEqual([
      ["inventory", "true"],
      ["policy_versions", "true"],
      ["groups", "true"],
      ["directory_roles", "true"],
      ["baselines", "true"],
      ["credential_expiry", "false"],
      ["restore", "true"],
    ]);
    const expiry = screen.getAllByTestId("permission-feature")[5] as HTMLElement;
    expect(expiry).toHaveTextContent("Credential expiryNot granted (optional)Application.Read.All");
    expect(within(expiry).getByTestId("permission-feature-optional")).toHaveTextContent(
      "Optional: without it, a certificate's end is still read from the certificate, and a secret's from the end date entered with it.",
    );
    // Not a warning in the header: the syncs have what they need.
    expect(screen.getByTestId("permissions-summary")).toHaveTextContent("Sync features permitted");
  });

  it("counts the features that lack permissions apart from the optional ones", async () => {
    renderTenant(permissionReport());
    expect(await screen.findByTestId("permissions-verdict")).toHaveTextContent(
      "1 of 7 features lack permissions. Credential expiry and Restore (optional) are not granted.",
    );
    expect(screen.getByTestId("permissions-summary")).toHaveTextContent("1 of 7 features lack permissions");
    await userEvent.click(screen.getByTestId("permissions-summary"));
    expect(screen.getByTestId("permissions-card")).toBeInTheDocument();
  });

  it("names restore as optional when only its write permissions are missing, saying what it stops", async () => {
    const reads = permissionGuide().permissions.filter((permission) => !permission.includes("ReadWrite"));
    renderTenant(permissionReport(reads));
    expect(await screen.findByTestId("permissions-verdict")).toHaveTextContent(
      "Every sync feature has the permissions it needs; Restore (optional) is not granted.",
    );
    const restore = screen.getAllByTestId("permission-feature").find((row) => row.dataset.feature === "restore");
    expect(restore).toHaveTextContent(
      "RestoreNot granted (optional)DeviceManagementConfiguration.ReadWrite.AllDeviceManagementApps.ReadWrite.All",
    );
    expect(within(restore as HTMLElement).getByTestId("permission-feature-optional")).toHaveTextContent(
      "Optional: without it, TenantAtlas only reads this tenant — a restore can still be previewed, but Microsoft Graph refuses its writes.",
    );
    expect(screen.getByTestId("permissions-summary")).toHaveTextContent("Sync features permitted");
  });

  it("says every feature works once everything is granted", async () => {
    renderTenant(permissionReport(permissionGuide().permissions));
    expect(await screen.findByTestId("permissions-verdict")).toHaveTextContent(
      "Every feature has the permissions it needs.",
    );
    expect(screen.getByTestId("permissions-summary")).toHaveTextContent("All features permitted");
  });
});
