// Why Modal + Combobox primitives and not @mantine/spotlight: Spotlight keeps the highlighted
// action as a `data-selected` attribute that its store sets on the DOM when the query changes, so
// results that arrive later (runs and objects come from the backend after a debounce) would not be
// highlighted and Enter would open nothing, or a row that has since been replaced; its actions are
// plain buttons with no listbox/option roles or aria-activedescendant, so a screen reader hears
// nothing while the arrows move; and it is one more package pinned to @mantine/core's exact
// version. Here the highlight is React state keyed by result (kept while its result stays, else
// the first result), the input is an ARIA combobox over a listbox, and the look is Combobox's own.
import {
  Badge,
  Combobox,
  Group,
  Kbd,
  Loader,
  type MantineColor,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  useCombobox,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import {
  IconArrowRight,
  IconBuildingSkyscraper,
  type Icon as IconComponent,
  IconFileSettings,
  IconSearch,
} from "@tabler/icons-react";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useInventorySearch, useObjectTypes, useRunSearch, useTenants, useWorkspaceSearch } from "../api";
import type { InventoryItem, RunListRow, SearchResults, Tenant, TenantId, WorkspaceId } from "../bindings/types";
import { PALETTE_PAGES } from "../components/frame/navEntries";
import { relativeLabel } from "../components/RelativeTime";
import { useNow } from "../components/useNow";
import { runTypeLabel } from "../runs";
import { iconFor, present, toneColor } from "../vocabulary";
import { useCan } from "../workspace";
import classes from "./CommandPalette.module.css";
import {
  kindsList,
  MIN_REMOTE_SEARCH,
  matchPages,
  matchTenants,
  PALETTE_LIMIT,
  REMOTE_SEARCH_DEBOUNCE_MS,
  remoteSearch,
  tenantInView,
} from "./paletteResults";

type CommandPaletteProps = { opened: boolean; onClose: () => void; workspaceId: WorkspaceId };

/**
 * The command palette (Ctrl+K): pages, the workspace's tenants, the objects of the tenant on
 * screen and runs, by name (runs also by id), grouped by kind; arrows move, Enter opens, Esc
 * closes. Everything inside is mounted only while it is open, so each opening starts empty.
 */
export function CommandPalette({ opened, onClose, workspaceId }: CommandPaletteProps) {
  return (
    <Modal.Root opened={opened} onClose={onClose} size="lg" yOffset="12vh">
      <Modal.Overlay backgroundOpacity={0.35} blur={2} />
      <Modal.Content aria-label="Command palette" data-testid="command-palette">
        <PaletteBody workspaceId={workspaceId} onClose={onClose} />
      </Modal.Content>
    </Modal.Root>
  );
}

type Result = {
  /** Unique in the list: kind and id. */
  key: string;
  to: string;
  label: string;
  description: string | null;
  icon: IconComponent;
  badge: { label: string; color: MantineColor } | null;
};

type Section = { key: string; title: string; results: Result[]; note: string | null };

