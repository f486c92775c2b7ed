import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { installQuestion } from "./aboutWords";

type InstallUpdateModalProps = {
  version: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
};

/** The one question before an update is downloaded and installed. */
export function InstallUpdateModal({ version, opened, onClose, onConfirm }: InstallUpdateModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Install the update?" data-testid="install-update-modal">
      <Stack gap="md">
        <Text size="sm">{installQuestion(version)}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={onConfirm}
            data-testid="update-install-confirm"
          >
            Install {version}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
