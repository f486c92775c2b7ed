import { Button } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconShieldQuestion } from "@tabler/icons-react";
import { usePermissionReport } from "../../api";
import type { TenantId } from "../../bindings/types";

/**
 * Beside the connection in the tenant's header: whether its permissions were checked and suffice,
 * opening the Permissions card (on the Details tab) that says what is missing. Quiet until the
 * report is there; the card shows a failure to read it.
 */
export function PermissionsSummary({ tenantId, onShow }: { tenantId: TenantId; onShow: () => void }) {
  const report = usePermissionReport(tenantId);
  if (report.data === undefined) return null;
  const { checked_at, features } = report.data;
  const missing = features.filter((feature) => !feature.works).length;
  const [Icon, color, label] =
    checked_at === null
      ? [IconShieldQuestion, "gray", "Permissions not checked"]
      : missing === 0
        ? [IconCircleCheck, "green", "All features permitted"]
        : [IconAlertTriangle, "yellow", `${missing} of ${features.length} features lack permissions`];
  return (
    <Button
      variant="subtle"
      size="compact-xs"
      color={color}
      leftSection={<Icon size={14} aria-hidden />}
      onClick={onShow}
      aria-label={`${label}: show permissions`}
      data-testid="permissions-summary"
    >
      {label}
    </Button>
  );
}
