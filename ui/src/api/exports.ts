import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  ExportBackupFolderRequest,
  ExportDocumentationRequest,
  ExportVersionRequest,
  WorkspaceId,
} from "../bindings/types";
import { useCommands } from "../platform";
import { queryKeys } from "./queryKeys";
import "./register";

/** Writes one policy version as its normalised JSON to the Downloads folder; answers where. */
export function useExportPolicyVersion() {
  const commands = useCommands();
  return useMutation({
    mutationFn: (request: ExportVersionRequest) => commands.exportPolicyVersion(request),
  });
}

/**
 * Writes a backup set, or the tenant's latest versions, into a folder the operator chose; answers
 * what it wrote. The export is audited, so the workspace's audit log is read again.
 */
export function useExportBackupFolder(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ExportBackupFolderRequest) => commands.exportBackupFolder(request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  });
}

/**
 * Writes a readable document of a tenant's configuration (a backup set, or its latest versions)
 * to the file the operator chose; answers where and how big. Audited like the folder export, so
 * the workspace's audit log is read again.
 */
export function useExportDocumentation(workspaceId: WorkspaceId) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ExportDocumentationRequest) => commands.exportDocumentation(request),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  });
}
