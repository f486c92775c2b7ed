import { ActionIcon, Button, Checkbox, Indicator, Popover, Stack, Text, Tooltip } from "@mantine/core";
import { IconColumns3 } from "@tabler/icons-react";
import { useState } from "react";
import type { ColumnVisibility } from "./useColumnVisibility";

type ColumnChooserProps = {
  /** The table's name, for the button's label: "Choose columns of Tenants". */
  table: string;
  visibility: ColumnVisibility;
};

/**
 * A table's columns as checkboxes: the key column always on, columns the window is too narrow
 * for listed (and said so) rather than missing. The choice is remembered per table, and so are
 * the widths columns were resized to, which can be reset here.
 */
export function ColumnChooser({ table, visibility }: ColumnChooserProps) {
  const { choices, setChosen, reset, resized, resetWidths } = visibility;
  const [opened, setOpened] = useState(false);
  const notShown = choices.filter((column) => !column.chosen || column.squeezed).length;
  const anyHidden = choices.some((column) => !column.chosen);
  const label = `Choose columns of ${table}${notShown > 0 ? ` (${notShown} hidden)` : ""}`;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={260}
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
    >
      <Popover.Target>
        {/* The dot: some columns are not shown. */}
        <Indicator disabled={notShown === 0} size={8} offset={4} color="blue">
          <Tooltip label={label} withinPortal disabled={opened}>
            <ActionIcon
              variant="default"
              size={36}
              aria-label={label}
              aria-haspopup="dialog"
              aria-expanded={opened}
              onClick={() => setOpened((open) => !open)}
              data-testid="column-chooser"
            >
              <IconColumns3 size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown aria-label={`Columns of ${table}`} data-testid="column-chooser-panel">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            Columns
          </Text>
          {choices.map((column) => (
            <Checkbox
              key={column.key}
              label={column.title}
              checked={column.chosen}
              disabled={column.required === true}
              description={
                column.required === true
                  ? "Always shown"
                  : column.chosen && column.squeezed
                    ? "Hidden while the window is this narrow"
                    : undefined
              }
              onChange={(event) => setChosen(column.key, event.currentTarget.checked)}
              data-testid={`column-choice-${column.key}`}
            />
          ))}
          <Button variant="subtle" size="compact-sm" onClick={reset} disabled={!anyHidden} data-testid="columns-reset">
            Show all columns
          </Button>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={resetWidths}
            disabled={!resized}
            data-testid="columns-reset-widths"
          >
            Reset column widths
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
