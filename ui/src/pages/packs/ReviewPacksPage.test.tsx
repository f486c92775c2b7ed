import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import type { WorkspaceSummary } from "../../bindings/types";
import { ROW_HEIGHT_VAR, TABLE_ROW_HEIGHT } from "../../components/useVirtualGrid";
import { fakeCommands } from "../../test/fakeCommands";
import { fakePacks, type PackState, packState } from "../../test/fakePacks";
import { type FakePlatform, fakePlatform } from "../../test/fakePlatform";
import { workspaceSummary } from "../../test/fixtures";
import { packSettings, packSummary, reviewPack, signingKey } from "../../test/packFixtures";
import { renderApp } from "../../test/render";
import { ReviewPacksPage } from "./ReviewPacksPage";

function renderPacks(
  state: PackState,
  {
    route = "/review-packs",
    workspace = workspaceSummary(),
    platform = fakePlatform(),
  }: { route?: string; workspace?: WorkspaceSummary; platform?: FakePlatform } = {},
) {
  const commands = fakeCommands(fakePacks(state));
  const result = renderApp(
    <Routes>
      <Route path="/review-packs" element={<ReviewPacksPage />} />
      <Route path="/runs/:runId" element={<p data-testid="run-page-stub" />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, platform, workspace, route },
  );
  return { ...result, commands, platform };
}

/** Three packs of two tenants: Contoso's newest failed, its older one ready; Fabrikam's expired. */
function threePacks(): PackState {
  return packState({
    packs: [
      reviewPack({ id: "pack-old", created_at: "2026-11-20T08:00:00.000Z" }),
      reviewPack({
        id: "pack-failed",
        status: "failed",
        run_id: "r-pack-failed",
        fingerprint: "a87ff679a2f3e71d9181a67b7542122c",
        created_at: "2026-11-22T09:50:00.000Z",
      }),
      reviewPack({
        id: "pack-fabrikam",
        tenant_id: "t-fabrikam",
        status: "expired",
        fingerprint: "e4da3b7fbbce2345d7772b0674a318d5",
        options: { include_pii: false, include_operations: false },
        summary: packSummary({ open_findings: {} }),
        created_at: "2026-08-01T08:00:00.000Z",
      }),
    ],
    signingKeys: { w1: signingKey() },
  });
}

const rowIds = () => screen.getAllByTestId("pack-row").map((row) => row.getAttribute("data-pack-id"));
const row = (id: string) => {
  const found = screen.getAllByTestId("pack-row").find((element) => element.getAttribute("data-pack-id") === id);
  if (found === undefined) throw new Error(`No row for ${id}`);
  return within(found);
};

