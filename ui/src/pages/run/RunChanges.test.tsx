import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ChangedObject, RunChanges as Changes } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { run } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { changesSentence, RunChanges } from "./RunChanges";

const TENANT = "tenant-1";

function object(name: string, overrides: Partial<ChangedObject> = {}): ChangedObject {
  return {
    object_type: "settings_catalog",
    display_name: name,
    item_id: `item-${name}`,
    version_id: `version-${name}`,
    previous_version_id: null,
    ...overrides,
  };
}

function changes(overrides: Partial<Changes>): Changes {
  return { added: [], changed: [], removed: [], added_count: 0, changed_count: 0, removed_count: 0, ...overrides };
}

const completedSync = run({
  type: "policy.sync",
  tenant_id: TENANT,
  status: "completed",
  outcome: "succeeded",
  completed_at: "2026-11-22T10:00:05.000Z",
});

describe("RunChanges", () => {
  it("says in words what a sync changed and lists each object with a link to it", async () => {
    const commands = fakeCommands({
      runChanges: vi.fn(async () =>
        changes({
          changed: [object("Defender", { previous_version_id: "version-0" })],
          added: [object("BitLocker"), object("Firewall")],
          removed: [object("Old Wi-Fi", { version_id: null, object_type: "compliance_policy" })],
          changed_count: 1,
          added_count: 2,
          removed_count: 1,
        }),
      ),
    });
    renderApp(<RunChanges run={completedSync} />, { commands });

    expect(await screen.findByTestId("run-changes-sentence")).toHaveTextContent(
      "4 objects differ from the last sync: 1 changed, 2 added, 1 removed.",
    );
    const table = screen.getByRole("table", { name: "What changed" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.getAttribute("data-change"))).toEqual(["changed", "added", "added", "removed"]);
    expect(within(table).getByRole("link", { name: "Defender" })).toHaveAttribute(
      "href",
      `/tenants/${TENANT}/objects/item-Defender`,
    );
    expect(within(rows[3] as HTMLElement).getByText("Compliance policy")).toBeInTheDocument();
    expect(commands.runChanges).toHaveBeenCalledWith({ run_id: completedSync.id });
  });

  it("shows the first twenty of a long list and the rest on request", async () => {
    const added = Array.from({ length: 25 }, (_, n) => object(`Policy ${String(n).padStart(2, "0")}`));
    const commands = fakeCommands({ runChanges: vi.fn(async () => changes({ added, added_count: 25 })) });
    renderApp(<RunChanges run={completedSync} />, { commands });

    const table = await screen.findByRole("table", { name: "What changed" });
    expect(within(table).getAllByRole("row")).toHaveLength(21);
    await userEvent.click(screen.getByRole("button", { name: "Show 5 more objects" }));
    expect(within(table).getAllByRole("row")).toHaveLength(26);
  });

  it("is absent for work that keeps no configuration, and asks nothing while a sync runs", () => {
    const commands = fakeCommands();
    renderApp(<RunChanges run={{ ...completedSync, type: "baseline_compare" }} />, { commands });
    // An inventory sync keeps no versions: it cannot say what changed.
    renderApp(<RunChanges run={{ ...completedSync, type: "inventory_sync" }} />, { commands });
    renderApp(<RunChanges run={{ ...completedSync, status: "running", completed_at: null }} />, { commands });
    expect(screen.queryByTestId("run-changes")).toBeNull();
    expect(commands.runChanges).not.toHaveBeenCalled();
  });

  it("says when nothing changed", () => {
    expect(changesSentence(changes({}))).toBe("Nothing changed since the last sync.");
    expect(changesSentence(changes({ changed_count: 1 }))).toBe("1 object differs from the last sync: 1 changed.");
  });
});
