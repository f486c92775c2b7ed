import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { RunDetail, RunResult } from "../../bindings/types";
import { BackupStatusBadge } from "../backups/BackupStatusBadge";
import { backupsPath } from "../backups/backupLinks";
import { newVersionsWords, versionsWords } from "../backups/backupWords";

type BackupRunResult = Extract<RunResult, { kind: "backup" }>;

/** What a backup's run says its set held, from the run's counters: "70 versions: 12 new, 58 unchanged." */
function heldSentence(detail: RunDetail, result: BackupRunResult): string {
  if (result.backup_set_id === null) return "No backup set was written: the backup stopped before it began one.";
  if (result.set_status === "capturing") return "Still capturing.";
  const { items, created = 0 } = detail.run.summary_counts;
  if (items === undefined) return "The run recorded no count of the versions.";
  return `${versionsWords(items)}: ${newVersionsWords({ item_count: items, new_versions: created })}.`;
}

/** What a backup run ended with: its set's own status, the versions it holds, what retention pruned, and the set. */
export function BackupResult({ detail }: { detail: RunDetail }) {
  const { result, run } = detail;
  if (result === null || result.kind !== "backup") return null;
  const name = detail.tenant_name ?? "the tenant";
  return (
    <Stack gap="xs" data-testid="backup-result">
      <Title order={4}>Backup set</Title>
      <Group gap="sm" wrap="nowrap">
        {result.backup_set_id !== null && <BackupStatusBadge status={result.set_status} />}
        <Text size="sm" data-testid="backup-result-held">
          {heldSentence(detail, result)}
        </Text>
      </Group>
      {result.pruned_sets > 0 && (
        <Text size="sm" data-testid="backup-result-pruned">
          Retention removed{" "}
          {result.pruned_sets === 1 ? "1 older backup set" : `${result.pruned_sets} older backup sets`} of {name}.
        </Text>
      )}
      {result.backup_set_id !== null && run.tenant_id !== null && (
        <Anchor
          component={Link}
          to={backupsPath(run.tenant_id, result.backup_set_id)}
          size="sm"
          data-testid="backup-result-link"
        >
          The backup set in the Backups of {name}
        </Anchor>
      )}
    </Stack>
  );
}
