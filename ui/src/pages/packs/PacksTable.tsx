import { ActionIcon, Anchor, Group, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconDownload, IconExternalLink, IconShieldSearch } from "@tabler/icons-react";
import { type KeyboardEvent, type ReactNode, useContext, useMemo } from "react";
import { Link } from "react-router";
import { useReviewPackPages } from "../../api";
import type { ReviewPackPage, ReviewPackView, TenantId, WorkspaceId } from "../../bindings/types";
import { type ColumnLayout, type ColumnSpec, ResizableTh } from "../../components/columns";
import { fileSize } from "../../components/exportToast";
import { RelativeTime } from "../../components/RelativeTime";
import { useVirtualGrid } from "../../components/useVirtualGrid";
import { VirtualGridTable } from "../../components/VirtualGridTable";
import classes from "../../components/virtualRows.module.css";
import { StatusBadge } from "../../vocabulary";
import { RowControlsTabbable } from "../tenants/cells";
import { openFindingsTotal, openFindingsWords, optionsShort, packFileName } from "./packWords";

/** Packs fetched per request (the backend allows up to 500); the table asks only for the pages in view. */
export const PACKS_PAGE_SIZE = 200;
const OVERSCAN = 10;
/** The row actions' column, outside the fitted columns: room for two buttons. */
export const PACK_ACTIONS_WIDTH = 84;

type Column = ColumnSpec & { render: (view: ReviewPackView) => ReactNode };

function Dash({ label }: { label: string }) {
  return (
    <Text size="sm" c="dimmed" aria-label={label}>
      —
    </Text>
  );
}

// The tenant takes the width the others leave and always shows. On narrower tables the
// options give way first, then the size, the expiry date and the open findings; status and the
// generation time stay longest.
const COLUMNS: Column[] = [
  {
    key: "tenant",
    title: "Tenant",
    minWidth: 170,
    required: true,
    render: (view) => <TenantCell view={view} />,
  },
  {
    key: "status",
    title: "Status",
    width: 116,
    minWidth: 116,
    priority: 7,
    render: (view) => <StatusBadge domain="pack_status" code={view.pack.status} />,
  },
  {
    key: "generated",
    title: "Generated",
    width: 110,
    minWidth: 110,
    priority: 6,
    render: ({ pack }) =>
      pack.generated_at === null ? (
        <Dash label="Not generated" />
      ) : (
        <RelativeTime value={pack.generated_at} size="sm" />
      ),
  },
  {
    key: "findings",
    title: "Open findings",
    width: 150,
    minWidth: 150,
    priority: 5,
    render: ({ pack }) => {
      if (pack.generated_at === null) return <Dash label="Not generated" />;
      const words = openFindingsWords(pack.summary);
      return (
        <Text size="sm" truncate="end" title={words} data-testid="pack-row-findings">
          {openFindingsTotal(pack.summary).toLocaleString()}
          {openFindingsTotal(pack.summary) > 0 && (
            <Text span size="sm" c="dimmed">
              {" "}
              · {words}
            </Text>
          )}
        </Text>
      );
    },
  },
  {
    key: "expires",
    title: "Expires",
    width: 110,
    minWidth: 110,
    priority: 3,
    render: ({ pack }) =>
      pack.expires_at === null ? <Dash label="No expiry yet" /> : <RelativeTime value={pack.expires_at} size="sm" />,
  },
  {
    key: "size",
    title: "Size",
    width: 84,
    minWidth: 84,
    priority: 2,
    render: ({ pack }) =>
      pack.file_size === null ? <Dash label="No file" /> : <Text size="sm">{fileSize(pack.file_size)}</Text>,
  },
  {
    key: "options",
    title: "Options",
    width: 150,
    minWidth: 150,
    priority: 1,
    render: ({ pack }) => (
      <Text size="sm" truncate="end" title={optionsShort(pack.options)}>
        {optionsShort(pack.options)}
      </Text>
    ),
  },
];

/** The packs table's columns, for the chooser and for fitting them to the width (less PACK_ACTIONS_WIDTH). */
export const PACK_COLUMNS: readonly ColumnSpec[] = COLUMNS;

/** What a row's buttons and Enter do. */
export type PackRowActions = {
  onSave: (view: ReviewPackView) => void;
  onVerify: (view: ReviewPackView) => void;
  onOpenRun: (view: ReviewPackView) => void;
};

/** The pack's file can be saved: it is ready and still in the data folder. */
export function canSave(view: ReviewPackView): boolean {
  return view.pack.status === "ready" && view.file_available;
}

/** A copy of the pack may exist to verify: it was generated. */
function canVerify(view: ReviewPackView): boolean {
  return view.pack.status === "ready" || view.pack.status === "expired";
}

type PacksTableProps = {
  workspaceId: WorkspaceId;
  tenantId: TenantId | null;
  /** The first page: its total sizes the list. Fetched by the page so it can tell "no packs". */
  first: ReviewPackPage;
  layout: ColumnLayout;
  actions: PackRowActions;
  savingId: string | null;
};

/**
 * The workspace's review packs, newest first, as one long table that renders only the rows on
 * screen, fetching pages by position as they come into view. Keyboard: the table is one tab
 * stop; arrows, Page Up/Down, Home and End move the highlighted row; Enter saves its pack (a
 * ready one) or opens its run (one being made or failed); Tab reaches the highlighted row's
 * buttons.
 */
