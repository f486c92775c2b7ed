import { Anchor } from "@mantine/core";
import { Link } from "react-router";
import { useBackupSets, useBaselineSnapshot } from "../../api";
import type { BackupSetId, BaselineSnapshotId, Restore, RestoreId } from "../../bindings/types";
import { RelativeTime } from "../../components/RelativeTime";
import { useCan } from "../../workspace";
import { backupsPath } from "../backups/backupLinks";
import { setNaming } from "../backups/importWords";
import { snapshotPath } from "../baselines/baselineLinks";
import { restorePath } from "./restoreLinks";
import { shortRestoreId, subjectsWords } from "./restoreWords";

type SourceWordsProps = { restore: Restore; sourceName: string };

/**
 * What a restore restores, for the sentence of its page's header, linked to it where it can be
 * opened: "the backup of Contoso taken 2 h ago" ("the IntuneCD backup of Contoso imported 2 h ago"), "3 chosen versions of Contoso", "the undo of
 * restore 3f2a9c1e" or "the baseline content of Windows standard (2 subjects)".
 */
export function RestoreSourceWords({ restore, sourceName }: SourceWordsProps) {
  const { source } = restore;
  switch (source.kind) {
    case "versions": {
      const count = source.version_ids.length;
      return (
        <>
          {count.toLocaleString()} chosen {count === 1 ? "version" : "versions"} of {sourceName}
        </>
      );
    }
    case "backup_set":
      return <BackupSetWords restore={restore} setId={source.backup_set_id} sourceName={sourceName} />;
    case "undo":
      return (
        <>
          the undo of <UndoneRestoreLink restoreId={source.restore_id} />
        </>
      );
    case "baseline":
      return <BaselineWords restore={restore} snapshotId={source.snapshot_id} subjects={source.subject_keys.length} />;
  }
}

/** "restore 3f2a9c1e", linked to the restore an undo undoes. */
export function UndoneRestoreLink({ restoreId }: { restoreId: RestoreId }) {
  return (
    <Anchor component={Link} to={restorePath(restoreId)} size="sm" data-testid="restore-source-undone">
      restore {shortRestoreId(restoreId)}
    </Anchor>
  );
}

function BackupSetWords({ restore, setId, sourceName }: SourceWordsProps & { setId: BackupSetId }) {
  const sets = useBackupSets(restore.source_tenant_id);
  const set = sets.data?.find((candidate) => candidate.id === setId);
  if (set === undefined) return <>a backup set of {sourceName}</>;
  const naming = setNaming(set);
  return (
    <Anchor
      component={Link}
      to={backupsPath(restore.source_tenant_id, set.id)}
      size="sm"
      data-testid="restore-source-set"
    >
      the {naming.noun} of {sourceName} {naming.made} <RelativeTime value={set.created_at} size="sm" span />
    </Anchor>
  );
}

/**
 * The baseline's content, named after its profile and linked to the snapshot on the profile's
 * page — for members who may see baselines; the others read "baseline content (2 subjects)".
 */
function BaselineWords({
  restore,
  snapshotId,
  subjects,
}: {
  restore: Restore;
  snapshotId: BaselineSnapshotId;
  subjects: number;
}) {
  const canView = useCan(restore.workspace_id)("workspace.baselines.view");
  const snapshot = useBaselineSnapshot(canView ? snapshotId : null);
  const count = subjectsWords(subjects);
  if (snapshot.data === undefined) return <>baseline content ({count})</>;
  return (
    <Anchor
      component={Link}
      to={snapshotPath(snapshot.data.snapshot.profile_id, snapshotId)}
      size="sm"
      data-testid="restore-source-baseline"
    >
      the baseline content of {snapshot.data.profile_name} ({count})
    </Anchor>
  );
}
