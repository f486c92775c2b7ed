import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { fakeCommands } from "../../test/fakeCommands";
import { objectDetail, policyVersion, versionDiff, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { ObjectPage } from "./ObjectPage";
import { objectPath } from "./objectLinks";

function renderObject(commands = fakeCommands(), route = "/tenants/t-contoso/objects/item-0") {
  return renderApp(
    <Routes>
      <Route path="/tenants/:tenantId/objects/:itemId" element={<ObjectPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace: workspaceSummary(), route },
  );
}

describe("ObjectPage", () => {
  it("shows what the object is and its configuration as readable rows, grouped, not JSON", async () => {
    const { commands } = renderObject();
    expect(await screen.findByTestId("object-name")).toHaveTextContent("WIN - SC - Defender - All devices");
    expect(commands.getInventoryObject).toHaveBeenCalledWith({ tenant_id: "t-contoso", item_id: "item-0" });
    expect(screen.getByTestId("object-type")).toHaveTextContent("Settings catalog policy");
    expect(screen.getByText("Windows")).toBeInTheDocument();
    expect(screen.getByText("00000-ext")).toBeInTheDocument();

    const groups = screen.getAllByTestId("settings-group");
    expect(groups.map((group) => within(group).getByRole("heading").textContent)).toEqual(["General", "Defender"]);
    const defender = within(groups[1] as HTMLElement);
    expect(defender.getByRole("rowheader", { name: "Allow real-time monitoring" }).closest("tr")).toHaveTextContent(
      "Yes",
    );
    expect(defender.getByRole("rowheader", { name: "Cloud block level" }).closest("tr")).toHaveTextContent("High");
    expect(screen.queryByTestId("raw-json")).not.toBeInTheDocument();

    // Raw JSON is there, but only on request.
    await userEvent.click(screen.getByRole("button", { name: "Show raw JSON" }));
    expect(screen.getByTestId("raw-json")).toHaveTextContent('"name": "WIN - SC - Defender - All devices"');
  });

  it("shows what a setting does when Microsoft's definition describes it, and finds it by that", async () => {
    const base = objectDetail();
    const commands = fakeCommands({
      getInventoryObject: vi.fn(async () => ({
        ...base,
        readable: {
          settings: [
            {
              group: "Microsoft Defender Antivirus",
              name: "Cloud Block Level",
              key: "device_vendor_msft_policy_config_defender_cloudblocklevel",
              value: "High Plus",
              description: "How aggressively the cloud blocks suspicious files.",
            },
          ],
          assignments: [],
          targeting: [],
        },
      })),
    });
    renderObject(commands);
    expect(await screen.findByTestId("setting-description")).toHaveTextContent(
      "How aggressively the cloud blocks suspicious files.",
    );
    await userEvent.type(screen.getByRole("textbox", { name: "Filter settings" }), "aggressively");
    expect(screen.getAllByTestId("setting-row")).toHaveLength(1);
  });

  it("filters the settings", async () => {
    renderObject();
    await screen.findByTestId("readable-settings");
    await userEvent.type(screen.getByRole("textbox", { name: "Filter settings" }), "cloud");
    expect(screen.getAllByTestId("setting-row").map((row) => row.textContent)).toEqual(["Cloud block levelHigh"]);
  });

  it("lists assignments with their target kind, group, filter and intent", async () => {
    renderObject();
    await userEvent.click(await screen.findByRole("tab", { name: "Assignments (3)" }));
    const rows = screen.getAllByTestId("assignment-row");
    expect(within(rows[0] as HTMLElement).getByText("Group")).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent("All Windows devices");
    expect(within(rows[1] as HTMLElement).getByText("Excluded group")).toBeInTheDocument();
    // Not in the groups cache: the id is shown instead of a name.
    expect(rows[1]).toHaveTextContent("g-2");
    expect(rows[1]).toHaveTextContent("Exclude · f-1");
    expect(within(rows[2] as HTMLElement).getByText("All users")).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent("Required");
  });

  it("says whom a Conditional Access policy applies to from its conditions, never 'reaches no users'", async () => {
    const base = objectDetail();
    const commands = fakeCommands({
      getInventoryObject: vi.fn(async () => ({
        ...base,
        type_label: "Conditional access policy",
        targeting: "conditions" as const,
        readable: {
          settings: base.readable?.settings ?? [],
          assignments: [],
          targeting: [
            {
              dimension: "Users",
              include: [{ kind: "all" as const, id: null, name: "All users" }],
              exclude: [
                { kind: "role" as const, id: "62e90394", name: "Global Administrator" },
                { kind: "group" as const, id: "g-9", name: "g-9" },
              ],
            },
            {
              dimension: "Cloud apps and actions",
              include: [{ kind: "all" as const, id: null, name: "All cloud apps" }],
              exclude: [],
            },
          ],
        },
      })),
    });
    renderObject(commands);
    expect(await screen.findByRole("tab", { name: "Applies to" })).toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: /Assignments/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("tab", { name: "Applies to" }));
    const rows = screen.getAllByTestId("targeting-row");
    expect(rows[0]).toHaveTextContent("Users");
    expect(rows[0]).toHaveTextContent("All users");
    expect(rows[0]).toHaveTextContent("RoleGlobal Administrator");
    // A group the cache does not know keeps its id, with the sync that would name it.
    expect(within(rows[0] as HTMLElement).getByText("g-9")).toHaveAttribute(
      "title",
      "Not in the cache: run Sync groups to see its name",
    );
    expect(rows[1]).toHaveTextContent("All cloud apps");
    expect(screen.queryByTestId("no-assignments")).not.toBeInTheDocument();
  });

  it("compares the two newest versions side by side, unchanged rows hidden until asked", async () => {
    const { commands } = renderObject();
    await userEvent.click(await screen.findByRole("tab", { name: "Versions (2)" }));
    const versions = screen.getAllByTestId("version-row");
    expect(versions[0]).toHaveTextContent("v2");
    expect(versions[0]).toHaveTextContent("Backup");
    expect(versions[0]).toHaveTextContent("2abcdef01234");

    const diff = await screen.findByTestId("version-diff");
    expect(commands.diffVersions).toHaveBeenCalledWith({ tenant_id: "t-contoso", before: "v-1", after: "v-2" });
    expect(within(diff).getByRole("heading", { name: "Changes v1 → v2" })).toBeInTheDocument();
    expect(within(diff).getByTestId("diff-counts")).toHaveTextContent("1 added1 removed1 changed1 unchanged");

    const changes = () => screen.getAllByTestId("diff-row").map((row) => row.dataset.change);
    expect(changes()).toEqual(["changed", "added", "removed"]);
    const changed = screen.getAllByTestId("diff-row")[0] as HTMLElement;
    const cells = within(changed)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual(["Cloud block level", "Default", "High", "Changed"]);
    const added = screen.getAllByTestId("diff-row")[1] as HTMLElement;
    expect(within(added).getAllByRole("cell")[1]).toHaveTextContent("Not set");

    await userEvent.click(screen.getByRole("switch", { name: "Show unchanged" }));
    expect(changes()).toEqual(["changed", "unchanged", "added", "removed"]);
  });

  it("compares any two ticked versions, older first", async () => {
    const detail = objectDetail({ versions: [policyVersion(3), policyVersion(2), policyVersion(1)] });
    const diffVersions = vi.fn(async () => versionDiff);
    renderObject(fakeCommands({ getInventoryObject: vi.fn(async () => detail), diffVersions }));
    await userEvent.click(await screen.findByRole("tab", { name: "Versions (3)" }));
    await waitFor(() =>
      expect(diffVersions).toHaveBeenCalledWith({ tenant_id: "t-contoso", before: "v-2", after: "v-3" }),
    );

    await userEvent.click(screen.getByRole("checkbox", { name: "Compare version 3" }));
    expect(screen.getByTestId("diff-pick-two")).toHaveTextContent("Tick one more version");
    await userEvent.click(screen.getByRole("checkbox", { name: "Compare version 1" }));
    await waitFor(() =>
      expect(diffVersions).toHaveBeenLastCalledWith({ tenant_id: "t-contoso", before: "v-1", after: "v-2" }),
    );
  });

  it("opens on the versions a link names, and keeps the ticked pair and the tab in the address", async () => {
    const detail = objectDetail({ versions: [policyVersion(3), policyVersion(2), policyVersion(1)] });
    const diffVersions = vi.fn(async () => versionDiff);
    renderObject(
      fakeCommands({ getInventoryObject: vi.fn(async () => detail), diffVersions }),
      objectPath("t-contoso", "item-0", { compare: ["v-1", "v-3"] }),
    );
    expect(await screen.findByRole("tab", { name: "Versions (3)", selected: true })).toBeInTheDocument();
    await waitFor(() =>
      expect(diffVersions).toHaveBeenCalledWith({ tenant_id: "t-contoso", before: "v-1", after: "v-3" }),
    );
    expect(screen.getByRole("checkbox", { name: "Compare version 2" })).not.toBeChecked();

    await userEvent.click(screen.getByRole("checkbox", { name: "Compare version 2" }));
    expect(screen.getByTestId("location-search")).toHaveTextContent("tab=versions&compare=v-3%2Cv-2");
    await userEvent.click(screen.getByRole("tab", { name: "Configuration" }));
    expect(screen.getByTestId("location-search").textContent).not.toContain("tab=");
    expect(await screen.findByTestId("readable-settings")).toBeInTheDocument();
  });

  it("opens with the settings filtered by the setting a search found", async () => {
    renderObject(fakeCommands(), objectPath("t-contoso", "item-0", { setting: "Cloud block" }));
    await screen.findByTestId("readable-settings");
    expect(screen.getByRole("textbox", { name: "Filter settings" })).toHaveValue("Cloud block");
    expect(screen.getAllByTestId("setting-row").map((row) => row.textContent)).toEqual(["Cloud block levelHigh"]);
  });

  it("exports the newest version's JSON and says where the file was saved", async () => {
    const { commands } = renderObject();
    await userEvent.click(await screen.findByRole("button", { name: "Export JSON" }));
    expect(commands.exportPolicyVersion).toHaveBeenCalledWith({ tenant_id: "t-contoso", version_id: "v-2" });
    const toast = await screen.findByTestId("export-toast");
    expect(toast).toHaveTextContent("512 bytes, saved to:");
    expect(screen.getByTestId("export-path")).toHaveTextContent(
      "/home/ann/Downloads/win-sc-defender-v2-2026-11-22-100000.json",
    );
    expect(
      screen.getByText("WIN - SC - Defender - All devices v2 saved as win-sc-defender-v2-2026-11-22-100000.json"),
    ).toBeInTheDocument();
    expect(within(toast).getByRole("button", { name: "Copy the file's path" })).toBeInTheDocument();
  });

  it("exports an older version from the history, and says why an export failed", async () => {
    const exportPolicyVersion = vi.fn().mockRejectedValue({ code: "unavailable", message: "The disk is full." });
    renderObject(fakeCommands({ exportPolicyVersion }));
    await userEvent.click(await screen.findByRole("tab", { name: "Versions (2)" }));
    await userEvent.click(screen.getByRole("button", { name: "Export version 1 as JSON" }));
    expect(exportPolicyVersion).toHaveBeenCalledWith({ tenant_id: "t-contoso", version_id: "v-1" });
    expect(await screen.findByText("WIN - SC - Defender - All devices v1 was not exported")).toBeInTheDocument();
    expect(screen.getByText("The disk is full.")).toBeInTheDocument();
  });

  it("offers neither export nor comparison before a version was captured", async () => {
    const detail = objectDetail({ latest: null, readable: null, versions: [] });
    renderObject(fakeCommands({ getInventoryObject: vi.fn(async () => detail) }));
    await screen.findByTestId("object-no-version");
    expect(screen.queryByRole("button", { name: "Export JSON" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Compare with another tenant…" })).not.toBeInTheDocument();
  });

  it("explains an object whose configuration was never captured and offers Sync policies", async () => {
    const detail = objectDetail({ latest: null, readable: null, versions: [] });
    const { commands } = renderObject(fakeCommands({ getInventoryObject: vi.fn(async () => detail) }));
    const empty = await screen.findByTestId("object-no-version");
    expect(empty).toHaveTextContent("Run Sync policies to capture this object's configuration");
    await userEvent.click(within(empty).getByRole("button", { name: "Sync policies" }));
    expect(commands.startSync).toHaveBeenCalledWith({ tenant_id: "t-contoso", kind: "policies" });
  });

  it("shows a failed load with Retry", async () => {
    const getInventoryObject = vi
      .fn()
      .mockRejectedValueOnce({ code: "not_found", message: "Object was not found." })
      .mockResolvedValueOnce(objectDetail());
    renderObject(fakeCommands({ getInventoryObject }));
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveTextContent("Object was not found.");
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("object-name")).toBeInTheDocument();
  });
});
