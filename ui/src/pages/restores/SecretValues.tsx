import { Badge, Code, Fieldset, Group, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import type { PolicyVersionId } from "../../bindings/types";
import { type Fill, fieldWords, fillOf, type SecretDraft, type SecretItem, valueError } from "./secretValues";

type SecretValuesProps = {
  /** The objects whose only conflict is their secret fields. */
  items: SecretItem[];
  /** Objects that need secret values but have other conflicts too. */
  locked: number;
  draft: SecretDraft;
  onChange: (versionId: PolicyVersionId, field: string, value: string) => void;
  typeLabel: (key: string) => string;
  disabled: boolean;
};

const PARTIAL = "Fill every field of this object, or none.";

function objectsNeed(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? "object needs them" : "objects need them"}`;
}

/**
 * The optional part of the execute confirmation where the operator types the secret values a plan
 * could not restore (TenantAtlas never stores them): one password field per secret field of each
 * object, an object written once all of its fields have a value. The values stay in the
 * confirmation's memory, are sent with the execution only and are never shown again.
 */
export function SecretValues({ items, locked, draft, onChange, typeLabel, disabled }: SecretValuesProps) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="secret-values-title" data-testid="secret-values">
      <Stack gap={4}>
        <Group gap={6} wrap="nowrap">
          <IconLock size={16} aria-hidden />
          <Title order={4} id="secret-values-title">
            Secret values ({objectsNeed(items.length)})
          </Title>
        </Group>
        <Text size="sm">
          Optional: {items.length === 1 ? "this object holds" : "these objects hold"} settings whose values TenantAtlas
          never stores. Type every value of an object to write it with this restore; an object left without values stays
          skipped as a conflict.
        </Text>
        <Text size="sm" c="dimmed" data-testid="secret-values-privacy">
          The values are used for this restore only: they are sent once with it and never stored.
        </Text>
        {locked > 0 && (
          <Text size="sm" c="dimmed" data-testid="secret-values-locked">
            {locked.toLocaleString()} more {locked === 1 ? "object needs" : "objects need"} secret values but{" "}
            {locked === 1 ? "has" : "have"} other conflicts too: {locked === 1 ? "it stays" : "they stay"} skipped.
          </Text>
        )}
      </Stack>
      {items.map((entry) => (
        <SecretObject
          key={entry.item.source_version_id}
          entry={entry}
          values={draft[entry.item.source_version_id] ?? {}}
          fill={fillOf(entry, draft)}
          onChange={(field, value) => onChange(entry.item.source_version_id, field, value)}
          typeLabel={typeLabel}
          disabled={disabled}
        />
      ))}
    </Stack>
  );
}

type SecretObjectProps = {
  entry: SecretItem;
  values: Readonly<Record<string, string>>;
  fill: Fill;
  onChange: (field: string, value: string) => void;
  typeLabel: (key: string) => string;
  disabled: boolean;
};

/** One object: its name and type, whether it will be written, and a password field per secret field. */
function SecretObject({ entry, values, fill, onChange, typeLabel, disabled }: SecretObjectProps) {
  const { item, fields } = entry;
  return (
    <Fieldset
      legend={
        <Text span size="sm" fw={600}>
          {item.display_name}{" "}
          <Text span size="sm" c="dimmed" fw={400}>
            · {typeLabel(item.object_type)}
          </Text>
        </Text>
      }
      variant="filled"
      radius="md"
      data-testid="secret-object"
      data-version-id={item.source_version_id}
      data-fill={fill}
    >
      <Stack gap="xs">
        <Badge
          variant="light"
          color={fill === "full" ? "green" : fill === "partial" ? "red" : "gray"}
          radius="sm"
          data-testid="secret-object-state"
        >
          {fill === "full" ? "Will be written" : fill === "partial" ? "Incomplete" : "Stays skipped"}
        </Badge>
        {fields.map((field) => {
          const value = values[field] ?? "";
          const tooLong = valueError(value);
          const missing = fill === "partial" && value.trim() === "";
          const label = fieldWords(field);
          return (
            <PasswordInput
              key={field}
              label={label}
              description={label === field ? undefined : <Code>{field}</Code>}
              value={value}
              onChange={(event) => onChange(field, event.currentTarget.value)}
              error={tooLong ?? missing}
              aria-invalid={missing || tooLong !== null || undefined}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              data-testid="secret-value"
              data-field={field}
            />
          );
        })}
        {fill === "partial" && (
          <Text size="sm" c="red.8" aria-live="polite" data-testid="secret-object-error">
            {PARTIAL}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
