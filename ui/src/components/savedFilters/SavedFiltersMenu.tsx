import { ActionIcon, Button, Divider, Group, Popover, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconBookmark, IconBookmarkFilled, IconCheck, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { applyFilter, type DeletedFilter, filterQuery, findFilter } from "./savedFilters";
import { useSavedFilters } from "./useSavedFilters";

type SavedFiltersMenuProps = {
  /** Whose filters: each table keeps its own. */
  tableId: string;
  /** The table's name, for labels: "Saved filters of Runs". */
  table: string;
  /** The address parameters that make up the page's filters (and order). */
  params: readonly string[];
};

/**
 * The operator's named filter sets for one table: apply one, save the filters now in the address
 * under a name (the same name replaces it), or delete one, with Undo until the panel closes.
 */
export function SavedFiltersMenu({ tableId, table, params: names }: SavedFiltersMenuProps) {
  const [params, setParams] = useSearchParams();
  const { filters, save, remove, restore } = useSavedFilters(tableId);
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState("");
  const [deleted, setDeleted] = useState<DeletedFilter | null>(null);
  // Focus would be lost with the button that was pressed: it goes to Undo, then back to the filter.
  const [focusOn, setFocusOn] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOn === null) return;
    panel.current?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusOn)}"]`)?.focus();
    setFocusOn(null);
  }, [focusOn]);
  const current = filterQuery(params, names);
  const applied = filters.find((filter) => filter.query === current && current !== "");
  const replaces = name.trim() === "" ? undefined : findFilter(filters, name);

  const setOpen = (open: boolean) => {
    setOpened(open);
    // Undo lasts while the panel is open; closing it makes the deletion final.
    if (!open) {
      setDeleted(null);
      setName("");
    }
  };
  const apply = (query: string) => {
    setParams((previous) => applyFilter(previous, names, query), { replace: true });
    setOpen(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === "" || current === "") return;
    save(name, current);
    setName("");
  };
  const label = applied === undefined ? `Saved filters of ${table}` : `Saved filters of ${table}: ${applied.name}`;

  return (
    <Popover opened={opened} onChange={setOpen} position="bottom-end" width={300} shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Button
          variant="default"
          leftSection={
            applied === undefined ? (
              <IconBookmark size={16} aria-hidden />
            ) : (
              <IconBookmarkFilled size={16} aria-hidden />
            )
          }
          onClick={() => setOpen(!opened)}
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={opened}
          maw={220}
          data-testid="saved-filters"
        >
          <Text span inherit truncate="end">
            {applied?.name ?? "Saved filters"}
          </Text>
        </Button>
      </Popover.Target>
      <Popover.Dropdown ref={panel} aria-label={`Saved filters of ${table}`} data-testid="saved-filters-panel">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Saved filters
          </Text>
          {filters.length === 0 && deleted === null && (
            <Text size="sm" c="dimmed" data-testid="saved-filters-none">
              None saved yet. Set the filters, then save them here under a name.
            </Text>
          )}
          {filters.map((filter) => (
            <Group key={filter.name} gap={4} wrap="nowrap" data-testid="saved-filter">
              <Button
                variant={filter === applied ? "light" : "subtle"}
                color={filter === applied ? undefined : "gray"}
                size="compact-sm"
                justify="space-between"
                fullWidth
                rightSection={filter === applied ? <IconCheck size={14} aria-hidden /> : undefined}
                onClick={() => apply(filter.query)}
                aria-label={`Apply ${filter.name}`}
                aria-current={filter === applied || undefined}
                data-focus-key={`apply:${filter.name}`}
                styles={{ label: { overflow: "hidden", textOverflow: "ellipsis" } }}
                style={{ flex: 1, minWidth: 0 }}
              >
                {filter.name}
              </Button>
              <Tooltip label="Delete" withinPortal={false}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Delete ${filter.name}`}
                  onClick={() => {
                    setDeleted(remove(filter.name));
                    setFocusOn("undo");
                  }}
                >
                  <IconTrash size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          {deleted !== null && (
            <Group gap="xs" justify="space-between" wrap="nowrap" data-testid="saved-filter-deleted">
              <Text size="xs" c="dimmed" truncate="end">
                Deleted “{deleted.filter.name}”.
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  restore(deleted);
                  setDeleted(null);
                  setFocusOn(`apply:${deleted.filter.name}`);
                }}
                data-focus-key="undo"
              >
                Undo
              </Button>
            </Group>
          )}
          <Divider />
          <form onSubmit={submit}>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label="Save the current filters as"
                placeholder="Name"
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                disabled={current === ""}
                description={
                  current === ""
                    ? "No filter is set: there is nothing to save."
                    : replaces !== undefined
                      ? `Replaces the saved “${replaces.name}”.`
                      : undefined
                }
                maxLength={60}
                data-testid="saved-filter-name"
              />
              <Button
                type="submit"
                size="xs"
                mt={21}
                disabled={current === "" || name.trim() === ""}
                data-testid="saved-filter-save"
              >
                Save
              </Button>
            </Group>
          </form>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
