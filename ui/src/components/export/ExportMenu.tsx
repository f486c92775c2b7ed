import { Button, Menu } from "@mantine/core";
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconJson } from "@tabler/icons-react";
import type { ExportFormat, WorkspaceId } from "../../bindings/types";
import { countOf, type GatherTable, type RowNoun, useTableExport } from "./useTableExport";

const FORMATS: { format: ExportFormat; label: string; Icon: typeof IconJson }[] = [
  { format: "csv", label: "CSV", Icon: IconFileSpreadsheet },
  { format: "json", label: "JSON", Icon: IconJson },
];

type ExportMenuProps = {
  workspaceId: WorkspaceId;
  /** What the table is, the file name's start: "tenants", "contoso-pharma-inventory". */
  name: string;
  /** What one row is, one and many, for the menu and the toasts. */
  noun: RowNoun;
  /** Every row the current filter shows, in the table's order, its chosen columns only. */
  gather: GatherTable;
  /** The rows picked in the table's multi-select, when any: offered as "Export selected". */
  selected?: { count: number; gather: GatherTable } | null;
  size?: "xs" | "sm";
  "data-testid"?: string;
};

/**
 * The one export control of every table: "Export", then CSV or JSON of what the table shows
 * (and of the selected rows when there are any). The file goes to the Downloads folder; a toast
 * follows the gathering and says where it went.
 */
export function ExportMenu({
  workspaceId,
  name,
  noun,
  gather,
  selected = null,
  size = "sm",
  "data-testid": testId = "export-menu",
}: ExportMenuProps) {
  const { start, pending } = useTableExport(workspaceId, noun);
  const withSelection = selected !== null && selected.count > 0;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size={size}
          leftSection={<IconDownload size={size === "xs" ? 14 : 16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={pending}
          aria-label={`Export ${noun[1]}`}
          data-testid={testId}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Export the {noun[1]} shown</Menu.Label>
        {FORMATS.map(({ format, label, Icon }) => (
          <Menu.Item
            key={format}
            leftSection={<Icon size={14} aria-hidden />}
            onClick={() => void start(format, name, gather)}
            data-testid={`export-${format}`}
          >
            {label}
          </Menu.Item>
        ))}
        {withSelection && (
          <>
            <Menu.Divider />
            <Menu.Label>Export selected ({countOf(selected.count, noun)})</Menu.Label>
            {FORMATS.map(({ format, label, Icon }) => (
              <Menu.Item
                key={format}
                leftSection={<Icon size={14} aria-hidden />}
                onClick={() => void start(format, name, selected.gather)}
                aria-label={`Export selected as ${label}`}
                data-testid={`export-selected-${format}`}
              >
                {label}
              </Menu.Item>
            ))}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
