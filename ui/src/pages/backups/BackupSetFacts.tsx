import { Text } from "@mantine/core";
import type { BackupOrigin, BackupSet } from "../../bindings/types";
import { CopyableBlock } from "../../components/CopyableBlock";
import { RelativeTime } from "../../components/RelativeTime";
import { RunLink } from "../../runs";
import type { Detail } from "../tenants/DetailTable";
import { BackupStatusBadge } from "./BackupStatusBadge";
import { newVersionsWords, versionsWords } from "./backupWords";
import { importedFromWords } from "./importWords";
import type { MadeBy } from "./useMadeBy";

/** A set's facts for its drawer: those of a set a backup captured, or those of an imported one. */
export function setFacts(set: BackupSet, who: MadeBy): Detail[] {
  return set.origin === undefined ? capturedFacts(set, who) : importedFacts(set, set.origin, who);
}

/** What a set holds: its versions, and how many this backup (or import) stored new. */
function versionsFact(set: BackupSet): Detail {
  return {
    label: "Versions held",
    value: (
      <Text size="sm" span data-testid="backup-set-versions">
        {versionsWords(set.item_count)}
        {set.status !== "capturing" && (
          <Text span size="sm" c="dimmed">
            {" "}
            · {newVersionsWords(set)}
          </Text>
        )}
      </Text>
    ),
  };
}

/** A set a backup captured: when it was taken and finished, who made it, what it holds and its run. */
function capturedFacts(set: BackupSet, who: MadeBy): Detail[] {
  return [
    { label: "Status", value: <BackupStatusBadge status={set.status} /> },
    { label: "Taken", value: <RelativeTime value={set.created_at} size="sm" /> },
    {
      label: "Finished",
      value:
        set.completed_at === null ? (
          <Text size="sm" c="dimmed">
            Still capturing
          </Text>
        ) : (
          <RelativeTime value={set.completed_at} size="sm" />
        ),
    },
    { label: "Made by", value: who.detail === null ? who.label : `${who.label} · ${who.detail}` },
    versionsFact(set),
    {
      label: "Run",
      value:
        set.run_id === null ? (
          <Text size="sm" c="dimmed">
            No run recorded
          </Text>
        ) : (
          <RunLink runId={set.run_id} />
        ),
    },
  ];
}

/** An imported set: when, from which tool and folder, by whom and what it holds (no run: an import is none). */
function importedFacts(set: BackupSet, origin: BackupOrigin, who: MadeBy): Detail[] {
  const tool = origin.tool_version === undefined ? origin.tool : `${origin.tool} ${origin.tool_version}`;
  return [
    { label: "Status", value: <BackupStatusBadge status={set.status} /> },
    { label: "Imported", value: <RelativeTime value={set.created_at} size="sm" /> },
    {
      label: "Source",
      value: (
        <Text size="sm" span data-testid="backup-set-source">
          {importedFromWords(tool)}
        </Text>
      ),
    },
    {
      label: "Folder",
      value: <CopyableBlock value={origin.folder} label="Copy the folder's path" data-testid="backup-set-folder" />,
    },
    { label: "Imported by", value: who.detail === null ? who.label : `${who.label} · ${who.detail}` },
    versionsFact(set),
  ];
}
