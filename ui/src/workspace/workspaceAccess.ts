import { notifications } from "@mantine/notifications";
import { type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useNavigate } from "react-router";
import { queryKeys } from "../api";
import type { Workspace, WorkspaceId, WorkspaceSummary } from "../bindings/types";
import { isApiError } from "../platform";
import { pickWorkspace, useSelectedWorkspaceId } from "./selectedWorkspace";

/**
 * Whether a command's refusal says the workspace is not there for the operator: the backend
 * answers `not_found` naming the Workspace ("Workspace was not found") both when it no longer
 * exists and when the operator is no longer one of its members.
 */
export function isWorkspaceGone(error: unknown): boolean {
  return isApiError(error) && error.code === "not_found" && /^Workspace\b/.test(error.message);
}

/** The notice's title: the workspace by its last known name, or "this workspace" when it had none. */
export function lostAccessTitle(name: string): string {
  const known = name.trim();
  return `You no longer have access to ${known === "" ? "this workspace" : known}`;
}

/** The id of the notice about a workspace: shown once however many signs of the loss arrive. */
export function lostAccessToastId(workspaceId: WorkspaceId): string {
  return `workspace-access-lost-${workspaceId}`;
}

/** The workspace a query is about, when it lives under one (`["workspaces", id, …]`). */
function workspaceOfQuery([root, id]: QueryKey): WorkspaceId | null {
  return root === "workspaces" && typeof id === "string" ? id : null;
}

/**
 * After a command was refused because its workspace is gone: a read about that workspace drops
 * it from the cached list at once (the backend has just said the operator cannot see it, so no
 * page is left showing the refusal), and the list is read again either way to learn the truth.
 */
function forgetWorkspace(queryClient: QueryClient, workspaceId: WorkspaceId | null): void {
  if (workspaceId !== null) {
    queryClient.setQueryData<WorkspaceSummary[]>(queryKeys.workspaces, (list) =>
      list?.some((summary) => summary.workspace.id === workspaceId)
        ? list.filter((summary) => summary.workspace.id !== workspaceId)
        : list,
    );
  }
  // Several reads of the workspace fail together: one re-read of the list answers them all.
  void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces, exact: true }, { cancelRefetch: false });
}

/**
 * The one place that handles losing access to the workspace on screen while the app is open
 * (removed as a member on another workstation, or a command refused with "Workspace was not
 * found"). Given the workspace list as the query holds it (undefined while unknown), it remembers
 * the workspace on screen; when that one leaves the list, it selects the one the operator now
 * sees (the next of the list, or none: the first run), opens the overview and says so once.
 * A remembered workspace that is already missing at startup is passed over silently.
 */
export function useWorkspaceAccess(workspaces: readonly WorkspaceSummary[] | undefined): void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [selectedId, setSelectedId] = useSelectedWorkspaceId();
  const shown = useRef<Workspace | null>(null);

  useEffect(() => {
    const onError = (error: unknown, workspaceId: WorkspaceId | null) => {
      if (isWorkspaceGone(error)) forgetWorkspace(queryClient, workspaceId);
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") {
        onError(event.action.error, workspaceOfQuery(event.query.queryKey));
      }
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error, null);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient]);

  useEffect(() => {
    if (workspaces === undefined) return;
    const [first, ...rest] = workspaces;
    const next = first === undefined ? null : pickWorkspace([first, ...rest], selectedId);
    const lost = shown.current;
    shown.current = next?.workspace ?? null;
    if (lost === null || workspaces.some((summary) => summary.workspace.id === lost.id)) return;
    notifications.show({
      id: lostAccessToastId(lost.id),
      color: "yellow",
      title: lostAccessTitle(lost.name),
      message: next === null ? "You are not a member of any workspace now." : `Now showing ${next.workspace.name}.`,
      autoClose: false,
    });
    setSelectedId(next?.workspace.id ?? null);
    navigate("/");
  }, [workspaces, selectedId, setSelectedId, navigate]);
}