function PaletteBody({ workspaceId, onClose }: { workspaceId: WorkspaceId; onClose: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const can = useCan(workspaceId);
  // Only for the look of Combobox's parts: the highlight is ours (see the note at the top).
  const combobox = useCombobox();
  const idBase = useId();
  const listId = `${idBase}-results`;
  const [text, setText] = useState("");
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(text, REMOTE_SEARCH_DEBOUNCE_MS);
  const typed = remoteSearch(text);
  // What the backend is asked for: the text once typing paused, never text since shortened below the minimum.
  const search = typed === null ? null : remoteSearch(debounced);
  const tenantId = tenantInView(pathname);
  const searchesRuns = can("operations.view");

  const tenants = useTenants(workspaceId);
  const objectTypes = useObjectTypes();
  const objects = useInventorySearch(tenantId, search, PALETTE_LIMIT);
  // Outside a tenant, policies are found in every tenant at once.
  const everywhere = useWorkspaceSearch(workspaceId, tenantId === null ? search : null, { objectsOnly: true });
  const runs = useRunSearch(workspaceId, searchesRuns ? search : null, PALETTE_LIMIT);
  const now = useNow(60_000);

  const typeLabels = new Map((objectTypes.data ?? []).map((type) => [type.key, type.label]));
  const tenantName = tenants.data?.find((tenant) => tenant.id === tenantId)?.display_name ?? "this tenant";
  const sections: Section[] = [
    {
      key: "pages",
      title: "Pages",
      results: matchPages(
        PALETTE_PAGES.filter((entry) => entry.capability === undefined || can(entry.capability)),
        text,
      ).map((entry) => ({
        key: `page:${entry.to}`,
        to: entry.to,
        label: entry.label,
        description: null,
        icon: entry.icon,
        badge: null,
      })),
      note: null,
    },
    tenantSection(tenants.data ?? [], text, tenants.error?.message ?? null),
  ];
  if (tenantId !== null && search !== null) {
    sections.push(objectSection(tenantId, tenantName, search, objects, typeLabels));
  }
  if (tenantId === null && search !== null) sections.push(everywhereSection(search, everywhere));
  if (searchesRuns && search !== null) sections.push(runSection(search, runs, now));

  const results = sections.flatMap((section) => section.results);
  const activeIndex = Math.max(
    0,
    results.findIndex((result) => result.key === activeKey),
  );
  const active = results[activeIndex];
  const optionId = (index: number) => `${idBase}-result-${index}`;
  const searching =
    (typed !== null && typed !== search) || objects.isFetching || runs.isFetching || everywhere.isFetching;

  // The highlighted result stays in view as the arrows move it.
  const activeId = active === undefined ? null : optionId(activeIndex);
  useEffect(() => {
    if (activeId !== null) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  const open = (key: string) => {
    const result = results.find((r) => r.key === key);
    if (result === undefined) return;
    onClose();
    navigate(result.to);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (results.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActiveKey(results[(activeIndex + step + results.length) % results.length]?.key ?? null);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active !== undefined) open(active.key);
    }
  };

  const query = text.trim();
  const searched = [
    "tenant",
    ...(tenantId !== null && typed !== null ? ["object"] : []),
    ...(searchesRuns && typed !== null ? ["run"] : []),
    "page",
  ];
  const shortHint =
    typed === null
      ? ` Type ${MIN_REMOTE_SEARCH} characters or more to search ${
          tenantId !== null ? "this tenant's objects" : "every tenant's objects"
        }${searchesRuns ? " and runs" : ""} too.`
      : "";
  // Where each section's results start in the list the arrows walk.
  const starts = sections.map((_, i) => sections.slice(0, i).reduce((sum, s) => sum + s.results.length, 0));

  return (
    <Combobox store={combobox} onOptionSubmit={open}>
      <TextInput
        data-autofocus
        size="md"
        variant="unstyled"
        px="md"
        py={4}
        className={classes.search}
        placeholder={`Find a tenant${tenantId !== null ? ", object" : ""}${searchesRuns ? ", run" : ""} or page`}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setActiveKey(null);
        }}
        onKeyDown={onKeyDown}
        leftSection={<IconSearch size={18} aria-hidden />}
        rightSection={searching ? <Loader size={16} aria-hidden data-testid="palette-searching" /> : null}
        role="combobox"
        aria-label="Search tenants, objects, runs and pages"
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId ?? undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid="palette-input"
      />
      <VisuallyHidden aria-live="polite">
        {searching ? "Searching" : query === "" ? "" : `${results.length} results`}
      </VisuallyHidden>
      <ScrollArea.Autosize mah="min(26rem, 60vh)" type="auto">
        <Combobox.Options id={listId} aria-label="Results" aria-busy={searching} className={classes.list}>
          {sections.map((section, sectionIndex) =>
            section.results.length === 0 && section.note === null ? null : (
              <Combobox.Group key={section.key} label={section.title} data-testid={`palette-group-${section.key}`}>
                {section.results.map((result, i) => {
                  const position = (starts[sectionIndex] ?? 0) + i;
                  const Icon = result.icon;
                  return (
                    <Combobox.Option
                      key={result.key}
                      value={result.key}
                      id={optionId(position)}
                      selected={position === activeIndex}
                      aria-selected={position === activeIndex}
                      className={classes.option}
                      onMouseMove={() => {
                        if (position !== activeIndex) setActiveKey(result.key);
                      }}
                      data-testid="palette-result"
                    >
                      <Group gap="sm" wrap="nowrap">
                        <Icon size={18} aria-hidden className={classes.icon} />
                        <Stack gap={0} miw={0} flex={1}>
                          <Text size="sm" truncate="end">
                            {result.label}
                          </Text>
                          {result.description !== null && (
                            <Text size="xs" c="dimmed" truncate="end">
                              {result.description}
                            </Text>
                          )}
                        </Stack>
                        {result.badge !== null && (
                          <Badge size="sm" variant="light" radius="sm" color={result.badge.color}>
                            {result.badge.label}
                          </Badge>
                        )}
                      </Group>
                    </Combobox.Option>
                  );
                })}
                {section.note !== null && (
                  <Text size="xs" c="dimmed" px="sm" py={4}>
                    {section.note}
                  </Text>
                )}
              </Combobox.Group>
            ),
          )}
        </Combobox.Options>
        {query !== "" && results.length === 0 && !searching && (
          <Text size="sm" c="dimmed" ta="center" px="md" py="lg" data-testid="palette-empty">
            No {kindsList(searched)} matches “{query}”.{shortHint}
          </Text>
        )}
      </ScrollArea.Autosize>
      <Group gap="md" px="md" py={8} className={classes.footer} aria-hidden>
        <Hint keys={["↑", "↓"]} does="move" />
        <Hint keys={["Enter"]} does="open" />
        <Hint keys={["Esc"]} does="close" />
      </Group>
    </Combobox>
  );
}

