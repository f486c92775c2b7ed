import { Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconFileZip, IconPackageExport } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { isPackInProgress, useLatestReviewPack, useReviewPackSettings } from "../../api";
import type { ReviewPackView, Tenant } from "../../bindings/types";
import { ErrorState } from "../../components/ErrorState";
import { fileSize } from "../../components/exportToast";
import { RelativeTime } from "../../components/RelativeTime";
import { slots } from "../../components/slots";
import { RunLink } from "../../runs";
import { StatusBadge } from "../../vocabulary";
import { useCan } from "../../workspace";
import { GeneratePackModal, packRequestToastId } from "../packs/GeneratePackModal";
import {
  contentsWords,
  dayLabel,
  expiredFileWords,
  namesWords,
  openFindingsWords,
  operationsWords,
} from "../packs/packWords";
import { usePackSave } from "../packs/usePackSave";

/**
 * The tenant's newest review pack: its status, when it was generated, its size, the open
 * findings it lists and its options, with "Save as…" once it is ready; members who may manage
 * packs generate one. While the pack is being made the card refreshes on its own (every 10 s,
 * and at once when its run starts or ends).
 */
export function ReviewPackCard({ tenant }: { tenant: Tenant }) {
  const latest = useLatestReviewPack(tenant.id);
  const canGenerate = useCan(tenant.workspace_id)("review_pack.manage");
  const { saveAs, saveToDownloads, saving } = usePackSave(tenant.workspace_id);
  const [generating, setGenerating] = useState(false);
  const view = latest.data ?? null;
  useRequestToastEndsWithThePack(tenant, view);
  const generateButton = canGenerate && (
    <Button
      size="xs"
      variant={view === null || view.pack.status === "failed" || view.pack.status === "expired" ? "filled" : "default"}
      leftSection={<IconPackageExport size={14} aria-hidden />}
      onClick={() => setGenerating(true)}
      data-testid="generate-pack"
    >
      Generate review pack
    </Button>
  );
  return (
    <Card withBorder padding="md" radius="md" id="review-pack" data-testid="review-pack-card">
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Group gap={8} wrap="nowrap">
            <IconFileZip size={18} aria-hidden />
            <Title order={3} size="h5">
              Review pack
            </Title>
            {view !== null && (
              <span data-testid="pack-status" data-status={view.pack.status}>
                <StatusBadge domain="pack_status" code={view.pack.status} />
              </span>
            )}
          </Group>
          <Group gap="xs">
            {view !== null && (
              <Anchor
                component={Link}
                to={`/review-packs?tenant=${encodeURIComponent(tenant.id)}`}
                size="xs"
                data-testid="all-packs-link"
              >
                Every pack of {tenant.display_name}
              </Anchor>
            )}
            {generateButton}
          </Group>
        </Group>
        {latest.isPending ? (
          <Stack gap={8} aria-busy="true" data-testid="review-pack-loading">
            {slots(3).map((slot) => (
              <Skeleton key={slot} height={14} radius="sm" width={`${70 - slot * 10}%`} />
            ))}
          </Stack>
        ) : latest.isError ? (
          <ErrorState
            title="The review pack could not be loaded"
            message={latest.error.message}
            onRetry={() => void latest.refetch()}
            retrying={latest.isFetching}
          />
        ) : view === null ? (
          <Text size="sm" c="dimmed" data-testid="review-pack-none">
            No review pack yet. A review pack is a signed ZIP of {tenant.display_name}&apos;s configuration, open
            findings and privileged access, to take to a customer meeting.
            {canGenerate ? "" : " A member who may manage review packs can generate one."}
          </Text>
        ) : (
          <PackFacts
            view={view}
            onSave={() => void saveAs(view)}
            onSaveToDownloads={saveToDownloads === null ? null : () => void saveToDownloads(view)}
            saving={saving === view.pack.id}
          />
        )}
      </Stack>
      <GeneratePackModal
        tenant={tenant}
        opened={generating}
        onClose={() => setGenerating(false)}
        onSave={(ready) => void saveAs(ready)}
      />
    </Card>
  );
}

type PackFactsProps = {
  view: ReviewPackView;
  onSave: () => void;
  /** Saves into the exports folder without a dialog; none when that folder is not known yet. */
  onSaveToDownloads: (() => void) | null;
  saving: boolean;
};

