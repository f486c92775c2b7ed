import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { RestoreStatus, RunDetail } from "../../bindings/types";
import { RestoreStatusBadge } from "../restores/RestoreBadges";
import { restorePath } from "../restores/restoreLinks";
import { countsSentence, countsTotal } from "../restores/restoreWords";

/**
 * What a restore run ended with: its restore's own status, what the plan would do (the counts of
 * a preview) or what the execution did (its run's created / updated / deleted / left alone /
 * failed), and the way to the restore's page.
 */
export function RestoreResult({ detail }: { detail: RunDetail }) {
  const { result } = detail;
  if (result === null || result.kind !== "restore") return null;
  const planned = countsTotal(result.counts) > 0;
  return (
    <Stack gap="xs" data-testid="restore-result">
      <Title order={4}>{result.dry_run ? "Restore preview" : "Restore"}</Title>
      <Group gap="sm" wrap="nowrap">
        <RestoreStatusBadge status={result.restore_status} />
        <Text size="sm" data-testid="restore-result-counts">
          {result.dry_run
            ? planned
              ? `${countsSentence(result.counts)}.`
              : "The preview ended without a plan."
            : executionSentence(result.restore_status, detail.run.summary_counts)}
        </Text>
      </Group>
      <Anchor component={Link} to={restorePath(result.restore_id)} size="sm" data-testid="restore-result-link">
        {result.dry_run ? "The restore preview and its plan" : "The restore and what it did"}
      </Anchor>
    </Stack>
  );
}

/**
 * What an execution did, from its run's counters: "3 created, 8 updated, 2 deleted, 64 left
 * alone, 1 failed." (deleted: undoing a restore); nothing written when the target had changed
 * since the preview.
 */
export function executionSentence(status: RestoreStatus, counts: Partial<Record<string, number | undefined>>): string {
  if (status === "outdated") return "Nothing was written: the tenant changed since the preview.";
  const parts = [
    ["created", "created"],
    ["updated", "updated"],
    ["deleted", "deleted"],
    ["skipped", "left alone"],
    ["failed", "failed"],
  ]
    .map(([key, words]) => {
      const value = counts[key as string] ?? 0;
      return value > 0 ? `${value.toLocaleString()} ${words}` : null;
    })
    .filter((part): part is string => part !== null);
  return parts.length === 0 ? "Nothing was written." : `${parts.join(", ")}.`;
}
