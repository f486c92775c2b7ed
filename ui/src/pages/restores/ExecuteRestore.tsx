import {
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { IconDatabaseImport } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useExecuteRestore } from "../../api";
import type { ApiError, Restore, RestorePlan, StartRunResponse } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { toastRunStarted, useRunWatch } from "../../runs";
import { blockingGroups, changesOf, executeSentence, leftAloneSentence, undoNote } from "./restoreWords";
import { SecretValues } from "./SecretValues";
import {
  draftBlocked,
  lockedSecretItems,
  type SecretDraft,
  secretInputs,
  secretItems,
  unlockedCount,
  withValue,
} from "./secretValues";

type ExecuteRestoreProps = {
  restore: Restore;
  plan: RestorePlan;
  /** The target tenant's display name: what the operator types to confirm. */
  target: string;
  typeLabel: (key: string) => string;
  /** An execution was asked for and its run started: the page follows it. */
  onStarted: (start: StartRunResponse) => void;
};

/**
 * "Execute restore…" on a previewed plan that changes something (or could, with secret values
 * typed in its confirmation): disabled, with the way to the
 * group mapping, while groups without a target keep objects from being written; otherwise it
 * opens the confirmation. The caller shows it only to members who may execute restores.
 */
export function ExecuteRestoreButton({ restore, plan, target, typeLabel, onStarted }: ExecuteRestoreProps) {
  const [opened, setOpened] = useState(false);
  const blocking = blockingGroups(plan);
  if (blocking.length > 0) {
    const why = `${blocking.length === 1 ? "A group has" : `${blocking.length} groups have`} no target group (${blocking.join(", ")}): choose one or skip ${blocking.length === 1 ? "its" : "their"} assignments in the group mapping, then preview again.`;
    return (
      <Tooltip label={why} multiline w={320} withArrow>
        {/* A disabled button gets no pointer events: the wrapper carries the tooltip; the reason is also the button's description. */}
        <span data-testid="execute-restore-blocked" data-why={why}>
          <Button
            color="red"
            leftSection={<IconDatabaseImport size={16} aria-hidden />}
            disabled
            aria-describedby="execute-restore-why"
            data-testid="execute-restore"
          >
            Execute restore…
          </Button>
          <VisuallyHidden id="execute-restore-why">{why}</VisuallyHidden>
        </span>
      </Tooltip>
    );
  }
  return (
    <>
      <Button
        color="red"
        leftSection={<IconDatabaseImport size={16} aria-hidden />}
        onClick={() => setOpened(true)}
        data-testid="execute-restore"
      >
        Execute restore…
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Restore onto ${target}?`}
        size="lg"
        closeOnClickOutside={false}
        data-testid="execute-restore-modal"
      >
        {opened && (
          <ConfirmExecute
            restore={restore}
            plan={plan}
            target={target}
            typeLabel={typeLabel}
            onClose={() => setOpened(false)}
            onStarted={(start) => {
              setOpened(false);
              onStarted(start);
            }}
          />
        )}
      </Modal>
    </>
  );
}

type ConfirmProps = Omit<ExecuteRestoreProps, "onStarted"> & {
  onClose: () => void;
  onStarted: (start: StartRunResponse) => void;
};

/**
 * The confirmation: what executing writes and leaves alone, the secret values the operator may
 * type for objects whose only conflict is theirs, the tenant's name typed and the number of
 * changes entered (which counts the objects the typed values make writable, as they are typed).
 * A refusal (the backend's words: the preview is out of date, a group has no target…) or a blocked
 * start shows here, above the buttons.
 *
 * Secret values live in this component's state only: it is unmounted when the dialog closes, so
 * they go with it; they are sent with the execute call and nowhere else (see `useExecuteRestore`).
 */
function ConfirmExecute({ restore, plan, target, typeLabel, onClose, onStarted }: ConfirmProps) {
  const items = useMemo(() => secretItems(plan), [plan]);
  const [draft, setDraft] = useState<SecretDraft>({});
  const execute = useExecuteRestore(restore.workspace_id, () => secretInputs(items, draft));
  const watch = useRunWatch();
  const [typed, setTyped] = useState("");
  const [number, setNumber] = useState<string | number>("");
  const [blocked, setBlocked] = useState<string | null>(null);
  const unlocked = unlockedCount(items, draft);
  const changes = changesOf(plan.counts) + unlocked;
  const nameMatches = typed.trim() === target;
  const numberMatches = number === changes;
  const secretsBlocked = draftBlocked(items, draft);
  const leftAlone = leftAloneSentence({ ...plan.counts, conflict: plan.counts.conflict - unlocked });

  const submit = () => {
    setBlocked(null);
    execute.mutate(
      { restore_id: restore.id, confirm_tenant: typed.trim(), confirm_changes: changes },
      {
        onSuccess: (start) => {
          toastRunStarted(start);
          if (start.intent === "blocked") {
            setBlocked(start.message);
            return;
          }
          watch({ runs: [start.run], tenantNames: { [restore.tenant_id]: target } });
          onStarted(start);
        },
      },
    );
  };

  return (
    <Stack gap="md" data-testid="execute-restore-confirm">
      <Stack gap={6}>
        {/* Deleting is destructive: a plan that deletes says so in red. */}
        <Text
          size="sm"
          fw={600}
          c={plan.counts.delete > 0 ? "red.8" : undefined}
          data-testid="execute-restore-what"
          data-deletes={plan.counts.delete > 0 || undefined}
        >
          {executeSentence(plan.counts, target, unlocked)}
        </Text>
        <Text size="sm" data-testid="execute-restore-undo">
          {undoNote(plan.counts)}
        </Text>
        {leftAlone !== "" && (
          <Text size="sm" c="dimmed" data-testid="execute-restore-left-alone">
            {leftAlone}
          </Text>
        )}
        <List size="sm" spacing={2}>
          <List.Item>
            {target} is read again first: if it changed since the preview, nothing is written and the preview is marked
            out of date.
          </List.Item>
          <List.Item>Every write is recorded in the audit log.</List.Item>
        </List>
      </Stack>
      {items.length > 0 && (
        <SecretValues
          items={items}
          locked={lockedSecretItems(plan)}
          draft={draft}
          onChange={(versionId, field, value) => setDraft((current) => withValue(current, versionId, field, value))}
          typeLabel={typeLabel}
          disabled={execute.isPending}
        />
      )}
      <TextInput
        label={`Type the tenant's name, ${target}, to confirm`}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
        error={typed.trim() !== "" && !nameMatches ? "This is not the tenant's name." : undefined}
        data-autofocus
        data-testid="execute-confirm-tenant"
      />
      <NumberInput
        label={`Enter the number of changes, ${changes.toLocaleString()}, to confirm`}
        value={number}
        onChange={setNumber}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        hideControls
        error={
          number !== "" && !numberMatches
            ? `The plan writes ${changes.toLocaleString()} ${changes === 1 ? "change" : "changes"}.`
            : undefined
        }
        w={260}
        data-testid="execute-confirm-changes"
      />
      {execute.error !== null && <Refused error={execute.error} />}
      {blocked !== null && <Refused error={{ code: "conflict", message: blocked }} />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} disabled={execute.isPending}>
          Cancel
        </Button>
        <Button
          color="red"
          leftSection={<IconDatabaseImport size={16} aria-hidden />}
          disabled={!nameMatches || !numberMatches || secretsBlocked}
          loading={execute.isPending}
          onClick={submit}
          data-testid="execute-restore-submit"
        >
          Write {changes.toLocaleString()} {changes === 1 ? "change" : "changes"} to {target}
        </Button>
      </Group>
    </Stack>
  );
}

function Refused({ error }: { error: ApiError }) {
  return (
    <FailureAlert title="The restore was not started" data-testid="execute-restore-error">
      <Text size="sm">{error.message}</Text>
    </FailureAlert>
  );
}
