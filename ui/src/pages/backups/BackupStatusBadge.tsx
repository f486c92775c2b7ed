import { Badge, type BadgeProps, Loader } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from "@tabler/icons-react";
import type { BackupSetStatus } from "../../bindings/types";
import { backupStatusLook } from "./backupWords";

const ICONS = { complete: IconCircleCheck, partial: IconAlertTriangle, failed: IconCircleX } as const;

/** A backup set's status: complete green, partial yellow, failed red, capturing blue with a spinner. */
export function BackupStatusBadge({ status, size = "sm" }: { status: BackupSetStatus; size?: BadgeProps["size"] }) {
  const { label, color } = backupStatusLook(status);
  return (
    <Badge
      variant="light"
      color={color}
      size={size}
      radius="sm"
      leftSection={<StatusIcon status={status} />}
      style={{ flexShrink: 0 }}
      data-testid="backup-status"
      data-status={status}
    >
      {label}
    </Badge>
  );
}

function StatusIcon({ status }: { status: BackupSetStatus }) {
  if (status === "capturing") return <Loader size={10} color="blue" aria-hidden data-testid="backup-capturing" />;
  const IconComponent = ICONS[status];
  return <IconComponent size={12} stroke={2} aria-hidden />;
}
