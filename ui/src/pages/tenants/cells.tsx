import { ActionIcon, Badge, CopyButton, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconFlask } from "@tabler/icons-react";
import type { ProviderConnection, Tenant } from "../../bindings/types";
import { credentialKindLabel, SIMULATED_EXPLANATION } from "./labels";

export function SimulatedBadge() {
  return (
    <Tooltip label={SIMULATED_EXPLANATION} withinPortal>
      <Badge
        size="xs"
        variant="light"
        color="violet"
        radius="sm"
        leftSection={<IconFlask size={10} aria-hidden />}
        data-testid="simulated-badge"
      >
        Simulated
      </Badge>
    </Tooltip>
  );
}

export function TenantName({ tenant }: { tenant: Tenant }) {
  // The badge sits under the name so the column stays narrow enough for the GUID columns.
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={500} style={{ whiteSpace: "nowrap" }}>
        {tenant.display_name}
      </Text>
      {tenant.simulated && <SimulatedBadge />}
    </Stack>
  );
}

export function DirectoryId({ value }: { value: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="xs" ff="monospace">
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : "Copy directory tenant ID"} withinPortal>
            <ActionIcon
              size="sm"
              variant="subtle"
              color={copied ? "teal" : "gray"}
              aria-label="Copy directory tenant ID"
              // Copying must not also open the row it sits in.
              onClick={(event) => {
                event.stopPropagation();
                copy();
              }}
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

export function Connection({ connection }: { connection: ProviderConnection | null }) {
  if (connection === null) {
    return (
      <Text size="sm" c="dimmed">
        Not connected
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="xs" ff="monospace">
        {connection.client_id}
      </Text>
      <Text size="xs" c="dimmed">
        {credentialKindLabel(connection.credential_kind)}
      </Text>
    </Stack>
  );
}

export function PrimaryDomain({ value }: { value: string | null }) {
  return value === null ? (
    <Text size="sm" c="dimmed">
      None recorded
    </Text>
  ) : (
    <Text size="sm">{value}</Text>
  );
}
