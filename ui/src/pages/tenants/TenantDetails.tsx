import { Group, Stack, Text, Title } from "@mantine/core";
import type { ProviderConnection, Tenant } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { StatusBadge } from "../../vocabulary";
import { DirectoryId, PrimaryDomain, SimulatedBadge } from "./cells";
import { type Detail, DetailTable } from "./DetailTable";
import { credentialKindLabel, SIMULATED_EXPLANATION } from "./labels";

/** Every field of a tenant record, with readable labels. */
export function TenantDetails({ tenant, workspaceName }: { tenant: Tenant; workspaceName: string }) {
  const details: Detail[] = [
    { label: "Name", value: tenant.display_name },
    {
      label: "Source",
      value: tenant.simulated ? (
        <Stack gap={2}>
          <Group>
            <SimulatedBadge />
          </Group>
          <Text size="xs" c="dimmed">
            {SIMULATED_EXPLANATION}
          </Text>
        </Stack>
      ) : (
        "Microsoft cloud"
      ),
    },
    { label: "Status", value: <StatusBadge domain="tenant_status" code={tenant.status} /> },
    { label: "Primary domain", value: <PrimaryDomain value={tenant.primary_domain} /> },
    { label: "Directory tenant ID", value: <DirectoryId value={tenant.directory_tenant_id} /> },
    { label: "Workspace", value: workspaceName },
    { label: "Added", value: <RelativeTime value={tenant.created_at} size="sm" /> },
    { label: "Last updated", value: <RelativeTime value={tenant.updated_at} size="sm" /> },
    { label: "Record ID", value: <Mono>{tenant.id}</Mono> },
  ];

  return (
    <Stack gap="lg" data-testid="tenant-details">
      <DetailTable caption="Tenant" details={details} />
      <Stack gap="xs">
        <Title order={5}>Provider connection</Title>
        {tenant.connection === null ? (
          <Text size="sm" c="dimmed">
            Not connected: no app registration is recorded for this tenant.
          </Text>
        ) : (
          <DetailTable caption="Provider connection" details={connectionDetails(tenant.connection)} />
        )}
      </Stack>
    </Stack>
  );
}

function connectionDetails(connection: ProviderConnection): Detail[] {
  return [
    { label: "Client ID", value: <Mono>{connection.client_id}</Mono> },
    { label: "Credential type", value: credentialKindLabel(connection.credential_kind) },
    {
      // The keyring entry's name, never the secret itself.
      label: "Keyring entry",
      value:
        connection.credential_ref === null ? <Dimmed>None stored</Dimmed> : <Mono>{connection.credential_ref}</Mono>,
    },
    {
      label: "Credential updated",
      value:
        connection.credential_updated_at === null ? (
          <Dimmed>Never</Dimmed>
        ) : (
          <RelativeTime value={connection.credential_updated_at} size="sm" />
        ),
    },
  ];
}

function Mono({ children }: { children: string }) {
  return (
    <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
      {children}
    </Text>
  );
}

function Dimmed({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
