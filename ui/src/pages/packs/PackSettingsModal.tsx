import { Button, Checkbox, Code, CopyButton, Group, Modal, NumberInput, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconCopy, IconKey } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useReviewPackSettings, useUpdateReviewPackSettings } from "../../api";
import type { ApiError, PackSettings, ReviewPackSettingsView, WorkspaceId } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { FailureAlert } from "../../components/FailureAlert";
import { RelativeTime } from "../../components/RelativeTime";
import { toApiError } from "../../platform";
import { settingsErrorField } from "./packWords";

type PackSettingsModalProps = {
  workspaceId: WorkspaceId;
  opened: boolean;
  onClose: () => void;
  /** The member may change the settings; others see them and the signing key. */
  canManage: boolean;
};

/**
 * The workspace's review pack settings: the options new packs start with, how long ready packs
 * are kept and how long an expired pack's file stays, how fresh evidence must be for a review;
 * and the signing key's fingerprint with its public key to give customers.
 */
export function PackSettingsModal({ opened, onClose, ...rest }: PackSettingsModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Review pack settings" size="lg" closeOnClickOutside={false}>
      {/* Mounted only while open: each opening starts from the settings as they are now. */}
      {opened && <SettingsBody onClose={onClose} {...rest} />}
    </Modal>
  );
}

function SettingsBody({ workspaceId, canManage, onClose }: Omit<PackSettingsModalProps, "opened">) {
  const settings = useReviewPackSettings(workspaceId);
  if (settings.isPending) {
    return (
      <Text size="sm" c="dimmed" aria-busy="true" data-testid="pack-settings-loading">
        Loading the settings…
      </Text>
    );
  }
  if (settings.isError) {
    return (
      <ErrorState
        title="The review pack settings could not be loaded"
        message={settings.error.message}
        onRetry={() => void settings.refetch()}
        retrying={settings.isFetching}
      />
    );
  }
  return <SettingsForm workspaceId={workspaceId} view={settings.data} canManage={canManage} onClose={onClose} />;
}

type FieldErrors = { retention?: string; grace?: string; evidenceAge?: string };

/** A whole number of days typed in a field, or null when the field is empty or not a number. */
function days(value: string | number): number | null {
  const number = typeof value === "number" ? value : Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : null;
}

