import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BaselineProfileId, ImportRequest, Tenant, TenantId } from "../bindings/types";
import { useCommands } from "../platform";
import { refreshBaselines } from "./baselineCache";
import { queryKeys } from "./queryKeys";
import "./register";

/** Reads a backup folder of another tool and answers what an import would store; writes nothing. */
export function usePreviewImport() {
  const commands = useCommands();
  return useMutation({
    mutationFn: (request: ImportRequest) => commands.previewImport(request),
  });
}

/** The key of a tenant's import while it runs: its dialog stays open (and cannot be closed) until it answers. */
export function importMutationKey(tenantId: TenantId) {
  return ["import-backup", tenantId] as const;
}

/** What to import: the folder, and the baseline profile to make a snapshot for from it (null: none). */
export type ImportChoice = { folder: string; baselineProfileId: BaselineProfileId | null };

/**
 * Imports a backup folder into the tenant as an imported backup set, and a baseline snapshot of
 * the chosen profile from it. The tenant's backup sets, its objects' versions and the
 * workspace's audit log are read again (an import that finds the folder imported before stores
 * nothing, and reading again changes nothing then); the baselines too when a snapshot was made.
 */
export function useImportBackup(tenant: Pick<Tenant, "id" | "workspace_id">) {
  const commands = useCommands();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: importMutationKey(tenant.id),
    mutationFn: ({ folder, baselineProfileId }: ImportChoice) =>
      commands.importBackup(
        baselineProfileId === null
          ? { tenant_id: tenant.id, folder }
          : { tenant_id: tenant.id, folder, baseline_profile_id: baselineProfileId },
      ),
    onSuccess: (report) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.backupSets(tenant.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inventoryObjects(tenant.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(tenant.workspace_id) }),
        report.snapshot === undefined ? undefined : refreshBaselines(queryClient),
      ]),
  });
}
