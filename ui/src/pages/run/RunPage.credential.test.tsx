import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { RunDetail, WorkspaceSummary } from "../../bindings/types";
import { fakeCommands } from "../../test/fakeCommands";
import { run, runDetail, tenant, workspaceSummary } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { RunPage } from "./RunPage";

/** A real tenant whose credential is stored in some workstation's keyring, not necessarily this one's. */
const real = tenant({
  id: "t-contoso",
  display_name: "Contoso Pharma",
  simulated: false,
  connection: {
    client_id: "9f8e7d6c-0000-4000-8000-00000000c1d1",
    credential_kind: "client_secret",
    credential_ref: "tenantatlas/t-contoso",
    credential_updated_at: "2026-11-21T09:05:00.000Z",
  },
});

const queued = run({ status: "queued", stale_at: null });

function renderRun(detail: RunDetail, workspace: WorkspaceSummary = workspaceSummary()) {
  const commands = fakeCommands({
    runDetail: vi.fn(async () => detail),
    getTenant: vi.fn(async () => real),
    holdCredential: vi.fn(async () => ({
      message:
        "Connected: Contoso Pharma issued a token and its Intune configuration can be read. This workstation now runs its syncs too.",
    })),
  });
  return renderApp(
    <Routes>
      <Route path="/runs/:runId" element={<RunPage />} />
      <Route path="*" element={null} />
    </Routes>,
    { commands, workspace, route: "/runs/r-1" },
  );
}

describe("RunPage waiting for a credential", () => {
  it("says calmly that the run waits for a workstation holding the tenant's credential", async () => {
    renderRun(runDetail(queued, { tenant_name: "Contoso Pharma", waiting_for_credential: true }));

    const notice = await screen.findByTestId("run-credential-wait");
    expect(notice).toHaveTextContent("Waiting for a workstation with this tenant's credential");
    expect(notice).toHaveTextContent(
      "No running TenantAtlas that holds Contoso Pharma's credential is online. It starts as soon as one is — or keep the credential on this workstation too.",
    );
    // Neither an error nor staleness: the freshness display is the usual one.
    expect(notice).not.toHaveAttribute("role", "alert");
    expect(screen.getByTestId("run-freshness")).toHaveTextContent("Active");
    expect(await within(notice).findByTestId("hold-credential")).toHaveTextContent(
      "Keep credential on this workstation",
    );
  });

  it("shows no notice while no credential is awaited", async () => {
    renderRun(runDetail(queued, { tenant_name: "Contoso Pharma", waiting_for_credential: false }));

    await screen.findByTestId("run-lifecycle");
    expect(screen.queryByTestId("run-credential-wait")).not.toBeInTheDocument();
    expect(screen.queryByTestId("hold-credential")).not.toBeInTheDocument();
  });

  it("keeps the credential here from the notice, then reads the run again", async () => {
    const { commands } = renderRun(runDetail(queued, { tenant_name: "Contoso Pharma", waiting_for_credential: true }));
    await userEvent.click(await screen.findByTestId("hold-credential"));
    const dialog = await screen.findByRole("dialog", { name: "Keep this tenant's credential on this workstation" });
    await userEvent.type(within(dialog).getByLabelText(/Client secret value/), "s3cr3t~value");
    const readsBefore = vi.mocked(commands.runDetail).mock.calls.length;
    await userEvent.click(within(dialog).getByRole("button", { name: "Keep credential" }));

    expect(commands.holdCredential).toHaveBeenCalledWith({
      tenant_id: "t-contoso",
      credential: { kind: "client_secret", secret: "s3cr3t~value" },
    });
    expect(await screen.findByText(/This workstation now runs its syncs too\./)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(vi.mocked(commands.runDetail).mock.calls.length).toBeGreaterThan(readsBefore);
  });

  it("tells members who may not sync the tenant why the run waits, without the action", async () => {
    const { commands } = renderRun(
      runDetail(queued, { tenant_name: "Contoso Pharma", waiting_for_credential: true }),
      workspaceSummary({}, { role: "readonly", capabilities: ["tenant.view", "operations.view"] }),
    );

    expect(await screen.findByTestId("run-credential-wait")).toBeInTheDocument();
    // The tenant has been read: the action is left out for the member, not for want of it.
    await waitFor(() => expect(commands.getTenant).toHaveBeenCalledWith({ tenant_id: "t-contoso" }));
    await act(() => vi.mocked(commands.getTenant).mock.results[0]?.value);
    expect(screen.queryByTestId("hold-credential")).not.toBeInTheDocument();
  });
});
