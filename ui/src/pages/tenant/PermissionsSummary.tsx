import { Button } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconShieldQuestion } from "@tabler/icons-react";
import { usePermissionReport } from "../../api";
import type { TenantId } from "../../bindings/types";
import { isOptionalFeature } from "../tenants/permissionGuide";

/**
 * Beside the connection in the tenant's header: whether its permissions were checked and suffice,
 * opening the Permissions card (on the Details tab) that says what is missing. An optional
 * feature without its permission (credential expiry, restore) is no warning here; the card names it.
 * Quiet until the report is there; the card shows a failure to read it.
 */
export function PermissionsSummary({ tenantId, onShow }: { tenantId: TenantId; onShow: () => void }) {
  const report = usePermissionReport(tenantId);
  if (report.data === undefined) return null;
  const { checked_at, features } = report.data;
  const missing = features.filter((feature) => !feature.works);
  const required = missing.filter((feature) => !isOptionalFeature(feature.feature)).length;
  const [Icon, color, label] =
    checked_at === null
      ? [IconShieldQuestion, "gray", "Permissions not checked"]
      : missing.length === 0
        ? [IconCircleCheck, "green", "All features permitted"]
        : required === 0
          ? [IconCircleCheck, "green", "Sync features permitted"]
          : [IconAlertTriangle, "yellow", `${required} of ${features.length} features lack permissions`];
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
