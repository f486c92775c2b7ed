import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { WorkspaceId } from "../bindings/types";
import { CommandsProvider } from "../platform";
import { fakeCommands } from "../test/fakeCommands";
import { ACTIVE_RUNS_FILTER, useRunIndexPages, useRunsOverview } from "./runQueries";

const WORKSPACE = "00000000-0000-4000-8000-000000000001" as WorkspaceId;

function OperationsData() {
  useRunsOverview(WORKSPACE, null);
  useRunIndexPages(WORKSPACE, ACTIVE_RUNS_FILTER, [0, 1], 100, null);
  return null;
}

describe("run queries", () => {
  it("ask for the overview and the pages in view while rendering, before the page is painted", () => {
    const commands = fakeCommands();
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    // A server render runs no effects: a query's own fetch (started in one) never happens here.
    renderToString(
      <QueryClientProvider client={client}>
        <CommandsProvider commands={commands}>
          <OperationsData />
        </CommandsProvider>
      </QueryClientProvider>,
    );

    expect(commands.runsOverview).toHaveBeenCalledTimes(1);
    expect(commands.listRuns).toHaveBeenCalledTimes(2);
    expect(commands.listRuns).toHaveBeenCalledWith({
      workspace_id: WORKSPACE,
      filter: expect.objectContaining({ tab: "active", offset: 100, limit: 100 }),
    });
  });
});
