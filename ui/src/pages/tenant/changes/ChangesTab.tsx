import { Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { useTenantChanges } from "../../../api";
import type { Tenant } from "../../../bindings/types";
import { ErrorState } from "../../../components/ErrorState";
import { slots } from "../../../components/slots";
import { SyncEmptyState } from "../SyncEmptyState";
import { ChangeEntry } from "./ChangeEntry";

/** The tenant's configuration over time: every sync that changed it, newest first, older ones on request. */
export function ChangesTab({ tenant }: { tenant: Tenant }) {
  const changes = useTenantChanges(tenant.id);
  if (changes.isPending) {
    return (
      <Stack gap="sm" data-testid="changes-loading" aria-busy="true">
        {slots(3).map((slot) => (
          <Skeleton key={slot} height={88} radius="md" />
        ))}
      </Stack>
    );
  }
  if (changes.isError && changes.data === undefined) {
    return (
      <ErrorState
        title="This tenant's changes could not be loaded"
        message={changes.error.message}
        onRetry={() => void changes.refetch()}
        retrying={changes.isFetching}
      />
    );
  }
  const entries = changes.data.pages.flatMap((page) => page.entries);
  if (entries.length === 0) {
    return (
      <SyncEmptyState
        tenant={tenant}
        kind="policies"
        icon={IconHistory}
        title="No changes recorded yet"
        description="Run Sync policies to capture versions. Every sync that adds, changes or removes a policy is then listed here, newest first."
        data-testid="changes-empty"
      />
    );
  }
  return (
    <Stack gap="sm" data-testid="changes-tab">
      <Text size="sm" c="dimmed">
        Syncs that changed {tenant.display_name}'s configuration, newest first. A changed policy links to what changed
        in it.
      </Text>
      {entries.map((entry) => (
        <ChangeEntry key={entry.run.id} tenantId={tenant.id} entry={entry} />
      ))}
      {changes.isFetchNextPageError && (
        <ErrorState
          title="Older changes could not be loaded"
          message={changes.error?.message ?? ""}
          onRetry={() => void changes.fetchNextPage()}
          retrying={changes.isFetchingNextPage}
        />
      )}
      {changes.hasNextPage && !changes.isFetchNextPageError && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void changes.fetchNextPage()}
            loading={changes.isFetchingNextPage}
            data-testid="changes-older"
          >
            Load older changes
          </Button>
        </Group>
      )}
      {!changes.hasNextPage && changes.data.pages.length > 1 && (
        <Text size="xs" c="dimmed" ta="center" data-testid="changes-end">
          That is every recorded change.
        </Text>
      )}
    </Stack>
  );
}
