import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateDemoWorkspaceResponse } from "../bindings/types";
import { useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

type CreateDemoOptions = {
  /**
   * Runs before the workspace list is refreshed. Refreshing it swaps the first-run page for the
   * app frame, which unmounts the caller, so per-call `mutate` callbacks could be lost.
   */
  onCreated?: (response: CreateDemoWorkspaceResponse) => void;
};

export function useCreateDemoWorkspace({ onCreated }: CreateDemoOptions = {}) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => commands.createDemoWorkspace(),
    // Awaited so the button stays busy until the new workspace list has arrived.
    onSuccess: async (response) => {
      onCreated?.(response);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaces }),
        queryClient.invalidateQueries({ queryKey: queryKeys.allTenants }),
      ]);
    },
  });
}
