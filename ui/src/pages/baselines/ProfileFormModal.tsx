import {
  Button,
  Group,
  Input,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useCreateBaselineProfile, useTenants, useUpdateBaselineProfile } from "../../api";
import type { BaselineProfile, CaptureMode, WorkspaceId } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { present } from "../../vocabulary";
import { CAPTURE_MODE_HELP } from "./baselineWords";
import { usePolicyTypes } from "./policyTypes";
import { type KeyedRule, SeverityRulesEditor } from "./SeverityRulesEditor";

const MAX_NAME = 120;
const MAX_DESCRIPTION = 2_000;
const CAPTURE_MODES: readonly CaptureMode[] = ["meta", "full_content"];

type ProfileFormModalProps = {
  opened: boolean;
  onClose: () => void;
  workspaceId: WorkspaceId;
  /** The profile to edit; a new draft profile is created without one. */
  profile?: BaselineProfile;
};

/** Creates a baseline profile, or edits one (then with its severity rules). */
export function ProfileFormModal({ opened, onClose, workspaceId, profile }: ProfileFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={profile === undefined ? "New baseline profile" : `Edit ${profile.name}`}
      size="lg"
      closeOnClickOutside={false}
    >
      {/* Mounted only while open: each opening starts from the profile as it is now. */}
      {opened && <ProfileForm workspaceId={workspaceId} profile={profile} onClose={onClose} />}
    </Modal>
  );
}

type Draft = {
  name: string;
  description: string;
  captureMode: CaptureMode;
  scope: string[];
  sourceTenantId: string | null;
  rules: KeyedRule[];
};

function initialDraft(profile: BaselineProfile | undefined): Draft {
  return {
    name: profile?.name ?? "",
    description: profile?.description ?? "",
    captureMode: profile?.capture_mode ?? "full_content",
    scope: profile?.scope ?? [],
    sourceTenantId: profile?.source_tenant_id ?? null,
    rules: (profile?.severity_rules ?? []).map((rule, index) => ({ key: index + 1, rule })),
  };
}

function nameError(name: string): string | null {
  if (name.trim() === "") return "Enter a name for the profile.";
  if (name.trim().length > MAX_NAME) return `Use at most ${MAX_NAME} characters.`;
  return null;
}

function ProfileForm({ workspaceId, profile, onClose }: Omit<ProfileFormModalProps, "opened">) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(profile));
  const [showErrors, setShowErrors] = useState(false);
  const create = useCreateBaselineProfile();
  const update = useUpdateBaselineProfile();
  const tenants = useTenants(workspaceId);
  const types = usePolicyTypes();
  const navigate = useNavigate();
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  // Archived tenants are no source; the profile's own source stays listed so the field reads true.
  const sourceOptions = (tenants.data ?? [])
    .filter((tenant) => tenant.status !== "archived" || tenant.id === profile?.source_tenant_id)
    .sort((a, b) => a.display_name.localeCompare(b.display_name))
    .map((tenant) => ({
      value: tenant.id,
      label: tenant.status === "archived" ? `${tenant.display_name} (archived)` : tenant.display_name,
    }));
  const invalidName = showErrors ? nameError(draft.name) : null;
  const failure = (profile === undefined ? create.error : update.error) ?? null;
  const busy = create.isPending || update.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (nameError(draft.name) !== null) return;
    const fields = {
      name: draft.name.trim(),
      description: draft.description.trim(),
      capture_mode: draft.captureMode,
      scope: draft.scope,
      ...(draft.sourceTenantId === null ? {} : { source_tenant_id: draft.sourceTenantId }),
    };
    if (profile === undefined) {
      create.mutate(
        { workspace_id: workspaceId, ...fields },
        {
          onSuccess: (created) => {
            notifications.show({ color: "green", title: "Baseline profile created", message: created.name });
            onClose();
            navigate(`/baselines/${created.id}`);
          },
        },
      );
      return;
    }
    update.mutate(
      { profile_id: profile.id, ...fields, severity_rules: draft.rules.map((entry) => entry.rule) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "green", title: "Changes saved", message: saved.name });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="profile-form">
      <Stack gap="md">
        {failure !== null && (
          <FailureAlert
            title={profile === undefined ? "The profile was not created" : "The changes were not saved"}
            data-testid="profile-form-error"
          >
            {failure.message}
          </FailureAlert>
        )}
        <TextInput
          label="Name"
          required
          maxLength={MAX_NAME}
          value={draft.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          error={invalidName}
          data-autofocus
          data-testid="profile-name"
        />
        <Textarea
          label="Description"
          description="What this baseline stands for, for whoever reads its drift later."
          autosize
          minRows={2}
          maxRows={6}
          maxLength={MAX_DESCRIPTION}
          value={draft.description}
          onChange={(event) => set({ description: event.currentTarget.value })}
          data-testid="profile-description"
        />
        <Input.Wrapper label="Capture mode" description={CAPTURE_MODE_HELP[draft.captureMode]}>
          <SegmentedControl
            mt={6}
            fullWidth
            data={CAPTURE_MODES.map((mode) => ({ value: mode, label: present("capture_mode", mode).label }))}
            value={draft.captureMode}
            onChange={(value) => {
              const mode = CAPTURE_MODES.find((m) => m === value);
              if (mode !== undefined) set({ captureMode: mode });
            }}
            data-testid="profile-capture-mode"
          />
        </Input.Wrapper>
        <MultiSelect
          label="Scope"
          description="The policy types this baseline covers. Leave empty for all policy types."
          placeholder={draft.scope.length === 0 ? "All policy types" : undefined}
          data={types.options}
          value={draft.scope}
          onChange={(scope) => set({ scope })}
          searchable
          clearable
          nothingFoundMessage="No policy type with that name"
          data-testid="profile-scope"
        />
        <Select
          label="Source tenant"
          description="The tenant whose configuration is captured as the baseline."
          placeholder={tenants.isPending ? "Loading tenants…" : "Choose later"}
          data={sourceOptions}
          value={draft.sourceTenantId}
          onChange={(sourceTenantId) => set({ sourceTenantId })}
          searchable
          // A chosen source can be replaced but not removed (the backend keeps the last one).
          clearable={profile?.source_tenant_id == null}
          nothingFoundMessage="No tenant with that name"
          error={tenants.isError ? `Tenants could not be loaded: ${tenants.error.message}` : undefined}
          data-testid="profile-source"
        />
        {profile !== undefined && (
          <SeverityRulesEditor rules={draft.rules} types={types} onChange={(rules) => set({ rules })} />
        )}
        {profile === undefined && (
          <Text size="xs" c="dimmed">
            The profile starts as a draft: activate it to capture and compare.
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} data-testid="profile-submit">
            {profile === undefined ? "Create profile" : "Save changes"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
