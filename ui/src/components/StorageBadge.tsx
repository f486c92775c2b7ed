import { Badge, Tooltip } from "@mantine/core";
import { IconDatabase } from "@tabler/icons-react";
import type { StorageBackend } from "../bindings/types";

/** Names the mode together with its engine, as the operator thinks of it. */
export function storageLabel(backend: StorageBackend): string {
  switch (backend) {
    case "sqlite":
      return "Solo · SQLite";
    case "postgres":
      return "Team · PostgreSQL";
  }
}

export function StorageBadge({ backend, location }: { backend: StorageBackend; location: string }) {
  return (
    <Tooltip label={location} withinPortal>
      <Badge
        variant="outline"
        color="gray"
        radius="sm"
        leftSection={<IconDatabase size={12} aria-hidden />}
        data-testid="storage-badge"
      >
        {storageLabel(backend)}
      </Badge>
    </Tooltip>
  );
}
