import { Alert, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { BackupOrigin } from "../../bindings/types";
import { countWords } from "./backupWords";
import { ImportNotes } from "./ImportNotes";
import { importedFromWords, importObjectsWords } from "./importWords";

/**
 * Where an imported set came from and what the import could not take over: the files it read
 * and the objects it imported, the files not imported (why the set is partial) with their
 * reasons, the fields the tool's format does not carry and the names with no match.
 */
export function ImportedOrigin({ origin, typeLabel }: { origin: BackupOrigin; typeLabel: (key: string) => string }) {
  const skipped = origin.skipped.length;
  return (
    <Stack gap="xs" data-testid="backup-set-origin" data-tool={origin.tool}>
      <Title order={4}>{importedFromWords(origin.tool)}</Title>
      <Text size="sm" data-testid="backup-set-origin-counts">
        Read {countWords(origin.files_read, "object file", "object files")} from the folder and imported{" "}
        {importObjectsWords(origin)}.
      </Text>
      {skipped > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="This set is not the whole folder"
          data-testid="backup-set-origin-partial"
        >
          {countWords(skipped, "file was", "files were")} not imported, so the set lacks what{" "}
          {skipped === 1 ? "it holds" : "they hold"}. Each is listed below with why.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          Every object file of the folder was imported.
        </Text>
      )}
      <ImportNotes
        tool={origin.tool}
        skipped={origin.skipped}
        notCarried={origin.not_carried}
        unresolved={origin.unresolved}
        unresolvedTotal={origin.unresolved.length}
        typeLabel={typeLabel}
        beforeImport={false}
      />
    </Stack>
  );
}
