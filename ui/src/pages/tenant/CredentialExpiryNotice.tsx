import { Alert, Button, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconKey, IconKeyOff } from "@tabler/icons-react";
import { useState } from "react";
import type { CredentialExpiry, ExpiryWarning, ProviderConnection, Tenant } from "../../bindings/types";
import { useNow } from "../../components/useNow";
import {
  expiryNextStep,
  expirySentence,
  expiryWarning,
  expiryWhen,
  warningHeadline,
} from "../tenants/credentialExpiry";
import { EditTenantModal } from "./EditTenantModal";

type KnownExpiry = { connection: ProviderConnection; expiry: CredentialExpiry };

function knownExpiry(tenant: Tenant): KnownExpiry | null {
  const expiry = tenant.connection?.credential_expiry;
  return tenant.connection === null || expiry === undefined ? null : { connection: tenant.connection, expiry };
}

function warningColor(warning: ExpiryWarning | null): string | undefined {
  if (warning === null) return undefined;
  return warning.state === "expired" ? "red.7" : "yellow.8";
}

/**
 * Beside the connection in the tenant's header: when its secret or certificate ends and how that
 * is known ("Client secret ends 2027-03-01 (in 86 days) — from the app registration"), quiet while
 * far off, yellow within 30 days, red once ended. Nothing when the end is not known.
 */
export function CredentialExpiryLine({ tenant }: { tenant: Tenant }) {
  const now = useNow(60_000);
  const known = knownExpiry(tenant);
  if (known === null) return null;
  const warning = expiryWarning(known.expiry, now);
  const Icon = warning?.state === "expired" ? IconKeyOff : IconKey;
  return (
    <Text
      size="xs"
      c={warningColor(warning) ?? "dimmed"}
      fw={warning === null ? undefined : 500}
      style={{ display: "inline-flex", alignItems: "center", gap: 4 }}
      data-testid="credential-expiry"
      data-state={warning?.state ?? "ok"}
    >
      <Icon size={14} aria-hidden style={{ flexShrink: 0 }} />
      {expirySentence(known.connection.credential_kind, known.expiry, now)}
    </Text>
  );
}

/**
 * Under the tenant's header while its credential ends within 30 days (yellow) or has ended (red):
 * what happens, and the next step — a new secret or certificate, then the tenant's connection,
 * which members who may manage tenants update from here.
 */
export function CredentialExpiryAlert({ tenant, canManage }: { tenant: Tenant; canManage: boolean }) {
  const now = useNow(60_000);
  const [editing, setEditing] = useState(false);
  const known = knownExpiry(tenant);
  if (known === null) return null;
  const warning = expiryWarning(known.expiry, now);
  if (warning === null) return null;
  const kind = known.connection.credential_kind;
  const ended = warning.state === "expired";
  return (
    <Alert
      color={ended ? "red" : "yellow"}
      variant="light"
      icon={ended ? <IconKeyOff aria-hidden /> : <IconAlertTriangle aria-hidden />}
      title={warningHeadline(kind, warning)}
      data-testid="credential-expiry-alert"
      data-state={warning.state}
    >
      <Stack gap={6} align="flex-start">
        <Text size="sm">
          {ended
            ? `${tenant.display_name}'s ${kind === "client_secret" ? "client secret" : "certificate"} ended ${expiryWhen(known.expiry, now)}: TenantAtlas can no longer sign in to it, so its syncs fail.`
            : `${tenant.display_name}'s ${kind === "client_secret" ? "client secret" : "certificate"} ends ${expiryWhen(known.expiry, now)}; after that TenantAtlas can no longer sign in to it.`}{" "}
          {tenant.simulated ? "This tenant is simulated: in a real one, the next step would be to" : "Next step:"}{" "}
          {tenant.simulated ? lowerFirst(expiryNextStep(kind)) : expiryNextStep(kind)}
        </Text>
        {canManage && !tenant.simulated && (
          <>
            <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid="credential-expiry-update">
              Update the connection…
            </Button>
            <EditTenantModal tenant={tenant} opened={editing} onClose={() => setEditing(false)} replaceCredential />
          </>
        )}
      </Stack>
    </Alert>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
