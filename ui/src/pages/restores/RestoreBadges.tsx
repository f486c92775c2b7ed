import { Badge, type BadgeProps, Loader } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconClockExclamation } from "@tabler/icons-react";
import type { RestoreAction, RestoreStatus } from "../../bindings/types";
import { actionLook, restoreStatusLook } from "./restoreWords";

const STATUS_ICONS = {
  previewed: IconCircleCheck,
  executed: IconCircleCheck,
  preview_failed: IconCircleX,
  execute_failed: IconCircleX,
  outdated: IconClockExclamation,
} as const;

/** A restore's status: planning blue with a spinner, previewed green, a failed preview red, out of date yellow. */
export function RestoreStatusBadge({ status, size = "sm" }: { status: RestoreStatus; size?: BadgeProps["size"] }) {
  const { label, color } = restoreStatusLook(status);
  const busy = status === "planning" || status === "executing";
  const IconComponent = busy ? null : (STATUS_ICONS[status] ?? IconAlertTriangle);
  return (
    <Badge
      variant="light"
      color={color}
      size={size}
      radius="sm"
      leftSection={
        IconComponent === null ? (
          <Loader size={10} color={color} aria-hidden data-testid="restore-busy" />
        ) : (
          <IconComponent size={12} stroke={2} aria-hidden />
        )
      }
      style={{ flexShrink: 0 }}
      data-testid="restore-status"
      data-status={status}
    >
      {label}
    </Badge>
  );
}

/**
 * What the plan would do to an object: create green, update blue, identical grey, conflict red,
 * delete solid red (destructive, and apart from a conflict at a glance).
 */
export function ActionBadge({ action, size = "sm" }: { action: RestoreAction; size?: BadgeProps["size"] }) {
  const { label, color } = actionLook(action);
  return (
    <Badge
      variant={action === "skip" ? "outline" : action === "delete" ? "filled" : "light"}
      color={color}
      size={size}
      radius="sm"
      w={92}
      style={{ flexShrink: 0 }}
      data-testid="plan-action"
      data-action={action}
    >
      {label}
    </Badge>
  );
}
