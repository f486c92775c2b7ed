import { Group, Table, Text, Tooltip } from "@mantine/core";
import { type ReactNode, useContext } from "react";
import type { BackupSet, BackupSetId } from "../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh } from "../../components/columns";
import { RelativeTime } from "../../components/RelativeTime";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import { RunLink } from "../../runs";
import { RowControlsTabbable } from "../tenants/cells";
import classes from "./BackupSetsTable.module.css";
import { BackupStatusBadge } from "./BackupStatusBadge";
import { missingShort, newVersionsWords } from "./backupWords";
import { importedFromWords } from "./importWords";
import type { MadeBy } from "./useMadeBy";

const OVERSCAN = 10;

/** What a row needs besides its set: who made it and the catalog's type labels. */
type RowContext = { madeBy: (set: BackupSet) => MadeBy; typeLabel: (key: string) => string };

type Column = ColumnSpec & { render: (set: BackupSet, context: RowContext) => ReactNode };

function Dash({ label }: { label: string }) {
  return (
    <Text size="sm" c="dimmed" aria-label={label}>
      —
    </Text>
  );
}

// When it was taken always shows; on narrower tables the run link gives way first, then who made
// it and the new versions; the status (with what is missing) and the versions held stay longest.
const COLUMNS: Column[] = [
  {
    key: "taken",
    title: "Taken",
    minWidth: 120,
    required: true,
    render: (set) => <RelativeTime value={set.created_at} size="sm" data-testid="backup-row-taken" />,
  },
  {
    key: "status",
    title: "Status",
    width: 250,
    minWidth: 250,
    priority: 7,
    render: (set, { typeLabel }) => <StatusCell set={set} typeLabel={typeLabel} />,
  },
  {
    key: "versions",
    title: "Versions held",
    width: 110,
    minWidth: 110,
    priority: 6,
    render: (set) =>
      set.status === "capturing" ? (
        <Dash label="Still capturing" />
      ) : (
        <Text size="sm" data-testid="backup-row-versions">
          {set.item_count.toLocaleString()}
        </Text>
      ),
  },
  {
    key: "new",
    title: "New versions",
    width: 180,
    minWidth: 180,
    priority: 5,
    render: (set) =>
      set.status === "capturing" ? (
        <Dash label="Still capturing" />
      ) : (
        <Text size="sm" truncate="end" data-testid="backup-row-new">
          {newVersionsWords(set)}
        </Text>
      ),
  },
  {
    key: "made-by",
    title: "Made by",
    width: 140,
    minWidth: 140,
    priority: 4,
    render: (set, { madeBy }) => <MadeByCell madeBy={sourceOf(set, madeBy(set))} />,
  },
  {
    key: "run",
    title: "Run",
    width: 90,
    minWidth: 90,
    priority: 3,
    render: (set) =>
      set.run_id !== null ? (
        <RunCell runId={set.run_id} />
      ) : (
        <Dash label={set.origin === undefined ? "No run recorded" : "Imported: no run"} />
      ),
  },
];

/** The backup sets table's columns, for the chooser and for fitting them to the width. */
export const BACKUP_SET_COLUMNS: readonly ColumnSpec[] = COLUMNS;

type BackupSetsTableProps = {
  /** Newest first. */
  sets: BackupSet[];
  /** The set open in the drawer, if any. */
  openId: BackupSetId | null;
  onOpen: (id: BackupSetId) => void;
  layout: ColumnLayout;
  /** A new value is a new list (another tenant): the highlight starts on its first row. */
  resetKey: string;
} & RowContext;

/**
 * A tenant's backup sets, newest first, one compact line each: when it was taken, its status
 * (with what a partial or failed set lacks), the versions it holds, how many are new, who made it
 * (or which tool's backup it was imported from) and its run. Keyboard: the table is one tab stop;
 * arrows, Page Up/Down, Home and End move the highlighted row, Enter opens it; Tab reaches the
 * highlighted row's run link. A click opens a row.
 */
export function BackupSetsTable({ sets, openId, onOpen, layout, resetKey, ...context }: BackupSetsTableProps) {
  const columns = COLUMNS.filter((column) => layout.isShown(column.key));
  const grid = useVirtualGrid({ total: sets.length, overscan: OVERSCAN, resetKey });
  return (
    <VirtualGridTable
      grid={grid}
      rowAt={(index) => sets[index]}
      rowKey={(set) => set.id}
      label="Backup sets"
      testId="backup-sets-table"
      rowTestId="backup-row"
      classes={classes}
      head={columns.map((column) => (
        <ResizableTh key={column.key} w={layout.widthOf(column.key)} resizer={layout.resizer(column.key)}>
          {column.title}
        </ResizableTh>
      ))}
      columnCount={columns.length}
      cells={(set, active) => (
        <RowControlsTabbable value={active}>
          {columns.map((column) => (
            <Table.Td key={column.key} data-column={column.key}>
              {column.render(set, context)}
            </Table.Td>
          ))}
        </RowControlsTabbable>
      )}
      rowData={(set) => ({
        "data-open": set.id === openId || undefined,
        "data-set-id": set.id,
        "data-status": set.status,
      })}
      onOpen={(set) => onOpen(set.id)}
      clickOpens
    />
  );
}

/** The status badge and, for a set that lacks something, what in a few words (all of it on hover). */
function StatusCell({ set, typeLabel }: { set: BackupSet; typeLabel: (key: string) => string }) {
  const missing = set.status === "partial" || set.status === "failed" ? missingShort(set, typeLabel) : "";
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <BackupStatusBadge status={set.status} />
      {missing !== "" && (
        <Text
          size="sm"
          c={set.status === "failed" ? "red.8" : "yellow.9"}
          truncate="end"
          title={missing}
          data-testid="backup-row-missing"
        >
          {missing}
        </Text>
      )}
    </Group>
  );
}

/**
 * Who made a set, or for an imported set where it came from: "Imported from IntuneCD", with who
 * imported it and the folder on hover.
 */
function sourceOf(set: BackupSet, who: MadeBy): MadeBy {
  if (set.origin === undefined) return who;
  const label = importedFromWords(set.origin.tool);
  const by = who.label === "You" ? "you" : who.label;
  return { label, detail: `${label} by ${by} · ${set.origin.folder}` };
}

function MadeByCell({ madeBy }: { madeBy: MadeBy }) {
  const text = (
    <Text size="sm" truncate="end" data-testid="backup-row-made-by">
      {madeBy.label}
    </Text>
  );
  if (madeBy.detail === null) return text;
  return (
    <Tooltip label={madeBy.detail} withinPortal openDelay={300}>
      {text}
    </Tooltip>
  );
}

/** The run's link, in the tab order only on the keyboard's row; a click on it opens the run, not the set. */
function RunCell({ runId }: { runId: string }) {
  const tabbable = useContext(RowControlsTabbable);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only keeps the row's click and keys off the link.
    <span onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      <RunLink runId={runId} tabIndex={tabbable ? undefined : -1} />
    </span>
  );
}