function Hint({ keys, does }: { keys: string[]; does: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((key) => (
        <Kbd key={key} size="xs">
          {key}
        </Kbd>
      ))}
      <Text size="xs" c="dimmed">
        {does}
      </Text>
    </Group>
  );
}

function tenantSection(tenants: readonly Tenant[], text: string, error: string | null): Section {
  const { shown, total } = matchTenants(tenants, text);
  const more = total - shown.length;
  return {
    key: "tenants",
    title: "Tenants",
    results: shown.map((tenant) => {
      const status = present("tenant_status", tenant.status);
      return {
        key: `tenant:${tenant.id}`,
        to: `/tenants/${tenant.id}`,
        label: tenant.display_name,
        description: tenant.primary_domain ?? tenant.directory_tenant_id,
        icon: IconBuildingSkyscraper,
        badge: tenant.status === "active" ? null : { label: status.label, color: toneColor(status.tone) },
      };
    }),
    note:
      error !== null && text.trim() !== ""
        ? `Tenants could not be loaded: ${error}`
        : more > 0
          ? `${more.toLocaleString()} more ${more === 1 ? "tenant matches" : "tenants match"}: type more of the name.`
          : null,
  };
}

type SearchState<T> = { data: T | undefined; error: { message: string } | null };

function objectSection(
  tenantId: TenantId,
  tenantName: string,
  search: string,
  objects: SearchState<{ items: InventoryItem[]; total: number }>,
  typeLabels: ReadonlyMap<string, string>,
): Section {
  const items = objects.data?.items ?? [];
  const total = objects.data?.total ?? 0;
  const results: Result[] = items.map((item) => ({
    key: `object:${item.id}`,
    to: `/tenants/${tenantId}/objects/${item.id}`,
    label: item.display_name,
    description: typeLabels.get(item.object_type) ?? item.object_type,
    icon: IconFileSettings,
    badge: null,
  }));
  if (total > items.length) {
    results.push({
      key: "object:all",
      to: `/tenants/${tenantId}?q=${encodeURIComponent(search)}`,
      label: `All ${total.toLocaleString()} matching objects`,
      description: `The inventory of ${tenantName}, searched for “${search}”`,
      icon: IconArrowRight,
      badge: null,
    });
  }
  return {
    key: "objects",
    title: `Objects in ${tenantName}`,
    results,
    note: objects.error === null ? null : `Objects could not be searched: ${objects.error.message}`,
  };
}

/** Policies and other objects whose name matches, in every tenant of the workspace. */
function everywhereSection(search: string, found: SearchState<SearchResults>): Section {
  const objects = found.data?.objects ?? [];
  const shown = objects.slice(0, PALETTE_LIMIT);
  const results: Result[] = shown.map((object) => ({
    key: `everywhere:${object.item_id}`,
    to: `/tenants/${object.tenant_id}/objects/${object.item_id}`,
    label: object.display_name,
    description: `${object.type_label} · ${object.tenant_name}`,
    icon: IconFileSettings,
    badge: null,
  }));
  // The Search page has the rest: more objects, and the settings and groups the palette skips.
  if (objects.length > 0) {
    results.push({
      key: "everywhere:all",
      to: `/search?q=${encodeURIComponent(search)}`,
      label: "Search every tenant",
      description: `Objects, settings and groups named like “${search}”`,
      icon: IconArrowRight,
      badge: null,
    });
  }
  return {
    key: "everywhere",
    title: "Objects in every tenant",
    results,
    note: found.error === null ? null : `Tenants could not be searched: ${found.error.message}`,
  };
}

function runSection(
  search: string,
  runs: SearchState<{ items: RunListRow[]; total: number; total_capped: boolean }>,
  now: Date,
): Section {
  const rows = runs.data?.items ?? [];
  const results: Result[] = rows.map(({ run, tenant_name }) => {
    const type = runTypeLabel(run);
    const state = run.status === "completed" ? present("run_outcome", run.outcome) : present("run_status", run.status);
    return {
      key: `run:${run.id}`,
      to: `/runs/${run.id}`,
      label: tenant_name === null ? type : `${type} · ${tenant_name}`,
      description: `${state.label} · ${relativeLabel(new Date(run.created_at), now)} · ${run.id.slice(0, 8)}…`,
      icon: iconFor(state.icon),
      badge: null,
    };
  });
  const total = runs.data?.total ?? 0;
  if (total > rows.length) {
    const count = runs.data?.total_capped ? `${total.toLocaleString()}+` : total.toLocaleString();
    results.push({
      key: "run:all",
      to: `/operations?q=${encodeURIComponent(search)}`,
      label: `All ${count} matching runs`,
      description: `Operations, searched for “${search}”`,
      icon: IconArrowRight,
      badge: null,
    });
  }
  return {
    key: "runs",
    title: "Runs",
    results,
    note: runs.error === null ? null : `Runs could not be searched: ${runs.error.message}`,
  };
}
