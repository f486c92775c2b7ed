import { Button, Divider, Group, Modal, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useUpdateTenant } from "../../api";
import type { Tenant, UpdateTenantRequest } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { CredentialFields } from "../tenants/CredentialFields";
import {
  type CredentialDraft,
  credentialInput,
  emptyCredential,
  type FieldErrors,
  validateClientId,
  validateCredential,
  validateDisplayName,
} from "../tenants/tenantForm";

type EditTenantModalProps = {
  tenant: Tenant;
  opened: boolean;
  onClose: () => void;
  /** Open with "Replace the credential" on (a credential that ends soon or has ended). */
  replaceCredential?: boolean;
};

export function EditTenantModal({ tenant, opened, onClose, replaceCredential = false }: EditTenantModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Edit ${tenant.display_name}`}
      size="lg"
      closeOnClickOutside={false}
    >
      {/* Mounted only while open: closing drops everything typed, a new secret included. */}
      {opened && <EditTenantForm tenant={tenant} onClose={onClose} replaceCredential={replaceCredential} />}
    </Modal>
  );
}

function EditTenantForm({
  tenant,
  onClose,
  replaceCredential: replaceAtFirst,
}: {
  tenant: Tenant;
  onClose: () => void;
  replaceCredential: boolean;
}) {
  const currentClientId = tenant.connection?.client_id ?? "";
  const [displayName, setDisplayName] = useState(tenant.display_name);
  const [clientId, setClientId] = useState(currentClientId);
  const [replaceCredential, setReplaceCredential] = useState(replaceAtFirst || tenant.connection === null);
  const [credential, setCredential] = useState<CredentialDraft>(emptyCredential);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useUpdateTenant();

  const request = (): { request: UpdateTenantRequest; errors: FieldErrors } => {
    const found: FieldErrors = {};
    const result: UpdateTenantRequest = { tenant_id: tenant.id };
    const nameError = validateDisplayName(displayName);
    if (nameError !== undefined) found.displayName = nameError;
    else if (displayName.trim() !== tenant.display_name) result.display_name = displayName.trim();
    if (!tenant.simulated) {
      const clientChanged = clientId.trim().toLowerCase() !== currentClientId;
      if (clientChanged || replaceCredential) {
        const clientError = validateClientId(clientId);
        if (clientError !== undefined) found.clientId = clientError;
        else if (clientChanged) result.client_id = clientId.trim();
      }
      if (replaceCredential) {
        Object.assign(found, validateCredential(credential));
        result.credential = credentialInput(credential);
      }
    }
    return { request: result, errors: found };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = request();
    setErrors(built.errors);
    if (Object.keys(built.errors).length > 0) return;
    const changes = built.request;
    if (changes.display_name === undefined && changes.client_id === undefined && changes.credential === undefined) {
      onClose();
      return;
    }
    const updated = await update.submit(built.request);
    if (updated === null) return;
    notifications.show({
      color: "green",
      title: "Tenant updated",
      message:
        changes.client_id !== undefined || changes.credential !== undefined
          ? `${updated.display_name}: the connection changed, verify it again.`
          : updated.display_name,
    });
    onClose();
  };

  const busy = update.isPending;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="edit-tenant-form">
      <Stack gap="md">
        {update.error !== null && (
          <FailureAlert title="The tenant was not changed">{update.error.message}</FailureAlert>
        )}
        <TextInput
          label="Display name"
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={errors.displayName}
          disabled={busy}
          withAsterisk
          data-autofocus
        />
        {tenant.simulated ? (
          <Text size="sm" c="dimmed">
            This tenant is served by the simulated cloud, which uses its own app registration: only its name can be
            changed.
          </Text>
        ) : (
          <>
            <Divider label="Connection" labelPosition="left" />
            <TextInput
              label="Application (client) ID"
              value={clientId}
              onChange={(event) => setClientId(event.currentTarget.value)}
              error={errors.clientId}
              disabled={busy}
              spellCheck={false}
              withAsterisk
            />
            {tenant.connection !== null && (
              <Switch
                label="Replace the credential"
                description="Leave off to keep the stored secret or certificate."
                checked={replaceCredential}
                onChange={(event) => setReplaceCredential(event.currentTarget.checked)}
                disabled={busy}
              />
            )}
            {replaceCredential && (
              <CredentialFields value={credential} onChange={setCredential} errors={errors} disabled={busy} />
            )}
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