function PackFacts({ view, onSave, onSaveToDownloads, saving }: PackFactsProps) {
  const { pack } = view;
  switch (pack.status) {
    case "queued":
    case "generating":
      return (
        <Stack gap={4} data-testid="pack-in-progress">
          <Text size="sm">
            {pack.status === "queued" ? "Waiting to be generated" : "Being generated"}, asked for{" "}
            <RelativeTime value={pack.created_at} size="sm" span />. This card shows the pack when it is ready.
          </Text>
          <Options view={view} />
          {pack.run_id !== null && <RunLink runId={pack.run_id} />}
        </Stack>
      );
    case "failed":
      return (
        <Stack gap={4} data-testid="pack-failed">
          <Text size="sm">
            The pack asked for <RelativeTime value={pack.created_at} size="sm" span /> could not be generated. Its run
            says why; generate a new one once that is fixed.
          </Text>
          {pack.run_id !== null && <RunLink runId={pack.run_id} label="See why in its run" />}
        </Stack>
      );
    case "expired":
      return <Expired view={view} />;
    case "ready":
      return (
        <Stack gap="xs" data-testid="pack-ready">
          <Facts view={view} />
          <Options view={view} />
          {view.file_available ? (
            <Group>
              <Button
                size="xs"
                leftSection={<IconDownload size={14} aria-hidden />}
                onClick={onSave}
                loading={saving}
                data-testid="pack-save"
              >
                Save as…
              </Button>
              {onSaveToDownloads !== null && (
                <Button
                  size="xs"
                  variant="default"
                  onClick={onSaveToDownloads}
                  disabled={saving}
                  data-testid="pack-save-downloads"
                >
                  Save to Downloads
                </Button>
              )}
            </Group>
          ) : (
            <Text size="sm" c="red" data-testid="pack-file-missing">
              The pack&apos;s file is not in this computer&apos;s data folder. Generate the pack again: if it was made
              here, it is made anew; if another computer made it, you are told which.
            </Text>
          )}
        </Stack>
      );
  }
}

/** Generated when, how big, until when it is kept, and the open findings it lists. */
function Facts({ view }: { view: ReviewPackView }) {
  const { pack } = view;
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        {pack.generated_at !== null && (
          <Text size="sm" data-testid="pack-generated">
            Generated <RelativeTime value={pack.generated_at} size="sm" span />
          </Text>
        )}
        {pack.file_size !== null && (
          <>
            <Text size="sm" c="dimmed" aria-hidden>
              ·
            </Text>
            <Text size="sm" data-testid="pack-size">
              {fileSize(pack.file_size)}, {pack.summary.files.toLocaleString()} files
            </Text>
          </>
        )}
        {pack.expires_at !== null && (
          <>
            <Text size="sm" c="dimmed" aria-hidden>
              ·
            </Text>
            <Text size="sm" c="dimmed" data-testid="pack-expires">
              Kept until {dayLabel(pack.expires_at)}
            </Text>
          </>
        )}
      </Group>
      <Text size="sm" data-testid="pack-findings">
        Open findings: {openFindingsWords(pack.summary)}
      </Text>
      <Text size="xs" c="dimmed" data-testid="pack-contents">
        {contentsWords(pack.summary)}
      </Text>
    </Stack>
  );
}

function Options({ view }: { view: ReviewPackView }) {
  return (
    <Text size="xs" c="dimmed" data-testid="pack-options">
      {namesWords(view.pack.options)} · {operationsWords(view.pack.options)}
    </Text>
  );
}

/** Past its retention date: it can no longer be saved; whether its file is still kept, and until when. */
function Expired({ view }: { view: ReviewPackView }) {
  const { pack } = view;
  const settings = useReviewPackSettings(pack.workspace_id);
  // Until when the file is kept depends on the grace period: said once it is known (or could not be).
  const fileWords =
    pack.file_deleted_at === null && settings.isPending
      ? null
      : expiredFileWords(pack, settings.data?.settings.grace_days ?? null);
  return (
    <Stack gap={4} data-testid="pack-expired">
      <Text size="sm">
        The pack generated{" "}
        {pack.generated_at === null ? "earlier" : <RelativeTime value={pack.generated_at} size="sm" span />} expired
        {pack.expires_at === null ? "" : ` on ${dayLabel(pack.expires_at)}`} and can no longer be saved. {fileWords}
      </Text>
      <Options view={view} />
    </Stack>
  );
}

/**
 * Once the pack the operator asked for stops being made (ready or failed), the toast that said
 * it was queued or being made is no longer true: it goes, and the card (and the run's own
 * toast) say how it ended.
 */
function useRequestToastEndsWithThePack(tenant: Tenant, view: ReviewPackView | null) {
  const status = view?.pack.status;
  const wasInProgress = useRef(false);
  useEffect(() => {
    const inProgress = status !== undefined && isPackInProgress(status);
    if (wasInProgress.current && !inProgress) notifications.hide(packRequestToastId(tenant.id));
    wasInProgress.current = inProgress;
  }, [status, tenant.id]);
}
