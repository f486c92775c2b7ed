import { Code, List, Stack, Text } from "@mantine/core";
import type { ImportSkip, NotCarried } from "../../bindings/types";
import { Foldable } from "../../components/Foldable";
import { unresolvedMoreWords } from "./importWords";

/** Long lists scroll inside their section instead of stretching the dialog or the drawer. */
const LIST_HEIGHT = 240;

type ImportNotesProps = {
  tool: string;
  skipped: readonly ImportSkip[];
  notCarried: readonly NotCarried[];
  unresolved: readonly string[];
  /** How many names had no match; more than `unresolved` lists when the list was cut short. */
  unresolvedTotal: number;
  typeLabel: (key: string) => string;
  /** Said before an import (a preview): names can still be matched by syncing groups first. */
  beforeImport: boolean;
};

/**
 * What an import leaves out, each in a folded section shown only when it has entries: the files
 * not imported (open at first), the fields the tool's format does not carry and the names with no
 * match in the tenant. Nothing when there is nothing to say.
 */
export function ImportNotes({
  tool,
  skipped,
  notCarried,
  unresolved,
  unresolvedTotal,
  typeLabel,
  beforeImport,
}: ImportNotesProps) {
  if (skipped.length === 0 && notCarried.length === 0 && unresolvedTotal === 0) return null;
  return (
    <Stack gap="xs" data-testid="import-notes">
      {skipped.length > 0 && <SkippedFiles skipped={skipped} />}
      {notCarried.length > 0 && <NotCarriedFields tool={tool} notCarried={notCarried} typeLabel={typeLabel} />}
      {unresolvedTotal > 0 && (
        <UnresolvedNames unresolved={unresolved} total={unresolvedTotal} beforeImport={beforeImport} />
      )}
    </Stack>
  );
}

/** Every file not imported, by its path in the folder, with why (the reason reads on from the path). */
function SkippedFiles({ skipped }: { skipped: readonly ImportSkip[] }) {
  return (
    <Foldable title="Files not imported" count={skipped.length} defaultOpened data-testid="import-skipped">
      <List size="sm" spacing={4} listStyleType="none" px="sm" pb="sm" mah={LIST_HEIGHT} style={{ overflowY: "auto" }}>
        {skipped.map((skip) => (
          <List.Item key={skip.path} data-testid="import-skipped-file">
            <Code style={{ wordBreak: "break-all" }}>{skip.path}</Code>{" "}
            <Text span size="sm">
              {skip.reason}
            </Text>
          </List.Item>
        ))}
      </List>
    </Foldable>
  );
}

/** Per type, the fields the tool's format leaves out, so the imported versions lack them too. */
function NotCarriedFields({
  tool,
  notCarried,
  typeLabel,
}: {
  tool: string;
  notCarried: readonly NotCarried[];
  typeLabel: (key: string) => string;
}) {
  return (
    <Foldable title={`Not carried by ${tool}`} count={notCarried.length} data-testid="import-not-carried">
      <Stack gap={4} px="sm" pb="sm">
        <Text size="sm" c="dimmed">
          {tool}&apos;s format leaves these fields out, so the imported versions of these types lack them.
        </Text>
        <List size="sm" spacing={4}>
          {notCarried.map((entry) => (
            <List.Item key={entry.object_type} data-testid="import-not-carried-type" data-type={entry.object_type}>
              <Text span size="sm" fw={500}>
                {typeLabel(entry.object_type)}:
              </Text>{" "}
              <Text span size="sm">
                {entry.fields.join(", ")}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Foldable>
  );
}

/** Names of groups, filters, scope tags or apps the tenant does not know, kept as written. */
function UnresolvedNames({
  unresolved,
  total,
  beforeImport,
}: {
  unresolved: readonly string[];
  total: number;
  beforeImport: boolean;
}) {
  const more = unresolvedMoreWords(unresolved.length, total);
  return (
    <Foldable title="Names with no match in this tenant" count={total} data-testid="import-unresolved">
      <Stack gap={4} px="sm" pb="sm">
        <Text size="sm" c="dimmed">
          Groups, filters, scope tags or apps the files name that this tenant does not have: the versions keep them as
          written.
          {beforeImport && " If they exist in the tenant, sync its groups first, then preview again."}
        </Text>
        <List size="sm" spacing={2} mah={LIST_HEIGHT} style={{ overflowY: "auto" }}>
          {unresolved.map((name) => (
            <List.Item key={name} data-testid="import-unresolved-name">
              {name}
            </List.Item>
          ))}
        </List>
        {more !== null && (
          <Text size="xs" c="dimmed" data-testid="import-unresolved-more">
            {more}
          </Text>
        )}
      </Stack>
    </Foldable>
  );
}
