import { ActionIcon, Button, Tooltip } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useExportPolicyVersion } from "../../api";
import type { PolicyVersionSummary } from "../../bindings/types";
import { toastExported, toastExportFailed } from "../../components/exportToast";

type ExportVersionButtonProps = {
  version: PolicyVersionSummary;
  /** A labelled button (the page header) or an icon (a row of the version history). */
  variant?: "button" | "icon";
};

/** Saves one version's normalised JSON to the Downloads folder and says where it went. */
export function ExportVersionButton({ version, variant = "button" }: ExportVersionButtonProps) {
  const exporting = useExportPolicyVersion();
  const what = `${version.display_name} v${version.version_number}`;
  const start = () =>
    exporting.mutate(
      { tenant_id: version.tenant_id, version_id: version.id },
      {
        onSuccess: (file) => toastExported(file, what),
        onError: (error) => toastExportFailed(error, what),
      },
    );
  const label = `Export version ${version.version_number} as JSON`;
  if (variant === "icon") {
    return (
      <Tooltip label={label} withinPortal>
        <ActionIcon variant="subtle" color="gray" onClick={start} loading={exporting.isPending} aria-label={label}>
          <IconDownload size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={`The normalised JSON of version ${version.version_number}, to the Downloads folder`} withinPortal>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        onClick={start}
        loading={exporting.isPending}
        data-testid="export-json"
      >
        Export JSON
      </Button>
    </Tooltip>
  );
}
