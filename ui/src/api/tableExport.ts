import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ExportTableRequest } from "../bindings/types";
import { useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

/**
 * Writes a table as the operator filtered it to a CSV or JSON file in the Downloads folder;
 * answers where. The export is audited, so the workspace's audit log is read again.
 */
export function useExportTable() {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ExportTableRequest) => commands.exportTable(request),
    onSuccess: (_, request) => void queryClient.invalidateQueries({ queryKey: queryKeys.audit(request.workspace_id) }),
  });
}
