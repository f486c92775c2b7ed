import { ActionIcon, Button, Group, Select, Stack, Text } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { SeverityRule } from "../../bindings/types";
import { present } from "../../vocabulary";
import { FINDING_KINDS, SEVERITIES } from "../findings/codes";
import type { PolicyTypes } from "./policyTypes";

/** A rule with a key of its own, so rows keep their identity while rules are added and removed. */
export type KeyedRule = { key: number; rule: SeverityRule };

const ANY = "any";

type SeverityRulesEditorProps = {
  rules: KeyedRule[];
  types: PolicyTypes;
  onChange: (rules: KeyedRule[]) => void;
};

/** The profile's severity table: policy type (or any) and kind (or any) → severity, first match wins. */
export function SeverityRulesEditor({ rules, types, onChange }: SeverityRulesEditorProps) {
  const nextKey = rules.reduce((max, rule) => Math.max(max, rule.key), 0) + 1;
  const update = (key: number, rule: SeverityRule) =>
    onChange(rules.map((entry) => (entry.key === key ? { key, rule } : entry)));
  const typeOptions = [{ group: "Any", items: [{ value: ANY, label: "Any policy type" }] }, ...types.options];
  const kindOptions = [
    { value: ANY, label: "Any kind" },
    ...FINDING_KINDS.map((kind) => ({ value: kind, label: present("finding_kind", kind).label })),
  ];
  const severityOptions = SEVERITIES.map((severity) => ({
    value: severity,
    label: present("severity", severity).label,
  }));

  return (
    <Stack gap="xs" data-testid="severity-rules">
      <div>
        <Text size="sm" fw={500}>
          Severity rules
        </Text>
        <Text size="xs" c="dimmed">
          The first matching rule sets a finding's severity; findings no rule matches get the default severity.
        </Text>
      </div>
      {rules.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="no-severity-rules">
          No rules: every finding gets the default severity.
        </Text>
      )}
      {rules.map(({ key, rule }, index) => (
        <Group key={key} gap="xs" wrap="nowrap" align="flex-end" data-testid="severity-rule">
          <Select
            style={{ flex: 2 }}
            label={index === 0 ? "Policy type" : undefined}
            aria-label={`Rule ${index + 1} policy type`}
            data={typeOptions}
            value={rule.policy_type ?? ANY}
            onChange={(value) => {
              const { policy_type: _, ...rest } = rule;
              update(key, value === null || value === ANY ? rest : { ...rest, policy_type: value });
            }}
            allowDeselect={false}
            searchable
          />
          <Select
            style={{ flex: 1 }}
            label={index === 0 ? "Kind" : undefined}
            aria-label={`Rule ${index + 1} kind`}
            data={kindOptions}
            value={rule.kind ?? ANY}
            onChange={(value) => {
              const { kind: _, ...rest } = rule;
              const kind = FINDING_KINDS.find((k) => k === value);
              update(key, kind === undefined ? rest : { ...rest, kind });
            }}
            allowDeselect={false}
          />
          <Select
            style={{ flex: 1 }}
            label={index === 0 ? "Severity" : undefined}
            aria-label={`Rule ${index + 1} severity`}
            data={severityOptions}
            value={rule.severity}
            onChange={(value) => {
              const severity = SEVERITIES.find((s) => s === value);
              if (severity !== undefined) update(key, { ...rule, severity });
            }}
            allowDeselect={false}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size={36}
            aria-label={`Remove rule ${index + 1}`}
            onClick={() => onChange(rules.filter((entry) => entry.key !== key))}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...rules, { key: nextKey, rule: { severity: "medium" } }])}
          data-testid="add-severity-rule"
        >
          Add rule
        </Button>
      </Group>
    </Stack>
  );
}
