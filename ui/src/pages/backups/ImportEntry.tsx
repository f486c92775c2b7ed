import { Button } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { lazy, Suspense, useState } from "react";
import type { ImportWizardProps } from "./ImportWizard";

// The wizard loads on first use (its code starts loading when the pointer or focus reaches the
// button): the Backups tab opens without it.
const loadWizard = () => import("./ImportWizard");
const ImportWizard = lazy(() => loadWizard().then((m) => ({ default: m.ImportWizard })));

const preload = () => void loadWizard().catch(() => undefined);

/** Opens the import wizard. */
export function ImportButton({ onClick }: { onClick: () => void }) {
  return (
    <Button
      variant="default"
      leftSection={<IconFileImport size={16} aria-hidden />}
      onClick={onClick}
      onPointerEnter={preload}
      onFocus={preload}
      aria-haspopup="dialog"
      data-testid="import-backup"
    >
      Import…
    </Button>
  );
}

/** The import wizard, mounted from its first opening on (so closing plays the modal's transition). */
export function ImportDialog(props: ImportWizardProps) {
  const [used, setUsed] = useState(props.opened);
  if (props.opened && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <ImportWizard {...props} />
    </Suspense>
  );
}
