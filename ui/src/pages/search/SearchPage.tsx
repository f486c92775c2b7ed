import { Alert, Anchor, Loader, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconBuildingSkyscraper, IconInfoCircle, IconSearch, IconSearchOff } from "@tabler/icons-react";
import { useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { useTenants, useWorkspaceSearch } from "../../api";
import type { SearchResults, WorkspaceSummary } from "../../bindings/types";
import { focusFirstItem, onArrowKeys } from "../../components/arrowFocus";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { slots } from "../../components/slots";
import { useDebouncedSearch } from "../../components/useDebouncedSearch";
import { useCurrentWorkspace } from "../../workspace";
import { SearchResultsList } from "./SearchResultsList";
import { MIN_SEARCH_LENGTH, readSearch, resultCount, searchTerm, writeSearch } from "./searchView";

/** Every tenant of the workspace searched at once: objects, settings and groups by name. */
export function SearchPage() {
  const { current } = useCurrentWorkspace();
  // Keyed by workspace: another workspace's results must not show while its own are read.
  return <WorkspaceSearch key={current.workspace.id} workspace={current} />;
}

function WorkspaceSearch({ workspace }: { workspace: WorkspaceSummary }) {
  const workspaceId = workspace.workspace.id;
  const [params, setParams] = useSearchParams();
  const view = { search: readSearch(params) };
  const [text, setText] = useDebouncedSearch(view, (next) =>
    setParams((currentParams) => writeSearch(currentParams, next.search), { replace: true }),
  );
  const term = searchTerm(view.search);
  const results = useWorkspaceSearch(workspaceId, term);
  const tenants = useTenants(workspaceId);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const typed = text.trim();
  const searching = term !== null && results.isFetching;

  return (
    <Stack gap="md" data-testid="search-page">
      <PageHeader
        heading={
          <Stack gap={4}>
            <Title order={2} size="h3">
              Search
            </Title>
            <Text size="sm" c="dimmed">
              Policies and other objects, settings by their name in the portal, and groups, in every tenant of{" "}
              {workspace.workspace.name} at once.
            </Text>
          </Stack>
        }
      />
      <TextInput
        ref={input}
        size="md"
        maw={640}
        placeholder="Search by name, e.g. Defender or BitLocker"
        aria-label="Search every tenant"
        description={`At least ${MIN_SEARCH_LENGTH} characters. ↓ moves into the results, ↑ and ↓ through them, Enter opens one.`}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={searching ? <Loader size={16} aria-label="Searching" /> : undefined}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && focusFirstItem(list.current)) event.preventDefault();
        }}
        // The page is for searching: the box is where the operator starts.
        autoFocus
        data-testid="search-input"
      />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: ↑/↓ pressed on a result link (the interactive elements) move focus to the next; this wrapper only listens for them. */}
      <div ref={list} onKeyDown={(event) => onArrowKeys(event, list.current, input.current)}>
        {tenants.data?.length === 0 ? (
          <EmptyState
            icon={IconBuildingSkyscraper}
            title="No tenants to search"
            description={`${workspace.workspace.name} has no tenants yet. Add one, sync it, and its policies, settings and groups can be found here.`}
            action={
              <Anchor component={Link} to="/tenants">
                Go to Tenants
              </Anchor>
            }
            data-testid="search-no-tenants"
          />
        ) : typed === "" ? (
          <EmptyState
            icon={IconSearch}
            title="Search every tenant at once"
            description="Type part of a name: a policy or any other object, a setting as the portal names it (with the policies that configure it), or a group. Results link to each object."
            data-testid="search-intro"
          />
        ) : typed.length < MIN_SEARCH_LENGTH ? (
          <Text size="sm" c="dimmed" data-testid="search-too-short">
            Type at least {MIN_SEARCH_LENGTH} characters: a single one would match nearly everything in every tenant.
          </Text>
        ) : (
          <Results results={results} term={term} />
        )}
      </div>
    </Stack>
  );
}

type ResultsProps = {
  results: ReturnType<typeof useWorkspaceSearch>;
  /** The words searched for; null while typing has not paused on enough characters. */
  term: string | null;
};

function Results({ results, term }: ResultsProps) {
  if (term === null || results.isPending) {
    return (
      <Stack gap={6} data-testid="search-loading" aria-busy="true">
        {slots(6).map((slot) => (
          <Skeleton key={slot} height={30} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (results.isError) {
    return (
      <ErrorState
        title="The search could not be completed"
        message={results.error.message}
        onRetry={() => void results.refetch()}
        retrying={results.isFetching}
      />
    );
  }
  const found = total(results.data);
  // While the next words are searched, the last results stay, dimmed.
  const stale = results.isPlaceholderData;
  if (found === 0) {
    return stale ? null : (
      <EmptyState
        icon={IconSearchOff}
        title={`Nothing found for “${term}”`}
        description="No policy, object, setting or group in any tenant of this workspace has a name containing these words. Check the spelling, or search for a shorter part of the name."
        data-testid="search-empty"
      />
    );
  }
  return (
    <Stack gap="md" style={{ opacity: stale ? 0.6 : 1 }} aria-busy={stale || undefined} data-testid="search-results">
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="search-count">
        {resultCount(found)} for “{term}”
      </Text>
      {results.data.truncated && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title="More results than shown — refine the search"
          data-testid="search-truncated"
        >
          Some kinds had more matches than are listed. Add words to the search to find the one you are looking for.
        </Alert>
      )}
      <SearchResultsList results={results.data} term={term} />
    </Stack>
  );
}

function total(results: SearchResults): number {
  return results.objects.length + results.settings.length + results.groups.length;
}
