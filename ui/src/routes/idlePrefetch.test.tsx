import { QueryClient } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { OperationsPage } from "../pages/operations/OperationsPage";
import { fakeCommands } from "../test/fakeCommands";
import { workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";
import { prefetchFirstVisits } from "./idlePrefetch";

const keysOf = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .map((query) => JSON.stringify(query.queryKey));

describe("prefetchFirstVisits", () => {
  it("reads what the first visit of Operations reads, under the same keys", async () => {
    const workspace = workspaceSummary();
    const prefetched = new QueryClient();
    await prefetchFirstVisits(prefetched, fakeCommands(), workspace.workspace.id);

    const page = renderApp(
      <Routes>
        <Route path="/operations" element={<OperationsPage />} />
      </Routes>,
      { workspace, route: "/operations" },
    );
    await screen.findByTestId("runs-overview");
    const read = keysOf(page.queryClient);
    const missing = keysOf(prefetched).filter((key) => !read.includes(key));
    expect(missing).toEqual([]);
    expect(keysOf(prefetched)).toHaveLength(4);
  });

  it("does not read again what is cached", async () => {
    const workspace = workspaceSummary();
    const client = new QueryClient();
    const commands = fakeCommands();
    await prefetchFirstVisits(client, commands, workspace.workspace.id);
    await prefetchFirstVisits(client, commands, workspace.workspace.id);
    expect(vi.mocked(commands.runsOverview)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(commands.listRuns)).toHaveBeenCalledTimes(1);
  });
});