function SettingsForm({
  workspaceId,
  view,
  canManage,
  onClose,
}: {
  workspaceId: WorkspaceId;
  view: ReviewPackSettingsView;
  canManage: boolean;
  onClose: () => void;
}) {
  const initial = view.settings;
  const [defaults, setDefaults] = useState(initial.defaults);
  const [retention, setRetention] = useState<string | number>(initial.retention_days);
  const [grace, setGrace] = useState<string | number>(initial.grace_days);
  const [evidenceAge, setEvidenceAge] = useState<string | number>(initial.evidence_max_age_days);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const update = useUpdateReviewPackSettings(workspaceId);
  const disabled = !canManage || update.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const retentionDays = days(retention);
    const graceDays = days(grace);
    const evidenceAgeDays = days(evidenceAge);
    const missing: FieldErrors = {
      ...(retentionDays === null ? { retention: "Enter how many days a ready pack is kept." } : {}),
      ...(graceDays === null
        ? { grace: "Enter how many days an expired pack's file is kept (0 deletes it at once)." }
        : {}),
      ...(evidenceAgeDays === null ? { evidenceAge: "Enter how many days old evidence may be for a review." } : {}),
    };
    setErrors(missing);
    if (retentionDays === null || graceDays === null || evidenceAgeDays === null) return;
    const next: PackSettings = {
      defaults,
      retention_days: retentionDays,
      grace_days: graceDays,
      evidence_max_age_days: evidenceAgeDays,
    };
    try {
      await update.mutateAsync(next);
      notifications.show({
        color: "green",
        title: "Review pack settings saved",
        message: `New packs are kept ${retentionDays.toLocaleString()} days; their files ${graceDays.toLocaleString()} days longer.`,
      });
      onClose();
    } catch (reason) {
      const error = toApiError(reason);
      const field = settingsErrorField(error);
      if (field === null) setFailure(error);
      else setErrors({ [field]: error.message });
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="pack-settings-form">
      <Stack gap="md">
        {!canManage && (
          <Text size="sm" c="dimmed" data-testid="pack-settings-readonly">
            Members who may manage review packs change these settings.
          </Text>
        )}
        {failure !== null && (
          <FailureAlert title="The settings were not saved" data-testid="pack-settings-error">
            {failure.message}
          </FailureAlert>
        )}
        <Stack gap="xs">
          <Title order={4} size="h6">
            New packs start with
          </Title>
          <Checkbox
            label="People's names included"
            description="Off: each person is a stable pseudonym (“Person 3”) in every file."
            checked={defaults.include_pii}
            onChange={(event) => setDefaults({ ...defaults, include_pii: event.currentTarget.checked })}
            disabled={disabled}
            data-testid="pack-settings-names"
          />
          <Checkbox
            label="Operations of the last 30 days included"
            checked={defaults.include_operations}
            onChange={(event) => setDefaults({ ...defaults, include_operations: event.currentTarget.checked })}
            disabled={disabled}
            data-testid="pack-settings-operations"
          />
        </Stack>
        <Group grow align="flex-start">
          <NumberInput
            label="Keep ready packs for (days)"
            description="Then the pack expires and can no longer be saved."
            value={retention}
            onChange={(value) => {
              setRetention(value);
              setErrors(({ retention: _, ...others }) => others);
            }}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            error={errors.retention}
            disabled={disabled}
            data-testid="pack-settings-retention"
          />
          <NumberInput
            label="Keep an expired pack's file for (days)"
            description="Then its file is deleted from the data folder."
            value={grace}
            onChange={(value) => {
              setGrace(value);
              setErrors(({ grace: _, ...others }) => others);
            }}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            error={errors.grace}
            disabled={disabled}
            data-testid="pack-settings-grace"
          />
        </Group>
        <NumberInput
          label="Reviews need evidence at most (days old)"
          description="Older evidence must be generated again before a review is composed from it."
          value={evidenceAge}
          onChange={(value) => {
            setEvidenceAge(value);
            setErrors(({ evidenceAge: _, ...others }) => others);
          }}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          error={errors.evidenceAge}
          disabled={disabled}
          maw="50%"
          data-testid="pack-settings-evidence-age"
        />
        <SigningKey view={view} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={update.isPending}>
            {canManage ? "Cancel" : "Close"}
          </Button>
          {canManage && (
            <Button type="submit" loading={update.isPending} data-testid="pack-settings-save">
              Save settings
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The key every pack of the workspace is signed with: its fingerprint and public half to give customers. */
function SigningKey({ view }: { view: ReviewPackSettingsView }) {
  const key = view.signing_key;
  return (
    <Stack gap={6} data-testid="pack-signing-key">
      <Group gap={6}>
        <IconKey size={16} aria-hidden />
        <Title order={4} size="h6">
          Signing key
        </Title>
      </Group>
      {key === null ? (
        <Text size="sm" c="dimmed" data-testid="pack-signing-key-none">
          No signing key yet: the workspace&apos;s key is made when its first pack is signed.
        </Text>
      ) : (
        <>
          <Text size="sm">
            Every pack is signed with this key, made <RelativeTime value={key.created_at} size="sm" span />. Give
            customers its public key (or its fingerprint) so they can check a pack came from you.
          </Text>
          <Code block style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }} data-testid="pack-key-fingerprint">
            {key.fingerprint}
          </Code>
          <CopyButton value={key.public_key_pem}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="default"
                color={copied ? "teal" : undefined}
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                onClick={copy}
                style={{ alignSelf: "flex-start" }}
                data-testid="copy-public-key"
              >
                {copied ? "Public key copied" : "Copy public key"}
              </Button>
            )}
          </CopyButton>
        </>
      )}
    </Stack>
  );
}
