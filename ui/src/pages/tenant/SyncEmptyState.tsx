import { Button } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { SyncKind, Tenant } from "../../bindings/types";
import { EmptyState } from "../../components/EmptyState";
import { syncActionLabel, useTenantSync } from "../../runs";
import { useCan } from "../../workspace";

type SyncEmptyStateProps = {
  tenant: Tenant;
  kind: SyncKind;
  icon: Icon;
  title: string;
  description: ReactNode;
  "data-testid"?: string;
};

/** Nothing synced of this kind yet: says so, and offers the sync that fills it. */
export function SyncEmptyState({ tenant, kind, icon, title, description, ...rest }: SyncEmptyStateProps) {
  const can = useCan(tenant.workspace_id);
  const { start, pendingKind } = useTenantSync();
  const action =
    can("tenant.sync") && tenant.status === "active" ? (
      <Button
        onClick={() => void start(tenant, kind)}
        loading={pendingKind === kind}
        data-testid={`empty-sync-${kind}`}
      >
        {syncActionLabel(kind)}
      </Button>
    ) : undefined;
  return (
    <EmptyState icon={icon} title={title} description={description} action={action} data-testid={rest["data-testid"]} />
  );
}
