import { Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMessageCheck } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useAcknowledgeFindings } from "../../api";
import type { AcknowledgeFindingsResponse, FindingId } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { plural } from "../baselines/baselineWords";
import { NoteField, noteError } from "./NoteField";

type AcknowledgeModalProps = {
  /** The findings to acknowledge; the modal is open while there are any. */
  findingIds: FindingId[];
  onClose: () => void;
  /** Called with what the backend did, so the list can clear its selection. */
  onDone: (response: AcknowledgeFindingsResponse) => void;
};

/** Acknowledges selected findings as accepted exceptions, with the note that says why. */
export function AcknowledgeModal({ findingIds, onClose, onDone }: AcknowledgeModalProps) {
  return (
    <Modal
      opened={findingIds.length > 0}
      onClose={onClose}
      title={`Acknowledge ${plural(findingIds.length, "finding", "findings")}`}
      size="lg"
      closeOnClickOutside={false}
    >
      {findingIds.length > 0 && <AcknowledgeForm findingIds={findingIds} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function AcknowledgeForm({ findingIds, onClose, onDone }: AcknowledgeModalProps) {
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const [result, setResult] = useState<AcknowledgeFindingsResponse | null>(null);
  const acknowledge = useAcknowledgeFindings();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (noteError(note) !== null) return;
    acknowledge.mutate(
      { finding_ids: findingIds, note: note.trim() },
      {
        onSuccess: (response) => {
          onDone(response);
          if (response.acknowledged.length > 0) {
            notifications.show({
              color: "green",
              title: `${plural(response.acknowledged.length, "finding", "findings")} acknowledged`,
              message: "They stay acknowledged while their evidence stays the same.",
            });
          }
          if (response.skipped.length === 0) onClose();
          else setResult(response);
        },
      },
    );
  };

  if (result !== null) {
    return (
      <Stack gap="md" data-testid="ack-result">
        <Text size="sm">
          {plural(result.acknowledged.length, "finding was", "findings were")} acknowledged;{" "}
          {plural(result.skipped.length, "was", "were")} skipped:
        </Text>
        <List size="sm" spacing={4} data-testid="ack-skipped">
          {result.skipped.map((skipped) => (
            <List.Item key={skipped.finding_id}>{skipped.reason}</List.Item>
          ))}
        </List>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="ack-form">
      <Stack gap="md">
        <Text size="sm">
          Acknowledged findings are accepted exceptions: they stay listed, but no longer count as open drift. A later
          compare reopens one if its evidence changes.
        </Text>
        {acknowledge.error !== null && (
          <FailureAlert title="Nothing was acknowledged" data-testid="ack-error">
            {acknowledge.error.message}
          </FailureAlert>
        )}
        <NoteField value={note} onChange={setNote} error={tried ? noteError(note) : null} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={acknowledge.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            leftSection={<IconMessageCheck size={16} aria-hidden />}
            loading={acknowledge.isPending}
            data-testid="ack-submit"
          >
            Acknowledge
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
