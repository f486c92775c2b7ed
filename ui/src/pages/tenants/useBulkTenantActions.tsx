import { List, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useSetTenantStatus, useStartSync } from "../../api";
import type { ApiError, SyncKind, Tenant, TenantSkipped, TenantStart } from "../../bindings/types";
import { SYNC_NOUN, syncRunLabel, toastBatchStarted, useRunWatch } from "../../runs";
import {
  type LeftOut,
  planStatus,
  planSync,
  type StatusChange,
  statusSummary,
  targetStatus,
  tenantCount,
} from "./bulkPlan";

function skipped({ tenant, reason }: LeftOut): TenantSkipped {
  return { tenant_id: tenant.id, display_name: tenant.display_name, reason };
}

function refusal(error: unknown): string {
  const message = (error as Partial<ApiError> | null)?.message;
  return typeof message === "string" && message !== "" ? message : "The request was refused.";
}

/**
 * Sync, pause and resume for the tenants selected on the Tenants page, one command per tenant
 * (start_sync, set_tenant_status), each tenant's refusal kept with its reason. A sync is summed
 * up and followed to its end by one batch toast, as "Sync all" is; a status change by one toast
 * saying how many changed and why the others did not.
 */
export function useBulkTenantActions() {
  const startSync = useStartSync();
  const setStatus = useSetTenantStatus();
  const watch = useRunWatch();
  const [pending, setPending] = useState<"sync" | StatusChange | null>(null);

  const sync = async (tenants: readonly Tenant[], kind: SyncKind) => {
    const { eligible, leftOut } = planSync(tenants);
    setPending("sync");
    const started: TenantStart[] = [];
    const refused: TenantSkipped[] = leftOut.map(skipped);
    // One after another: the same order as the table, and no burst of writes on the store.
    for (const tenant of eligible) {
      try {
        const start = await startSync.mutateAsync({ tenant_id: tenant.id, kind });
        started.push({ tenant_id: tenant.id, display_name: tenant.display_name, start });
      } catch (error) {
        refused.push(skipped({ tenant, reason: `${tenant.display_name}: ${refusal(error)}` }));
      }
    }
    setPending(null);
    const batch = toastBatchStarted({
      title: `${syncRunLabel(kind)} of ${tenantCount(tenants.length)}`,
      response: { started, skipped: refused },
      noun: SYNC_NOUN,
      nothing: "None of the selected tenants can be synced.",
      "data-testid": "bulk-sync-toast",
    });
    watch({
      runs: started.map((entry) => entry.start.run),
      tenantNames: Object.fromEntries(started.map((entry) => [entry.tenant_id, entry.display_name])),
      batch,
    });
  };

  const changeStatus = async (tenants: readonly Tenant[], change: StatusChange) => {
    const { eligible, leftOut } = planStatus(tenants, change);
    setPending(change);
    let changed = 0;
    const refused: string[] = [];
    for (const tenant of eligible) {
      try {
        await setStatus.mutateAsync({ tenant_id: tenant.id, status: targetStatus(change) });
        changed += 1;
      } catch (error) {
        refused.push(`${tenant.display_name}: ${refusal(error)}`);
      }
    }
    setPending(null);
    const reasons = [...leftOut.map((left) => left.reason), ...refused];
    notifications.show({
      color: refused.length > 0 ? "red" : reasons.length > 0 ? "yellow" : "green",
      title: statusSummary(change, changed, refused.length),
      autoClose: reasons.length > 0 ? false : 5_000,
      message: (
        <Stack gap={4} data-testid="bulk-status-toast">
          {reasons.length > 0 && (
            <>
              <Text size="sm">{tenantCount(reasons.length)} not changed:</Text>
              <List size="sm" spacing={2}>
                {reasons.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      ),
    });
  };

  return { sync, changeStatus, pending };
}
