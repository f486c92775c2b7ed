import { Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileCheck } from "@tabler/icons-react";
import type { ApiError, ExportedFile } from "../bindings/types";
import { CopyableBlock } from "./CopyableBlock";

/** How big a written file is, in the units people read: "512 bytes", "3.4 kB", "1.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1_000) return `${bytes.toLocaleString()} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toLocaleString(undefined, { maximumFractionDigits: 1 })} kB`;
  return `${(bytes / 1_000_000).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

/** A file was written under its usual title: "<what> saved as <file name>". */
export function toastExported(file: ExportedFile, what: string): void {
  toastFileWritten(file, `${what} saved as ${file.file_name}`);
}

/**
 * A file was written: where (the full path, copyable, so it can be found or attached) and how
 * big. Stays until dismissed: the path is what the operator came for.
 */
export function toastFileWritten(file: ExportedFile, title: string): void {
  notifications.show({
    color: "green",
    icon: <IconFileCheck size={16} aria-hidden />,
    title,
    autoClose: false,
    message: (
      <Stack gap={4} data-testid="export-toast">
        <Text size="sm">{fileSize(file.bytes)}, saved to:</Text>
        <CopyableBlock value={file.path} label="Copy the file's path" data-testid="export-path" />
      </Stack>
    ),
  });
}

/** A file could not be written: the backend's words say why (a full disk, a missing folder). */
export function toastExportFailed(error: ApiError, what: string): void {
  notifications.show({ color: "red", title: `${what} was not exported`, message: error.message, autoClose: false });
}