export function PacksTable({ workspaceId, tenantId, first, layout, actions, savingId }: PacksTableProps) {
  const total = first.total;
  const columns = COLUMNS.filter((column) => layout.isShown(column.key));
  const grid = useVirtualGrid({ total, overscan: OVERSCAN, resetKey: tenantId ?? "all" });

  // Page 0 is the page's own query; the others are asked for as they come into view.
  const pageNumbers = useMemo(() => {
    const pages = new Set<number>();
    for (const row of grid.virtualRows) {
      const page = Math.floor(row.index / PACKS_PAGE_SIZE);
      if (page > 0) pages.add(page);
    }
    return [...pages].sort((a, b) => a - b);
  }, [grid.virtualRows]);
  const pages = useReviewPackPages(workspaceId, tenantId, pageNumbers, PACKS_PAGE_SIZE);
  const loaded = new Map<number, ReviewPackPage>([[0, first]]);
  pageNumbers.forEach((page, i) => {
    const data = pages[i]?.data;
    if (data !== undefined) loaded.set(page, data);
  });
  const rowAt = (index: number): ReviewPackView | undefined =>
    loaded.get(Math.floor(index / PACKS_PAGE_SIZE))?.items[index % PACKS_PAGE_SIZE];

  return (
    <VirtualGridTable
      grid={grid}
      rowAt={rowAt}
      rowKey={(view) => view.pack.id}
      label="Review packs"
      testId="packs-table"
      rowTestId="pack-row"
      classes={classes}
      head={
        <>
          {columns.map((column) => (
            <ResizableTh key={column.key} w={layout.widthOf(column.key)} resizer={layout.resizer(column.key)}>
              {column.title}
            </ResizableTh>
          ))}
          <Table.Th w={PACK_ACTIONS_WIDTH}>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </>
      }
      columnCount={columns.length + 1}
      cells={(view, active) => (
        <RowControlsTabbable value={active}>
          {columns.map((column) => (
            <Table.Td key={column.key} data-column={column.key}>
              {column.render(view)}
            </Table.Td>
          ))}
          <Table.Td data-column="actions">
            <RowActions view={view} actions={actions} saving={savingId === view.pack.id} />
          </Table.Td>
        </RowControlsTabbable>
      )}
      rowData={(view) => ({ "data-pack-id": view.pack.id, "data-status": view.pack.status })}
      // Enter saves a ready pack or opens the run of one being made or failed; a click only highlights.
      onOpen={(view) => {
        if (canSave(view)) actions.onSave(view);
        else if (view.pack.run_id !== null && view.pack.status !== "expired") actions.onOpenRun(view);
        else return false;
      }}
    />
  );
}

/** The tenant's name, a link to its page's review pack card. */
function TenantCell({ view }: { view: ReviewPackView }) {
  const tabbable = useContext(RowControlsTabbable);
  return (
    <Anchor
      component={Link}
      to={`/tenants/${encodeURIComponent(view.pack.tenant_id)}?tab=details`}
      size="sm"
      fw={500}
      truncate="end"
      title={view.tenant_name}
      tabIndex={tabbable ? undefined : -1}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
      data-testid="pack-row-tenant"
      style={{ display: "block" }}
    >
      {view.tenant_name}
    </Anchor>
  );
}

/** "the pack of Contoso Pharma generated 22 Nov 2026": what a row's buttons act on, for their names. */
function packName(view: ReviewPackView): string {
  return packFileName(view.tenant_name, view.pack.generated_at).replace(/\.zip$/, "");
}

function RowActions({ view, actions, saving }: { view: ReviewPackView; actions: PackRowActions; saving: boolean }) {
  const tabbable = useContext(RowControlsTabbable);
  const name = packName(view);
  const common = {
    size: "md" as const,
    variant: "subtle" as const,
    tabIndex: tabbable ? undefined : -1,
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => event.stopPropagation(),
  };
  const runLabel = view.pack.status === "failed" ? `See why ${name} failed` : `View the run making ${name}`;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {canSave(view) && (
        <Tooltip label="Save as…" withinPortal>
          <ActionIcon
            {...common}
            aria-label={`Save ${name} as…`}
            loading={saving}
            onClick={(event) => {
              event.stopPropagation();
              actions.onSave(view);
            }}
            data-testid="pack-row-save"
          >
            <IconDownload size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {canVerify(view) && (
        <Tooltip label="Verify a saved copy…" withinPortal>
          <ActionIcon
            {...common}
            color="gray"
            aria-label={`Verify a saved copy of ${name}…`}
            onClick={(event) => {
              event.stopPropagation();
              actions.onVerify(view);
            }}
            data-testid="pack-row-verify"
          >
            <IconShieldSearch size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {!canVerify(view) && view.pack.run_id !== null && (
        <Tooltip label={view.pack.status === "failed" ? "See why in its run" : "View run"} withinPortal>
          <ActionIcon
            {...common}
            color={view.pack.status === "failed" ? "red" : "gray"}
            aria-label={runLabel}
            onClick={(event) => {
              event.stopPropagation();
              actions.onOpenRun(view);
            }}
            data-testid="pack-row-run"
          >
            <IconExternalLink size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
