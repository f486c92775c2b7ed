import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeCommands } from "../../test/fakeCommands";
import {
  diagnosticsReport,
  fakeUpdates,
  SIGNATURE_REFUSAL,
  type UpdateState,
  updateOffer,
  updateState,
} from "../../test/fakeUpdates";
import { appInfo } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { AboutPage } from "./AboutPage";

const UPDATE_URL = "https://updates.example.com/tenantatlas/latest.json";

function renderAbout(state: UpdateState = updateState()) {
  const rendered = renderApp(<AboutPage />, { commands: fakeCommands(fakeUpdates(state)), route: "/about" });
  return { ...rendered, state };
}

/** Update checks on, at UPDATE_URL, with `overrides`. */
function updatesOn(overrides: Partial<UpdateState> = {}): UpdateState {
  return updateState({ info: appInfo({ update_url: UPDATE_URL }), ...overrides });
}

/** Replaces the browser's clipboard with one whose writeText does `writeText`. */
function clipboard(writeText: (text: string) => Promise<void>) {
  const fake = { writeText: vi.fn(writeText) };
  Object.defineProperty(navigator, "clipboard", { value: fake, configurable: true });
  return fake;
}

describe("About page", () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, "clipboard");
  });

  it("shows the version, build, schema, database, data and log folders, and that update checks are off", async () => {
    renderAbout(
      updateState({
        info: appInfo({
          backend: "postgres",
          database_location: "postgres://atlas@db.example.com/atlas",
        }),
      }),
    );
    expect(await screen.findByTestId("about-version")).toHaveTextContent("TenantAtlas 0.1.0");
    expect(screen.getByTestId("about-commit")).toHaveTextContent("3f2a9c1d0b7e");
    // The migration's number as it is, without separators.
    expect(screen.getByTestId("about-schema")).toHaveTextContent(/^20261206000025$/);
    const database = screen.getByTestId("about-database");
    expect(database).toHaveTextContent("Team · PostgreSQL");
    expect(database).toHaveTextContent("postgres://atlas@db.example.com/atlas");
    expect(within(database).getByRole("button", { name: "Copy the database location" })).toBeInTheDocument();
    expect(screen.getByTestId("about-data-dir")).toHaveTextContent("/home/ada/.local/share/tenantatlas");
    expect(screen.getByTestId("about-log-dir")).toHaveTextContent("/home/ada/.local/share/tenantatlas/logs");
    expect(screen.getByRole("button", { name: "Copy the log folder" })).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "This installation" })).toHaveTextContent("Ada Lovelace (local:ada)");

    const updates = screen.getByTestId("about-updates");
    expect(updates).toHaveTextContent(
      "Update checks are off. Enter the address your administrator gave you (https://…/latest.json).",
    );
    expect(within(updates).getByTestId("update-url-input")).toHaveValue("");
    expect(within(updates).getByTestId("update-url-save")).toBeDisabled();
    expect(within(updates).getByTestId("update-check")).toBeDisabled();
    expect(within(updates).queryByTestId("update-url-off")).not.toBeInTheDocument();
  });

  it("says a build outside a git checkout has no known commit", async () => {
    renderAbout(updateState({ info: appInfo({ commit: "unknown" }) }));
    expect(await screen.findByTestId("about-commit")).toHaveTextContent("unknown (not built from a git checkout)");
  });

  it("leaves updates to the package manager where the app does not install them", async () => {
    renderAbout(updateState({ info: appInfo({ updates_installable: false, update_url: UPDATE_URL }) }));
    const updates = await screen.findByTestId("about-updates");
    expect(updates).toHaveTextContent("This copy is updated by your package manager.");
    expect(screen.queryByTestId("update-url-input")).not.toBeInTheDocument();
    expect(screen.queryByTestId("update-check")).not.toBeInTheDocument();
  });

  it("shows the exact diagnostics report, where its log lines come from, and copies it", async () => {
    const writes = clipboard(async () => {});
    const { commands } = renderAbout();
    await userEvent.click(await screen.findByTestId("copy-diagnostics"));

    const dialog = await screen.findByRole("dialog", { name: "Diagnostics for support" });
    const text = await within(dialog).findByTestId("diagnostics-text");
    expect(text.textContent).toBe(diagnosticsReport().text);
    expect(dialog).toHaveTextContent(
      "It ends with the last 3 lines of the log /home/[user]/.local/share/tenantatlas/logs/tenantatlas.log.",
    );
    expect(dialog).toHaveTextContent("Secrets and personal data were removed");
    expect(commands.diagnostics).toHaveBeenCalledTimes(1);

    await userEvent.click(within(dialog).getByTestId("diagnostics-copy"));
    expect(writes.writeText).toHaveBeenCalledWith(diagnosticsReport().text);
    expect(within(dialog).getByTestId("diagnostics-copy")).toHaveTextContent("Copied");
    expect(within(dialog).getByRole("status")).toHaveTextContent("Copied. Paste it into your support ticket.");

    // Each opening reads the report afresh: the log moves on.
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByTestId("diagnostics-text")).not.toBeInTheDocument());
    await userEvent.click(screen.getByTestId("copy-diagnostics"));
    await screen.findByTestId("diagnostics-text");
    expect(commands.diagnostics).toHaveBeenCalledTimes(2);
  });

  it("selects the report for Ctrl+C where the clipboard refuses it", async () => {
    clipboard(async () => {
      throw new DOMException("Write permission denied.", "NotAllowedError");
    });
    renderAbout();
    await userEvent.click(await screen.findByTestId("copy-diagnostics"));
    const dialog = await screen.findByRole("dialog", { name: "Diagnostics for support" });
    await within(dialog).findByTestId("diagnostics-text");

    await userEvent.click(within(dialog).getByTestId("diagnostics-copy"));
    expect(await within(dialog).findByRole("status")).toHaveTextContent(
      "The report could not be copied from here. It is selected: press Ctrl+C to copy it.",
    );
    expect(window.getSelection()?.toString()).toBe(diagnosticsReport().text);
    expect(within(dialog).getByTestId("diagnostics-copy")).toHaveTextContent(/^Copy$/);
  });

  it("says when the diagnostics cannot be gathered", async () => {
    const commands = fakeCommands({
      diagnostics: vi.fn(async () => {
        throw { code: "internal", message: "The log folder cannot be read." };
      }),
    });
    renderApp(<AboutPage />, { commands, route: "/about" });
    await userEvent.click(await screen.findByTestId("copy-diagnostics"));
    const dialog = await screen.findByRole("dialog", { name: "Diagnostics for support" });
    expect(await within(dialog).findByTestId("error-state")).toHaveTextContent("The log folder cannot be read.");
    expect(within(dialog).queryByTestId("diagnostics-copy")).not.toBeInTheDocument();
  });

  it("refuses an http update address under the field and keeps the setting it had", async () => {
    const { state, commands } = renderAbout(updatesOn());
    const input = await screen.findByTestId("update-url-input");
    expect(input).toHaveValue(UPDATE_URL);
    expect(screen.getByTestId("update-setting")).toHaveTextContent(`TenantAtlas asks ${UPDATE_URL} for new versions`);

    await userEvent.clear(input);
    await userEvent.type(input, "http://updates.example.com/latest.json");
    await userEvent.click(screen.getByTestId("update-url-save"));

    const refusal = "The update address must start with https:// (it was http://); nothing was changed.";
    expect(await screen.findByText(refusal)).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(expect.stringContaining(refusal));
    // What was typed stays to be corrected; the setting is the one before.
    expect(input).toHaveValue("http://updates.example.com/latest.json");
    expect(screen.getByTestId("update-setting")).toHaveTextContent(`TenantAtlas asks ${UPDATE_URL} for new versions`);
    expect(state.info.update_url).toBe(UPDATE_URL);
    expect(commands.setUpdateUrl).toHaveBeenCalledWith({ url: "http://updates.example.com/latest.json" });
    await waitFor(() => expect(input).toHaveFocus());

    // Typing again clears the refusal.
    await userEvent.type(input, "x");
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("saves an https update address, then turns update checks off", async () => {
    const { state } = renderAbout();
    const next = "https://updates.example.com/v2/latest.json";
    await userEvent.type(await screen.findByTestId("update-url-input"), next);
    await userEvent.click(screen.getByTestId("update-url-save"));

    await waitFor(() =>
      expect(screen.getByTestId("update-setting")).toHaveTextContent(`TenantAtlas asks ${next} for new versions`),
    );
    expect(state.info.update_url).toBe(next);
    expect(screen.getByTestId("update-check")).toBeEnabled();
    expect(screen.getByTestId("update-url-save")).toBeDisabled();

    await userEvent.click(screen.getByTestId("update-url-off"));
    await waitFor(() => expect(screen.getByTestId("update-setting")).toHaveTextContent("Update checks are off."));
    expect(state.info.update_url).toBeNull();
    expect(screen.getByTestId("update-url-input")).toHaveValue("");
    expect(screen.getByTestId("update-check")).toBeDisabled();
  });

  it("says when this is the latest version", async () => {
    renderAbout(updatesOn());
    await userEvent.click(await screen.findByTestId("update-check"));
    expect(await screen.findByTestId("update-result")).toHaveTextContent("You have the latest version (0.1.0).");
    expect(screen.queryByTestId("update-install")).not.toBeInTheDocument();
  });

  it("shows the version on offer with its notes, and installs it once confirmed", async () => {
    const { state, commands } = renderAbout(updatesOn({ offer: updateOffer() }));
    await userEvent.click(await screen.findByTestId("update-check"));

    const result = await screen.findByTestId("update-result");
    expect(result).toHaveTextContent("Version 0.2.0 is available");
    expect(within(result).getByTestId("update-published")).toHaveTextContent("Published 6 Dec 2026 · you have 0.1.0");
    // Plain text, its line breaks kept.
    const notes = within(result).getByTestId("update-notes");
    expect(notes.textContent).toBe("Review packs open faster.\nThe About page shows where the logs are.");
    expect(notes).toHaveStyle({ whiteSpace: "pre-wrap" });

    await userEvent.click(within(result).getByTestId("update-install"));
    const dialog = await screen.findByRole("dialog", { name: "Install the update?" });
    expect(dialog).toHaveTextContent(
      "Download, verify its signature and install TenantAtlas 0.2.0? It takes effect when you restart TenantAtlas.",
    );
    expect(commands.installUpdate).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByTestId("update-install-confirm"));

    await waitFor(() =>
      expect(screen.getByTestId("update-result")).toHaveTextContent(
        "TenantAtlas 0.2.0 is installed. Restart TenantAtlas to use it.",
      ),
    );
    expect(commands.installUpdate).toHaveBeenCalledWith({ version: "0.2.0" });
    expect(state.installed).toBe("0.2.0");
    expect(screen.queryByRole("dialog", { name: "Install the update?" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("update-install")).not.toBeInTheDocument();
  });

  it("installs nothing when the operator cancels", async () => {
    const { commands } = renderAbout(updatesOn({ offer: updateOffer() }));
    await userEvent.click(await screen.findByTestId("update-check"));
    await userEvent.click(await screen.findByTestId("update-install"));
    const dialog = await screen.findByRole("dialog", { name: "Install the update?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog", { name: "Install the update?" })).not.toBeInTheDocument();
    expect(commands.installUpdate).not.toHaveBeenCalled();
    expect(screen.getByTestId("update-result")).toHaveTextContent("Version 0.2.0 is available");
  });

  it("shows the backend's refusal of an update whose signature does not match", async () => {
    const { state } = renderAbout(updatesOn({ offer: updateOffer(), refusal: SIGNATURE_REFUSAL }));
    await userEvent.click(await screen.findByTestId("update-check"));
    await userEvent.click(await screen.findByTestId("update-install"));
    await userEvent.click(await screen.findByTestId("update-install-confirm"));

    const error = await screen.findByTestId("update-install-error");
    expect(error).toHaveRole("alert");
    expect(error).toHaveTextContent("The update was not installed");
    expect(error).toHaveTextContent(SIGNATURE_REFUSAL.message);
    expect(state.installed).toBeNull();
    // The offer stays, to be tried again or checked anew.
    expect(screen.getByTestId("update-result")).toHaveTextContent("Version 0.2.0 is available");
  });

  it("shows the backend's message when the update server cannot be reached", async () => {
    renderAbout(updatesOn({ unreachable: true }));
    await userEvent.click(await screen.findByTestId("update-check"));
    const error = await screen.findByTestId("update-error");
    expect(error).toHaveTextContent("TenantAtlas could not check for updates");
    expect(error).toHaveTextContent(
      "The update server updates.example.com cannot be reached (connection refused). Nothing was changed; try again later.",
    );
    expect(screen.queryByTestId("update-result")).not.toBeInTheDocument();
  });
});
