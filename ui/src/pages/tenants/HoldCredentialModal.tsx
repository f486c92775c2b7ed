import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconKey } from "@tabler/icons-react";
import { type FormEvent, useRef, useState } from "react";
import { useHoldCredential } from "../../api";
import type { ProviderConnection, Tenant } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { useCan } from "../../workspace";
import { CredentialFields } from "./CredentialFields";
import {
  type CredentialDraft,
  credentialInput,
  emptyCredential,
  FIELD_ORDER,
  type FieldErrors,
  validateCredential,
} from "./tenantForm";

const HOLD_CREDENTIAL_TITLE = "Keep this tenant's credential on this workstation";

/**
 * The connection whose credential this workstation may keep too: a real tenant's, once a
 * credential is stored for it. A simulated tenant needs none; without a stored credential
 * there is nothing to keep yet (it is entered in the tenant's connection first).
 */
export function heldConnection(tenant: Tenant): ProviderConnection | null {
  const connection = tenant.connection;
  return tenant.simulated || connection === null || connection.credential_ref === null ? null : connection;
}

/**
 * "Keep credential on this workstation", for members who may sync the tenant (team mode: a
 * run needing its Graph access starts only on a workstation whose keyring holds its
 * credential). Nothing for a simulated tenant or one without a stored credential.
 */
export function HoldCredentialButton({ tenant }: { tenant: Tenant }) {
  const can = useCan(tenant.workspace_id);
  const [opened, setOpened] = useState(false);
  const connection = heldConnection(tenant);
  if (connection === null || !can("tenant.sync")) return null;
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconKey size={14} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="hold-credential"
      >
        Keep credential on this workstation…
      </Button>
      <HoldCredentialModal tenant={tenant} connection={connection} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

type HoldCredentialModalProps = {
  tenant: Tenant;
  connection: ProviderConnection;
  opened: boolean;
  onClose: () => void;
};

export function HoldCredentialModal({ tenant, connection, opened, onClose }: HoldCredentialModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={HOLD_CREDENTIAL_TITLE} size="lg" closeOnClickOutside={false}>
      {/* Mounted only while open: closing drops everything typed, the secret included. */}
      {opened && <HoldCredentialForm tenant={tenant} connection={connection} onClose={onClose} />}
    </Modal>
  );
}

function HoldCredentialForm({
  tenant,
  connection,
  onClose,
}: {
  tenant: Tenant;
  connection: ProviderConnection;
  onClose: () => void;
}) {
  // The kind is the connection's: the backend refuses the other one.
  const [credential, setCredential] = useState<CredentialDraft>({
    ...emptyCredential,
    kind: connection.credential_kind,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const hold = useHoldCredential();
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateCredential(credential);
    setErrors(found);
    const first = FIELD_ORDER.find((field) => found[field] !== undefined);
    if (first !== undefined) {
      form.current?.querySelector<HTMLElement>(`[data-field=${first}]`)?.focus();
      return;
    }
    const response = await hold.submit({ tenant_id: tenant.id, credential: credentialInput(credential) });
    if (response === null) return;
    notifications.show({ color: "green", title: "Credential kept on this workstation", message: response.message });
    onClose();
  };

  const busy = hold.isPending;
  const what = connection.credential_kind === "client_secret" ? "client secret" : "certificate and its private key";
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} noValidate data-testid="hold-credential-form">
      <Stack gap="md">
        {hold.error !== null && <FailureAlert data-testid="hold-credential-error">{hold.error.message}</FailureAlert>}
        <Text size="sm">
          Syncs and other work that reads {tenant.display_name} through Microsoft Graph run only on workstations whose
          system keyring holds its credential. Enter the {what} its connection signs in with (application{" "}
          <Text span inherit ff="monospace">
            {connection.client_id}
          </Text>
          ): TenantAtlas first signs in with it and reads from the tenant, and keeps it on this workstation only if that
          works. The tenant's connection stays as it is for everyone.
        </Text>
        <CredentialFields
          value={credential}
          onChange={setCredential}
          errors={errors}
          disabled={busy}
          fixedKind
          withEndDate={false}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="hold-credential-submit">
            Keep credential
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
