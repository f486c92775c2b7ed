import { Button, Modal, Text } from "@mantine/core";
import { CreateWorkspaceForm } from "./CreateWorkspaceForm";

/** "Create workspace…" from the workspace switcher: the same form as on the first run, in a dialog. */
export function CreateWorkspaceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create workspace" size="md">
      {/* Mounted only while open: a closed dialog starts empty next time. */}
      {opened && (
        <>
          <Text size="sm" c="dimmed" mb="md">
            A workspace holds your customers&apos; tenants, baselines and history. You become its owner; the workspace
            you are in now stays as it is.
          </Text>
          <CreateWorkspaceForm
            autoFocus
            onCreated={onClose}
            secondary={
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
            }
          />
        </>
      )}
    </Modal>
  );
}
