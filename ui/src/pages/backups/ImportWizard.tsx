import { Button, Group, Modal, Stack, Stepper } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { useIsMutating } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { importMutationKey, useImportBackup } from "../../api";
import type { ApiError, BackupSetId, BaselineProfileId, ImportReport, Tenant } from "../../bindings/types";
import { FailureAlert } from "../../components/FailureAlert";
import { toApiError } from "../../platform";
import { usePolicyTypes } from "../baselines/policyTypes";
import { ImportFolderStep } from "./ImportFolderStep";
import { ImportPreview } from "./ImportPreview";
import { ImportSnapshotChoice } from "./ImportSnapshotChoice";
import { toastImported } from "./importToast";
import { importButtonWords } from "./importWords";

export type ImportWizardProps = {
  tenant: Tenant;
  opened: boolean;
  onClose: () => void;
  /** The import answered with its set (a new one, or the earlier import of the same folder). */
  onImported: (setId: BackupSetId) => void;
};

/**
 * Imports another tool's backup folder into the tenant in two steps: choose the folder, then
 * read its preview (the confirmation) and import. A toast says what was stored; the dialog then
 * closes and the set opens. It cannot be closed while the import runs.
 */
export function ImportWizard({ tenant, opened, onClose, onImported }: ImportWizardProps) {
  const importing = useIsMutating({ mutationKey: importMutationKey(tenant.id) }) > 0;
  // A new wizard per opening, so each starts at the first step; the modal keeps the last one on
  // screen while it closes.
  const [opening, setOpening] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setOpening((n) => n + 1);
  }
  return (
    <Modal
      opened={opened}
      onClose={() => !importing && onClose()}
      title={`Import a backup into ${tenant.display_name}`}
      size="xl"
      closeOnClickOutside={false}
      closeOnEscape={!importing}
      withCloseButton={!importing}
      closeButtonProps={{ "aria-label": "Close" }}
      data-testid="import-wizard"
    >
      <WizardSteps
        key={opening}
        tenant={tenant}
        onClose={onClose}
        onImported={(setId) => {
          onClose();
          onImported(setId);
        }}
      />
    </Modal>
  );
}

function WizardSteps({ tenant, onClose, onImported }: Omit<ImportWizardProps, "opened">) {
  const [folder, setFolder] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const importing = useIsMutating({ mutationKey: importMutationKey(tenant.id) }) > 0;
  return (
    <Stepper
      active={report === null ? 0 : 1}
      onStepClick={(step) => step === 0 && !importing && setReport(null)}
      allowNextStepsSelect={false}
      size="sm"
      data-testid="import-steps"
    >
      <Stepper.Step label="Choose folder" description="IntuneCD or IntuneManagement">
        <ImportFolderStep
          tenant={tenant}
          folder={folder}
          onFolderChange={setFolder}
          onPreviewed={setReport}
          onCancel={onClose}
        />
      </Stepper.Step>
      <Stepper.Step label="Preview" description="What an import stores">
        {report !== null && (
          <PreviewStep tenant={tenant} report={report} onBack={() => setReport(null)} onImported={onImported} />
        )}
      </Stepper.Step>
    </Stepper>
  );
}

type PreviewStepProps = {
  tenant: Tenant;
  report: ImportReport;
  onBack: () => void;
  onImported: (setId: BackupSetId) => void;
};

/**
 * The preview, the optional baseline snapshot, and Import (busy until the backend answers; its
 * refusal stays on this step).
 */
function PreviewStep({ tenant, report, onBack, onImported }: PreviewStepProps) {
  const types = usePolicyTypes();
  const importBackup = useImportBackup(tenant);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [profileId, setProfileId] = useState<BaselineProfileId | null>(null);
  const top = useRef<HTMLDivElement>(null);
  // The Preview button that had focus is gone: the preview takes it, so reading starts here.
  useEffect(() => top.current?.focus(), []);

  const start = async () => {
    setFailure(null);
    try {
      const result = await importBackup.mutateAsync({ folder: report.folder, baselineProfileId: profileId });
      toastImported(result, tenant.display_name, { snapshotAsked: profileId !== null });
      if (result.backup_set_id !== undefined) onImported(result.backup_set_id);
    } catch (reason) {
      setFailure(toApiError(reason));
    }
  };

  const busy = importBackup.isPending;
  return (
    <Stack
      gap="md"
      ref={top}
      tabIndex={-1}
      style={{ outline: "none" }}
      aria-label="Preview of the import"
      data-testid="import-preview-step"
    >
      <ImportPreview report={report} tenantName={tenant.display_name} typeLabel={types.label} />
      {report.objects > 0 && (
        <ImportSnapshotChoice
          tenant={tenant}
          report={report}
          profileId={profileId}
          onProfileChange={setProfileId}
          disabled={busy}
        />
      )}
      {failure !== null && (
        <FailureAlert title="The backup was not imported" data-testid="import-failed">
          {failure.message}
        </FailureAlert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onBack} disabled={busy} data-testid="import-back">
          Back
        </Button>
        <Button
          leftSection={<IconFileImport size={16} aria-hidden />}
          onClick={() => void start()}
          loading={busy}
          disabled={report.objects === 0}
          data-testid="import-submit"
        >
          {importButtonWords(report.objects)}
        </Button>
      </Group>
    </Stack>
  );
}
