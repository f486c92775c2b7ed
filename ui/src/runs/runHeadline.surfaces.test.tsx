import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { LastSync, NotificationsResponse, ObjectTypeInfo, OperationRun } from "../bindings/types";
import { InboxButton } from "../inbox";
import { TenantPage } from "../pages/tenant/TenantPage";
import { fakeCommands, runIndex } from "../test/fakeCommands";
import { fakePlatform } from "../test/fakePlatform";
import { demoTenants, notification, objectTypes, run, startResponse, workspaceSummary } from "../test/fixtures";
import { renderApp } from "../test/render";

const contoso = demoTenants[0] as (typeof demoTenants)[number];

const catalog: ObjectTypeInfo[] = [
  ...objectTypes,
  { key: "conditional_access_policy", label: "Conditional access policy", category: "conditional_access" },
];

const completedAt = "2026-11-22T10:00:05.000Z";

/**
 * The operator's run: two settings catalog policies could not be reached, one conditional access
 * policy failed with a server error — written last, so "the first entry" and "the last entry"
 * blame different types.
 */
const failedRun: OperationRun = run({
  id: "r-42",
  tenant_id: contoso.id,
  status: "completed",
  outcome: "partially_succeeded",
  started_at: "2026-11-22T10:00:01.000Z",
  completed_at: completedAt,
  stale_at: null,
  summary_counts: { total: 2, processed: 2, items: 40, failed: 3 },
  failure_summary: [
    {
      code: "graph.unreachable",
      reason_code: "graph.unreachable",
      message: "Settings catalog policy 'Edge baseline' (sc-1): Microsoft Graph could not be reached.",
    },
    {
      code: "graph.unreachable",
      reason_code: "graph.unreachable",
      message: "Settings catalog policy 'Defender' (sc-2): Microsoft Graph could not be reached.",
    },
    {
      code: "graph.server_error",
      reason_code: "graph.server_error",
      message: "Conditional access policy 'Block legacy auth' (ca-1): the service answered 503.",
    },
  ],
  context: {
    result: {
      kind: "inventory_sync",
      selection: { policy_types: [], categories: [], include_foundations: true, include_dependencies: true },
      types: {
        settings_catalog: { listed: 40, read: 38, failed: 2, pages: 1, complete: false },
        conditional_access_policy: { listed: 5, read: 4, failed: 1, pages: 1, complete: false },
      },
    },
  },
});

const HEADLINE = "Microsoft unreachable · Settings catalog policy";

/** Text the operator can see (or hover) that contains `code`. */
function visibleCode(code: string): string[] {
  const shown = document.body.textContent?.includes(code) ? ["text"] : [];
  const titled = [...document.querySelectorAll("[title], [aria-label]")]
    .filter((element) => `${element.getAttribute("title")}${element.getAttribute("aria-label")}`.includes(code))
    .map((element) => element.outerHTML);
  return [...shown, ...titled];
}

