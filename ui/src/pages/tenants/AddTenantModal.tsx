import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useAddTenant } from "../../api";
import type { WorkspaceId } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { CredentialFields } from "./CredentialFields";
import { PermissionGuideSection } from "./PermissionGuideSection";
import {
  type AddTenantDraft,
  credentialInput,
  emptyCredential,
  FIELD_ORDER,
  type FieldErrors,
  validateAddTenant,
} from "./tenantForm";

type AddTenantModalProps = { workspaceId: WorkspaceId; opened: boolean; onClose: () => void };

export function AddTenantModal({ workspaceId, opened, onClose }: AddTenantModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add tenant" size="lg" closeOnClickOutside={false}>
      {/* Mounted only while open: closing drops everything typed, the secret included. */}
      {opened && <AddTenantForm workspaceId={workspaceId} onClose={onClose} />}
    </Modal>
  );
}

const emptyDraft: AddTenantDraft = { displayName: "", directory: "", clientId: "", credential: emptyCredential };

function AddTenantForm({ workspaceId, onClose }: { workspaceId: WorkspaceId; onClose: () => void }) {
  const [draft, setDraft] = useState<AddTenantDraft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const addTenant = useAddTenant();
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);

  const set = (patch: Partial<AddTenantDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateAddTenant(draft);
    setErrors(found);
    const first = FIELD_ORDER.find((field) => found[field] !== undefined);
    if (first !== undefined) {
      form.current?.querySelector<HTMLElement>(`[data-field=${first}]`)?.focus();
      return;
    }
    const tenant = await addTenant.submit({
      workspace_id: workspaceId,
      display_name: draft.displayName.trim(),
      directory: draft.directory.trim(),
      client_id: draft.clientId.trim(),
      credential: credentialInput(draft.credential),
    });
    if (tenant === null) return;
    notifications.show({
      color: "green",
      title: "Tenant added",
      message: `${tenant.display_name} · verify its connection next.`,
    });
    navigate(`/tenants/${tenant.id}`);
    onClose();
  };

  const busy = addTenant.isPending;
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} noValidate data-testid="add-tenant-form">
      <Stack gap="md">
        {addTenant.error !== null && (
          <FailureAlert title="The tenant was not added" data-testid="add-tenant-error">
            {addTenant.error.message}
          </FailureAlert>
        )}
        <TextInput
          label="Display name"
          description="How the customer is named in TenantAtlas."
          placeholder="Contoso Ltd"
          value={draft.displayName}
          onChange={(event) => set({ displayName: event.currentTarget.value })}
          error={errors.displayName}
          disabled={busy}
          withAsterisk
          data-autofocus
          data-field="displayName"
        />
        <TextInput
          label="Directory (tenant) ID or domain"
          description="The Entra tenant ID (a GUID) or one of its verified domains, e.g. contoso.onmicrosoft.com."
          placeholder="00000000-0000-0000-0000-000000000000"
          value={draft.directory}
          onChange={(event) => set({ directory: event.currentTarget.value })}
          error={errors.directory}
          disabled={busy}
          spellCheck={false}
          withAsterisk
          data-field="directory"
        />
        <TextInput
          label="Application (client) ID"
          description="Of the app registration TenantAtlas signs in with."
          placeholder="00000000-0000-0000-0000-000000000000"
          value={draft.clientId}
          onChange={(event) => set({ clientId: event.currentTarget.value })}
          error={errors.clientId}
          disabled={busy}
          spellCheck={false}
          withAsterisk
          data-field="clientId"
        />
        <PermissionGuideSection directory={draft.directory} clientId={draft.clientId} />
        <CredentialFields
          value={draft.credential}
          onChange={(credential) => set({ credential })}
          errors={errors}
          disabled={busy}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="add-tenant-submit">
            Add tenant
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
