import { Button, Menu } from "@mantine/core";
import {
  IconChevronDown,
  IconFileDescription,
  IconFileTypeCsv,
  IconFileTypeDocx,
  IconFileTypeHtml,
  IconMarkdown,
} from "@tabler/icons-react";
import { useState } from "react";
import { useExportDocumentation } from "../../api";
import type { BackupSetId, DocumentFormat, ExportDocumentationRequest, Tenant } from "../../bindings/types";
import { toastExportFailed, toastFileWritten } from "../../components/exportToast";
import { toApiError, usePlatform } from "../../platform";
import { DOCUMENT_FORMATS, type DocumentFormatChoice, documentationFileName } from "./backupWords";

/** What documenting a set is for, beside the button that starts it. */
export const DOCUMENT_HELP =
  "Writes every setting the set holds as a document for people: Word to hand to a customer, a web page, Markdown, or CSV with one row per setting.";

const FORMAT_ICONS: Record<DocumentFormat, typeof IconMarkdown> = {
  docx: IconFileTypeDocx,
  html: IconFileTypeHtml,
  markdown: IconMarkdown,
  csv: IconFileTypeCsv,
};

type DocumentButtonProps = {
  tenant: Tenant;
  /** The backup set to document; without one, the newest version of every object still in the tenant. */
  setId?: BackupSetId;
  label: string;
  "data-testid"?: string;
};

/**
 * A menu of the formats a configuration can be documented in (a menu, as the tables' Export is:
 * arrow keys and Enter choose one), then the save dialog and the document written there. Busy, and
 * not clickable again, until the backend answers.
 */
export function DocumentButton({ tenant, setId, label, "data-testid": testId }: DocumentButtonProps) {
  const { start, choosing, writing } = useDocumentExport(tenant, setId);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconFileDescription size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={writing}
          // While the system dialog is open a second click must not open another.
          disabled={choosing}
          style={{ flexShrink: 0 }}
          data-testid={testId}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{setId === undefined ? "Document the newest versions as" : "Document this set as"}</Menu.Label>
        <DocumentFormatItems onChoose={(choice) => void start(choice)} />
      </Menu.Dropdown>
    </Menu>
  );
}

/** One menu item per format, Word first (the document MSP customers expect). */
export function DocumentFormatItems({ onChoose }: { onChoose: (choice: DocumentFormatChoice) => void }) {
  return DOCUMENT_FORMATS.map((choice) => {
    const Icon = FORMAT_ICONS[choice.format];
    return (
      <Menu.Item
        key={choice.format}
        leftSection={<Icon size={14} aria-hidden />}
        onClick={() => onChoose(choice)}
        data-testid={`document-${choice.format}`}
      >
        {choice.label}
      </Menu.Item>
    );
  });
}

/**
 * The system's save dialog at "<tenant> configuration <today>.<extension>", then the document
 * written to the file chosen; a toast says where, or the backend's words for a refusal (e.g.
 * nothing stored to document yet). Cancelling does nothing. `choosing` while the dialog is open,
 * `writing` while the backend writes.
 */
export function useDocumentExport(tenant: Tenant, setId: BackupSetId | undefined) {
  const platform = usePlatform();
  const { mutateAsync, isPending } = useExportDocumentation(tenant.workspace_id);
  const [choosing, setChoosing] = useState(false);
  const what = `Documentation of ${tenant.display_name}`;

  const start = async (choice: DocumentFormatChoice) => {
    let destination: string | null;
    setChoosing(true);
    try {
      destination = await platform.chooseSaveFile(documentationFileName(tenant.display_name, choice, new Date()));
    } catch (reason) {
      toastExportFailed(toApiError(reason), what);
      return;
    } finally {
      setChoosing(false);
    }
    if (destination === null) return;
    // Without a set the field is left out, not sent empty: the backend reads its absence as "latest".
    const request: ExportDocumentationRequest =
      setId === undefined
        ? { tenant_id: tenant.id, format: choice.format, destination }
        : { tenant_id: tenant.id, backup_set_id: setId, format: choice.format, destination };
    try {
      const file = await mutateAsync(request);
      toastFileWritten(file, `Documented ${tenant.display_name} in ${file.file_name}`);
    } catch (reason) {
      toastExportFailed(toApiError(reason), what);
    }
  };
  return { start, choosing, writing: isPending };
}