describe("Review packs page", () => {
  it("lists the workspace's packs newest first with their tenant, status, findings, size and options", async () => {
    const { commands } = renderPacks(threePacks());
    await screen.findAllByTestId("pack-row");
    expect(commands.listReviewPacks).toHaveBeenCalledWith({ workspace_id: "w1", offset: 0, limit: 200 });
    expect(rowIds()).toEqual(["pack-failed", "pack-old", "pack-fabrikam"]);
    expect(screen.getByTestId("packs-total")).toHaveTextContent("3 packs");
    // Compact rows, as tall as the virtualiser lays them out.
    expect(screen.getByRole("grid", { name: "Review packs" }).style.getPropertyValue(ROW_HEIGHT_VAR)).toBe(
      `${TABLE_ROW_HEIGHT}px`,
    );

    const ready = row("pack-old");
    expect(ready.getByTestId("pack-row-tenant")).toHaveTextContent("Contoso Pharma");
    expect(ready.getByTestId("pack-row-tenant")).toHaveAttribute("href", "/tenants/t-contoso?tab=details");
    expect(ready.getByText("Ready")).toBeInTheDocument();
    expect(ready.getByTestId("pack-row-findings")).toHaveTextContent("6 · 1 critical, 2 high, 3 medium");
    expect(ready.getByText("48.2 kB")).toBeInTheDocument();
    expect(ready.getByText("Names, operations")).toBeInTheDocument();
    expect(ready.getByRole("button", { name: "Save Contoso Pharma review pack 2026-11-22 as…" })).toBeInTheDocument();

    const failed = row("pack-failed");
    expect(failed.getByText("Failed")).toBeInTheDocument();
    expect(failed.queryByTestId("pack-row-save")).not.toBeInTheDocument();
    expect(failed.getByRole("button", { name: /^See why .+ failed$/ })).toBeInTheDocument();

    const expired = row("pack-fabrikam");
    expect(expired.getByTestId("pack-row-tenant")).toHaveTextContent("Fabrikam Logistics");
    expect(expired.getByText("Expired")).toBeInTheDocument();
    expect(expired.getByTestId("pack-row-findings")).toHaveTextContent(/^0$/);
    expect(expired.getByText("Pseudonyms, no operations")).toBeInTheDocument();
    expect(expired.queryByTestId("pack-row-save")).not.toBeInTheDocument();
  });

  it("explains an empty workspace: packs are generated from a tenant's page", async () => {
    renderPacks(packState());
    const empty = await screen.findByTestId("packs-empty");
    expect(empty).toHaveTextContent("No review packs yet");
    expect(empty).toHaveTextContent("Generate one from a tenant's page");
    expect(within(empty).getByRole("link", { name: "Go to tenants" })).toHaveAttribute("href", "/tenants");
    // Nothing to list, but a pack file can still be checked.
    expect(screen.getByRole("button", { name: "Verify a pack file…" })).toBeInTheDocument();
  });

  it("narrows the list to one tenant from the address and says when it has none", async () => {
    const { commands } = renderPacks(threePacks(), { route: "/review-packs?tenant=t-fabrikam" });
    await screen.findAllByTestId("pack-row");
    expect(rowIds()).toEqual(["pack-fabrikam"]);
    expect(commands.listReviewPacks).toHaveBeenLastCalledWith({
      workspace_id: "w1",
      tenant_id: "t-fabrikam",
      offset: 0,
      limit: 200,
    });
    await userEvent.click(screen.getByRole("combobox", { name: "Tenant" }));
    await userEvent.click(await screen.findByRole("option", { name: "Contoso Pharma" }));
    await waitFor(() => expect(rowIds()).toEqual(["pack-failed", "pack-old"]));
    expect(screen.getByTestId("location-search")).toHaveTextContent("?tenant=t-contoso");
    expect(screen.getByTestId("packs-total")).toHaveTextContent("2 packs");
  });

  it("says a tenant has no pack yet and links to its page", async () => {
    renderPacks(threePacks(), { route: "/review-packs?tenant=t-adatum" });
    const none = await screen.findByTestId("packs-none-for-tenant");
    await waitFor(() => expect(none).toHaveTextContent("No review pack of Adatum Legal yet."));
    expect(within(none).getByRole("link", { name: "Generate one on its page" })).toHaveAttribute(
      "href",
      "/tenants/t-adatum?tab=details",
    );
  });

  it("verifies a chosen pack file and names each file that fails with its problem", async () => {
    const state = threePacks();
    state.files["/home/ada/Downloads/returned.zip"] = {
      pack_id: "pack-old",
      problems: [
        { path: "findings/open.csv", problem: "has changed: its SHA-256 differs from the manifest's" },
        { path: "notes.txt", problem: "is not listed in the manifest (added after signing)" },
      ],
      key_fingerprint: signingKey().fingerprint,
      signature_valid: true,
    };
    const platform = fakePlatform();
    const { commands } = renderPacks(state, { platform });
    await screen.findAllByTestId("pack-row");

    // Cancelling the open dialog checks nothing.
    await userEvent.click(screen.getByRole("button", { name: "Verify a pack file…" }));
    expect(platform.chooseOpenFile).toHaveBeenCalledTimes(1);
    expect(commands.verifyPackFile).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    platform.answerDialogs({ open: "/home/ada/Downloads/returned.zip" });
    await userEvent.click(screen.getByRole("button", { name: "Verify a pack file…" }));
    const dialog = await screen.findByRole("dialog", { name: "Review pack check" });
    const verdict = await within(dialog).findByTestId("pack-verdict");
    expect(commands.verifyPackFile).toHaveBeenCalledWith({
      path: "/home/ada/Downloads/returned.zip",
      workspace_id: "w1",
    });
    expect(verdict).toHaveAttribute("data-intact", "false");
    expect(verdict).toHaveTextContent("The pack is not intact");
    expect(verdict).toHaveTextContent(
      "The pack was changed: 2 files do not match the manifest; signed with this workspace's key.",
    );
    expect(within(dialog).getByTestId("pack-signature")).toHaveTextContent("Signed by this workspace");
    expect(within(dialog).getByTestId("pack-key-fingerprint")).toHaveTextContent(signingKey().fingerprint);
    expect(within(dialog).getByTestId("pack-files-checked")).toHaveTextContent("9 files match the manifest");
    const problems = within(dialog).getByRole("table", { name: "Files that fail the check" });
    expect(
      within(problems)
        .getAllByTestId("pack-problem")
        .map((problem) => problem.textContent),
    ).toEqual([
      "findings/open.csvhas changed: its SHA-256 differs from the manifest's",
      "notes.txtis not listed in the manifest (added after signing)",
    ]);
    // Started from no pack: nothing to compare the file with.
    expect(within(dialog).queryByTestId("pack-match")).not.toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("says a file could not be checked, and checks it again on Retry", async () => {
    const state = threePacks();
    const platform = fakePlatform();
    platform.answerDialogs({ open: "/home/ada/Downloads/missing.zip" });
    const { commands } = renderPacks(state, { platform });
    await screen.findAllByTestId("pack-row");
    await userEvent.click(screen.getByRole("button", { name: "Verify a pack file…" }));
    const dialog = await screen.findByRole("dialog", { name: "Review pack check" });
    expect(await within(dialog).findByTestId("error-state")).toHaveTextContent(
      "/home/ada/Downloads/missing.zip cannot be read: No such file or directory (os error 2)",
    );
    state.files["/home/ada/Downloads/missing.zip"] = {
      pack_id: "pack-old",
      problems: [],
      key_fingerprint: "SHA256:0000another0000key",
      signature_valid: true,
    };
    await userEvent.click(within(dialog).getByRole("button", { name: "Retry" }));
    expect(await within(dialog).findByTestId("pack-signature")).toHaveTextContent("Signed with another key");
    expect(commands.verifyPackFile).toHaveBeenCalledTimes(2);
  });

  it("verifies a saved copy of a row's pack and says whether the file is that pack", async () => {
    const state = threePacks();
    state.files["/media/usb/contoso.zip"] = {
      pack_id: "pack-fabrikam",
      problems: [],
      key_fingerprint: signingKey().fingerprint,
      signature_valid: true,
    };
    const platform = fakePlatform();
    platform.answerDialogs({ open: "/media/usb/contoso.zip" });
    renderPacks(state, { platform });
    await screen.findAllByTestId("pack-row");
    await userEvent.click(row("pack-old").getByTestId("pack-row-verify"));
    const dialog = await screen.findByRole("dialog", { name: "Review pack check" });
    expect(await within(dialog).findByTestId("pack-verdict")).toHaveAttribute("data-intact", "true");
    expect(within(dialog).getByTestId("pack-match")).toHaveAttribute("data-same", "false");
    expect(within(dialog).getByTestId("pack-match")).toHaveTextContent(
      "This file is not the pack you chose: it holds Fabrikam Logistics's pack of other content.",
    );
  });

  it("shows the settings and the signing key, refuses settings the backend refuses and saves nothing", async () => {
    const state = threePacks();
    const user = userEvent.setup();
    const { commands } = renderPacks(state);
    await screen.findAllByTestId("pack-row");
    await user.click(screen.getByRole("button", { name: "Settings" }));
    const dialog = await screen.findByRole("dialog", { name: "Review pack settings" });
    const retention = await within(dialog).findByRole("textbox", { name: /Keep ready packs for \(days\)/ });
    expect(retention).toHaveValue("90");
    expect(within(dialog).getByRole("textbox", { name: /Keep an expired pack's file for/ })).toHaveValue("30");
    const evidenceAge = within(dialog).getByRole("textbox", { name: /Reviews need evidence at most/ });
    expect(evidenceAge).toHaveValue("7");
    expect(within(dialog).getByRole("checkbox", { name: /People's names included/ })).toBeChecked();
    expect(within(dialog).getByTestId("pack-key-fingerprint")).toHaveTextContent(signingKey().fingerprint);
    await user.click(within(dialog).getByRole("button", { name: "Copy public key" }));
    expect(await navigator.clipboard.readText()).toBe(signingKey().public_key_pem);

    await user.clear(retention);
    await user.type(retention, "0");
    await user.click(within(dialog).getByRole("button", { name: "Save settings" }));
    expect(await within(dialog).findByText("Retention must be between 1 and 3650 days, not 0")).toBeInTheDocument();
    expect(retention).toHaveAttribute("aria-invalid", "true");
    expect(commands.updateReviewPackSettings).toHaveBeenCalledTimes(1);
    // Nothing was saved, and the form stays open with what was typed.
    expect(state.settings).toEqual({});
    expect(screen.getByRole("dialog", { name: "Review pack settings" })).toBeInTheDocument();

    await user.clear(retention);
    await user.type(retention, "120");
    await user.clear(evidenceAge);
    await user.type(evidenceAge, "0");
    await user.click(within(dialog).getByRole("button", { name: "Save settings" }));
    expect(
      await within(dialog).findByText("The evidence age for reviews must be between 1 and 3650 days, not 0"),
    ).toBeInTheDocument();
    expect(evidenceAge).toHaveAttribute("aria-invalid", "true");
    expect(state.settings).toEqual({});

    await user.clear(evidenceAge);
    await user.type(evidenceAge, "14");
    await user.click(within(dialog).getByRole("checkbox", { name: /People's names included/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(state.settings.w1).toEqual(
      packSettings({
        retention_days: 120,
        evidence_max_age_days: 14,
        defaults: { include_pii: false, include_operations: true },
      }),
    );
    expect(screen.getByText("Review pack settings saved")).toBeInTheDocument();
  });

  it("shows members who may not manage packs the settings without a way to change them", async () => {
    const viewer = workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "review_pack.view"] });
    renderPacks(packState({ settings: { w1: packSettings({ grace_days: 7 }) } }), { workspace: viewer });
    await screen.findByTestId("packs-empty");
    await userEvent.click(screen.getByRole("button", { name: "Settings" }));
    const dialog = await screen.findByRole("dialog", { name: "Review pack settings" });
    expect(await within(dialog).findByTestId("pack-settings-readonly")).toBeInTheDocument();
    expect(within(dialog).getByRole("textbox", { name: /Keep an expired pack's file for/ })).toHaveValue("7");
    expect(within(dialog).getByRole("textbox", { name: /Keep ready packs for/ })).toBeDisabled();
    expect(within(dialog).getByRole("checkbox", { name: /People's names included/ })).toBeDisabled();
    expect(within(dialog).queryByRole("button", { name: "Save settings" })).not.toBeInTheDocument();
    expect(within(dialog).getByTestId("pack-signing-key-none")).toHaveTextContent("No signing key yet");
  });

  it("moves through the rows with the keyboard: Enter saves a ready pack and opens a failed one's run", async () => {
    const platform = fakePlatform();
    renderPacks(threePacks(), { platform });
    await screen.findAllByTestId("pack-row");
    const grid = screen.getByRole("grid", { name: "Review packs" });
    act(() => grid.focus());
    expect(grid).toHaveAttribute("aria-activedescendant", "pack-row-0");
    // Only the highlighted row's buttons are in the tab order.
    expect(row("pack-failed").getByTestId("pack-row-run")).not.toHaveAttribute("tabindex", "-1");
    expect(row("pack-old").getByTestId("pack-row-save")).toHaveAttribute("tabindex", "-1");

    await userEvent.keyboard("{ArrowDown}");
    expect(grid).toHaveAttribute("aria-activedescendant", "pack-row-1");
    expect(row("pack-old").getByTestId("pack-row-save")).not.toHaveAttribute("tabindex", "-1");
    await userEvent.keyboard("{Enter}");
    expect(platform.chooseSaveFile).toHaveBeenCalledWith("Contoso Pharma review pack 2026-11-22.zip");

    await userEvent.keyboard("{Home}");
    expect(grid).toHaveAttribute("aria-activedescendant", "pack-row-0");
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByTestId("run-page-stub")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/runs/r-pack-failed");
  });
});
