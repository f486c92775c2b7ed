import { Drawer, Skeleton, Stack } from "@mantine/core";
import { useTenant } from "../../api";
import type { TenantId } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { TenantDetails } from "./TenantDetails";

type TenantDrawerProps = {
  /** Kept after closing so the content does not vanish during the closing transition. */
  tenantId: TenantId | null;
  opened: boolean;
  onClose: () => void;
  workspaceName: string;
};

export function TenantDrawer({ tenantId, opened, onClose, workspaceName }: TenantDrawerProps) {
  const tenant = useTenant(tenantId);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={tenant.data?.display_name ?? "Tenant"}
      closeButtonProps={{ "aria-label": "Close tenant details" }}
      styles={{ title: { fontWeight: 600, fontSize: "var(--mantine-font-size-lg)" } }}
    >
      {tenant.isPending ? (
        <Stack gap="xs" data-testid="tenant-details-loading">
          {Array.from({ length: 8 }, (_, line) => (
            <Skeleton key={line} height={18} radius="sm" />
          ))}
        </Stack>
      ) : tenant.isError ? (
        <ErrorState
          title="This tenant could not be loaded"
          message={tenant.error.message}
          onRetry={() => void tenant.refetch()}
          retrying={tenant.isFetching}
        />
      ) : (
        <TenantDetails tenant={tenant.data} workspaceName={workspaceName} />
      )}
    </Drawer>
  );
}
