import { Button, Code, Collapse, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconBraces, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { JsonValue, SettingRow } from "../../bindings/types";
import { groupRows } from "./groupRows";

type ReadableSettingsProps = {
  settings: SettingRow[];
  content: JsonValue | null;
  /** What the filter starts with (a setting a search found); empty by default. */
  initialFilter?: string;
};

/** The configuration as an operator reads it: sections of setting → value, raw JSON on request. */
export function ReadableSettings({ settings, content, initialFilter = "" }: ReadableSettingsProps) {
  const [filter, setFilter] = useState(initialFilter);
  const [raw, setRaw] = useState(false);
  const term = filter.trim().toLowerCase();
  const shown =
    term === ""
      ? settings
      : settings.filter(
          (row) =>
            row.name.toLowerCase().includes(term) ||
            row.value.toLowerCase().includes(term) ||
            (row.description ?? "").toLowerCase().includes(term) ||
            row.group.toLowerCase().includes(term),
        );
  const sections = groupRows(shown);
  return (
    <Stack gap="md" data-testid="readable-settings">
      <Group justify="space-between">
        <TextInput
          w={320}
          placeholder="Filter settings"
          aria-label="Filter settings"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
        <Text size="sm" c="dimmed">
          {settings.length} {settings.length === 1 ? "setting" : "settings"}
        </Text>
      </Group>
      {settings.length === 0 && (
        <Text size="sm" c="dimmed">
          This version holds no configured settings.
        </Text>
      )}
      {settings.length > 0 && sections.length === 0 && (
        <Text size="sm" c="dimmed">
          No setting matches “{filter.trim()}”.
        </Text>
      )}
      {sections.map(({ group, rows }) => (
        <Stack key={group} gap={6} data-testid="settings-group">
          <Title order={5}>{group}</Title>
          <Table withTableBorder layout="fixed" verticalSpacing={6} aria-label={group}>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key} data-testid="setting-row">
                  <Table.Th w="42%" scope="row" fw={500} style={{ verticalAlign: "top" }}>
                    <Text size="sm" style={{ wordBreak: "break-word" }}>
                      {row.name}
                    </Text>
                    {row.description !== undefined && (
                      <Text
                        size="xs"
                        c="dimmed"
                        fw={400}
                        lineClamp={2}
                        title={row.description}
                        data-testid="setting-description"
                      >
                        {row.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                      {row.value}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
      {content !== null && (
        <Stack gap="xs">
          <Group>
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              leftSection={<IconBraces size={14} aria-hidden />}
              onClick={() => setRaw((open) => !open)}
              aria-expanded={raw}
            >
              {raw ? "Hide raw JSON" : "Show raw JSON"}
            </Button>
          </Group>
          <Collapse expanded={raw}>
            {raw && (
              <Code block style={{ maxHeight: 480, overflow: "auto" }} data-testid="raw-json">
                {JSON.stringify(content, null, 2)}
              </Code>
            )}
          </Collapse>
        </Stack>
      )}
    </Stack>
  );
}
