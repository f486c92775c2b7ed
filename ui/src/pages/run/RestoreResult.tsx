import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { RunDetail } from "../../bindings/types";
import { RestoreStatusBadge } from "../restores/RestoreBadges";
import { restorePath } from "../restores/restoreLinks";
import { countsSentence, countsTotal } from "../restores/restoreWords";

/**
 * What a restore run ended with: its restore's own status, what the plan would do (the counts of
 * a preview), and the way to the restore's page.
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
          {planned
            ? `${countsSentence(result.counts)}.`
            : result.dry_run
              ? "The preview ended without a plan."
              : "Nothing was counted."}
        </Text>
      </Group>
      <Anchor component={Link} to={restorePath(result.restore_id)} size="sm" data-testid="restore-result-link">
        {result.dry_run ? "The restore preview and its plan" : "The restore and its plan"}
      </Anchor>
    </Stack>
  );
}
