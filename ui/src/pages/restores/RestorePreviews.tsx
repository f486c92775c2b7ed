import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useBackupSets, useTenantRestores, useTenants } from "../../api";
import type { BackupSet, Restore, Tenant } from "../../bindings/types";
import classes from "../../components/plainList.module.css";
import { RelativeTime } from "../../components/RelativeTime";
import { RestoreStatusBadge } from "./RestoreBadges";
import { restorePath } from "./restoreLinks";
import { countsSentence, isPromote, sourceShort } from "./restoreWords";

/** Previews listed before "Show all". */
const FIRST = 5;

const setTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * What a preview restores, in a few words: "Backup of 22 Nov 2026, 02:00" (a set of the tenant's
 * own, as its Backups list shows it; "IntuneCD backup imported 22 Nov 2026, 02:00" for an
 * import), "A backup set of Contoso", "3 chosen versions of Contoso",
 * "Undo of restore 3f2a9c1e" (always of the tenant's own) or "Baseline content (2 subjects)" (a
 * remediation: its source tenant is the baseline's, not named).
 */
function whatWords(restore: Restore, sourceName: string, sets: readonly BackupSet[]): string {
  const { source } = restore;
  const of = isPromote(restore) ? ` of ${sourceName}` : "";
  switch (source.kind) {
    case "backup_set": {
      const set = sets.find((candidate) => candidate.id === source.backup_set_id);
      if (set !== undefined && of === "") {
        const when = setTime.format(new Date(set.created_at));
        return set.origin === undefined ? `Backup of ${when}` : `${set.origin.tool} backup imported ${when}`;
      }
      return `${sourceShort(restore)}${of}`;
    }
    case "versions":
      return `${sourceShort(restore)}${of}`;
    case "undo":
    case "baseline":
      return sourceShort(restore);
  }
}

/**
 * The restore previews onto the tenant, newest first: each one's status, what it restores (and
 * from which tenant, for a promote), what its plan would do and when it was asked for, linked to
 * its page. Nothing at all while there is none (or while they load); a line if they cannot be read.
 */
export function RestorePreviews({ tenant }: { tenant: Tenant }) {
  const restores = useTenantRestores(tenant.id);
  const tenants = useTenants(tenant.workspace_id);
  // The tab lists these sets already: the same query, no second request.
  const sets = useBackupSets(tenant.id).data ?? [];
  const [all, setAll] = useState(false);
  if (restores.isError) {
    return (
      <Text size="sm" c="red.8" data-testid="restore-previews-error">
        The restore previews could not be loaded: {restores.error.message}
      </Text>
    );
  }
  const list = restores.data ?? [];
  if (list.length === 0) return null;
  const nameOf = (id: string) => (tenants.data ?? []).find((t) => t.id === id)?.display_name ?? "another tenant";
  const shown = all ? list : list.slice(0, FIRST);
  return (
    <Stack gap="xs" data-testid="restore-previews">
      <Group gap="xs" align="baseline">
        <Title order={3} size="h4">
          Restore previews
        </Title>
        <Text size="sm" c="dimmed">
          {list.length.toLocaleString()} · what restoring onto {tenant.display_name} would change
        </Text>
      </Group>
      <Stack gap={6} component="ul" className={classes.plainList} aria-label="Restore previews">
        {shown.map((restore) => (
          <PreviewRow
            key={restore.id}
            restore={restore}
            what={whatWords(restore, nameOf(restore.source_tenant_id), sets)}
          />
        ))}
      </Stack>
      {list.length > FIRST && (
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          onClick={() => setAll(!all)}
          data-testid="restore-previews-all"
        >
          {all ? "Show the newest only" : `Show all ${list.length.toLocaleString()}`}
        </Button>
      )}
    </Stack>
  );
}

function PreviewRow({ restore, what }: { restore: Restore; what: string }) {
  const result =
    restore.plan !== null
      ? countsSentence(restore.plan.counts)
      : restore.status === "planning"
        ? "Reading the tenant…"
        : restore.status === "preview_failed"
          ? "No plan: the preview failed"
          : null;
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      data-testid="restore-preview-row"
      data-restore-id={restore.id}
      data-status={restore.status}
    >
      <RestoreStatusBadge status={restore.status} />
      <Anchor component={Link} to={restorePath(restore.id)} size="sm" fw={500} style={{ flexShrink: 0 }}>
        {what}
      </Anchor>
      {result !== null && (
        <Text size="sm" c="dimmed" truncate="end" title={result} data-testid="restore-preview-result">
          {result}
        </Text>
      )}
      <RelativeTime value={restore.created_at} size="sm" c="dimmed" ml="auto" style={{ flexShrink: 0 }} />
    </Group>
  );
}