describe("one headline for a failed run", () => {
  it("the toast, the inbox entry and the tenant header blame the same reason and type, never in code", async () => {
    let current: OperationRun = run({ id: "r-42", tenant_id: contoso.id, created_at: new Date().toISOString() });
    let ended = false;
    const lastSync: LastSync = {
      tenant_id: contoso.id,
      kind: "inventory",
      outcome: "partially_succeeded",
      completed_at: completedAt,
    };
    const inbox = (): NotificationsResponse =>
      ended
        ? {
            // The backend's words: its body is the failure it stored last.
            items: [
              notification({
                id: "n-42",
                run_id: "r-42",
                tone: "warning",
                title: "Inventory sync for Contoso Pharma: partially succeeded",
                body: "Conditional access policy 'Block legacy auth' (ca-1): the service answered 503.",
              }),
            ],
            unread: 1,
            batches: [],
          }
        : { items: [], unread: 0, batches: [] };
    const commands = fakeCommands({
      getTenant: vi.fn(async () => ({
        ...contoso,
        // The connection check that failed the same way.
        connection_check: {
          state: "failed" as const,
          checked_at: completedAt,
          reason_code: "graph.unreachable" as const,
        },
      })),
      startSync: vi.fn(async () => startResponse("queued", "Inventory sync of Contoso Pharma queued", { id: "r-42" })),
      getRun: vi.fn(async () => current),
      listObjectTypes: vi.fn(async () => catalog),
      listLastSyncs: vi.fn(async () => (ended ? [lastSync] : [])),
      listRuns: vi.fn(runIndex([{ run: failedRun, tenant_name: "Contoso Pharma", initiator_name: "Ada Lovelace" }])),
      listNotifications: vi.fn(async () => inbox()),
      inventoryCounts: vi.fn(async () => []),
    });
    const platform = fakePlatform();
    renderApp(
      <>
        <InboxButton />
        <Routes>
          <Route path="/tenants/:tenantId" element={<TenantPage />} />
          <Route path="*" element={null} />
        </Routes>
      </>,
      { commands, platform, workspace: workspaceSummary(), route: `/tenants/${contoso.id}` },
    );
    await waitFor(() => expect(platform.listeners()).toBe(1));

    // The connection check is said in words.
    const connection = await screen.findByTestId("connection-reason");
    expect(connection).toHaveTextContent("Microsoft unreachable");
    expect(connection).not.toHaveAttribute("title");

    await userEvent.click(screen.getByTestId("sync-inventory"));
    await screen.findByTestId("intent-toast");
    current = failedRun;
    ended = true;
    platform.emitRuns(["completed", failedRun]);

    // The toast.
    const toast = await screen.findByTestId("completion-toast");
    const toastHeadline = within(toast).getByTestId("run-headline");
    expect(toastHeadline).toHaveTextContent(HEADLINE);
    expect(toast).toHaveTextContent("1 more failure for another reason");
    expect(toast).not.toHaveTextContent("Conditional access policy");

    // The tenant header.
    const header = await screen.findByTestId("sync-problem-headline");
    expect(header).toHaveTextContent(HEADLINE);
    expect(screen.getByTestId("sync-problem")).toHaveTextContent("Last inventory sync partially succeeded:");
    expect(within(screen.getByTestId("sync-problem")).getByTestId("view-run")).toHaveAttribute("href", "/runs/r-42");

    // The inbox entry: the run headline, not the failure the backend happened to store last.
    await userEvent.click(await screen.findByRole("button", { name: "Notifications (1 unread)" }));
    const entry = await screen.findByTestId("inbox-item");
    const inboxHeadline = await within(entry).findByTestId("inbox-headline");
    expect(inboxHeadline).toHaveTextContent(HEADLINE);
    expect(entry).not.toHaveTextContent("Conditional access policy");

    // One headline, word for word.
    expect(new Set([toastHeadline.textContent, header.textContent, inboxHeadline.textContent]).size).toBe(1);
    // The code is nowhere an operator reads it.
    expect(visibleCode("graph.unreachable")).toEqual([]);
    expect(visibleCode("graph.server_error")).toEqual([]);
  });

  it("says an unknown reason in a generic sentence on every surface", async () => {
    const strange: OperationRun = {
      ...failedRun,
      id: "r-43",
      failure_summary: [
        { code: "graph.new_thing", reason_code: "graph.new_thing" as never, message: "Something new." },
      ],
      context: {},
    };
    const commands = fakeCommands({
      listObjectTypes: vi.fn(async () => catalog),
      listLastSyncs: vi.fn(async () => [
        {
          tenant_id: contoso.id,
          kind: "inventory" as const,
          outcome: "partially_succeeded" as const,
          completed_at: completedAt,
        },
      ]),
      listRuns: vi.fn(runIndex([{ run: strange, tenant_name: "Contoso Pharma", initiator_name: "Ada Lovelace" }])),
      getRun: vi.fn(async () => strange),
      listNotifications: vi.fn(async () => ({
        items: [notification({ id: "n-43", run_id: "r-43", tone: "warning", body: "graph.new_thing" })],
        unread: 1,
        batches: [],
      })),
      inventoryCounts: vi.fn(async () => []),
    });
    renderApp(
      <>
        <InboxButton />
        <Routes>
          <Route path="/tenants/:tenantId" element={<TenantPage />} />
          <Route path="*" element={null} />
        </Routes>
      </>,
      { commands, workspace: workspaceSummary(), route: `/tenants/${contoso.id}` },
    );
    const sentence = "The run failed for a reason this version does not describe";
    expect(await screen.findByTestId("sync-problem-headline")).toHaveTextContent(sentence);
    await userEvent.click(await screen.findByRole("button", { name: "Notifications (1 unread)" }));
    expect(await screen.findByTestId("inbox-headline")).toHaveTextContent(sentence);
    expect(visibleCode("graph.new_thing")).toEqual([]);
  });
});
