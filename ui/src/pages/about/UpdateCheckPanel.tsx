import { Alert, Button, Group, ScrollArea, Stack, Text } from "@mantine/core";
import { IconCircleCheck, IconDownload, IconRefresh, IconRotateClockwise } from "@tabler/icons-react";
import { useState } from "react";
import { useCheckForUpdate, useInstalledUpdate, useInstallUpdate, useSessionUpdateCheck } from "../../api";
import type { UpdateCheck, UpdateOffer } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { installedWords, publishedWords } from "./aboutWords";
import { InstallUpdateModal } from "./InstallUpdateModal";

/**
 * "Check for updates" (off without an update address) and what it found: the latest version, or
 * the newer one with its notes and Install (after a question). Shows the session's background
 * check until the operator asks again, and an installed update until the app restarts.
 */
export function UpdateCheckPanel({ url }: { url: string | null }) {
  const check = useCheckForUpdate(url ?? "");
  const earlier = useSessionUpdateCheck(url ?? "");
  const install = useInstallUpdate();
  const installed = useInstalledUpdate();
  const [confirming, setConfirming] = useState<UpdateOffer | null>(null);

  const found: UpdateCheck | undefined = url === null || check.isError ? undefined : (check.data ?? earlier);
  const confirm = () => {
    if (confirming === null) return;
    setConfirming(null);
    install.mutate(confirming.version);
  };
  return (
    <Stack gap="sm">
      <Group>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => check.mutate()}
          loading={check.isPending}
          disabled={url === null || install.isPending}
          data-testid="update-check"
        >
          Check for updates
        </Button>
      </Group>
      {check.isError && (
        <FailureAlert title="TenantAtlas could not check for updates" data-testid="update-error">
          {check.error.message}
        </FailureAlert>
      )}
      {installed !== null ? (
        <Alert
          color="green"
          variant="light"
          icon={<IconRotateClockwise aria-hidden />}
          role="status"
          data-testid="update-result"
        >
          {installedWords(installed)}
        </Alert>
      ) : (
        found !== undefined && (
          <CheckResult
            found={found}
            installing={install.isPending}
            onInstall={(offer) => {
              install.reset();
              setConfirming(offer);
            }}
          />
        )
      )}
      {install.isError && (
        <FailureAlert title="The update was not installed" data-testid="update-install-error">
          {install.error.message}
        </FailureAlert>
      )}
      {confirming !== null && (
        <InstallUpdateModal
          version={confirming.version}
          opened
          onClose={() => setConfirming(null)}
          onConfirm={confirm}
        />
      )}
    </Stack>
  );
}

type CheckResultProps = { found: UpdateCheck; installing: boolean; onInstall: (offer: UpdateOffer) => void };

function CheckResult({ found, installing, onInstall }: CheckResultProps) {
  const offer = found.offer;
  if (offer === null) {
    return (
      <Alert
        color="gray"
        variant="light"
        icon={<IconCircleCheck aria-hidden />}
        role="status"
        data-testid="update-result"
      >
        You have the latest version ({found.current_version}).
      </Alert>
    );
  }
  const published = publishedWords(offer.published_at);
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconDownload aria-hidden />}
      title={`Version ${offer.version} is available`}
      role="status"
      data-testid="update-result"
    >
      <Stack gap="xs">
        <Text size="sm" c="dimmed" data-testid="update-published">
          {[published, `you have ${offer.current_version}`].filter((part) => part !== null).join(" · ")}
        </Text>
        {offer.notes === null || offer.notes.trim() === "" ? (
          <Text size="sm" c="dimmed">
            No release notes came with this version.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={240} type="auto">
            {/* Plain text as the manifest gives it, its line breaks kept. */}
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="update-notes">
              {offer.notes}
            </Text>
          </ScrollArea.Autosize>
        )}
        <Group>
          <Button
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => onInstall(offer)}
            loading={installing}
            data-testid="update-install"
          >
            Install update
          </Button>
          {installing && (
            <Text size="sm" c="dimmed" role="status">
              Downloading TenantAtlas {offer.version} and verifying its signature…
            </Text>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
