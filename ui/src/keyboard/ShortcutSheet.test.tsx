import { Button, Checkbox, Modal, Textarea, TextInput } from "@mantine/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { AppFrame } from "../components/AppFrame";
import { appInfo, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";

function renderFrame(page: ReactNode = <TextInput label="Filter the page" />) {
  const user = userEvent.setup();
  renderApp(<AppFrame appInfo={appInfo()}>{page}</AppFrame>, { workspace: workspaceSummary(), route: "/" });
  return { user };
}

const sheet = () => screen.findByRole("dialog", { name: "Keyboard shortcuts" });
const sheetGone = () =>
  waitFor(() => expect(screen.queryByRole("dialog", { name: "Keyboard shortcuts" })).not.toBeInTheDocument());

describe("Keyboard shortcut sheet", () => {
  it("opens with ? and lists the app's shortcuts by where they work; Esc closes it", async () => {
    const { user } = renderFrame();
    await user.keyboard("?");
    const dialog = await sheet();

    const sections = within(dialog).getAllByRole("region");
    expect(sections.map((section) => section.getAttribute("aria-label"))).toEqual([
      "Anywhere",
      "Command palette",
      "Tables: Overview, Tenants, Inventory, Operations, Findings",
      "Column edges (Tab to one in a table's header)",
      "Audit log",
      "Search page",
      "Compare with another tenant: its objects",
    ]);
    const rows = (name: string) =>
      within(within(dialog).getByRole("region", { name }))
        .getAllByTestId("shortcut")
        .map((row) => row.textContent);
    expect(rows("Anywhere")).toEqual([
      "Ctrl+KFind a tenant, object, run or page (command palette)",
      "?Show these shortcuts (outside text fields)",
      "EscClose the dialog or drawer on top",
    ]);
    expect(rows("Tables: Overview, Tenants, Inventory, Operations, Findings")).toEqual([
      "↑or↓Move the highlighted row",
      "Page UporPage DownMove the highlighted row by a screen",
      "HomeorEndHighlight the first or the last row",
      "EnterOpen the highlighted row",
      "SpaceFindings: select or unselect the highlighted finding (members who may acknowledge)",
      "SpaceTenants: select or unselect the highlighted tenant (members who may sync or manage tenants)",
      "EscTenants: clear the selection",
      "Shift+ClickTenants: select every row from the one clicked before",
    ]);
    expect(rows("Column edges (Tab to one in a table's header)")).toEqual([
      "←or→Move the edge: narrow or widen the column (with Shift: further)",
      "HomeorEndMake the column as narrow or as wide as it may be",
    ]);
    expect(rows("Search page")).toEqual([
      "↓From the search box: move into the results",
      "↑or↓Move to the previous or the next result (↑ on the first: back to the box)",
      "HomeorEndMove to the first or the last result",
      "EnterOpen the result",
    ]);
    expect(rows("Compare with another tenant: its objects")).toEqual([
      "↓From the name filter: move into the list of objects",
      "↑or↓Move to the previous or the next object (↑ on the first: back to the filter)",
      "HomeorEndMove to the first or the last object",
      "EnterCompare with the object",
    ]);

    await user.keyboard("{Escape}");
    await sheetGone();
  });

  it("does not open while typing: ? in a text field, a text area or the palette is text", async () => {
    const { user } = renderFrame(
      <>
        <TextInput label="Filter the page" />
        <Textarea label="Note" />
        <Checkbox label="Show archived" />
      </>,
    );
    await user.click(screen.getByRole("textbox", { name: "Filter the page" }));
    await user.keyboard("what?");
    expect(screen.getByRole("textbox", { name: "Filter the page" })).toHaveValue("what?");
    await user.click(screen.getByRole("textbox", { name: "Note" }));
    await user.keyboard("?");
    expect(screen.getByRole("textbox", { name: "Note" })).toHaveValue("?");

    await user.keyboard("{Control>}k{/Control}");
    const input = await screen.findByRole("combobox", { name: "Search tenants, objects, runs and pages" });
    await waitFor(() => expect(input).toHaveFocus());
    await user.keyboard("?");
    expect(input).toHaveValue("?");
    expect(screen.queryByRole("dialog", { name: "Keyboard shortcuts" })).not.toBeInTheDocument();
    await user.keyboard("{Escape}");

    // A checkbox takes no text: there ? is the shortcut.
    await user.click(screen.getByRole("checkbox", { name: "Show archived" }));
    await user.keyboard("?");
    await sheet();
  });

  it("opens from the header button, and Ctrl+K moves from it to the palette", async () => {
    const { user } = renderFrame();
    await user.click(screen.getByRole("button", { name: "Keyboard shortcuts" }));
    await sheet();
    await user.keyboard("{Control>}k{/Control}");
    await screen.findByRole("dialog", { name: "Command palette" });
    await sheetGone();
    const input = screen.getByRole("combobox", { name: "Search tenants, objects, runs and pages" });
    await waitFor(() => expect(input).toHaveFocus());
    await user.keyboard("audit{Enter}");
    expect(screen.getByTestId("location")).toHaveTextContent("/audit");
  });

  it("opens over no other dialog", async () => {
    const { user } = renderFrame(
      <Modal opened onClose={() => undefined} title="Add tenant">
        <Button>Next</Button>
      </Modal>,
    );
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.keyboard("?");
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.queryByRole("dialog", { name: "Keyboard shortcuts" })).not.toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
  });
});
