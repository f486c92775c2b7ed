import { Button, Tooltip } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { Link } from "react-router";
import { useAvailableUpdate } from "../../api";
import type { AppInfo } from "../../bindings/types";

/**
 * A small button beside the version when the update address offers a newer one (asked once, a
 * while after start), opening About where it is installed. Nothing shows otherwise, failures
 * included.
 */
export function UpdateBadge({ appInfo }: { appInfo: AppInfo }) {
  const offer = useAvailableUpdate(appInfo);
  if (offer === null) return null;
  return (
    <Tooltip label={`TenantAtlas ${offer.version} is available: open About to install it`} withinPortal>
      <Button
        component={Link}
        to="/about"
        variant="light"
        size="compact-xs"
        radius="xl"
        leftSection={<IconDownload size={12} aria-hidden />}
        aria-label={`Update to TenantAtlas ${offer.version} available: open About`}
        data-testid="update-available-badge"
      >
        Update {offer.version}
      </Button>
    </Tooltip>
  );
}
