import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UPDATE_CHECK_AFTER_MS } from "../api";
import type { Commands } from "../bindings/commands";
import { fakeCommands, runIndex } from "../test/fakeCommands";
import { fakeUpdates, updateOffer, updateState } from "../test/fakeUpdates";
import { appInfo, run, runRow, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { AppFrame } from "./AppFrame";
import { NAV_AUTO_COLLAPSE_BELOW, NAV_COLLAPSED_KEY } from "./frame/useNavCollapsed";

/** The window is `width` px wide, as far as media queries can tell. */
function windowWidth(width: number) {
  vi.spyOn(window, "matchMedia").mockImplementation((query: string) => {
    const maxWidth = /max-width:\s*([\d.]+)px/.exec(query);
    return {
      matches: maxWidth !== null && width <= Number(maxWidth[1]),
      media: query,
      onchange: null,
      addListener: vi.fn(),
      removeListener: vi.fn(),
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
      dispatchEvent: vi.fn(),
    };
  });
}

const inFiveMinutes = () => new Date(Date.now() + 300_000).toISOString();

function renderFrame(overrides: Partial<Commands> = {}) {
  const commands = fakeCommands(overrides);
  return renderApp(
    <AppFrame appInfo={appInfo()}>
      <div data-testid="page" />
    </AppFrame>,
    { commands, workspace: workspaceSummary(), route: "/tenants" },
  );
}

const navigation = () => screen.getByRole("navigation", { name: "Main navigation" });
/** The operator's remembered choice: collapsed (true), expanded (false) or none (null). */
const choice = (): boolean | null => JSON.parse(window.localStorage.getItem(NAV_COLLAPSED_KEY) ?? "null");

describe("AppFrame navigation", () => {
  it("collapses to icons named by tooltips from a labelled toggle, and remembers it", async () => {
    windowWidth(1440);
    const { unmount } = renderFrame();
    expect(navigation()).not.toHaveAttribute("data-collapsed");
    expect(within(navigation()).getByRole("link", { name: "Tenants" })).toHaveTextContent("Tenants");

    const toggle = screen.getByRole("button", { name: "Collapse navigation" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(toggle).toHaveAttribute("aria-controls", navigation().id);
    await userEvent.click(toggle);

    expect(navigation()).toHaveAttribute("data-collapsed", "true");
    const links = within(navigation()).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("aria-label"))).toEqual([
      "Search",
      "Overview",
      "Tenants",
      "Baselines",
      "Findings",
      "Review packs",
      "Operations",
      "Schedules",
      "Members",
      "Audit log",
    ]);
    // Icons only: the names are for tooltips and assistive technology.
    for (const link of links) expect(link).toHaveTextContent("");
    await userEvent.hover(within(navigation()).getByRole("link", { name: "Findings" }));
    expect(await screen.findByRole("tooltip", { name: "Findings" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Expand navigation" })).toHaveAttribute("aria-expanded", "false");
    expect(choice()).toBe(true);

    unmount();
    renderFrame();
    expect(navigation()).toHaveAttribute("data-collapsed", "true");
  });

  it(`collapses by itself below ${NAV_AUTO_COLLAPSE_BELOW} px unless the operator expands it`, async () => {
    windowWidth(1024);
    const { unmount } = renderFrame();
    expect(navigation()).toHaveAttribute("data-collapsed", "true");
    expect(choice()).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Expand navigation" }));
    expect(navigation()).not.toHaveAttribute("data-collapsed");
    expect(choice()).toBe(false);
    unmount();
    const second = renderFrame();
    // The operator's choice outlasts the narrow window.
    expect(navigation()).not.toHaveAttribute("data-collapsed");

    // Collapsing again is what the width would do anyway: the navigation follows the window again.
    await userEvent.click(screen.getByRole("button", { name: "Collapse navigation" }));
    expect(choice()).toBeNull();
    second.unmount();
    windowWidth(1440);
    renderFrame();
    expect(navigation()).not.toHaveAttribute("data-collapsed");
  });

  it("keeps the workspace switcher and the active-run count in the collapsed navigation", async () => {
    windowWidth(960);
    const active = run({ status: "running", started_at: new Date().toISOString(), stale_at: inFiveMinutes() });
    renderFrame({ listRuns: vi.fn(runIndex([runRow(active)])) });

    const operations = await within(navigation()).findByRole("link", { name: "Operations (1 active)" });
    expect(within(operations).getByTestId("nav-active-count")).toHaveTextContent("1");

    const switcher = screen.getByTestId("workspace-switcher");
    expect(switcher).toHaveAccessibleName("Workspace: Northwind MSP (demo)");
    expect(switcher).toHaveTextContent("NM");
    await userEvent.click(switcher);
    expect(await screen.findByRole("menuitem", { name: "Northwind MSP (demo)" })).toHaveAttribute(
      "aria-current",
      "true",
    );
  });
});

describe("AppFrame header", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens About from the operator's menu", async () => {
    renderFrame();
    const menu = screen.getByRole("button", { name: "Ada Lovelace, account menu" });
    expect(within(menu).getByTestId("current-user")).toHaveTextContent("Ada Lovelace");
    await userEvent.click(menu);
    expect(await screen.findByText("Signed in as local:ada")).toBeInTheDocument();
    const about = screen.getByRole("menuitem", { name: "About TenantAtlas" });
    expect(about).toHaveAttribute("data-testid", "open-about");
    await userEvent.click(about);
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/about$/);
  });

  it("asks the update address once, a while after start, and links a newer version to About", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const info = appInfo({ update_url: "https://updates.example.com/latest.json" });
    const updates = fakeUpdates(updateState({ info, offer: updateOffer() }));
    renderApp(
      <AppFrame appInfo={info}>
        <div data-testid="page" />
      </AppFrame>,
      { commands: fakeCommands(updates), workspace: workspaceSummary(), route: "/tenants" },
    );
    // Not while the first screen loads.
    await act(() => vi.advanceTimersByTimeAsync(UPDATE_CHECK_AFTER_MS - 100));
    expect(updates.checkForUpdate).not.toHaveBeenCalled();

    await act(() => vi.advanceTimersByTimeAsync(100));
    const badge = await screen.findByTestId("update-available-badge");
    expect(badge).toHaveTextContent("Update 0.2.0");
    expect(badge).toHaveAttribute("href", "/about");
    await userEvent.click(badge);
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/about$/);
    expect(updates.checkForUpdate).toHaveBeenCalledTimes(1);
  });

  it("shows nothing when there is no newer version, the check fails, or updates are off", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const on = appInfo({ update_url: "https://updates.example.com/latest.json" });
    const cases = [
      { info: on, state: updateState({ info: on }) },
      { info: on, state: updateState({ info: on, offer: updateOffer(), unreachable: true }) },
      { info: appInfo(), state: updateState({ offer: updateOffer() }) },
    ];
    for (const { info, state } of cases) {
      const updates = fakeUpdates(state);
      const { unmount } = renderApp(
        <AppFrame appInfo={info}>
          <div data-testid="page" />
        </AppFrame>,
        { commands: fakeCommands(updates), workspace: workspaceSummary(), route: "/tenants" },
      );
      await act(() => vi.advanceTimersByTimeAsync(UPDATE_CHECK_AFTER_MS));
      await waitFor(() => expect(updates.checkForUpdate).toHaveBeenCalledTimes(info.update_url === null ? 0 : 1));
      expect(screen.queryByTestId("update-available-badge")).not.toBeInTheDocument();
      unmount();
    }
  });
});
