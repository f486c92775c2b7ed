import { Anchor, Badge, Group, Highlight, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SearchResults } from "../../bindings/types";
import { ARROW_ITEM } from "../../components/arrowFocus";
import { objectPath } from "../object/objectLinks";
import { groupsPath } from "../tenant/tenantLinks";

type SearchResultsListProps = { results: SearchResults; term: string };

type Column = { label: string; w?: number };

const TENANT_COLUMN: Column = { label: "Tenant", w: 200 };

/**
 * What a search found, by kind: policies and other objects, settings (with the policy that
 * configures each), groups. Every result is a link; empty kinds are left out.
 */
export function SearchResultsList({ results, term }: SearchResultsListProps) {
  const { objects, settings, groups } = results;
  return (
    <Stack gap="xl">
      {objects.length > 0 && (
        <Section
          title="Policies & objects"
          count={objects.length}
          columns={[{ label: "Name" }, { label: "Type", w: 220 }, TENANT_COLUMN]}
        >
          {objects.map((object) => (
            <Table.Tr key={`${object.tenant_id}:${object.item_id}`} data-testid="search-object">
              <Table.Td>
                <ResultLink to={objectPath(object.tenant_id, object.item_id)} text={object.display_name} term={term} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color="blue" radius="sm" style={{ textTransform: "none" }}>
                  {object.type_label}
                </Badge>
              </Table.Td>
              <TenantCell name={object.tenant_name} />
            </Table.Tr>
          ))}
        </Section>
      )}
      {settings.length > 0 && (
        <Section
          title="Settings"
          count={settings.length}
          columns={[{ label: "Setting" }, { label: "Configured by" }, TENANT_COLUMN]}
        >
          {settings.map((setting) => (
            <Table.Tr
              key={`${setting.tenant_id}:${setting.item_id}:${setting.definition_id}`}
              data-testid="search-setting"
            >
              <Table.Td>
                <Highlight highlight={term} size="sm" fw={500}>
                  {setting.setting_name}
                </Highlight>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={objectPath(setting.tenant_id, setting.item_id, { setting: setting.setting_name })}
                  size="sm"
                  aria-label={`${setting.setting_name} in ${setting.policy_name} (${setting.tenant_name})`}
                  {...ARROW_ITEM}
                >
                  {setting.policy_name}
                </Anchor>
              </Table.Td>
              <TenantCell name={setting.tenant_name} />
            </Table.Tr>
          ))}
        </Section>
      )}
      {groups.length > 0 && (
        <Section title="Groups" count={groups.length} columns={[{ label: "Name" }, TENANT_COLUMN]}>
          {groups.map((group) => (
            <Table.Tr key={`${group.tenant_id}:${group.group_id}`} data-testid="search-group">
              <Table.Td>
                <ResultLink
                  to={groupsPath(group.tenant_id, group.display_name)}
                  text={group.display_name}
                  term={term}
                />
              </Table.Td>
              <TenantCell name={group.tenant_name} />
            </Table.Tr>
          ))}
        </Section>
      )}
    </Stack>
  );
}

function Section({
  title,
  count,
  columns,
  children,
}: {
  title: string;
  count: number;
  columns: Column[];
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Group gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {count.toLocaleString()}
        </Text>
      </Group>
      <Table withTableBorder verticalSpacing={6} layout="fixed" aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} w={column.w}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Stack>
  );
}

/**
 * A result's name, the search words marked, as a link ↑ and ↓ move between. Named by the whole
 * name: the marks split it into pieces some assistive technology would read without their spaces.
 */
function ResultLink({ to, text, term }: { to: string; text: string; term: string }) {
  return (
    <Anchor
      component={Link}
      to={to}
      size="sm"
      fw={500}
      style={{ wordBreak: "break-word" }}
      aria-label={text}
      {...ARROW_ITEM}
    >
      <Highlight component="span" highlight={term} inherit>
        {text}
      </Highlight>
    </Anchor>
  );
}

function TenantCell({ name }: { name: string }) {
  return (
    <Table.Td>
      <Text size="sm" c="dimmed" truncate="end" title={name}>
        {name}
      </Text>
    </Table.Td>
  );
}
