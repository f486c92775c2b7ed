import { Button, Menu, Text } from "@mantine/core";
import { IconChevronDown, IconDownload, IconFolderDown } from "@tabler/icons-react";
import { useId } from "react";
import type { Tenant } from "../../bindings/types";
import { DocumentFormatItems, useDocumentExport } from "./DocumentButton";
import { useFolderExport } from "./ExportFolderButton";

/** Under "Folder for git…": what that export writes and why it suits git. */
export const FOLDER_FOR_GIT_HELP = "One JSON file per object; exporting again rewrites only what changed";

/**
 * One Export menu for the newest version of every object of the tenant: as a folder for git, or
 * documented for people in one of the formats (arrow keys and Enter choose, as in every menu).
 * The same flows as the backup set drawer's two buttons; busy, and not clickable again, while
 * either runs.
 */
export function LatestExportMenu({ tenant }: { tenant: Tenant }) {
  const folder = useFolderExport(tenant, undefined);
  const documentation = useDocumentExport(tenant, undefined);
  const helpId = useId();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={folder.exporting || documentation.writing}
          // While a system dialog is open a second click must not open another.
          disabled={folder.choosing || documentation.choosing}
          style={{ flexShrink: 0 }}
          data-testid="export-latest"
        >
          Export…
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconFolderDown size={14} aria-hidden />}
          onClick={() => void folder.start()}
          // Named by its label alone; the line under it describes it.
          aria-label="Folder for git…"
          aria-describedby={helpId}
          data-testid="export-latest-folder"
        >
          <Text size="sm">Folder for git…</Text>
          <Text size="xs" c="dimmed" id={helpId}>
            {FOLDER_FOR_GIT_HELP}
          </Text>
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>Document for people</Menu.Label>
        <DocumentFormatItems onChoose={(choice) => void documentation.start(choice)} />
      </Menu.Dropdown>
    </Menu>
  );
}
