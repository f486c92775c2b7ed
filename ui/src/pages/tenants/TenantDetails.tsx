import { Group, Stack, Text, Title } from "@mantine/core";
import type { ProviderConnection, Tenant } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { useNow } from "../../components/useNow";
import { StatusBadge } from "../../vocabulary";
import { DirectoryId, PrimaryDomain, SimulatedBadge } from "./cells";
import { expirySourceWords, expiryWarning, expiryWhen } from "./credentialExpiry";
import { type Detail, DetailTable } from "./DetailTable";
import { HoldCredentialButton } from "./HoldCredentialModal";
import { credentialKindLabel, SIMULATED_EXPLANATION } from "./labels";

/** Every field of a tenant record, with readable labels. */
export function TenantDetails({ tenant, workspaceName }: { tenant: Tenant; workspaceName: string }) {
  const now = useNow(60_000);
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
        <Group justify="space-between" gap="sm">
          <Title order={5}>Provider connection</Title>
          <HoldCredentialButton tenant={tenant} />
        </Group>
        {tenant.connection === null ? (
          <Text size="sm" c="dimmed">
            Not connected: no app registration is recorded for this tenant.
          </Text>
        ) : (
          <DetailTable caption="Provider connection" details={connectionDetails(tenant.connection, now)} />
        )}
      </Stack>
    </Stack>
  );
}

function connectionDetails(connection: ProviderConnection, now: Date): Detail[] {
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
    { label: "Credential ends", value: <CredentialEnd connection={connection} now={now} /> },
  ];
}

/**
 * When the secret or certificate ends, coloured like the header's warning, and how that is
 * known; or how it can become known.
 */
function CredentialEnd({ connection, now }: { connection: ProviderConnection; now: Date }) {
  const expiry = connection.credential_expiry;
  if (expiry === undefined) {
    return (
      <Text size="sm" c="dimmed" data-testid="credential-end">
        Not known.{" "}
        {connection.credential_kind === "client_secret"
          ? "Enter the secret's end date when you replace it, or grant Application.Read.All so a verify reads it from the app registration."
          : "Grant Application.Read.All so a verify reads it from the app registration."}
      </Text>
    );
  }
  const warning = expiryWarning(expiry, now);
  const color = warning === null ? undefined : warning.state === "expired" ? "red.7" : "yellow.8";
  return (
    <Text size="sm" data-testid="credential-end">
      <Text span size="sm" c={color} fw={warning === null ? undefined : 500}>
        {expiryWhen(expiry, now)}
      </Text>{" "}
      <Text span size="sm" c="dimmed">
        — {expirySourceWords(expiry.source)}
      </Text>
    </Text>
  );
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
