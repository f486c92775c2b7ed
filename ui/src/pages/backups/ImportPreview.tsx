import { Alert, Code, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleX } from "@tabler/icons-react";
import type { ImportReport, ImportTypeCount } from "../../bindings/types";
import { type Detail, DetailTable } from "../tenants/DetailTable";
import { ImportNotes } from "./ImportNotes";
import { filesWords, importObjectsWords, labelsFirst, matchedWords, partialWords } from "./importWords";

type ImportPreviewProps = {
  report: ImportReport;
  tenantName: string;
  typeLabel: (key: string) => string;
};

/**
 * What a folder holds for the tenant, as the preview read it: the tool, the counts, the objects
 * by type and what the import would leave out. A folder with files that cannot be imported says
 * plainly that the set will be partial; one with nothing to import says so.
 */
export function ImportPreview({ report, tenantName, typeLabel }: ImportPreviewProps) {
  const facts: Detail[] = [
    { label: "Tool", value: <span data-testid="import-tool">{report.tool}</span> },
    {
      label: "Folder",
      value: (
        <Code style={{ wordBreak: "break-all" }} data-testid="import-folder">
          {report.folder}
        </Code>
      ),
    },
    { label: "Objects", value: <span data-testid="import-objects">{importObjectsWords(report)}</span> },
    { label: "In this tenant", value: <span data-testid="import-matched">{matchedWords(report, tenantName)}</span> },
    { label: "Files", value: <span data-testid="import-files">{filesWords(report)}</span> },
  ];
  return (
    <Stack gap="md" data-testid="import-preview" data-tool={report.tool}>
      <ImportVerdict report={report} />
      <DetailTable caption="What the folder holds" details={facts} />
      <TypeCounts types={report.by_type} />
      <ImportNotes
        tool={report.tool}
        skipped={report.skipped}
        notCarried={report.not_carried}
        unresolved={report.unresolved}
        unresolvedTotal={report.unresolved_total}
        typeLabel={labelsFirst(report.by_type, typeLabel)}
        beforeImport
      />
    </Stack>
  );
}

/** Nothing to import (red), or files that cannot be (yellow: the set will be partial); nothing when all can. */
function ImportVerdict({ report }: { report: ImportReport }) {
  if (report.objects === 0) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconCircleX aria-hidden />}
        title="Nothing in this folder can be imported"
        data-testid="import-nothing"
      >
        No file holds an object TenantAtlas knows. The files below say why each was not taken.
      </Alert>
    );
  }
  if (report.skipped.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title="This import will be partial"
      data-testid="import-partial"
    >
      {partialWords(report.skipped.length)} Every file not imported is listed below with why.
    </Alert>
  );
}

/** The folder's objects per type, with how many of them are older versions from the archive. */
function TypeCounts({ types }: { types: readonly ImportTypeCount[] }) {
  if (types.length === 0) return null;
  return (
    <Table withTableBorder verticalSpacing={4} aria-label="Objects by type" data-testid="import-types">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Type</Table.Th>
          <Table.Th w={90} ta="right">
            Objects
          </Table.Th>
          <Table.Th w={90} ta="right">
            Archived
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {types.map((type) => (
          <Table.Tr key={type.object_type} data-testid="import-type-row" data-type={type.object_type}>
            <Table.Td>
              <Text size="sm">{type.label}</Text>
            </Table.Td>
            <Table.Td ta="right">{type.objects.toLocaleString()}</Table.Td>
            <Table.Td ta="right" c={type.archived === 0 ? "dimmed" : undefined}>
              {type.archived.toLocaleString()}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
