import { Badge, Checkbox, Group, Stack, Text, UnstyledButton } from "@mantine/core";
import type { InventoryTypeCount, ObjectTypeInfo } from "../../../bindings/types";
import { categoryLabel } from "./inventoryView";
import classes from "./TypeList.module.css";

type TypeListProps = {
  types: ObjectTypeInfo[];
  counts: InventoryTypeCount[];
  selected: string[];
  includeRemoved: boolean;
  onChange: (selected: string[]) => void;
};

/**
 * The object-type filter with what the inventory holds of each type, by category. Types with
 * nothing in this tenant are summed up at the end rather than listed.
 */
export function TypeList({ types, counts, selected, includeRemoved, onChange }: TypeListProps) {
  const byType = new Map(counts.map((count) => [count.object_type, count]));
  const present = types.filter((type) => {
    const count = byType.get(type.key);
    return count !== undefined && count.active + count.removed > 0;
  });
  // A type the catalog no longer lists but the inventory still holds is shown by its key.
  const known = new Set(types.map((type) => type.key));
  const unknown: ObjectTypeInfo[] = counts
    .filter((count) => !known.has(count.object_type) && count.active + count.removed > 0)
    .map((count) => ({ key: count.object_type, label: count.object_type, category: "other" }));
  const listed = [...present, ...unknown];
  const empty = types.length - present.length;
  const categories = [...new Set(listed.map((type) => type.category))];
  const toggle = (key: string, on: boolean) =>
    onChange(on ? [...selected, key] : selected.filter((type) => type !== key));

  return (
    <Stack gap="xs" className={classes.list} data-testid="type-list">
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Object types
        </Text>
        {selected.length > 0 && (
          <UnstyledButton className={classes.clear} onClick={() => onChange([])}>
            <Text size="xs" c="blue">
              All types
            </Text>
          </UnstyledButton>
        )}
      </Group>
      {categories.map((category) => (
        <Stack key={category} gap={4} role="group" aria-label={categoryLabel(category)}>
          <Text size="xs" c="dimmed" fw={500}>
            {categoryLabel(category)}
          </Text>
          {listed
            .filter((type) => type.category === category)
            .map((type) => {
              const count = byType.get(type.key);
              const shown = (count?.active ?? 0) + (includeRemoved ? (count?.removed ?? 0) : 0);
              return (
                <Checkbox
                  key={type.key}
                  size="xs"
                  checked={selected.includes(type.key)}
                  onChange={(event) => toggle(type.key, event.currentTarget.checked)}
                  classNames={{ body: classes.body, labelWrapper: classes.labelWrapper, label: classes.label }}
                  label={
                    <>
                      <span className={classes.name} title={type.label}>
                        {type.label}
                      </span>
                      <Badge
                        size="xs"
                        variant="default"
                        radius="sm"
                        className={classes.count}
                        data-testid={`type-count-${type.key}`}
                      >
                        {shown.toLocaleString()}
                      </Badge>
                    </>
                  }
                  aria-label={`${type.label} (${shown.toLocaleString()} ${shown === 1 ? "object" : "objects"})`}
                />
              );
            })}
        </Stack>
      ))}
      {empty > 0 && (
        <Text size="xs" c="dimmed">
          {empty} other {empty === 1 ? "type has" : "types have"} no objects in this tenant.
        </Text>
      )}
    </Stack>
  );
}
