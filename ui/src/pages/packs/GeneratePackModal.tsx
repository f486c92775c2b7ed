import { Button, Checkbox, Group, Modal, Skeleton, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useGenerateReviewPack, useReviewPackSettings } from "../../api";
import type {
  ApiError,
  GenerateReviewPackResponse,
  PackOptions,
  ReviewPackView,
  Tenant,
  TenantId,
} from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { FailureAlert } from "../../components/FailureAlert";
import { RelativeTime } from "../../components/RelativeTime";
import { toApiError } from "../../platform";
import { RunLink, TOAST_MS } from "../../runs";
import { iconFor, present } from "../../vocabulary";
import { showPackToast } from "./packToasts";

/** The id of the toast about asking for one tenant's pack: asking again replaces it. */
export function packRequestToastId(tenantId: TenantId): string {
  return `pack-request-${tenantId}`;
}

type GeneratePackModalProps = {
  tenant: Tenant;
  opened: boolean;
  onClose: () => void;
  /** "Save as…" for a pack that turns out to be ready already (offered in the toast). */
  onSave: (view: ReviewPackView) => void;
};

/** Asks for a review pack of the tenant with the options chosen (the workspace's defaults first). */
export function GeneratePackModal({ tenant, opened, onClose, onSave }: GeneratePackModalProps) {
  // A new form per opening, so each starts from the workspace's defaults; the modal keeps the
  // last one on screen while it closes (unmounting it at once left an empty modal sliding out).
  const [opening, setOpening] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setOpening((n) => n + 1);
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Generate a review pack" size="lg">
      <GenerateForm key={opening} tenant={tenant} onClose={onClose} onSave={onSave} />
    </Modal>
  );
}

function GenerateForm({ tenant, onClose, onSave }: Omit<GeneratePackModalProps, "opened">) {
  const settings = useReviewPackSettings(tenant.workspace_id);
  if (settings.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" data-testid="generate-pack-loading">
        <Skeleton height={14} width="80%" radius="sm" />
        <Skeleton height={40} radius="sm" />
        <Skeleton height={40} radius="sm" />
      </Stack>
    );
  }
  if (settings.isError) {
    return (
      <ErrorState
        title="The workspace's pack defaults could not be loaded"
        message={settings.error.message}
        onRetry={() => void settings.refetch()}
        retrying={settings.isFetching}
      />
    );
  }
  return <OptionsForm tenant={tenant} defaults={settings.data.settings.defaults} onClose={onClose} onSave={onSave} />;
}

function OptionsForm({
  tenant,
  defaults,
  onClose,
  onSave,
}: Omit<GeneratePackModalProps, "opened"> & { defaults: PackOptions }) {
  const [options, setOptions] = useState<PackOptions>(defaults);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const generate = useGenerateReviewPack(tenant);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const response = await generate.mutateAsync(options);
      toastPackRequested(response, onSave);
      onClose();
    } catch (reason) {
      setFailure(toApiError(reason));
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="generate-pack-form">
      <Stack gap="md">
        <Text size="sm">
          A signed ZIP of {tenant.display_name}&apos;s configuration, open findings and privileged access, to take to a
          customer meeting. If nothing changed since a ready pack with the same options, that pack is offered instead of
          a new one.
        </Text>
        {failure !== null && (
          <FailureAlert title="The review pack was not requested" data-testid="generate-pack-error">
            {failure.message}
          </FailureAlert>
        )}
        <Checkbox
          label="Include people's names"
          description="Names, user principal names and e-mail addresses as they are. Without them, each person is a stable pseudonym (“Person 3”) in every file."
          checked={options.include_pii}
          onChange={(event) => setOptions({ ...options, include_pii: event.currentTarget.checked })}
          disabled={generate.isPending}
          data-autofocus
          data-testid="generate-pack-names"
        />
        <Checkbox
          label="Include operations"
          description="The tenant's syncs, compares and other operations of the last 30 days, with how each ended."
          checked={options.include_operations}
          onChange={(event) => setOptions({ ...options, include_operations: event.currentTarget.checked })}
          disabled={generate.isPending}
          data-testid="generate-pack-operations"
        />
        <Text size="xs" c="dimmed">
          The workspace&apos;s defaults are set on the Review packs page.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={generate.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={generate.isPending} data-testid="generate-pack-submit">
            Generate review pack
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * What asking did, in the backend's words: queued (with the run), already being made (with its
 * run), or already available (with "Save as…", as the card offers it).
 */
export function toastPackRequested(response: GenerateReviewPackResponse, onSave: (view: ReviewPackView) => void) {
  const { intent, pack: view, run_id: runId } = response;
  const id = packRequestToastId(view.pack.tenant_id);
  // The icon of the pack's own status (queued, generating, ready), as its badge shows it.
  const Icon = iconFor(present("pack_status", view.pack.status).icon);
  showPackToast({
    id,
    color: intent === "already_available" ? "green" : "blue",
    icon: <Icon size={16} aria-hidden />,
    title: response.message,
    autoClose: intent === "already_available" ? false : TOAST_MS.inProgress,
    message: (
      <Stack gap={4} data-testid="pack-request-toast" data-intent={intent}>
        {intent === "already_available" ? (
          <>
            <Text size="sm">
              Nothing changed in {view.tenant_name} since its pack generated{" "}
              {view.pack.generated_at === null ? (
                "earlier"
              ) : (
                <RelativeTime value={view.pack.generated_at} size="sm" span />
              )}
              {view.file_available
                ? ", which is ready to save."
                : ". Its file is in the data folder of the computer that made it: save it there."}
            </Text>
            {view.file_available && (
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={14} aria-hidden />}
                  onClick={() => {
                    notifications.hide(id);
                    onSave(view);
                  }}
                  data-testid="pack-toast-save"
                >
                  Save as…
                </Button>
              </Group>
            )}
          </>
        ) : (
          <Text size="sm">
            {intent === "queued"
              ? `Generating ${view.tenant_name}'s review pack; its card shows it when it is ready.`
              : `A pack of the same content for ${view.tenant_name} was asked for earlier and is still being made.`}
          </Text>
        )}
        {runId !== null && <RunLink runId={runId} />}
      </Stack>
    ),
  });
}
